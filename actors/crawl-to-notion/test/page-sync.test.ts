import type { NotionPage } from '@repo/notion-client';
import { describe, expect, it } from 'vitest';
import type { NotionBlock } from '../src/notion-blocks/index.js';
import type { Destination, PageContent, PreparedState } from '../src/sync/destinations.js';
import { PageSync } from '../src/sync/page-sync.js';
import type { PageItem } from '../src/sync/run-report.js';
import { SyncState, type SyncedPage } from '../src/sync/sync-state.js';
import { MemoryStore } from './support/memory-store.js';
import { pageObject } from './support/notion-objects.js';

const memoryStore = () => new MemoryStore();

/** A destination that keeps pages in memory and can be told to fail. */
class FakeDestination implements Destination {
  readonly kind = 'page';
  readonly parentPageUrl = 'https://www.notion.so/parent';
  readonly containerUrl = () => this.parentPageUrl;
  readonly pages = new Map<string, { title: string; blocks: NotionBlock[] }>();
  readonly writes: string[] = [];
  failPrepare = false;
  #next = 1;
  #prepared: Promise<PreparedState> | undefined;

  constructor(readonly store: MemoryStore) {}

  prepare(): Promise<PreparedState> {
    this.#prepared ??= this.failPrepare
      ? Promise.reject(new Error('cannot create the database'))
      : SyncState.load(this.store, 'k', 'dest').then((state) => ({
          state,
          report: { known: 0, dropped: 0, recovered: 0, archivedDuplicates: 0, resume: [] },
        }));
    return this.#prepared;
  }

  contentBlocks(content: PageContent): NotionBlock[] {
    return content.blocks;
  }

  create(content: PageContent, blocks: NotionBlock[]): Promise<NotionPage> {
    const id = `page-${this.#next++}`;
    this.pages.set(id, { title: content.title, blocks });
    this.writes.push(`create ${content.url}`);
    return Promise.resolve(pageObject(id));
  }

  update(page: SyncedPage, content: PageContent, blocks: NotionBlock[]): Promise<void> {
    this.pages.set(page.pageId, { title: content.title, blocks });
    this.writes.push(`update ${content.url}`);
    return Promise.resolve();
  }
}

const html = (title: string, body: string, canonical?: string) =>
  `<html><head><title>${title}</title>${canonical ? `<link rel="canonical" href="${canonical}">` : ''}</head><body><main><h1>${title}</h1>${body}</main></body></html>`;

function setup(options: { chargeLimitAfter?: number; destination?: FakeDestination } = {}) {
  const destination = options.destination ?? new FakeDestination(memoryStore());
  const items: PageItem[] = [];
  let charged = 0;
  const events: string[] = [];
  const sync = new PageSync({
    destination,
    linkToNotionPages: true,
    writers: 2,
    queueCapacity: 4,
    record: (item) => Promise.resolve(void items.push(item)),
    chargePage: () => Promise.resolve(++charged >= (options.chargeLimitAfter ?? Infinity)),
    onChargeLimit: () => events.push('charge-limit'),
    onFatal: () => events.push('fatal'),
    warn: (message) => events.push(message),
  });
  const page = (url: string, content: string, depth = 1) =>
    sync.intake({ requestUrl: url, loadedUrl: url, html: content, depth });
  return { destination, items, sync, page, events };
}

