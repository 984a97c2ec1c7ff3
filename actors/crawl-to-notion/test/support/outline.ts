/** A compact text rendering of a block tree, so tests can compare structure at a glance. */
import type { NotionBlock, RichText } from '../../src/notion-blocks/index.js';
import { getChildren, getRichText } from '../../src/notion-blocks/index.js';

const text = (items: readonly RichText[]): string => items.map((i) => i.text.content).join('');

export function outline(blocks: readonly NotionBlock[], depth = 0): string[] {
  const pad = '  '.repeat(depth);
  const lines: string[] = [];
  for (const block of blocks) {
    switch (block.type) {
      case 'code':
        lines.push(`${pad}code(${block.code.language}): ${text(block.code.rich_text)}`);
        break;
      case 'image':
        lines.push(
          `${pad}image: ${block.image.external.url}${block.image.caption.length ? ` | ${text(block.image.caption)}` : ''}`,
        );
        break;
      case 'divider':
        lines.push(`${pad}divider`);
        break;
      case 'table':
        lines.push(
          `${pad}table(${block.table.table_width}${block.table.has_column_header ? ', header' : ''}${block.table.has_row_header ? ', row header' : ''})`,
        );
        for (const row of block.table.children) lines.push(`${pad}  | ${row.table_row.cells.map(text).join(' | ')} |`);
        break;
      case 'to_do':
        lines.push(`${pad}to_do[${block.to_do.checked ? 'x' : ' '}]: ${text(block.to_do.rich_text)}`);
        break;
      case 'callout':
        lines.push(`${pad}callout(${block.callout.icon.emoji}): ${text(block.callout.rich_text)}`);
        break;
      default:
        lines.push(`${pad}${block.type}: ${text(getRichText(block) ?? [])}`);
    }
    if (block.type !== 'table') lines.push(...outline(getChildren(block), depth + 1));
  }
  return lines;
}

/** All rich-text items of the tree, depth first (block text, captions and cells). */
export function allRichText(blocks: readonly NotionBlock[]): RichText[] {
  const out: RichText[] = [];
  for (const block of blocks) {
    out.push(...(getRichText(block) ?? []));
    if (block.type === 'image') out.push(...block.image.caption);
    if (block.type === 'code') out.push(...block.code.caption);
    if (block.type === 'table')
      for (const row of block.table.children) for (const cell of row.table_row.cells) out.push(...cell);
    else out.push(...allRichText(getChildren(block)));
  }
  return out;
}

export function findItem(blocks: readonly NotionBlock[], content: string): RichText | undefined {
  return allRichText(blocks).find((item) => item.text.content === content);
}
