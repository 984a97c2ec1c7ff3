import { describe, expect, it } from 'vitest';
import { countBlocks, createdBlocks, planPageWrite, type NotionBlock } from '../src/notion-blocks/index.js';
import { bullet, h2, numbered, para, table } from './support/blocks.js';
import { executePlan, FakeNotion } from './support/fake-notion.js';

/** A 350-block documentation page: >100 top-level blocks, lists nested 4 levels, a list item with 101 children, a table inside a list. */
function docPage(): NotionBlock[] {
  const blocks: NotionBlock[] = [];
  for (let s = 0; s < 14; s++) {
    const level3 = (n: number): NotionBlock[] =>
      Array.from({ length: n }, (_, k) => bullet(`s${s} L3.${k}`, [numbered(`s${s} L4.${k}`)]));
    const secondChild =
      s === 3
        ? [
            bullet(`s${s} L2.1`, [
              table([
                ['k', 'v'],
                ['a', '1'],
                ['b', '2'],
                ['c', '3'],
              ]),
            ]),
          ]
        : [bullet(`s${s} L2.1`, level3(1))];
    blocks.push(
      h2(`Section ${s}`),
      para(`Intro ${s}`),
      bullet(`s${s} L1`, [bullet(`s${s} L2.0`, level3(2)), ...secondChild]),
    );
  }
  blocks.push(
    bullet(
      'Wide item',
      Array.from({ length: 101 }, (_, k) => bullet(`wide child ${k}`)),
    ),
  );
  while (countBlocks(blocks) < 350) blocks.push(para(`Filler ${blocks.length}`));
  return blocks;
}

function runPlan(blocks: NotionBlock[], limits?: Parameters<typeof planPageWrite>[1]) {
  const plan = planPageWrite(blocks, limits);
  const notion = new FakeNotion();
  executePlan(plan, notion);
  return { plan, notion };
}

describe('planPageWrite', () => {
  it('reproduces a 350-block page with 4-level nested lists exactly, in order, within every request limit', () => {
    const blocks = docPage();
    expect(countBlocks(blocks)).toBe(350);
    expect(blocks.length).toBeGreaterThan(100);

    const { plan, notion } = runPlan(blocks);
    expect(notion.tree()).toEqual(blocks);

    expect(plan.initialChildren).toHaveLength(100);
    const pageAppends = plan.appends.filter((s) => s.target.kind === 'page');
    expect(pageAppends.map((s) => s.startIndex)).toEqual([100]);
    // Levels 3 and 4 travel in appends to the level-2 items that an earlier request created.
    const targets = plan.appends.flatMap((s) => (s.target.kind === 'block' ? [s.target.path] : []));
    expect(targets.some((path) => path.length === 2)).toBe(true);
    expect(targets.every((path) => path.length <= 2)).toBe(true);
    // The wide item carries its first 100 children; the 101st needs an append.
    const wideIndex =
      blocks.length -
      blocks
        .slice()
        .reverse()
        .findIndex(
          (b) => b.type === 'bulleted_list_item' && b.bulleted_list_item.rich_text[0]?.text.content === 'Wide item',
        ) -
      1;
    const wideSteps = plan.appends.filter(
      (s) => s.target.kind === 'block' && s.target.path.join() === String(wideIndex),
    );
    expect(wideSteps.map((s) => [s.startIndex, s.children.length])).toEqual([[100, 1]]);
  });

  it('creates every block exactly once and every target before it is used', () => {
    const blocks = docPage();
    const plan = planPageWrite(blocks);
    const created = new Set<string>();
    const steps = [
      { target: { kind: 'page' as const }, startIndex: 0, children: plan.initialChildren },
      ...plan.appends,
    ];
    for (const step of steps) {
      if (step.target.kind === 'block') expect(created.has(step.target.path.join('.'))).toBe(true);
      for (const { path } of createdBlocks(step)) {
        const key = path.join('.');
        expect(created.has(key)).toBe(false);
        created.add(key);
      }
    }
    // Table rows travel inside their table and are never targets.
    expect(created.size).toBe(350 - 4);
  });

  it('sends a small page in the create request alone', () => {
    const blocks = [h2('Title'), para('Body', [bullet('nested')]), bullet('a', [bullet('b')])];
    const { plan, notion } = runPlan(blocks);
    expect(plan.appends).toEqual([]);
    expect(plan.initialChildren).toEqual(blocks);
    expect(notion.tree()).toEqual(blocks);
  });

  it('plans nothing for an empty page', () => {
    expect(planPageWrite([])).toEqual({ initialChildren: [], appends: [] });
  });

  it('never sends a table one level deep (its rows would be a third level): it is appended to its parent', () => {
    const blocks = [bullet('item', [para('before'), table([['h'], ['1']]), para('after')])];
    const { plan, notion } = runPlan(blocks);
    expect(plan.initialChildren).toEqual([bullet('item', [para('before')])]);
    expect(plan.appends).toEqual([
      { target: { kind: 'block', path: [0] }, startIndex: 1, children: [table([['h'], ['1']]), para('after')] },
    ]);
    expect(notion.tree()).toEqual(blocks);
  });

  it('keeps each request under 1000 blocks when 100 top-level blocks carry 20 children each', () => {
    const blocks = Array.from({ length: 100 }, (_, i) =>
      bullet(
        `item ${i}`,
        Array.from({ length: 20 }, (_, k) => bullet(`${i}.${k}`)),
      ),
    );
    const { notion } = runPlan(blocks);
    expect(notion.tree()).toEqual(blocks);
    const writes = notion.requests.filter((r) => r.kind !== 'list');
    expect(writes.length).toBeGreaterThan(2);
    for (const request of writes) expect(request.blocks).toBeLessThanOrEqual(1000);
    // Whole subtrees move to the next request rather than being cut, so no child appends are needed.
    expect(writes.every((r) => r.kind === 'create-page' || r.blocks % 21 === 0)).toBe(true);
  });

  it('keeps each request under the byte budget', () => {
    const big = 'x'.repeat(1_900);
    const blocks = Array.from({ length: 60 }, (_, i) =>
      para(
        `${i}`,
        Array.from({ length: 4 }, () => para(big)),
      ),
    );
    const { notion } = runPlan(blocks, { requestBytes: 100_000 });
    expect(notion.tree()).toEqual(blocks);
    const writes = notion.requests.filter((r) => r.kind !== 'list');
    expect(writes.length).toBeGreaterThanOrEqual(5);
    for (const request of writes) expect(request.bytes).toBeLessThanOrEqual(100_000);
  });

  it('reports a block that cannot fit into any request instead of sending it', () => {
    expect(() => planPageWrite([para('y'.repeat(2_000))], { requestBytes: 1_000 })).toThrow(
      /does not fit into one request/,
    );
  });

  it('works with tighter nesting and array limits too', () => {
    const blocks = docPage();
    const { plan, notion } = runPlan(blocks, { childrenPerArray: 7, blocksPerRequest: 30 });
    expect(notion.tree()).toEqual(blocks);
    for (const step of [plan.initialChildren, ...plan.appends.map((s) => s.children)])
      expect(step.length).toBeLessThanOrEqual(7);
  });
});
