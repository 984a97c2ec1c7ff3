import type { JsonObject, JsonValue } from '../sandbox.js';
import { optionalBoolean, requireArray, requireEnum, requireObject, requireString } from './json-input.js';
import { COLORS, blockTypeOf } from './model.js';
import { fieldError, validationError } from './notion-errors.js';
import { NOTION_LIMITS, checkMaxLength } from './request-limits.js';
import { normalizeRichText } from './rich-text.js';

/** A validated block from a request, not yet written. */
export type BlockDraft = { type: string; content: JsonObject; children: BlockDraft[] };

/** The languages Notion's code block accepts (API enum). */
export const CODE_LANGUAGES = [
  'abap',
  'agda',
  'arduino',
  'ascii art',
  'assembly',
  'bash',
  'basic',
  'bnf',
  'c',
  'c#',
  'c++',
  'clojure',
  'coffeescript',
  'coq',
  'css',
  'dart',
  'dhall',
  'diff',
  'docker',
  'ebnf',
  'elixir',
  'elm',
  'erlang',
  'f#',
  'flow',
  'fortran',
  'gherkin',
  'glsl',
  'go',
  'graphql',
  'groovy',
  'haskell',
  'hcl',
  'html',
  'idris',
  'java',
  'javascript',
  'json',
  'julia',
  'kotlin',
  'latex',
  'less',
  'lisp',
  'livescript',
  'llvm ir',
  'lua',
  'makefile',
  'markdown',
  'markup',
  'matlab',
  'mathematica',
  'mermaid',
  'nix',
  'notion formula',
  'objective-c',
  'ocaml',
  'pascal',
  'perl',
  'php',
  'plain text',
  'powershell',
  'prolog',
  'protobuf',
  'purescript',
  'python',
  'r',
  'racket',
  'reason',
  'ruby',
  'rust',
  'sass',
  'scala',
  'scheme',
  'scss',
  'shell',
  'smalltalk',
  'solidity',
  'sql',
  'swift',
  'toml',
  'typescript',
  'vb.net',
  'verilog',
  'vhdl',
  'visual basic',
  'webassembly',
  'xml',
  'yaml',
  'java/c/c++/c#',
] as const;

const PLAIN_TEXT_TYPES = new Set(['paragraph', 'bulleted_list_item', 'numbered_list_item', 'quote', 'toggle']);
const HEADING_TYPES = new Set(['heading_1', 'heading_2', 'heading_3']);

/** Block types that may hold children (headings only when toggleable, tables only rows). */
export function acceptsChildren(type: string, content: JsonObject): boolean {
  if (HEADING_TYPES.has(type)) return content['is_toggleable'] === true;
  return PLAIN_TEXT_TYPES.has(type) || ['to_do', 'callout', 'table'].includes(type);
}

function color(value: unknown, path: string): string {
  return value === undefined ? 'default' : requireEnum(value, COLORS, path);
}

function richText(payload: JsonObject, path: string): JsonValue {
  return normalizeRichText(payload['rich_text'], `${path}.rich_text`);
}

function caption(payload: JsonObject, path: string): JsonValue {
  return payload['caption'] === undefined ? [] : normalizeRichText(payload['caption'], `${path}.caption`);
}

function url(value: unknown, path: string): string {
  const text = requireString(value, path);
  checkMaxLength(text, NOTION_LIMITS.url, path);
  return text;
}

export function normalizeIcon(value: unknown, path: string): JsonObject | null {
  if (value === null) return null;
  const icon = requireObject(value, path);
  const type = icon['type'] ?? (icon['emoji'] !== undefined ? 'emoji' : 'external');
  if (type === 'emoji') return { type: 'emoji', emoji: requireString(icon['emoji'], `${path}.emoji`) };
  if (type === 'external') {
    const external = requireObject(icon['external'], `${path}.external`);
    return { type: 'external', external: { url: url(external['url'], `${path}.external.url`) } };
  }
  throw fieldError(`${path}.type`, 'should be `"emoji"` or `"external"`', type);
}

/** Page covers can only be external files through the API. */
export function normalizeCover(value: unknown, path: string): JsonObject | null {
  if (value === null) return null;
  const cover = requireObject(value, path);
  if (cover['type'] !== undefined && cover['type'] !== 'external')
    throw fieldError(`${path}.type`, 'should be `"external"`', cover['type']);
  const external = requireObject(cover['external'], `${path}.external`);
  return { type: 'external', external: { url: url(external['url'], `${path}.external.url`) } };
}

function tableCells(payload: JsonObject, path: string): JsonValue {
  return requireArray(payload['cells'], `${path}.cells`).map((cell, index) =>
    normalizeRichText(cell, `${path}.cells[${index}]`),
  );
}

