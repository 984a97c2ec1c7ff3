// Database mode: the database is created under the parent on the first write, with one row per
// URL carrying Title, URL, Crawled at and Words, and the page's content inside the row; a re-run
// finds the rows by their URL property and writes nothing when the site did not change.

import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readDataset } from '@repo/actor-runner';
import { expect, it } from 'vitest';
import { notionOf, outlineOf, PARENT, pageTitled, rowsOf, runActor, titleOf, useStack } from '../support/stack.js';
import { expectedOutline } from './expected.js';

const stack = useStack();

it('creates the database under the parent with a row per page, properties and content; a re-run writes nothing', async () => {
  const storageDir = await mkdtemp(join(tmpdir(), 'crawl-to-notion-db-'));
  const paths = ['/docs/installation', '/docs/webhooks', '/docs/changelog'];
  const input = {
    startUrls: paths.map((path) => ({ url: `${stack.site.url}${path}` })),
    maxDepth: 0,
    destination: 'database',
    database: 'Acme docs',
    parentPage: PARENT,
  };
  // Pay-per-event as the platform would charge it, logged to a local dataset.
  const charging = { ACTOR_TEST_PAY_PER_EVENT: 'true', ACTOR_USE_CHARGING_LOG_DATASET: 'true' };
  const first = await runActor(stack.emulator, { input, storageDir, approve: true, env: charging });
  expect(first.exitCode, first.printed).toBe(0);
  expect(first.out).toMatchObject({ destination: 'database', created: 3, failed: 0 });
  const charges = (await readDataset(storageDir, 'charging_log')) as { eventName: string }[];
  expect(charges.filter((c) => c.eventName === 'page-written')).toHaveLength(3);

  const snapshot = await notionOf(stack.emulator);
  const databases = snapshot.databases.filter((db) => db.title.map((t) => t.plain_text).join('') === 'Acme docs');
  expect(databases).toHaveLength(1);
  const database = databases[0]!;
  expect(database.parent).toMatchObject({ type: 'page_id', page_id: pageTitled(snapshot, PARENT).id });
  expect(Object.fromEntries(Object.entries(database.properties).map(([name, p]) => [name, p.type]))).toMatchObject({
    Title: 'title',
    URL: 'url',
    'Crawled at': 'date',
    Words: 'number',
  });
  expect(first.out?.databaseUrl).toBe(database.url);

  const rows = rowsOf(snapshot, database.id);
  expect(rows).toHaveLength(3);
  for (const path of paths) {
    const url = `${stack.site.url}${path}`;
    const row = rows.find((r) => r.properties['URL']?.url === url)!;
    const item = first.items.find((i) => i.url === url)!;
    const expected = await expectedOutline(url, { sourceBlock: false });
    expect(titleOf(row)).toBe(expected.title);
    expect(row.id).toBe(item.notionPageId);
    expect(row.properties['Words']?.number).toBe(item.wordCount);
    expect(item.wordCount).toBeGreaterThan(10);
    expect(row.properties['Crawled at']?.date?.start).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect(outlineOf(row.children), path).toEqual(expected.outline);
  }

  const second = await runActor(stack.emulator, { input, storageDir, env: charging });
  expect(second.exitCode, second.printed).toBe(0);
  expect(second.out).toMatchObject({ written: 0, unchanged: 3 });
  // Unchanged pages are free.
  expect(
    ((await readDataset(storageDir, 'charging_log')) as { eventName: string }[]).filter(
      (c) => c.eventName === 'page-written',
    ),
  ).toHaveLength(0);
  expect(await notionOf(stack.emulator)).toEqual(snapshot);
}, 90_000);
