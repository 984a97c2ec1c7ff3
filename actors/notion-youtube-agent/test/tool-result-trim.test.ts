import { describe, expect, it } from 'vitest';
import { trimToolResult, truncateText } from '../src/agent/index.js';
import { channelsResponse } from './fixtures/youtube-responses.js';

describe('trimToolResult', () => {
  it('returns small results as JSON without noise keys', () => {
    const text = trimToolResult(
      { kind: 'youtube#video', etag: 'x', snippet: { title: 'T', thumbnails: { a: 1 }, localized: { title: 'T' } } },
      { maxChars: 10_000 },
    );
    expect(JSON.parse(text)).toEqual({ kind: 'youtube#video', snippet: { title: 'T' } });
  });

  it('shrinks a large YouTube response to fit, as valid JSON with a note on dropped items', () => {
    const channels = Array.from({ length: 50 }, (_, n) => ({
      id: `UC${n}`,
      title: `Channel ${n}`,
      description: 'd'.repeat(3000),
      subscribers: '1000',
    }));
    const text = trimToolResult(channelsResponse(channels), { maxChars: 4000 });
    expect(text.length).toBeLessThanOrEqual(4000);
    const parsed = JSON.parse(text) as { items: unknown[] };
    expect(parsed.items.at(-1)).toMatch(/^\.\.\. \d+ more$/);
    const first = parsed.items[0] as { id: string; snippet: { description: string } };
    expect(first.id).toBe('UC0');
    expect(first.snippet.description).toMatch(/… \[\+\d+ chars\]$/);
    expect(text).not.toContain('thumbnails');
  });

  it('falls back to a preview envelope when even the smallest shape is too big', () => {
    const wide = Object.fromEntries(Array.from({ length: 2000 }, (_, n) => [`key${n}`, n]));
    const text = trimToolResult(wide, { maxChars: 500 });
    expect(text.length).toBeLessThanOrEqual(500);
    expect(JSON.parse(text)).toMatchObject({
      truncated: true,
      note: expect.stringContaining('shortened to fit 500') as unknown,
    });
  });

  it('keeps strings as plain text and survives values JSON cannot express', () => {
    expect(trimToolResult('done', { maxChars: 100 })).toBe('done');
    const cyclic: Record<string, unknown> = {
      name: 'loop',
      big: 10n,
      when: new Date('2024-01-01T00:00:00Z'),
      skip: undefined,
      fn: () => 1,
    };
    cyclic.self = cyclic;
    expect(JSON.parse(trimToolResult(cyclic, { maxChars: 1000 }))).toEqual({
      name: 'loop',
      big: '10',
      when: '2024-01-01T00:00:00.000Z',
      self: '[circular]',
    });
    expect(trimToolResult(undefined, { maxChars: 100 })).toBe('null');
    expect(JSON.parse(trimToolResult([Number.NaN, new Error('boom')], { maxChars: 100 }))).toEqual([
      null,
      { error: 'boom' },
    ]);
  });

  it('repeats a shared (non-cyclic) object instead of marking it circular', () => {
    const shared = { a: 1 };
    expect(JSON.parse(trimToolResult({ x: shared, y: shared }, { maxChars: 100 }))).toEqual({
      x: { a: 1 },
      y: { a: 1 },
    });
  });
});

describe('truncateText', () => {
  it('says how much was cut and respects the limit', () => {
    const text = truncateText('a'.repeat(100), 40);
    expect(text.length).toBeLessThanOrEqual(40);
    expect(text).toMatch(/^a+… \[\+\d+ chars\]$/);
    const kept = text.length - text.replace(/^a+/, '').length;
    expect(text).toContain(`[+${100 - kept} chars]`);
  });
});
