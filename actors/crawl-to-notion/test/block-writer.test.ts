import { describe, expect, it } from 'vitest';
import type { NotionBlock } from '../src/notion-blocks/index.js';
import { createPageWithContent, PartialWriteError, replacePageContent } from '../src/notion/block-writer.js';
import { sameBlock } from '../src/notion/block-diff.js';
import { bullet, h2, numbered, para, table, text } from './support/blocks.js';
import { MemoryNotion } from './support/memory-notion.js';
import { blockObject } from './support/notion-objects.js';

const parent = { type: 'page_id' as const, page_id: 'parent' };
const properties = { title: { title: [{ type: 'text' as const, text: { content: 'T' } }] } };

/** 260 top-level blocks, lists nested four levels deep, a table inside a list item, a 101-child item. */
function bigPage(): NotionBlock[] {
  const blocks: NotionBlock[] = [];
  for (let s = 0; s < 10; s++) {
    blocks.push(h2(`Section ${s}`), para(`Intro ${s}`));
    blocks.push(
      bullet(`L1 ${s}`, [
        bullet(`L2 ${s}`, [bullet(`L3 ${s}`, [numbered(`L4 ${s}`)])]),
        bullet(`L2b ${s}`, [
          table([
            ['k', 'v'],
            ['a', '1'],
          ]),
        ]),
      ]),
    );
  }
  blocks.push(
    bullet(
      'wide',
      Array.from({ length: 101 }, (_, i) => bullet(`child ${i}`)),
    ),
  );
  while (blocks.length < 260) blocks.push(para(`Filler ${blocks.length}`));
  return blocks;
}

