/** Small constructors for hand-built block trees in tests. */
import { richText, withChildren, type NotionBlock, type RichText } from '../../src/notion-blocks/index.js';

export const text = (content: string): RichText[] => [richText(content)];

export const para = (content: string, children: NotionBlock[] = []): NotionBlock =>
  withChildren({ type: 'paragraph', paragraph: { rich_text: text(content), color: 'default' } }, children);

export const bullet = (content: string, children: NotionBlock[] = []): NotionBlock =>
  withChildren(
    { type: 'bulleted_list_item', bulleted_list_item: { rich_text: text(content), color: 'default' } },
    children,
  );

export const numbered = (content: string, children: NotionBlock[] = []): NotionBlock =>
  withChildren(
    { type: 'numbered_list_item', numbered_list_item: { rich_text: text(content), color: 'default' } },
    children,
  );

export const h2 = (content: string): NotionBlock => ({
  type: 'heading_2',
  heading_2: { rich_text: text(content), color: 'default' },
});

export const table = (rows: string[][], header = true): NotionBlock => ({
  type: 'table',
  table: {
    table_width: rows[0]?.length ?? 0,
    has_column_header: header,
    has_row_header: false,
    children: rows.map((cells) => ({ type: 'table_row', table_row: { cells: cells.map((c) => text(c)) } })),
  },
});
