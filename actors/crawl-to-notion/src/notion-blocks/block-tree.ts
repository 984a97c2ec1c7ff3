/**
 * Uniform access to the parts of a block that differ only by where Notion keeps them
 * (`paragraph.rich_text`, `to_do.children`, `table.children`...), so that the limit and
 * planning code can treat the tree generically. All functions return new objects.
 */
import type { HeadingBlock, NotionBlock, RichText, TableRowBlock, TextBlock, TextContent } from './block-types.js';

export function isTextBlock(block: NotionBlock): block is TextBlock {
  switch (block.type) {
    case 'paragraph':
    case 'bulleted_list_item':
    case 'numbered_list_item':
    case 'to_do':
    case 'toggle':
    case 'quote':
    case 'callout':
      return true;
    default:
      return false;
  }
}

export function isHeadingBlock(block: NotionBlock): block is HeadingBlock {
  return block.type === 'heading_1' || block.type === 'heading_2' || block.type === 'heading_3';
}

export function isTableRow(block: NotionBlock): block is TableRowBlock {
  return block.type === 'table_row';
}

export function getChildren(block: NotionBlock): readonly NotionBlock[] {
  if (isTextBlock(block)) return textContent(block).children ?? [];
  if (block.type === 'table') return block.table.children;
  return [];
}

/** A copy of `block` with `children` replaced; an empty list removes the key. */
export function withChildren(block: NotionBlock, children: readonly NotionBlock[]): NotionBlock {
  if (block.type === 'table') {
    const rows = children.filter(isTableRow);
    if (rows.length !== children.length) throw new Error('A table can only contain table_row blocks.');
    return { ...block, table: { ...block.table, children: rows } };
  }
  if (!isTextBlock(block)) {
    if (children.length > 0) throw new Error(`A ${block.type} block cannot have children.`);
    return block;
  }
  return patchTextBlock(block, { children: [...children] });
}

/** The block's own rich text (not its caption or cells), or undefined when it has none. */
export function getRichText(block: NotionBlock): readonly RichText[] | undefined {
  if (isTextBlock(block)) return textContent(block).rich_text;
  switch (block.type) {
    case 'heading_1':
      return block.heading_1.rich_text;
    case 'heading_2':
      return block.heading_2.rich_text;
    case 'heading_3':
      return block.heading_3.rich_text;
    case 'code':
      return block.code.rich_text;
    default:
      return undefined;
  }
}

export function withRichText<T extends NotionBlock>(block: T, richText: RichText[]): T {
  const next: NotionBlock = withRichTextUntyped(block, richText);
  return next as T;
}

function withRichTextUntyped(block: NotionBlock, rich_text: RichText[]): NotionBlock {
  if (isTextBlock(block)) return patchTextBlock(block, { rich_text });
  switch (block.type) {
    case 'heading_1':
      return { ...block, heading_1: { ...block.heading_1, rich_text } };
    case 'heading_2':
      return { ...block, heading_2: { ...block.heading_2, rich_text } };
    case 'heading_3':
      return { ...block, heading_3: { ...block.heading_3, rich_text } };
    case 'code':
      return { ...block, code: { ...block.code, rich_text } };
    default:
      throw new Error(`A ${block.type} block has no rich text.`);
  }
}

/** Number of blocks in the forest, nested children and table rows included. */
export function countBlocks(blocks: readonly NotionBlock[]): number {
  let total = 0;
  for (const block of blocks) total += 1 + countBlocks(getChildren(block));
  return total;
}

function textContent(block: TextBlock): TextContent {
  switch (block.type) {
    case 'paragraph':
      return block.paragraph;
    case 'bulleted_list_item':
      return block.bulleted_list_item;
    case 'numbered_list_item':
      return block.numbered_list_item;
    case 'to_do':
      return block.to_do;
    case 'toggle':
      return block.toggle;
    case 'quote':
      return block.quote;
    case 'callout':
      return block.callout;
  }
}

type TextPatch = { rich_text?: RichText[]; children?: NotionBlock[] };

/** Keeps every type-specific field (checked, icon, color); an empty children list is dropped. */
function patched<C extends TextContent>(content: C, patch: TextPatch): C {
  const next: C = { ...content, ...patch };
  if (next.children === undefined || next.children.length === 0) delete next.children;
  return next;
}

function patchTextBlock(block: TextBlock, patch: TextPatch): TextBlock {
  switch (block.type) {
    case 'paragraph':
      return { ...block, paragraph: patched(block.paragraph, patch) };
    case 'bulleted_list_item':
      return { ...block, bulleted_list_item: patched(block.bulleted_list_item, patch) };
    case 'numbered_list_item':
      return { ...block, numbered_list_item: patched(block.numbered_list_item, patch) };
    case 'to_do':
      return { ...block, to_do: patched(block.to_do, patch) };
    case 'toggle':
      return { ...block, toggle: patched(block.toggle, patch) };
    case 'quote':
      return { ...block, quote: patched(block.quote, patch) };
    case 'callout':
      return { ...block, callout: patched(block.callout, patch) };
  }
}