describe('createPageWithContent', () => {
  it('writes a page of 260 top-level blocks and four nesting levels exactly, within every request limit', async () => {
    const notion = new MemoryNotion();
    const blocks = bigPage();
    const page = await createPageWithContent(notion, { parent, properties, blocks });
    expect(notion.tree(page.id)).toEqual(blocks);
    // One create with the first 100 blocks; further top-level blocks in appends of up to 100.
    expect(notion.calls[0]).toMatchObject({ kind: 'create', blocks: 100 });
    expect(notion.calls.filter((c) => c.kind === 'append' && c.target === page.id).map((c) => c.blocks)).toEqual([
      100, 60,
    ]);
  });

  it('needs one request for a page of nested lists three levels deep (a block, its children and grandchildren)', async () => {
    const notion = new MemoryNotion();
    const blocks = [
      h2('Checklist'),
      bullet('Read', [bullet('Check', [bullet('Node 20')])]),
      table([
        ['a', 'b'],
        ['1', '2'],
      ]),
    ];
    const page = await createPageWithContent(notion, { parent, properties, blocks });
    expect(notion.tree(page.id)).toEqual(blocks);
    expect(notion.calls.map((c) => c.kind)).toEqual(['create']);
  });

  it('reports a page whose content could not be completed with the page id', async () => {
    const notion = new MemoryNotion();
    notion.failAppend = 1;
    const error = await createPageWithContent(notion, { parent, properties, blocks: bigPage() }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(PartialWriteError);
    expect((error as PartialWriteError).pageId).toBe(notion.calls[0]!.target);
  });
});

describe('replacePageContent', () => {
  async function written(blocks: NotionBlock[]) {
    const notion = new MemoryNotion();
    const page = await createPageWithContent(notion, { parent, properties, blocks });
    notion.calls.length = 0;
    return { notion, pageId: page.id };
  }

  it('keeps the blocks the page still starts and ends with and replaces only the middle', async () => {
    const before = Array.from({ length: 150 }, (_, i) => para(`Note ${i}`));
    const { notion, pageId } = await written(before);
    const oldIds = notion.topIds(pageId);
    const after = [...before.slice(0, 40), para('New A'), para('New B'), ...before.slice(41)];
    await replacePageContent(notion, pageId, after);
    expect(notion.tree(pageId)).toEqual(after);
    const newIds = notion.topIds(pageId);
    expect(newIds.slice(0, 40)).toEqual(oldIds.slice(0, 40));
    expect(newIds.slice(42)).toEqual(oldIds.slice(41));
    expect(notion.calls.filter((c) => c.kind === 'delete')).toHaveLength(1);
    expect(notion.calls.filter((c) => c.kind === 'append')).toEqual([
      { kind: 'append', target: pageId, blocks: 2, after: oldIds[39] },
    ]);
  });

  it('inserts long new middles in order across several requests', async () => {
    const before = [para('Head'), para('Old'), para('Tail')];
    const { notion, pageId } = await written(before);
    const middle = Array.from({ length: 230 }, (_, i) =>
      bullet(`item ${i}`, i % 50 === 0 ? [bullet(`sub ${i}`, [bullet(`deep ${i}`, [bullet('deeper')])])] : []),
    );
    const after = [para('Head'), ...middle, para('Tail')];
    await replacePageContent(notion, pageId, after);
    expect(notion.tree(pageId)).toEqual(after);
  });

  it('rewrites blocks with children and appends at the end when nothing stays at the start', async () => {
    const before = [bullet('a', [bullet('b')]), para('same')];
    const { notion, pageId } = await written(before);
    const after = [bullet('a', [bullet('c')]), para('same')];
    await replacePageContent(notion, pageId, after);
    expect(notion.tree(pageId)).toEqual(after);
    expect(notion.calls.filter((c) => c.kind === 'delete')).toHaveLength(2);
  });

  it('keeps sub-pages someone added inside the page', async () => {
    const { notion, pageId } = await written([para('one'), para('two')]);
    const subpage = notion.addChildPage(pageId, 'My notes');
    await replacePageContent(notion, pageId, [para('one'), bullet('x', [bullet('y', [bullet('z', [bullet('w')])])])]);
    expect(notion.topIds(pageId)).toContain(subpage);
    expect(notion.tree(pageId)).toEqual([para('one'), bullet('x', [bullet('y', [bullet('z', [bullet('w')])])])]);
  });

  it('writes nothing when the content is already there (a page recovered after a crash)', async () => {
    const blocks = [para('a'), h2('b'), para('c')];
    const { notion, pageId } = await written(blocks);
    await replacePageContent(notion, pageId, blocks);
    expect(notion.calls.map((c) => c.kind)).toEqual(['list']);
  });
});

describe('sameBlock', () => {
  const listed = (block: NotionBlock, extra: Record<string, unknown> = {}) => {
    const body = (block as unknown as Record<string, Record<string, unknown>>)[block.type]!;
    const richText = (
      body['rich_text'] as { text: { content: string; link: { url: string } | null }; annotations: unknown }[]
    ).map((item) => ({
      type: 'text',
      text: item.text,
      annotations: item.annotations,
      plain_text: item.text.content,
      href: item.text.link?.url ?? null,
    }));
    return blockObject('x', block.type, { ...body, rich_text: richText, ...extra });
  };

  it('takes a block as equal only when text, links, marks and type fields read back the same', () => {
    const block = para('Hello');
    expect(sameBlock(listed(block), block)).toBe(true);
    expect(sameBlock(listed(para('Hello!')), block)).toBe(false);
    expect(sameBlock(listed(block, { color: 'red_background' }), block)).toBe(false);
    const linked: NotionBlock = {
      type: 'paragraph',
      paragraph: {
        rich_text: [
          {
            type: 'text',
            text: { content: 'Hello', link: { url: 'https://a.example/' } },
            annotations: {
              bold: false,
              italic: false,
              strikethrough: false,
              underline: false,
              code: false,
              color: 'default',
            },
          },
        ],
        color: 'default',
      },
    };
    expect(sameBlock(listed(block), linked)).toBe(false);
    expect(sameBlock(listed(block), { type: 'quote', quote: { rich_text: text('Hello'), color: 'default' } })).toBe(
      false,
    );
    // Children are not in a listing: a block with children is never taken as unchanged.
    expect(sameBlock({ ...listed(block), has_children: true }, block)).toBe(false);
    expect(sameBlock(listed(block), para('Hello', [para('child')]))).toBe(false);
  });
});
