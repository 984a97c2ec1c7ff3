/**
 * Notion's per-block size limits, applied without losing content: long text is split into
 * several rich-text items, too many items continue in further blocks, long code becomes
 * several code blocks, long tables several tables with the header row repeated. Where the
 * only way to fit is to drop something (a link URL over 2000 characters, a table cell with
 * more text than a request can carry), the text stays and a warning says what was dropped.
 *
 * Limits on requests (children per call, nesting depth, blocks and bytes per payload) are the
 * write plan's business; see `planPageWrite`.
 */
import { NOTION_LIMITS } from '@repo/notion-client';
import type { CodeBlock, NotionBlock, RichText, TableBlock, TableRowBlock } from './block-types.js';
import { getChildren, getRichText, isHeadingBlock, isTextBlock, withChildren, withRichText } from './block-tree.js';
import { mergeRichText, PLAIN_STYLE, plainText, richText } from './rich-text.js';

/** Notion's published limits live with the client that writes to Notion. */
export { NOTION_LIMITS };

/**
 * Margins below the published limits: one block (with its table rows) stays small enough that
 * several fit into a request, and a request leaves room for page properties and JSON framing.
 */
export const SAFE_BUDGETS = {
  blockBytes: 200_000,
  cellBytes: 40_000,
  requestBytes: 450_000,
} as const;

const encoder = new TextEncoder();

/** Size of a value as the UTF-8 JSON that goes over the wire. */
export function jsonBytes(value: unknown): number {
  return encoder.encode(JSON.stringify(value)).length;
}

/** Size of the block itself, without its nested children (table rows count: they travel together). */
export function ownBlockBytes(block: NotionBlock): number {
  return block.type === 'table' ? jsonBytes(block) : jsonBytes(withChildren(block, []));
}

// ---------------------------------------------------------------------------------------------
// Text splitting

/**
 * Splits `text` into pieces of at most `max` UTF-16 units whose concatenation is `text`,
 * cutting after a newline (when `preferNewlines`) or other whitespace in the second half of
 * the window, else at the window's end without separating a surrogate pair.
 */
export function splitText(
  text: string,
  max: number = NOTION_LIMITS.richTextContentLength,
  preferNewlines = false,
): string[] {
  if (max < 2) throw new Error('max must be at least 2');
  const pieces: string[] = [];
  let rest = text;
  while (rest.length > max) {
    const window = rest.slice(0, max);
    let cut = -1;
    if (preferNewlines) cut = window.lastIndexOf('\n') + 1;
    if (cut <= max / 2) cut = lastWhitespace(window) + 1;
    if (cut <= max / 2) {
      cut = max;
      const code = rest.charCodeAt(cut - 1);
      if (code >= 0xd800 && code <= 0xdbff) cut -= 1;
    }
    pieces.push(rest.slice(0, cut));
    rest = rest.slice(cut);
  }
  if (rest !== '' || pieces.length === 0) pieces.push(rest);
  return pieces;
}

function lastWhitespace(text: string): number {
  for (let i = text.length - 1; i >= 0; i--) {
    const c = text.charCodeAt(i);
    if (c === 0x20 || c === 0x0a || c === 0x09 || c === 0x0d || c === 0x0c || c === 0xa0) return i;
  }
  return -1;
}

function dropLongLinks(items: readonly RichText[], warnings: string[], where: string): RichText[] {
  return items.map((item) => {
    const link = item.text.link;
    if (link === null || link.url.length <= NOTION_LIMITS.urlLength) return item;
    warnings.push(`${where}: link longer than ${NOTION_LIMITS.urlLength} characters kept as plain text`);
    return { ...item, text: { content: item.text.content, link: null } };
  });
}

/** Merged, link-checked, and no item over the content limit; annotations and link copied to every piece. */
export function normalizeRichText(
  items: readonly RichText[],
  warnings: string[],
  where: string,
  preferNewlines = false,
): RichText[] {
  return mergeRichText(dropLongLinks(items, warnings, where)).flatMap((item) =>
    splitText(item.text.content, NOTION_LIMITS.richTextContentLength, preferNewlines).map((content) => ({
      ...item,
      text: { ...item.text, content },
    })),
  );
}

