import type { NotionBlock as CreatedBlock, NotionBlockInput } from '@repo/notion-client';
import { describe, expect, it } from 'vitest';
import { textBlocks, type NotionBlock } from '../src/notion-report/index.js';
import { appendBlockTree, type BlockAppender } from '../src/notion-writer.js';
import { blockObject, requestParts } from './support/notion-objects.js';

interface StoredBlock {
  id: string;
  text: string;
  children: StoredBlock[];
}

type Body = { rich_text?: { text: { content: string } }[]; children?: NotionBlockInput[] };

function bodyOf(block: NotionBlockInput): Body {
  return requestParts(block).body;
}

/** Levels of blocks in a request, counted independently of the code under test. */
function levels(blocks: readonly NotionBlockInput[]): number {
  return blocks.reduce((max, block) => Math.max(max, 1 + levels(bodyOf(block).children ?? [])), 0);
}

function elements(blocks: readonly NotionBlockInput[]): number {
  return blocks.reduce((sum, block) => sum + 1 + elements(bodyOf(block).children ?? []), 0);
}

/**
 * A page store that refuses requests outside Notion's documented limits (100 children per
 * array, three levels of blocks per request, 1000 elements) and records what was written.
 */
function fakeNotion(): BlockAppender & {
  root: StoredBlock;
  requests: { parent: string; blocks: number; levels: number }[];
} {
  const root: StoredBlock = { id: 'page', text: '', children: [] };
  const byId = new Map([[root.id, root]]);
  const requests: { parent: string; blocks: number; levels: number }[] = [];
  let next = 0;
  const store = (input: NotionBlockInput): StoredBlock => {
    const body = bodyOf(input);
    const stored: StoredBlock = {
      id: `b${++next}`,
      text: (body.rich_text ?? []).map((item) => item.text.content).join(''),
      children: (body.children ?? []).map(store),
    };
    byId.set(stored.id, stored);
    return stored;
  };
  return {
    root,
    requests,
    appendChildren(blockId, children) {
      const checkArrays = (list: readonly NotionBlockInput[]): void => {
        if (list.length > 100) throw new Error(`${list.length} children in one array`);
        for (const block of list) checkArrays(bodyOf(block).children ?? []);
      };
      checkArrays(children);
      if (levels(children) > 3) throw new Error(`${levels(children)} levels of blocks in one request`);
      if (elements(children) > 1000) throw new Error(`${elements(children)} block elements in one request`);
      const parent = byId.get(blockId);
      if (parent === undefined) throw new Error(`no block ${blockId}`);
      requests.push({ parent: blockId, blocks: children.length, levels: levels(children) });
      const created = children.map(store);
      parent.children.push(...created);
      return Promise.resolve(
        created.map((b): CreatedBlock => blockObject(b.id, 'paragraph', b.text, b.children.length > 0)),
      );
    },
  };
}

function bullet(text: string, children?: NotionBlock[]): NotionBlock {
  return textBlocks('bulleted_list_item', text, children)[0]!;
}

function shape(block: StoredBlock): unknown {
  return block.children.length === 0 ? block.text : { [block.text]: block.children.map(shape) };
}

describe('appendBlockTree', () => {
  it('sends shallow trees whole, 100 top-level blocks per request, in order', async () => {
    const notion = fakeNotion();
    const blocks = Array.from({ length: 250 }, (_, i) => bullet(`item ${i}`, [bullet(`detail ${i}`)]));
    const result = await appendBlockTree(notion, 'page', blocks);
    expect(notion.requests.map((r) => [r.parent, r.blocks])).toEqual([
      ['page', 100],
      ['page', 100],
      ['page', 50],
    ]);
    expect(result).toEqual({ requests: 3, blocks: 500 });
    expect(notion.root.children.map((b) => b.text)).toEqual(blocks.map((_, i) => `item ${i}`));
    expect(notion.root.children[249]!.children.map((b) => b.text)).toEqual(['detail 249']);
  });

  it('appends children deeper than a request may carry to the blocks Notion created', async () => {
    const notion = fakeNotion();
    const deep = bullet('level 1', [
      bullet('level 2', [bullet('level 3', [bullet('level 4', [bullet('level 5')])])]),
      bullet('level 2b'),
    ]);
    const progress: number[] = [];
    const result = await appendBlockTree(notion, 'page', [bullet('before'), deep, bullet('after')], (p) =>
      progress.push(p.written),
    );
    expect(notion.root.children.map(shape)).toEqual([
      'before',
      { 'level 1': [{ 'level 2': [{ 'level 3': [{ 'level 4': ['level 5'] }] }] }, 'level 2b'] },
      'after',
    ]);
    expect(result.blocks).toBe(8);
    expect(Math.max(...notion.requests.map((r) => r.levels))).toBeLessThanOrEqual(3);
    // Top-level order is kept: all three went in the first request, the deep one without children.
    expect(notion.requests[0]).toEqual({ parent: 'page', blocks: 3, levels: 1 });
    expect(progress).toEqual([3]);
  });

  it('splits a children array of more than 100 blocks over several requests under its parent', async () => {
    const notion = fakeNotion();
    const wide = bullet(
      'many',
      Array.from({ length: 130 }, (_, i) => bullet(`child ${i}`)),
    );
    await appendBlockTree(notion, 'page', [wide]);
    const parent = notion.root.children[0]!;
    expect(parent.children).toHaveLength(130);
    expect(parent.children.at(-1)!.text).toBe('child 129');
    expect(notion.requests.map((r) => [r.parent === 'page' ? 'page' : 'parent', r.blocks])).toEqual([
      ['page', 1],
      ['parent', 100],
      ['parent', 30],
    ]);
  });
});
