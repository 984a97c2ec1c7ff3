import { describe, expect, it } from 'vitest';
import { buildGmailQuery, labelTerm } from '../src/gmail/gmail-query.js';
import {
  advanceCursor,
  isAfterCursor,
  searchAfterSeconds,
  type CursorMessage,
  type MailCursor,
} from '../src/state/mail-cursor.js';
import { planWindow } from '../src/state/run-window.js';

describe('buildGmailQuery', () => {
  it('combines the date bound, labels and the user query, grouping the user query', () => {
    expect(
      buildGmailQuery({
        afterEpochSeconds: 1_733_000_000,
        includeLabels: [],
        excludeLabels: [],
        userQuery: '-category:promotions OR is:starred',
      }),
    ).toBe('after:1733000000 (-category:promotions OR is:starred)');
    expect(
      buildGmailQuery({
        afterEpochSeconds: 1_733_000_000.9,
        includeLabels: ['Work/Projects'],
        excludeLabels: ['Follow up', 'Receipts'],
        userQuery: '',
      }),
    ).toBe('after:1733000000 label:work-projects -label:follow-up -label:receipts');
    expect(
      buildGmailQuery({
        afterEpochSeconds: null,
        includeLabels: ['Travel', 'Receipts'],
        excludeLabels: [],
        userQuery: '  ',
      }),
    ).toBe('{label:travel label:receipts}');
  });

  it('keeps label names from breaking out of their term', () => {
    expect(labelTerm('  "Odd" (label) {x}  ')).toBe('label:odd-label-x');
    expect(
      buildGmailQuery({ afterEpochSeconds: null, includeLabels: ['""'], excludeLabels: ['()'], userQuery: '' }),
    ).toBe('');
  });
});

describe('the mail cursor', () => {
  it('treats messages at the boundary millisecond by id', () => {
    const cursor: MailCursor = { internalDateMs: 5_000, idsAtBoundary: ['a'] };
    expect(isAfterCursor(cursor, { id: 'a', internalDateMs: 5_000 })).toBe(false);
    expect(isAfterCursor(cursor, { id: 'b', internalDateMs: 5_000 })).toBe(true);
    expect(isAfterCursor(cursor, { id: 'c', internalDateMs: 4_999 })).toBe(false);
    expect(isAfterCursor(cursor, { id: 'd', internalDateMs: 5_001 })).toBe(true);
    expect(isAfterCursor(null, { id: 'e', internalDateMs: 0 })).toBe(true);
  });

  it('searches one second before the cursor, so the boundary messages are always seen', () => {
    expect(searchAfterSeconds({ internalDateMs: 1_733_000_000_999, idsAtBoundary: [] })).toBe(1_732_999_999);
  });

  it('only moves forward and collects every id at the new boundary', () => {
    const start: MailCursor = { internalDateMs: 100, idsAtBoundary: ['x'] };
    expect(advanceCursor(start, [])).toEqual(start);
    expect(
      advanceCursor(start, [
        { id: 'y', internalDateMs: 100 },
        { id: 'old', internalDateMs: 50 },
      ]),
    ).toEqual({ internalDateMs: 100, idsAtBoundary: ['x', 'y'] });
    expect(
      advanceCursor(start, [
        { id: 'p', internalDateMs: 200 },
        { id: 'q', internalDateMs: 150 },
        { id: 'r', internalDateMs: 200 },
      ]),
    ).toEqual({
      internalDateMs: 200,
      idsAtBoundary: ['p', 'r'],
    });
    expect(advanceCursor(null, [])).toBeNull();
  });

  it('over a sequence of scheduled runs, digests every message exactly once', () => {
    // Mail arrives in bursts that share milliseconds and seconds; each run sees what has arrived.
    const arrivals: CursorMessage[] = [];
    for (let i = 0; i < 60; i++) arrivals.push({ id: `m${i}`, internalDateMs: 1_000_000 + Math.floor(i / 3) * 400 });
    const digested: string[] = [];
    let cursor: MailCursor | null = null;
    for (let run = 0; run < 12; run++) {
      const arrivedBy = 1_000_000 + run * 800;
      const window = planWindow('lastDigest', 1, cursor, arrivedBy);
      // Gmail's after: bound, taken at its strictest (whole seconds, exclusive), then the cursor's
      // own check, as the actor does.
      const visible = arrivals.filter(
        (m) => m.internalDateMs <= arrivedBy && Math.floor(m.internalDateMs / 1000) > window.afterEpochSeconds,
      );
      const fresh = visible.filter((m) => isAfterCursor(window.start, m));
      digested.push(...fresh.map((m) => m.id));
      cursor = advanceCursor(window.start, fresh);
    }
    expect(digested.sort()).toEqual(arrivals.map((m) => m.id).sort());
    expect(new Set(digested).size).toBe(digested.length);
  });
});

describe('planWindow', () => {
  const now = Date.UTC(2024, 11, 4, 8, 0, 0);

  it('uses the look-back window on a first scheduled run, and the saved cursor afterwards', () => {
    const first = planWindow('lastDigest', 24, null, now);
    expect(first).toMatchObject({
      firstRun: true,
      updatesCursor: true,
      start: { internalDateMs: now - 24 * 3_600_000 - 1, idsAtBoundary: [] },
    });
    expect(isAfterCursor(first.start, { id: 'edge', internalDateMs: now - 24 * 3_600_000 })).toBe(true);

    const saved: MailCursor = { internalDateMs: now - 3_600_000, idsAtBoundary: ['z'] };
    expect(planWindow('lastDigest', 24, saved, now)).toEqual({
      start: saved,
      afterEpochSeconds: searchAfterSeconds(saved),
      firstRun: false,
      updatesCursor: true,
    });
  });

  it('never lets a look-back run move the scheduled cursor', () => {
    const saved: MailCursor = { internalDateMs: now - 48 * 3_600_000, idsAtBoundary: [] };
    const window = planWindow('lookback', 2, saved, now);
    expect(window).toMatchObject({
      updatesCursor: false,
      firstRun: false,
      start: { internalDateMs: now - 2 * 3_600_000 - 1 },
    });
  });
});