/** Consecutive groups of at most 100 items and `maxBytes` each, in order. */
export function groupRichText(
  items: readonly RichText[],
  maxBytes: number = SAFE_BUDGETS.blockBytes - 2_000,
): RichText[][] {
  const groups: RichText[][] = [];
  let group: RichText[] = [];
  let bytes = 0;
  for (const item of items) {
    const size = jsonBytes(item) + 1;
    if (group.length > 0 && (group.length >= NOTION_LIMITS.richTextArrayLength || bytes + size > maxBytes)) {
      groups.push(group);
      group = [];
      bytes = 0;
    }
    group.push(item);
    bytes += size;
  }
  if (group.length > 0 || groups.length === 0) groups.push(group);
  return groups;
}

/**
 * For arrays that cannot continue in another block (table cells, captions): formatting is
 * given up first, then text beyond `maxBytes`, with a warning either way.
 */
function fitSingleArray(items: readonly RichText[], warnings: string[], where: string, maxBytes: number): RichText[] {
  const normalized = normalizeRichText(items, warnings, where);
  const groups = groupRichText(normalized, maxBytes);
  if (groups.length === 1) return groups[0]!;
  warnings.push(`${where}: text too long for one rich-text array, formatting removed`);
  const plain = normalizeRichText([richText(plainText(normalized), PLAIN_STYLE)], warnings, where);
  const plainGroups = groupRichText(plain, maxBytes);
  if (plainGroups.length > 1) {
    const kept = plainGroups[0]!;
    const dropped = plainText(plainGroups.slice(1).flat()).length;
    warnings.push(`${where}: ${dropped} characters beyond Notion's limits for one rich-text array were cut`);
    return kept;
  }
  return plainGroups[0]!;
}

// ---------------------------------------------------------------------------------------------
// Blocks

export interface LimitedBlocks {
  blocks: NotionBlock[];
  /** What had to be dropped or degraded to fit, one line each; empty in the common case. */
  warnings: string[];
}

export function enforceNotionLimits(blocks: readonly NotionBlock[]): LimitedBlocks {
  const warnings: string[] = [];
  return { blocks: enforceList(blocks, warnings, 'block'), warnings };
}

function enforceList(blocks: readonly NotionBlock[], warnings: string[], path: string): NotionBlock[] {
  return blocks.flatMap((block, i) => enforceBlock(block, warnings, `${path}[${i}]`));
}

function paragraphOf(rich_text: RichText[], children: NotionBlock[] = []): NotionBlock {
  return withChildren({ type: 'paragraph', paragraph: { rich_text, color: 'default' } }, children);
}

function enforceBlock(block: NotionBlock, warnings: string[], path: string): NotionBlock[] {
  switch (block.type) {
    case 'table':
      return splitTable(block, warnings, path);
    case 'table_row':
      return [block];
    case 'divider':
      return [block];
    case 'image':
      return enforceImage(block, warnings, path);
    case 'code':
      return splitCode(block, warnings, path);
    default:
      break;
  }
  const groups = groupRichText(normalizeRichText(getRichText(block) ?? [], warnings, path));
  const [first = [], ...overflow] = groups;
  const continuation = overflow.map((g) => paragraphOf(g));
  if (isHeadingBlock(block)) return [withRichText(block, first), ...continuation];
  if (!isTextBlock(block)) return [block];
  const children = enforceList(getChildren(block), warnings, `${path}.children`);
  if (block.type === 'paragraph') {
    // Nested content belongs after all of the paragraph's text.
    if (continuation.length === 0) return [withChildren(withRichText(block, first), children)];
    const last = continuation.length - 1;
    continuation[last] = withChildren(continuation[last]!, children);
    return [withChildren(withRichText(block, first), []), ...continuation];
  }
  // List items, to-dos, toggles, quotes and callouts keep the rest of their text inside them.
  return [withChildren(withRichText(block, first), [...continuation, ...children])];
}

function enforceImage(block: Extract<NotionBlock, { type: 'image' }>, warnings: string[], path: string): NotionBlock[] {
  const url = block.image.external.url;
  if (url.length > NOTION_LIMITS.urlLength) {
    warnings.push(`${path}: image URL longer than ${NOTION_LIMITS.urlLength} characters written as text`);
    const label = plainText(block.image.caption) || 'Image';
    return enforceBlock(paragraphOf([richText(`${label}: ${url}`)]), warnings, path);
  }
  const caption = fitSingleArray(block.image.caption, warnings, `${path}.caption`, SAFE_BUDGETS.cellBytes);
  return [{ ...block, image: { ...block.image, caption } }];
}

