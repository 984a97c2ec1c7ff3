// A run killed half-way (SIGKILL: no shutdown handler runs, nothing is flushed) and started again
// for the same user (same storages) ends with every page exactly once and complete: writes the
// killed run had started are found in Notion instead of being created a second time.

import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { approveConsent } from '@repo/actor-runner';
import { expect, it } from 'vitest';
import {
  childPages,
  finished,
  notionOf,
  outlineOf,
  PARENT,
  pageTitled,
  runActor,
  startRun,
  titleOf,
  useStack,
} from '../support/stack.js';
import { removeRecord, syncRecordKeys, writeRecord } from '../support/sync-records.js';
import { expectedOutline } from './expected.js';

// Notion's real limit: the run takes several seconds, so it can be killed in the middle.
const stack = useStack({ rateLimitPerSecond: 3, perTest: true });

async function writtenPages() {
  const snapshot = await notionOf(stack.emulator);
  return childPages(snapshot, pageTitled(snapshot, PARENT)).filter((p) =>
    outlineOf(p.children.slice(0, 1))[0]?.startsWith(`callout: Source: ${stack.site.url}`),
  );
}

/** Starts a run, kills it (SIGKILL) once `pages` pages are in Notion, and returns what was written by then. */
async function killAfter(pages: number, input: unknown, storageDir: string) {
  const killed = await startRun(stack.emulator, { input, storageDir });
  const approval = approveConsent(killed.liveViewUrl, 'notion');
  let before = 0;
  for (let i = 0; i < 600 && before < pages; i++) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    // The sandbox exists once the run first calls Notion.
    before = (await writtenPages().catch(() => [])).length;
  }
  killed.kill('SIGKILL');
  const dead = await finished(killed, approval);
  expect(dead.signal).toBe('SIGKILL');
  const partial = await writtenPages();
  expect(partial.length).toBeGreaterThanOrEqual(pages);
  expect(partial.length).toBeLessThan(stack.site.crawlablePaths.length);
  return partial;
}

async function expectEveryPageOnceAndComplete(partial: { id: string }[]) {
  const pages = await writtenPages();
  const titles = pages.map(titleOf);
  expect(new Set(titles).size).toBe(titles.length);
  expect(pages).toHaveLength(stack.site.crawlablePaths.length);
  // The pages of the killed run are kept (same ids), not created again.
  for (const page of partial) expect(pages.map((p) => p.id)).toContain(page.id);
  for (const path of stack.site.crawlablePaths) {
    const expected = await expectedOutline(`${stack.site.url}${path}`);
    const page = pages.find((p) => titleOf(p) === expected.title);
    expect(page && outlineOf(page.children), path).toEqual(expected.outline);
  }
}

it('a run killed half-way and started again ends with every page exactly once, complete', async () => {
  const storageDir = await mkdtemp(join(tmpdir(), 'crawl-to-notion-crash-'));
  const input = { startUrls: [{ url: `${stack.site.url}/` }], parentPage: PARENT };
  const partial = await killAfter(8, input, storageDir);

  const resumed = await runActor(stack.emulator, { input, storageDir });
  expect(resumed.exitCode, resumed.printed).toBe(0);
  await expectEveryPageOnceAndComplete(partial);
  expect(resumed.out!.created + resumed.out!.updated + resumed.out!.unchanged).toBe(stack.site.crawlablePaths.length);
  expect(resumed.out!.created).toBe(stack.site.crawlablePaths.length - partial.length);
}, 120_000);

/**
 * The moment SIGKILL cannot be aimed at: the create request reached Notion, the page's record was
 * not stored after it. The records are put back to exactly that (the intent stored, the record not),
 * then the next run must find the page instead of creating it again.
 */
it('a page created right before a crash (intent saved, mapping not) is found and completed, not duplicated', async () => {
  const storageDir = await mkdtemp(join(tmpdir(), 'crawl-to-notion-intent-'));
  const urls = ['/docs/installation', '/docs/changelog', '/blog/long-essay'].map((path) => `${stack.site.url}${path}`);
  const input = { startUrls: urls.map((url) => ({ url })), parentPage: PARENT, maxDepth: 0 };
  const first = await runActor(stack.emulator, { input, storageDir, approve: true });
  expect(first.exitCode, first.printed).toBe(0);
  const changelog = first.items.find((item) => item.url === urls[1])!;
  expect(changelog.status).toBe('created');

  // The page's record gone, its intent still there: as if the process died right after the create.
  const keys = await syncRecordKeys(storageDir);
  await removeRecord(storageDir, keys.page(urls[1]!));
  await writeRecord(storageDir, keys.pending(urls[1]!), {
    url: urls[1],
    phase: 'creating',
    title: 'Changelog',
    requestUrl: urls[1],
    depth: 0,
  });

  const second = await runActor(stack.emulator, { input, storageDir });
  expect(second.exitCode, second.printed).toBe(0);
  expect(second.printed).toContain('1 found from an interrupted run');
  expect(second.out).toMatchObject({ created: 0, updated: 1, unchanged: 2 });
  const snapshot = await notionOf(stack.emulator);
  const copies = childPages(snapshot, pageTitled(snapshot, PARENT)).filter((p) => titleOf(p) === 'Changelog');
  expect(copies.map((p) => p.id)).toEqual([changelog.notionPageId]);
  expect(outlineOf(copies[0]!.children)).toEqual((await expectedOutline(urls[1]!)).outline);
}, 60_000);
