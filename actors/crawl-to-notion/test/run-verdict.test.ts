import { describe, expect, it } from 'vitest';
import { itemFor, RunTally, runVerdict, type PageStatus } from '../src/sync/run-report.js';

function tally(outcomes: Partial<Record<PageStatus | 'broken', number>>): RunTally {
  const t = new RunTally();
  for (const [status, n] of Object.entries(outcomes) as [PageStatus | 'broken', number][]) {
    for (let i = 0; i < n; i += 1) {
      if (status === 'broken')
        t.record(itemFor(`https://x/broken${i}`, 'failed', { error: 'Broken link: HTTP 404.' }), true);
      else
        t.record(itemFor(`https://x/${status}${i}`, status, { error: status === 'failed' ? `refused ${i}.` : null }));
    }
  }
  return t;
}

describe('run verdict: the exit status tells the truth', () => {
  it('succeeds when every page to write was written; broken links and skipped URLs do not count', () => {
    expect(runVerdict(tally({ created: 5, unchanged: 2, broken: 3, skipped: 4 }), 0, false)).toEqual({
      status: 'SUCCEEDED',
      message: undefined,
    });
  });

  it('fails on any page not written when nothing is tolerated (the default), naming the first error', () => {
    const verdict = runVerdict(tally({ created: 9, failed: 1 }), 0, false);
    expect(verdict.status).toBe('FAILED');
    expect(verdict.message).toContain('1 page of 10 (10%) could not be written to Notion. First error: refused 0.');
    expect(verdict.message).toContain('maxFailedPagesPercent');
  });

  it('succeeds with failures within the tolerated share, and fails past it', () => {
    expect(runVerdict(tally({ created: 9, failed: 1 }), 10, false)).toEqual({
      status: 'SUCCEEDED_WITH_FAILURES',
      message: '1 page of 10 (10%) not written, within the 10% tolerated.',
    });
    const over = runVerdict(tally({ created: 8, failed: 2 }), 10, false);
    expect(over.status).toBe('FAILED');
    expect(over.message).toContain('more than the 10% tolerated');
  });

  it('a run that wrote nothing fails whatever the tolerance, also when only broken links or skips were found', () => {
    expect(runVerdict(tally({ failed: 3 }), 100, false)).toMatchObject({
      status: 'FAILED',
      message: expect.stringContaining('Nothing was written to Notion: 3 pages could not be written') as unknown,
    });
    expect(runVerdict(tally({ broken: 1, skipped: 2 }), 100, false)).toMatchObject({
      status: 'FAILED',
      message: expect.stringContaining('1 broken link, 2 URLs skipped') as unknown,
    });
    // Unchanged pages are delivered: a re-run with nothing new succeeds.
    expect(runVerdict(tally({ unchanged: 4 }), 0, false).status).toBe('SUCCEEDED');
  });

  it('the spending limit is its own status', () => {
    expect(runVerdict(tally({ created: 3, failed: 1 }), 0, true).status).toBe('CHARGE_LIMIT_REACHED');
  });
});
