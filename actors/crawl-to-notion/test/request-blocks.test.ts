import { describe, expect, it } from 'vitest';
import { planFor } from '../src/notion/block-writer.js';
import { toRequestBlock, toRequestBlocks } from '../src/notion/request-blocks.js';
import { bullet, h2, para, table } from './support/blocks.js';

describe('toRequestBlocks', () => {
  it('sends a block with two levels of children as it is', () => {
    const tree = [
      h2('Setup'),
      bullet('Install', [bullet('Node', [bullet('20 or later')]), table([['k', 'v']])]),
      para('Done'),
    ];
    expect(toRequestBlocks(tree)).toEqual(tree);
  });

  it('refuses a block deeper than one request carries, and a table at the deepest level', () => {
    expect(() => toRequestBlock(bullet('1', [bullet('2', [bullet('3', [bullet('4')])])]))).toThrow(
      /deeper than one Notion request can carry/,
    );
    expect(() => toRequestBlock(bullet('1', [bullet('2', [table([['a']])])]))).toThrow(/table block sits deeper/);
  });

  it('accepts every request of a write plan for a deeply nested page', () => {
    let nested = bullet('level 6');
    for (let level = 5; level >= 1; level--) nested = bullet(`level ${level}`, [nested, table([['x', 'y']])]);
    const plan = planFor([h2('Deep'), nested]);
    const requests = [plan.initialChildren, ...plan.appends.map((step) => step.children)];
    expect(requests.length).toBeGreaterThan(1);
    for (const request of requests) expect(toRequestBlocks(request)).toEqual(request);
  });
});