/** The normalized type object of one block (without `children`), as Notion stores and returns it. */
export function normalizeBlockContent(type: string, payload: JsonObject, path: string): JsonObject {
  if (PLAIN_TEXT_TYPES.has(type))
    return { rich_text: richText(payload, path), color: color(payload['color'], `${path}.color`) };
  if (HEADING_TYPES.has(type)) {
    return {
      rich_text: richText(payload, path),
      is_toggleable: optionalBoolean(payload['is_toggleable'], `${path}.is_toggleable`) ?? false,
      color: color(payload['color'], `${path}.color`),
    };
  }
  switch (type) {
    case 'to_do':
      return {
        rich_text: richText(payload, path),
        checked: optionalBoolean(payload['checked'], `${path}.checked`) ?? false,
        color: color(payload['color'], `${path}.color`),
      };
    case 'callout':
      return {
        rich_text: richText(payload, path),
        icon:
          payload['icon'] === undefined
            ? { type: 'emoji', emoji: '💡' }
            : normalizeIcon(payload['icon'], `${path}.icon`),
        color: color(payload['color'], `${path}.color`),
      };
    case 'code':
      return {
        caption: caption(payload, path),
        rich_text: richText(payload, path),
        language:
          payload['language'] === undefined
            ? 'plain text'
            : requireEnum(payload['language'], CODE_LANGUAGES, `${path}.language`),
      };
    case 'divider':
      return {};
    case 'image': {
      // Only external images can be created through the API without a file upload.
      const external = requireObject(payload['external'], `${path}.external`);
      return {
        caption: caption(payload, path),
        type: 'external',
        external: { url: url(external['url'], `${path}.external.url`) },
      };
    }
    case 'bookmark':
      return { caption: caption(payload, path), url: url(payload['url'], `${path}.url`) };
    case 'embed':
      return { caption: caption(payload, path), url: url(payload['url'], `${path}.url`) };
    case 'table': {
      const width = payload['table_width'];
      if (typeof width !== 'number' || !Number.isInteger(width) || width < 1) {
        throw fieldError(
          `${path}.table_width`,
          width === undefined ? 'should be defined' : 'should be a positive integer',
          width,
        );
      }
      return {
        table_width: width,
        has_column_header: optionalBoolean(payload['has_column_header'], `${path}.has_column_header`) ?? false,
        has_row_header: optionalBoolean(payload['has_row_header'], `${path}.has_row_header`) ?? false,
      };
    }
    case 'table_row':
      return { cells: tableCells(payload, path) };
    case 'child_page':
    case 'child_database':
      throw validationError(
        `body failed validation: ${path} cannot be created as a block; create pages with POST /v1/pages and databases with POST /v1/databases.`,
      );
    default:
      throw fieldError(path, 'is not a supported block type', type);
  }
}

function checkTableRows(table: JsonObject, rows: BlockDraft[], path: string): void {
  if (rows.length === 0) throw fieldError(`${path}.children`, 'should be defined', undefined);
  rows.forEach((row, index) => {
    if (row.type !== 'table_row')
      throw fieldError(`${path}.children[${index}].type`, 'should be `"table_row"`', row.type);
    const cells = row.content['cells'];
    const width = Array.isArray(cells) ? cells.length : 0;
    if (width !== table['table_width']) {
      throw validationError(
        `body failed validation: ${path}.children[${index}].table_row.cells.length should be \`${JSON.stringify(table['table_width'])}\` (table_width), instead was \`${width}\`.`,
      );
    }
  });
}

function normalizeBlock(value: JsonValue, path: string): BlockDraft {
  const block = requireObject(value, path);
  const type = blockTypeOf(block);
  if (type === undefined) throw fieldError(`${path}.type`, 'should be defined', undefined);
  const payloadPath = `${path}.${type}`;
  const payload = requireObject(block[type], payloadPath);
  const content = normalizeBlockContent(type, payload, payloadPath);
  const rawChildren = payload['children'];
  let children: BlockDraft[] = [];
  if (rawChildren !== undefined) {
    if (!acceptsChildren(type, content))
      throw fieldError(`${payloadPath}.children`, 'should be not present', rawChildren);
    children = normalizeBlocks(rawChildren, `${payloadPath}.children`);
  }
  if (type === 'table') checkTableRows(content, children, payloadPath);
  return { type, content, children };
}

/** Validates a children array into drafts. Size limits are checked first by `checkBlockTree`. */
export function normalizeBlocks(value: unknown, path: string): BlockDraft[] {
  return requireArray(value, path).map((block, index) => normalizeBlock(block, `${path}[${index}]`));
}
