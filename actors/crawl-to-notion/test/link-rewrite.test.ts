import { describe, expect, it } from 'vitest';
import { richText, type NotionBlock } from '../src/notion-blocks/index.js';
import { PLAIN_STYLE } from '../src/notion-blocks/rich-text.js';
import { rewriteLinks } from '../src/sync/link-rewrite.js';
import { allRichText } from './support/outline.js';
import { bullet, para, table } from './support/blocks.js';

const link = (content: string, url: string) => richText(content, { ...PLAIN_STYLE, link: url });

const known: Record<string, string> = {
  'https://docs.example.com/guide': 'https://www.notion.so/Guide-1',
  'https://docs.example.com/api': 'https://www.notion.so/API-2',
};
const resolve = (url: string) => known[url];

describe('rewriteLinks', () => {
  it('points links to crawled pages at their Notion pages, everywhere in the tree, and leaves the rest', () => {
    const linked: NotionBlock = {
      type: 'paragraph',
      paragraph: {
        rich_text: [link('Guide', 'https://docs.example.com/guide#setup'), link('Elsewhere', 'https://other.example/')],
        color: 'default',
      },
    };
    const cell: NotionBlock = table([['Page'], ['x']]);
    if (cell.type === 'table')
      cell.table.children[1]!.table_row.cells[0] = [link('API', 'https://docs.example.com/api')];
    const nested = bullet('item', [
      {
        type: 'bulleted_list_item',
        bulleted_list_item: { rich_text: [link('api', 'https://docs.example.com/api')], color: 'default' },
      },
    ]);
    const blocks = [linked, cell, nested, para('plain')];
    const original = structuredClone(blocks);

    const { blocks: out, rewritten } = rewriteLinks(blocks, resolve);
    expect(rewritten).toBe(3);
    expect(allRichText(out).flatMap((item) => (item.text.link ? [item.text.link.url] : []))).toEqual([
      'https://www.notion.so/Guide-1',
      'https://other.example/',
      'https://www.notion.so/API-2',
      'https://www.notion.so/API-2',
    ]);
    expect(blocks).toEqual(original);
  });

  it('returns the blocks unchanged when nothing resolves', () => {
    const blocks = [para('x', [para('y')])];
    expect(rewriteLinks(blocks, () => undefined)).toEqual({ blocks, rewritten: 0 });
  });
});