function splitCode(block: CodeBlock, warnings: string[], path: string): CodeBlock[] {
  const items = normalizeRichText(block.code.rich_text, warnings, path, true);
  const caption = fitSingleArray(block.code.caption, warnings, `${path}.caption`, SAFE_BUDGETS.cellBytes);
  return groupRichText(items).map((group, i) => ({
    type: 'code',
    code: { rich_text: group, caption: i === 0 ? caption : [], language: block.code.language },
  }));
}

function fitRow(row: TableRowBlock, width: number, warnings: string[], path: string): TableRowBlock {
  const cells = Array.from({ length: width }, (_, c) =>
    fitSingleArray(row.table_row.cells[c] ?? [], warnings, `${path}.cells[${c}]`, SAFE_BUDGETS.cellBytes),
  );
  if (row.table_row.cells.length > width) {
    warnings.push(`${path}: ${row.table_row.cells.length - width} cells beyond the table width dropped`);
  }
  return { type: 'table_row', table_row: { cells } };
}

/**
 * Tables over 100 rows (or over the per-block byte budget) become several consecutive tables,
 * each repeating the header row so every part reads on its own.
 */
function splitTable(block: TableBlock, warnings: string[], path: string): TableBlock[] {
  const width = block.table.table_width;
  const rows = block.table.children.map((row, r) => fitRow(row, width, warnings, `${path}.rows[${r}]`));
  const header = block.table.has_column_header ? rows[0] : undefined;
  const body = header === undefined ? rows : rows.slice(1);
  const headerBytes = header === undefined ? 0 : jsonBytes(header);
  const parts: TableRowBlock[][] = [];
  let part: TableRowBlock[] = [];
  let bytes = headerBytes;
  const room = NOTION_LIMITS.childrenPerArray - (header === undefined ? 0 : 1);
  for (const row of body) {
    const size = jsonBytes(row);
    if (part.length > 0 && (part.length >= room || bytes + size > SAFE_BUDGETS.blockBytes)) {
      parts.push(part);
      part = [];
      bytes = headerBytes;
    }
    part.push(row);
    bytes += size;
  }
  if (part.length > 0 || parts.length === 0) parts.push(part);
  return parts.map((p) => ({
    type: 'table',
    table: { ...block.table, children: header === undefined ? p : [header, ...p] },
  }));
}

// ---------------------------------------------------------------------------------------------
// Checking

function checkRichText(items: readonly RichText[], where: string, out: string[]): void {
  if (items.length > NOTION_LIMITS.richTextArrayLength) out.push(`${where}: ${items.length} rich-text items`);
  items.forEach((item, i) => {
    if (item.text.content.length > NOTION_LIMITS.richTextContentLength) {
      out.push(`${where}[${i}]: text.content has ${item.text.content.length} characters`);
    }
    if (item.text.link && item.text.link.url.length > NOTION_LIMITS.urlLength)
      out.push(`${where}[${i}]: link URL too long`);
  });
}

/**
 * Every way the blocks break a per-block limit, as readable messages; empty when they are
 * ready to send. Output of `enforceNotionLimits` always passes.
 */
export function findLimitViolations(blocks: readonly NotionBlock[], path = 'block'): string[] {
  const out: string[] = [];
  blocks.forEach((block, i) => {
    const where = `${path}[${i}]`;
    const text = getRichText(block);
    if (text) checkRichText(text, `${where}.rich_text`, out);
    if (block.type === 'image') {
      checkRichText(block.image.caption, `${where}.caption`, out);
      if (block.image.external.url.length > NOTION_LIMITS.urlLength) out.push(`${where}: image URL too long`);
    }
    if (block.type === 'code') checkRichText(block.code.caption, `${where}.caption`, out);
    if (block.type === 'table') {
      const rows = block.table.children;
      if (rows.length > NOTION_LIMITS.childrenPerArray) out.push(`${where}: ${rows.length} table rows`);
      if (rows.length === 0) out.push(`${where}: table without rows`);
      rows.forEach((row, r) => {
        if (row.table_row.cells.length !== block.table.table_width) out.push(`${where}.rows[${r}]: width mismatch`);
        row.table_row.cells.forEach((cell, c) => checkRichText(cell, `${where}.rows[${r}].cells[${c}]`, out));
      });
    }
    if (ownBlockBytes(block) > SAFE_BUDGETS.blockBytes) out.push(`${where}: ${ownBlockBytes(block)} bytes`);
    if (block.type !== 'table') out.push(...findLimitViolations(getChildren(block), `${where}.children`));
  });
  return out;
}
