import { describe, expect, it } from 'vitest';
import { BoundedCache } from '../src/sync/bounded-cache.js';
import { recordKeys, stateKey, SyncState, type LegacySyncStateData } from '../src/sync/sync-state.js';
import { UrlMap, UrlSet } from '../src/sync/url-set.js';
import { MemoryStore } from './support/memory-store.js';

const page = (n: number) => ({
  pageId: `p${n}`,
  notionUrl: `https://www.notion.so/p${n}`,
  hash: `h${n}`,
  title: `Page ${n}`,
});

async function allPages(state: SyncState): Promise<[string, unknown][]> {
  const found: [string, unknown][] = [];
  await state.forEachPage((url, p) => found.push([url, p]));
  return found.sort(([a], [b]) => a.localeCompare(b));
}

describe('stateKey', () => {
  it('is a valid key-value store key, the same for an id with or without dashes, different per destination', () => {
    const key = stateKey('page', 'abedbb1e-17ad-4ee9-8cbb-65d1f4db0f95');
    expect(key).toMatch(/^sync-page-[0-9a-f]{32}$/);
    expect(stateKey('page', 'abedbb1e17ad4ee98cbb65d1f4db0f95')).toBe(key);
    expect(stateKey('database', 'abedbb1e17ad4ee98cbb65d1f4db0f95')).not.toBe(key);
    expect(stateKey('page', 'bbedbb1e17ad4ee98cbb65d1f4db0f95')).not.toBe(key);
  });

  it("gives each URL's record a key Apify accepts (up to 256 characters of a-z, 0-9 and -)", () => {
    const keys = recordKeys(stateKey('database', 'abedbb1e17ad4ee98cbb65d1f4db0f95'));
    const url = `https://docs.example.com/${'deep/'.repeat(100)}page?q=ä#top`;
    for (const key of [keys.page(url), keys.pending(url), keys.alias(url), keys.manifest])
      expect(key).toMatch(/^[a-z0-9-]{1,256}$/);
    expect(keys.page(url)).not.toBe(keys.page(`${url}x`));
  });
});

describe('SyncState', () => {
  it('keeps one record per URL: writing a page costs the same however many pages are mapped', async () => {
    const store = new MemoryStore();
    const state = await SyncState.load(store, 'k', 'dest');
    for (let i = 0; i < 50; i++) await state.setPage(`https://a.example/${i}`, page(i));
    const writes = store.writes;
    await state.setPage('https://a.example/last', page(99));
    expect(store.writes - writes).toBe(1);
    expect(store.keysStartingWith('k-p-')).toHaveLength(51);
    const again = await SyncState.load(store, 'k', 'dest');
    expect(await again.page('https://a.example/7')).toEqual(page(7));
    expect(await again.page('https://a.example/missing')).toBeUndefined();
  });

  it('streams every mapped page, and forgets removed ones', async () => {
    const store = new MemoryStore();
    const state = await SyncState.load(store, 'k', 'dest');
    for (let i = 0; i < 10; i++) await state.setPage(`u${i}`, page(i));
    await state.removePage('u3');
    const pages = await allPages(await SyncState.load(store, 'k', 'dest'));
    expect(pages).toHaveLength(9);
    expect(pages.map(([url]) => url)).not.toContain('u3');
    expect(pages[0]).toEqual(['u0', page(0)]);
  });

  it('stores intents on their own, and lists them', async () => {
    const store = new MemoryStore();
    const state = await SyncState.load(store, 'k', 'dest');
    await state.setPending('https://a.example/y', {
      phase: 'updating',
      title: 'Y',
      requestUrl: 'https://a.example/y?ref=1',
      depth: 1,
      page: { pageId: 'p1', notionUrl: 'https://www.notion.so/p1' },
    });
    await state.setPending('https://a.example/z', {
      phase: 'queued',
      title: 'Z',
      requestUrl: 'https://a.example/z',
      depth: 2,
    });
    const again = await SyncState.load(store, 'k', 'dest');
    expect(await again.pending('https://a.example/y')).toMatchObject({ phase: 'updating', page: { pageId: 'p1' } });
    expect((await again.pendingWrites()).map(([url]) => url).sort()).toEqual([
      'https://a.example/y',
      'https://a.example/z',
    ]);
    await again.clearPending('https://a.example/y');
    expect(await again.pendingWrites()).toHaveLength(1);
  });

  it('takes a record cut short by a killed process for a missing one, and lets other read failures through', async () => {
    const store = new MemoryStore();
    const state = await SyncState.load(store, 'k', 'dest');
    await state.setPage('u1', page(1));
    store.records.set(recordKeys('k').page('u1'), 'corrupt');
    const again = await SyncState.load(store, 'k', 'dest');
    expect(await again.page('u1')).toBeUndefined();
    expect(await allPages(again)).toEqual([]);

    const failing = { ...store, getValue: () => Promise.reject(new Error('network down')) } as unknown as MemoryStore;
    failing.forEachKey = store.forEachKey.bind(store);
    await expect(SyncState.load(failing, 'k', 'dest')).rejects.toThrow('network down');
  });

  it('lets a failed write surface to the caller', async () => {
    const store = new MemoryStore();
    const state = await SyncState.load(store, 'k', 'dest');
    store.failNext = true;
    await expect(state.setPage('u1', page(1))).rejects.toThrow('disk full');
    expect(await state.page('u1')).toBeUndefined();
    await state.setPage('u1', page(1));
    expect(await (await SyncState.load(store, 'k', 'dest')).page('u1')).toEqual(page(1));
  });

  it('keeps aliases of canonical URLs, written only when they are news', async () => {
    const store = new MemoryStore();
    const state = await SyncState.load(store, 'k', 'dest');
    await state.setAlias('https://a.example/old', 'https://a.example/new');
    const writes = store.writes;
    await state.setAlias('https://a.example/old', 'https://a.example/new');
    expect(store.writes).toBe(writes);
    expect(await (await SyncState.load(store, 'k', 'dest')).alias('https://a.example/old')).toBe(
      'https://a.example/new',
    );
    expect(await state.alias('https://a.example/other')).toBeUndefined();
  });

  it('save() waits for every write still on its way', async () => {
    const store = new MemoryStore();
    const state = await SyncState.load(store, 'k', 'dest');
    const writes = [
      state.setPage('u1', page(1)),
      state.setPending('u2', { phase: 'queued', title: 'T', requestUrl: 'u2', depth: 0 }),
    ];
    await state.save();
    expect(store.keysStartingWith('k-p-')).toHaveLength(1);
    expect(store.keysStartingWith('k-i-')).toHaveLength(1);
    await Promise.all(writes);
  });
});