describe('PageSync', () => {
  it('writes each canonical page once: a second URL of the same page is skipped with the reason', async () => {
    const { sync, page, items, destination } = setup();
    await page('https://s.example/guide', html('Guide', '<p>Text</p>', '/guide'));
    await page('https://s.example/guide?ref=nav', html('Guide', '<p>Text</p>', '/guide'));
    await page('https://s.example/guide', html('Guide', '<p>Text</p>', '/guide')); // fetched twice: ignored
    await sync.drain();
    expect(destination.writes).toEqual(['create https://s.example/guide']);
    expect(items.map((i) => [i.url, i.status])).toEqual([
      ['https://s.example/guide?ref=nav', 'skipped'],
      ['https://s.example/guide', 'created'],
    ]);
    expect(items[0]!.error).toContain('Same page as https://s.example/guide');
  });

  it('does not merge different pages that share a wrong canonical link', async () => {
    const { sync, page, destination } = setup();
    await page('https://s.example/', html('Home', '<p>Welcome</p>', '/'));
    await page('https://s.example/a', html('A', '<p>Page A</p>', '/'));
    await sync.drain();
    expect(destination.writes.sort()).toEqual(['create https://s.example/', 'create https://s.example/a']);
  });

  it('links pages to the Notion pages written before them, and a re-run leaves unchanged pages alone', async () => {
    const store = memoryStore();
    const first = setup({ destination: new FakeDestination(store) });
    await first.page('https://s.example/a', html('A', '<p>See <a href="/b">B</a></p>'));
    await first.sync.drain();
    await first.page('https://s.example/b', html('B', '<p>Back to <a href="/a#top">A</a></p>'));
    await first.sync.drain();
    const b = [...first.destination.pages.values()].find((p) => p.title === 'B')!;
    expect(JSON.stringify(b.blocks)).toContain('https://www.notion.so/page-1');

    const second = setup({ destination: new FakeDestination(store) });
    await second.page('https://s.example/a', html('A', '<p>See <a href="/b">B</a></p>'));
    await second.page('https://s.example/b', html('B', '<p>Back to <a href="/a#top">A</a> again</p>'));
    await second.sync.drain();
    expect(second.destination.writes).toEqual(['update https://s.example/b']);
    expect(second.items.map((i) => i.status).sort()).toEqual(['unchanged', 'updated']);

    // Nothing changed: a third run reads each page's record and writes nothing, in Notion or in storage.
    const writes = store.writes;
    const third = setup({ destination: new FakeDestination(store) });
    await third.page('https://s.example/a', html('A', '<p>See <a href="/b">B</a></p>'));
    await third.page('https://s.example/b', html('B', '<p>Back to <a href="/a#top">A</a> again</p>'));
    await third.sync.drain();
    expect(third.destination.writes).toEqual([]);
    expect(store.writes).toBe(writes);
    expect(store.keysStartingWith('k-i-')).toEqual([]);
  });

  it('announces each write before it is sent and leaves no intent behind once written', async () => {
    const store = memoryStore();
    const destination = new FakeDestination(store);
    const seen: string[][] = [];
    const create = destination.create.bind(destination);
    destination.create = (content, blocks) => {
      seen.push(store.keysStartingWith('k-i-'));
      return create(content, blocks);
    };
    const { sync, page } = setup({ destination });
    await page('https://s.example/a', html('A', '<p>a</p>'));
    await sync.drain();
    expect(seen).toEqual([[expect.stringMatching(/^k-i-/)]]);
    expect(store.keysStartingWith('k-i-')).toEqual([]);
    expect(store.keysStartingWith('k-p-')).toHaveLength(1);
  });

  it('stops writing at the spending limit and records what was left as skipped', async () => {
    const { sync, page, items, events } = setup({ chargeLimitAfter: 2 });
    for (let i = 0; i < 8; i++) await page(`https://s.example/p${i}`, html(`P${i}`, `<p>Page ${i}</p>`));
    await sync.drain();
    expect(events).toContain('charge-limit');
    expect(sync.stopped).toBe(true);
    const written = items.filter((i) => i.status === 'created').length;
    expect(written).toBeGreaterThanOrEqual(2);
    expect(written).toBeLessThan(8);
    expect(items.filter((i) => i.status === 'skipped').every((i) => i.error?.includes('spending limit'))).toBe(true);
    expect(items).toHaveLength(8);
  });

  it('reports a destination that cannot be prepared once, as the reason to stop', async () => {
    const destination = new FakeDestination(memoryStore());
    destination.failPrepare = true;
    const { sync, page, events } = setup({ destination });
    await expect(page('https://s.example/a', html('A', '<p>a</p>'))).rejects.toThrow('cannot create the database');
    await expect(page('https://s.example/b', html('B', '<p>b</p>'))).rejects.toThrow('cannot create the database');
    expect(events.filter((e) => e === 'fatal')).toHaveLength(1);
    expect((sync.fatal as Error).message).toBe('cannot create the database');
    // A retry of the same URL by the crawler is taken in again, not mistaken for a duplicate.
    await expect(page('https://s.example/a', html('A', '<p>a</p>'))).rejects.toThrow('cannot create the database');
  });
});
