// Raw Notion API block objects (version 2022-06-28) and constructors that respect Notion's
// request limits by splitting, never by cutting text off.

import { NOTION_CODE_LANGUAGES, NOTION_LIMITS as NOTION_API_LIMITS, type LanguageRequest } from '@repo/notion-client';

/** Notion's limits of a write request (kept in @repo/notion-client), under the names used here. */
export const NOTION_LIMITS = {
  richTextChars: NOTION_API_LIMITS.richTextContentLength,
  linkUrlChars: NOTION_API_LIMITS.urlLength,
  richTextItems: NOTION_API_LIMITS.richTextArrayLength,
  blocksPerAppend: NOTION_API_LIMITS.childrenPerArray,
  blockElementsPerRequest: NOTION_API_LIMITS.blocksPerRequest,
  /** Children and grandchildren: two levels below the blocks of the request. */
  nestingLevels: NOTION_API_LIMITS.nestingLevelsPerRequest,
} as const;

export interface RichTextItem {
  type: 'text';
  text: { content: string; link: { url: string } | null };
  annotations?: { bold?: boolean; italic?: boolean; code?: boolean };
}

export type TextBlockType =
  | 'paragraph'
  | 'heading_1'
  | 'heading_2'
  | 'heading_3'
  | 'bulleted_list_item'
  | 'numbered_list_item'
  | 'quote'
  | 'callout'
  | 'toggle';

export interface TextBlockBody {
  rich_text: RichTextItem[];
  children?: NotionBlock[];
}

/** A block whose body sits under the key named by its type, e.g. `{ type: 'paragraph', paragraph: {...} }`. */
export type NotionTextBlock = {
  [K in TextBlockType]: { object: 'block'; type: K } & { [P in K]: TextBlockBody };
}[TextBlockType];

export interface CodeBlock {
  object: 'block';
  type: 'code';
  code: { rich_text: RichTextItem[]; language: LanguageRequest };
}

export interface DividerBlock {
  object: 'block';
  type: 'divider';
  divider: Record<string, never>;
}

export type NotionBlock = NotionTextBlock | CodeBlock | DividerBlock;

export interface RichTextOptions {
  /** Links the whole text; dropped (text kept) when it is not an http(s) or mailto URL of at most 2000 characters. */
  url?: string;
  bold?: boolean;
  italic?: boolean;
  code?: boolean;
}

/** Rich text items for a text of any length, one per 2000-character piece. */
export function richText(content: string, options: RichTextOptions = {}): RichTextItem[] {
  const url = options.url === undefined ? undefined : linkableUrl(options.url);
  const annotations = {
    ...(options.bold === true ? { bold: true } : {}),
    ...(options.italic === true ? { italic: true } : {}),
    ...(options.code === true ? { code: true } : {}),
  };
  const hasAnnotations = Object.keys(annotations).length > 0;
  return splitText(content, NOTION_LIMITS.richTextChars).map((piece) => ({
    type: 'text',
    text: { content: piece, link: url === undefined ? null : { url } },
    ...(hasAnnotations ? { annotations } : {}),
  }));
}

/**
 * Pieces of at most `maxChars` UTF-16 units that join back to the exact text. A piece ends
 * after whitespace when there is some in its second half (nicer when pieces become separate
 * blocks) and never inside a surrogate pair.
 */
export function splitText(text: string, maxChars: number): string[] {
  if (!Number.isInteger(maxChars) || maxChars < 2)
    throw new RangeError(`maxChars must be an integer >= 2, got ${maxChars}`);
  const pieces: string[] = [];
  let rest = text;
  while (rest.length > maxChars) {
    let end = maxChars;
    const window = rest.slice(Math.floor(maxChars / 2), maxChars);
    const lastSpace = window.search(/\s\S*$/u);
    if (lastSpace >= 0) end = Math.floor(maxChars / 2) + lastSpace + 1;
    else if (isHighSurrogate(rest.charCodeAt(end - 1))) end -= 1;
    pieces.push(rest.slice(0, end));
    rest = rest.slice(end);
  }
  if (rest.length > 0 || pieces.length === 0) pieces.push(rest);
  return pieces;
}

/**
 * One block of `type`, or several when the rich text has more than 100 items (over 200,000
 * characters); children go to the last of them so they still follow their text.
 */
export function textBlocks(
  type: TextBlockType,
  content: string | RichTextItem[],
  children?: NotionBlock[],
): NotionBlock[] {
  const items = typeof content === 'string' ? richText(content) : content;
  const groups: RichTextItem[][] = [];
  for (let start = 0; start < items.length; start += NOTION_LIMITS.richTextItems) {
    groups.push(items.slice(start, start + NOTION_LIMITS.richTextItems));
  }
  if (groups.length === 0) groups.push([]);
  return groups.map((group, index) => {
    const body: TextBlockBody = { rich_text: group };
    if (children !== undefined && children.length > 0 && index === groups.length - 1) body.children = children;
    // The computed key is the block's own type, which the mapped type cannot follow.
    return { object: 'block', type, [type]: body } as NotionTextBlock;
  });
}

/** The language as Notion names it; one it does not know (Notion refuses those) becomes plain text. */
export function notionLanguage(name: string | undefined): LanguageRequest {
  const key = name?.trim().toLowerCase() ?? '';
  return NOTION_CODE_LANGUAGES.find((language) => language === key) ?? 'plain text';
}

export function codeBlocks(content: string, name?: string): NotionBlock[] {
  const language = notionLanguage(name);
  const items = richText(content);
  const blocks: NotionBlock[] = [];
  for (let start = 0; start < items.length; start += NOTION_LIMITS.richTextItems) {
    blocks.push({
      object: 'block',
      type: 'code',
      code: { rich_text: items.slice(start, start + NOTION_LIMITS.richTextItems), language },
    });
  }
  return blocks;
}

export function dividerBlock(): DividerBlock {
  return { object: 'block', type: 'divider', divider: {} };
}

/** The rich text and children of any block (empty for a divider). */
export function blockContent(block: NotionBlock): { richText: RichTextItem[]; children: NotionBlock[] } {
  if (block.type === 'divider') return { richText: [], children: [] };
  if (block.type === 'code') return { richText: block.code.rich_text, children: [] };
  // Same computed-key limitation as in textBlocks.
  const body = (block as unknown as Record<string, TextBlockBody>)[block.type];
  return { richText: body?.rich_text ?? [], children: body?.children ?? [] };
}

/** The plain text of a block's rich text. */
export function blockPlainText(block: NotionBlock): string {
  return blockContent(block)
    .richText.map((item) => item.text.content)
    .join('');
}

function linkableUrl(url: string): string | undefined {
  if (url.length > NOTION_LIMITS.linkUrlChars) return undefined;
  try {
    const protocol = new URL(url).protocol;
    return protocol === 'http:' || protocol === 'https:' || protocol === 'mailto:' ? url : undefined;
  } catch {
    return undefined;
  }
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}
