import type { JsonValue } from '../sandbox.js';
import { isObject } from '../../json-object.js';
import { optionalBoolean, requireArray, requireEnum, requireObject, requireString } from './json-input.js';
import { COLORS, type Annotations, type RichText } from './model.js';
import { fieldError } from './notion-errors.js';
import { NOTION_LIMITS, checkMaxItems, checkMaxLength } from './request-limits.js';

const DEFAULT_ANNOTATIONS: Annotations = {
  bold: false,
  italic: false,
  strikethrough: false,
  underline: false,
  code: false,
  color: 'default',
};

function normalizeAnnotations(value: unknown, path: string): Annotations {
  if (value === undefined) return { ...DEFAULT_ANNOTATIONS };
  const input = requireObject(value, path);
  const flag = (name: keyof Omit<Annotations, 'color'>): boolean =>
    optionalBoolean(input[name], `${path}.${name}`) ?? DEFAULT_ANNOTATIONS[name];
  return {
    bold: flag('bold'),
    italic: flag('italic'),
    strikethrough: flag('strikethrough'),
    underline: flag('underline'),
    code: flag('code'),
    color: input['color'] === undefined ? 'default' : requireEnum(input['color'], COLORS, `${path}.color`),
  };
}

function normalizeLink(value: unknown, path: string): { url: string } | null {
  if (value === undefined || value === null) return null;
  const link = requireObject(value, path);
  const url = requireString(link['url'], `${path}.url`);
  checkMaxLength(url, NOTION_LIMITS.linkUrl, `${path}.url`);
  return { url };
}

function normalizeItem(value: JsonValue, path: string): RichText {
  const item = requireObject(value, path);
  const annotations = normalizeAnnotations(item['annotations'], `${path}.annotations`);
  const type = item['type'] ?? (item['equation'] !== undefined ? 'equation' : 'text');
  if (type === 'text') {
    const text = requireObject(item['text'], `${path}.text`);
    const content = requireString(text['content'], `${path}.text.content`);
    checkMaxLength(content, NOTION_LIMITS.textContent, `${path}.text.content`);
    const link = normalizeLink(text['link'], `${path}.text.link`);
    return { type: 'text', text: { content, link }, annotations, plain_text: content, href: link?.url ?? null };
  }
  if (type === 'equation') {
    const equation = requireObject(item['equation'], `${path}.equation`);
    const expression = requireString(equation['expression'], `${path}.equation.expression`);
    checkMaxLength(expression, NOTION_LIMITS.equationExpression, `${path}.equation.expression`);
    return { type: 'equation', equation: { expression }, annotations, plain_text: expression, href: null };
  }
  // Mentions are not modelled by the sandbox; refusing is clearer than storing them half-understood.
  throw fieldError(`${path}.type`, 'should be `"text"` or `"equation"`', type);
}

/** Validates a rich text array (≤100 items, ≤2000 characters per text) and fills `plain_text` and `href`. */
export function normalizeRichText(value: unknown, path: string): RichText[] {
  const items = requireArray(value, path);
  checkMaxItems(items.length, NOTION_LIMITS.richTextItems, path);
  return items.map((item, index) => normalizeItem(item, `${path}[${index}]`));
}

export function plainText(items: readonly RichText[] | JsonValue | undefined): string {
  if (!Array.isArray(items)) return '';
  return items
    .map((item) => (isObject(item) && typeof item['plain_text'] === 'string' ? item['plain_text'] : ''))
    .join('');
}

/** One text item, for seed data and the simplified tool format. */
export function textItem(
  content: string,
  options: { bold?: boolean; italic?: boolean; code?: boolean; link?: string } = {},
): RichText {
  const link = options.link === undefined ? null : { url: options.link };
  return {
    type: 'text',
    text: { content, link },
    annotations: {
      ...DEFAULT_ANNOTATIONS,
      bold: options.bold ?? false,
      italic: options.italic ?? false,
      code: options.code ?? false,
    },
    plain_text: content,
    href: link?.url ?? null,
  };
}
