// Scalekit and Notion misbehaving during a real run: a Scalekit outage mid-crawl (the port refuses
// connections, then comes back), Notion answering 503 to every write (circuit breaker), and two
// runs of one user sharing Notion's 3 requests/second. Nothing is lost or duplicated, and the exit
// status tells the truth.

import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { approveConsent } from '@repo/actor-runner';
import { describe, expect, it } from 'vitest';
import {
  childPages,
  finished,
  notionOf,
  PARENT,
  pageTitled,
  runActor,
  startRun,
  titleOf,
  useStack,
} from '../support/stack.js';

const STACK_TRACE = /\n\s+at /;
const RUN_TIMEOUT = 240_000;

// Notion's real limit, so a run lasts long enough for an outage in its middle.
const stack = useStack({ rateLimitPerSecond: 3 });

const sitemapInput = (parentPage: string) => ({
  startUrls: [{ url: `${stack.site.url}/` }],
  parentPage,
  useSitemaps: true,
  maxDepth: 0,
});

/** Waits (polling the admin API) until the run has created `n` pages in Notion. */
async function pagesCreated(n: number): Promise<void> {
  for (;;) {
    const created = (await stack.emulator.admin.calls({ kind: 'proxy' })).filter(
      (c) => c.name === '/v1/pages' && c.status === '200',
    );
    if (created.length >= n) return;
    await delay(100);
  }
}

describe('a Scalekit outage in the middle of a run', () => {
  it(
    'loses no page and duplicates none: writes that could not connect are sent again once Scalekit is back',
    async () => {
      const storageDir = await mkdtemp(join(tmpdir(), 'crawl-to-notion-outage-'));
      const run = await startRun(stack.emulator, { input: sitemapInput(PARENT), storageDir, timeoutMs: RUN_TIMEOUT });
      await approveConsent(run.liveViewUrl, 'notion');
      await pagesCreated(3);
      await stack.emulator.suspend();
      // Well inside the 60 s budget of auth-gate, whatever the machine's load.
      await delay(5_000);
      await stack.emulator.resume();
      const result = await finished(run, undefined);
      expect(result.exitCode, result.printed).toBe(0);
      expect(result.out).toMatchObject({
        status: 'SUCCEEDED',
        created: stack.site.crawlablePaths.length,
        pagesNotWritten: 0,
      });
      const snapshot = await notionOf(stack.emulator);
      const titles = childPages(snapshot, pageTitled(snapshot, PARENT)).map(titleOf);
      const written = result.items.filter((item) => item.status === 'created').map((item) => item.title);
      expect(written).toHaveLength(stack.site.crawlablePaths.length);
      for (const title of written)
        expect(
          titles.filter((t) => t === title),
          `${title} once in Notion`,
        ).toHaveLength(1);
    },
    RUN_TIMEOUT,
  );
});

describe('two runs of one user at once', () => {
  it(
    "share Notion's 3 requests/second: 429s are waited out and neither run loses a page",
    async () => {
      await stack.emulator.admin.resetCalls();
      // Whether the two runs overlap enough to exceed 3 req/s depends on the machine's load, so a
      // burst of 429s (with Retry-After, as Notion sends them) is injected too: some writes are
      // always limited, and every one must be waited out, not failed.
      await stack.emulator.admin.addFault({
        match: { kind: 'proxy', name: '/v1/pages', connector: 'notion' },
        effect: { type: 'rate_limit', retryAfterSeconds: 1 },
        times: 6,
      });
      const [a, b] = await Promise.all(
        [PARENT, 'Roadmap'].map(async (parentPage) => {
          const storageDir = await mkdtemp(join(tmpdir(), 'crawl-to-notion-parallel-'));
          return runActor(stack.emulator, { input: sitemapInput(parentPage), storageDir, timeoutMs: RUN_TIMEOUT });
        }),
      );
      for (const run of [a!, b!]) {
        expect(run.exitCode, run.printed).toBe(0);
        expect(run.out).toMatchObject({
          status: 'SUCCEEDED',
          created: stack.site.crawlablePaths.length,
          pagesNotWritten: 0,
        });
      }
      // Notion answered some writes with 429 (the injected ones, and any from the runs contending).
      const limited = (await stack.emulator.admin.calls({ kind: 'proxy' })).filter((c) => c.status === '429');
      expect(limited.length).toBeGreaterThan(0);
    },
    RUN_TIMEOUT,
  );
});

describe('Notion failing every write', () => {
  it(
    'stops calling after the breaker opens and fails the run with one message naming the cause',
    async () => {
      await stack.emulator.admin.resetCalls();
      const fault = await stack.emulator.admin.addFault({
        match: { kind: 'proxy', name: '/v1/pages', connector: 'notion' },
        effect: { type: 'error', code: '503' },
      });
      try {
        const run = await runActor(stack.emulator, { input: sitemapInput(PARENT), timeoutMs: RUN_TIMEOUT });
        expect(run.exitCode).toBe(1);
        expect(run.printed).toContain('Stopped calling notion: its last 10 calls in a row failed with 503');
        expect(run.printed).not.toMatch(STACK_TRACE);
        expect(run.out).toMatchObject({
          status: 'FAILED',
          created: 0,
          message: expect.stringContaining('Stopped calling notion') as unknown,
        });
        const failedWrites = (await stack.emulator.admin.calls({ kind: 'proxy' })).filter(
          (c) => c.name === '/v1/pages' && c.status === '503',
        );
        // Ten to open it, plus at most one in flight per writer.
        expect(failedWrites.length).toBeGreaterThanOrEqual(10);
        expect(failedWrites.length).toBeLessThanOrEqual(13);
      } finally {
        await stack.emulator.admin.removeFault(fault.id);
      }
    },
    RUN_TIMEOUT,
  );
});
