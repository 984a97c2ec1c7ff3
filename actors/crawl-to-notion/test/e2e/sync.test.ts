// A documentation site written into a user's Notion, then kept in sync: the first run creates one
// page per crawlable URL under the parent, a second run on the unchanged site writes nothing, and
// a changed page is rewritten in place. Everything is checked in the emulator's Notion sandbox.

import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  childPages,
  linksOf,
  notionOf,
  outlineOf,
  PARENT,
  pageTitled,
  runActor,
  titleOf,
  type Finished,
  type NotionSnapshot,
  useStack,
} from '../support/stack.js';
import { expectedOutline } from './expected.js';

const RUN_TIMEOUT = 90_000;

const stack = useStack();
let storageDir: string;
let first: Finished;
let afterFirst: NotionSnapshot;

function input() {
  return { startUrls: [{ url: `${stack.site.url}/` }], parentPage: PARENT, maxPages: 100 };
}

function underParent(snapshot: NotionSnapshot) {
  return childPages(snapshot, pageTitled(snapshot, PARENT));
}

beforeAll(async () => {
  storageDir = await mkdtemp(join(tmpdir(), 'crawl-to-notion-sync-'));
  first = await runActor(stack.emulator, { input: input(), storageDir, approve: true });
  afterFirst = await notionOf(stack.emulator);
}, RUN_TIMEOUT);

describe('first run', () => {
  it('creates one page per crawlable URL under the parent, with exactly the converted content in order', async () => {
    expect(first.exitCode, first.printed).toBe(0);
    const written = underParent(afterFirst).filter((p) =>
      outlineOf(p.children.slice(0, 1))[0]?.startsWith(`callout: Source: ${stack.site.url}`),
    );
    expect(written).toHaveLength(stack.site.crawlablePaths.length);

    for (const path of stack.site.crawlablePaths) {
      const url = `${stack.site.url}${path}`;
      const expected = await expectedOutline(url);
      const matching = written.filter((p) => titleOf(p) === expected.title);
      expect(matching, `${path} written once`).toHaveLength(1);
      expect(outlineOf(matching[0]!.children), path).toEqual(expected.outline);
    }
    // The site's broken links are reported, but there was no page to write for them: the run succeeded.
    expect(first.out).toMatchObject({
      status: 'SUCCEEDED',
      created: 23,
      written: 23,
      updated: 0,
      unchanged: 0,
      pagesNotWritten: 0,
    });
    expect(first.out!.brokenLinks).toBeGreaterThan(0);
    expect(first.out!.failed).toBe(first.out!.brokenLinks);
  });

  it('writes the page of more than 100 blocks completely and splits the long paragraph without losing text', () => {
    const changelog = pageTitled(afterFirst, 'Changelog');
    const notes = changelog.children.filter((b) => b.type === 'paragraph');
    expect(notes).toHaveLength(130);
    expect(outlineOf(notes).at(-1)).toBe('paragraph: Release note 130: fixed issue #1129 in the request pipeline.');

    const essay = pageTitled(afterFirst, 'A very long essay');
    const paragraph = essay.children.find((b) => b.type === 'paragraph')!;
    const items = (paragraph['paragraph'] as { rich_text: { plain_text: string }[] }).rich_text;
    expect(items.length).toBeGreaterThan(1);
    for (const item of items) expect(item.plain_text.length).toBeLessThanOrEqual(2000);
    expect(items.map((i) => i.plain_text).join('')).toBe(Array.from({ length: 900 }, (_, i) => `word${i}`).join(' '));
  });

  it('leaves out what robots.txt disallows, skips the PDF and records broken links, each with its reason', () => {
    expect(afterFirst.pages.some((p) => titleOf(p) === 'Admin')).toBe(false);
    const byUrl = new Map(first.items.map((item) => [item.url, item]));
    expect(byUrl.get(`${stack.site.url}/private/admin`)).toMatchObject({
      status: 'skipped',
      error: expect.stringContaining('robots.txt'),
    });
    expect(byUrl.get(`${stack.site.url}/files/guide.pdf`)).toMatchObject({
      status: 'skipped',
      error: 'Not an HTML page (application/pdf).',
    });
    expect(byUrl.get(`${stack.site.url}/docs/missing-page`)).toMatchObject({
      status: 'failed',
      error: `Broken link: HTTP 404 (linked from ${stack.site.url}/blog/long-essay).`,
    });
    // One item per URL, and every written page's item names its Notion page.
    expect(new Set(first.items.map((i) => i.url)).size).toBe(first.items.length);
    const ids = new Set(underParent(afterFirst).map((p) => p.id));
    for (const item of first.items.filter((i) => i.status === 'created'))
      expect(ids.has(item.notionPageId!)).toBe(true);
  });
});

describe('re-runs', () => {
  it(
    'a second run on the unchanged site writes nothing',
    async () => {
      const second = await runActor(stack.emulator, { input: input(), storageDir });
      expect(second.exitCode, second.printed).toBe(0);
      expect(second.out).toMatchObject({ written: 0, created: 0, updated: 0, unchanged: 23 });
      expect(await notionOf(stack.emulator)).toEqual(afterFirst);
      expect(
        second.items
          .filter((i) => i.status === 'unchanged')
          .map((i) => i.notionPageId)
          .sort(),
      ).toEqual(
        first.items
          .filter((i) => i.status === 'created')
          .map((i) => i.notionPageId)
          .sort(),
      );
    },
    RUN_TIMEOUT,
  );

  it(
    'a changed page is rewritten in place (same page, new content) and nothing else is touched',
    async () => {
      stack.site.setRevision(1);
      const third = await runActor(stack.emulator, { input: input(), storageDir });
      expect(third.exitCode, third.printed).toBe(0);
      expect(third.out).toMatchObject({ written: 1, created: 0, updated: 1, unchanged: 22 });

      const now = await notionOf(stack.emulator);
      const before = pageTitled(afterFirst, 'Authentication');
      const after = pageTitled(now, 'Authentication');
      expect(after.id).toBe(before.id);
      const expected = await expectedOutline(`${stack.site.url}/docs/authentication`);
      expect(outlineOf(after.children)).toEqual(expected.outline);
      expect(expected.outline).toContain(
        'paragraph: Updated in revision 1: the recommended timeout is now 31 seconds.',
      );
      // Blocks that did not change stay (Notion deletes cost a request each): the source block is the same block.
      const firstLive = (page: typeof after) => page.children.find((b) => b.archived !== true)!.id;
      expect(firstLive(after)).toBe(firstLive(before));
      // Links to pages written before point to their Notion pages now.
      const connected = pageTitled(now, 'Connected accounts');
      expect(linksOf(after.children)).toContain(connected.url);

      expect(underParent(now).map((p) => p.id)).toEqual(underParent(afterFirst).map((p) => p.id));
      const others = (snapshot: NotionSnapshot) => underParent(snapshot).filter((p) => p.id !== before.id);
      expect(others(now)).toEqual(others(afterFirst));
    },
    RUN_TIMEOUT,
  );
});
