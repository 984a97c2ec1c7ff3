// A user whose earlier runs were made by version 0.2 or before: the sync map is one record (two
// alternating slots). The first run of this version splits it into one record per URL and
// re-syncs the unchanged site without writing a page or duplicating one; the old map is removed.

import { mkdtemp, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import type { LegacySyncStateData, SyncedPage } from '../../src/sync/sync-state.js';
import { childPages, notionOf, PARENT, pageTitled, runActor, useStack } from '../support/stack.js';
import { readRecords, removeRecord, syncRecordKeys, syncStoreDir, writeRecord } from '../support/sync-records.js';

const stack = useStack();

it('reads the one-record map of an earlier version, migrates it and re-syncs without writing or duplicating', async () => {
  const storageDir = await mkdtemp(join(tmpdir(), 'crawl-to-notion-migration-'));
  const input = { startUrls: [{ url: `${stack.site.url}/` }], parentPage: PARENT, maxPages: 100 };
  const first = await runActor(stack.emulator, { input, storageDir, approve: true });
  expect(first.exitCode, first.printed).toBe(0);
  const created = first.out!.created;
  expect(created).toBeGreaterThan(20);

  // Storage as version 0.2 left it: the map in slot "a" (newest) and an older copy in slot "b".
  const keys = await syncRecordKeys(storageDir);
  const manifest = (await readRecords(storageDir, keys.manifest)).get(keys.manifest) as { destinationId: string };
  const pages: Record<string, SyncedPage> = {};
  for (const [key, value] of await readRecords(storageDir, keys.pagePrefix)) {
    const { url, ...page } = value as SyncedPage & { url: string };
    pages[url] = page;
    await removeRecord(storageDir, key);
  }
  await removeRecord(storageDir, keys.manifest);
  const legacy = (seq: number, subset: Record<string, SyncedPage>): LegacySyncStateData => ({
    version: 1,
    destinationId: manifest.destinationId,
    seq,
    pages: subset,
    pending: {},
  });
  await writeRecord(storageDir, `${keys.key}-a`, legacy(9, pages));
  await writeRecord(storageDir, `${keys.key}-b`, legacy(8, Object.fromEntries(Object.entries(pages).slice(0, 3))));
  const before = await notionOf(stack.emulator);

  const second = await runActor(stack.emulator, { input, storageDir });
  expect(second.exitCode, second.printed).toBe(0);
  expect(second.printed).toContain(
    `The sync map of an earlier version (${created} pages) is now kept as one record per page.`,
  );
  expect(second.out).toMatchObject({ written: 0, created: 0, updated: 0, unchanged: created });
  const after = await notionOf(stack.emulator);
  expect(childPages(after, pageTitled(after, PARENT))).toEqual(childPages(before, pageTitled(before, PARENT)));
  // Reading the parent's children is all a re-sync asks of Notion (with resolving the parent).
  expect(second.out!.notionRequests).toBeLessThanOrEqual(3);

  const files = await readdir(syncStoreDir(storageDir));
  expect(files.filter((f) => f.startsWith(`${keys.key}-a.`) || f.startsWith(`${keys.key}-b.`))).toEqual([]);
  expect((await readRecords(storageDir, keys.pagePrefix)).size).toBe(created);

  // The next run finds the records and has nothing to migrate.
  const third = await runActor(stack.emulator, { input, storageDir });
  expect(third.exitCode, third.printed).toBe(0);
  expect(third.printed).not.toContain('earlier version');
  expect(third.out).toMatchObject({ written: 0, unchanged: created });
}, 180_000);