describe('SyncState migration from the one-record map of versions up to 0.2', () => {
  const legacy = (seq: number, pages: Record<string, ReturnType<typeof page>>): LegacySyncStateData => ({
    version: 1,
    destinationId: 'dest',
    seq,
    pages,
    pending: {},
  });

  it('splits the newest readable slot into per-URL records once, then removes the old map', async () => {
    const store = new MemoryStore();
    store.records.set('k-a', legacy(3, { u1: page(1), u2: page(2) }));
    store.records.set('k-b', {
      ...legacy(4, { u1: page(1), u2: page(2), u3: page(3) }),
      pending: { u4: { phase: 'creating', title: 'Four', requestUrl: 'u4?x', depth: 1 } },
    });
    const state = await SyncState.load(store, 'k', 'dest');
    expect(state.migratedPages).toBe(3);
    expect(await state.page('u3')).toEqual(page(3));
    expect(await state.pendingWrites()).toEqual([
      ['u4', { phase: 'creating', title: 'Four', requestUrl: 'u4?x', depth: 1 }],
    ]);
    expect(store.records.has('k-a')).toBe(false);
    expect(store.records.has('k-b')).toBe(false);
    expect(store.records.get('k-manifest')).toEqual({ version: 2, destinationId: 'dest' });

    const writes = store.writes;
    const again = await SyncState.load(store, 'k', 'dest');
    expect(again.migratedPages).toBe(0);
    expect(store.writes).toBe(writes);
    expect(await allPages(again)).toHaveLength(3);
  });

  it('reads the other slot when the newest was cut short, and ignores maps of another destination', async () => {
    const store = new MemoryStore();
    store.records.set('k-a', legacy(5, { u1: page(1) }));
    store.records.set('k-b', 'corrupt');
    expect(await (await SyncState.load(store, 'k', 'dest')).page('u1')).toEqual(page(1));

    const other = new MemoryStore();
    other.records.set('k-a', { ...legacy(1, { u1: page(1) }), destinationId: 'dest-2' });
    const state = await SyncState.load(other, 'k', 'dest');
    expect(state.migratedPages).toBe(0);
    expect(await allPages(state)).toEqual([]);
  });

  it('migrates again after a run killed half-way through it (the old map stays until the end)', async () => {
    const store = new MemoryStore();
    store.records.set('k-a', legacy(1, { u1: page(1), u2: page(2) }));
    store.failNext = false;
    let calls = 0;
    const dying = Object.create(store) as MemoryStore;
    dying.setValue = async (key, value) => {
      calls += 1;
      if (calls === 2) throw new Error('killed');
      return store.setValue(key, value);
    };
    await expect(SyncState.load(dying, 'k', 'dest')).rejects.toThrow('killed');
    expect(store.records.has('k-a')).toBe(true);
    expect(store.records.has('k-manifest')).toBe(false);
    const state = await SyncState.load(store, 'k', 'dest');
    expect(state.migratedPages).toBe(2);
    expect(await allPages(state)).toHaveLength(2);
  });
});

describe('BoundedCache', () => {
  it('keeps the most recently used entries, at most its capacity', () => {
    const cache = new BoundedCache<string, number>(2);
    cache.set('a', 1);
    cache.set('b', 2);
    expect(cache.get('a')).toBe(1);
    cache.set('c', 3);
    expect(cache.get('b')).toBeUndefined();
    expect(cache.get('a')).toBe(1);
    expect(cache.size).toBe(2);
  });
});

describe('UrlSet and UrlMap', () => {
  it('know each URL once by a fingerprint of fixed size', () => {
    const seen = new UrlSet();
    expect(seen.add('https://a.example/x')).toBe(true);
    expect(seen.add('https://a.example/x')).toBe(false);
    expect(seen.has('https://a.example/y')).toBe(false);
    seen.delete('https://a.example/x');
    expect(seen.has('https://a.example/x')).toBe(false);
    const claimed = new UrlMap();
    claimed.set(`https://a.example/${'x'.repeat(5000)}`, 'h1');
    expect(claimed.get(`https://a.example/${'x'.repeat(5000)}`)).toBe('h1');
    expect(claimed.has('https://a.example/')).toBe(false);
  });
});
