import { describe, expect, it } from 'vitest';
import { chunk, dedupeChannels, detailUnitsEstimate, planSearches, type SearchHit } from '../src/research/index.js';

describe('planSearches', () => {
  const variations = ['a', 'b', 'c', 'd', 'e'];

  it('runs as many leading variations as the budget affords', () => {
    expect(planSearches(variations, { quotaBudgetUnits: 350, searchCost: 100 })).toEqual({
      queries: ['a', 'b', 'c'],
      skipped: ['d', 'e'],
      searchUnits: 300,
      remainingUnits: 50,
    });
  });

  it('keeps a reserve for the detail calls and honours a search cap', () => {
    expect(planSearches(variations, { quotaBudgetUnits: 1000, reserveUnits: 750 }).queries).toEqual(['a', 'b']);
    expect(planSearches(variations, { quotaBudgetUnits: 10_000, maxSearches: 1 }).queries).toEqual(['a']);
  });

  it('plans nothing when the budget is below one search', () => {
    const plan = planSearches(variations, { quotaBudgetUnits: 99 });
    expect(plan.queries).toEqual([]);
    expect(plan.skipped).toEqual(variations);
  });

  it('rejects a non-positive search cost', () => {
    expect(() => planSearches(variations, { quotaBudgetUnits: 100, searchCost: 0 })).toThrow(RangeError);
  });

  it('estimates one channels.list per 50 candidates plus uploads lookups', () => {
    expect(detailUnitsEstimate(0, 0)).toBe(0);
    expect(detailUnitsEstimate(51, 20)).toBe(22);
  });
});

describe('chunk', () => {
  it('splits ids into batches of at most 50 in order', () => {
    const ids = Array.from({ length: 120 }, (_, i) => `id${i}`);
    const batches = chunk(ids, 50);
    expect(batches.map((b) => b.length)).toEqual([50, 50, 20]);
    expect(batches.flat()).toEqual(ids);
    expect(chunk([], 50)).toEqual([]);
  });

  it('rejects sizes that would loop forever', () => {
    expect(() => chunk([1], 0)).toThrow(RangeError);
    expect(() => chunk([1], 1.5)).toThrow(RangeError);
  });
});

describe('dedupeChannels', () => {
  const hit = (channelId: string, videoId?: string, channelTitle = channelId): SearchHit => ({
    kind: videoId === undefined ? 'channel' : 'video',
    channelId,
    ...(videoId === undefined ? {} : { videoId }),
    title: videoId ?? channelTitle,
    channelTitle,
    description: '',
  });

  it('keeps first-seen order, counts hits and collects unique videos', () => {
    const candidates = dedupeChannels([hit('B', 'v1'), hit('A'), hit('B', 'v2'), hit('B', 'v1'), hit('A', 'v3')]);
    expect(candidates.map((c) => [c.channelId, c.hitCount, c.videos.map((v) => v.videoId)])).toEqual([
      ['B', 3, ['v1', 'v2']],
      ['A', 2, ['v3']],
    ]);
  });

  it('fills a missing channel title from a later hit', () => {
    expect(dedupeChannels([hit('A', 'v1', ''), hit('A', 'v2', 'Alpha')])[0]?.channelTitle).toBe('Alpha');
  });
});
