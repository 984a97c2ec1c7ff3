import { describe, expect, it } from 'vitest';
import { stateKey, SyncState, type StateStore } from '../src/sync/sync-state.js';

class MemoryStore implements StateStore {
  readonly records = new Map<string, unknown>();
  writes = 0;
  failNext = false;
  getValue(key: string): Promise<unknown> {
    const value = this.records.get(key);
    if (value === 'corrupt') return Promise.reject(new SyntaxError('Unexpected end of JSON input'));
    return Promise.resolve(value === undefined ? null : structuredClone(value));
  }
  async setValue(key: string, value: unknown): Promise<void> {
    await new Promise((r) => setTimeout(r, 1));
    if (this.failNext) {
      this.failNext = false;
      throw new Error('disk full');
    }
    this.writes += 1;
    this.records.set(key, structuredClone(value));
  }
}

const page = (n: number) => ({
  pageId: `p${n}`,
  notionUrl: `https://www.notion.so/p${n}`,
  hash: `h${n}`,
  title: `Page ${n}`,
});

describe('stateKey', () => {
  it('is a valid key-value store key, the same for an id with or without dashes, different per destination', () => {
    const key = stateKey('page', 'abedbb1e-17ad-4ee9-8cbb-65d1f4db0f95');
    expect(key).toMatch(/^sync-page-[0-9a-f]{32}$/);
    expect(stateKey('page', 'abedbb1e17ad4ee98cbb65d1f4db0f95')).toBe(key);
    expect(stateKey('database', 'abedbb1e17ad4ee98cbb65d1f4db0f95')).not.toBe(key);
    expect(stateKey('page', 'bbedbb1e17ad4ee98cbb65d1f4db0f95')).not.toBe(key);
  });
});

describe('SyncState', () => {
  it('saves and loads the map and the pending writes', async () => {
    const store = new MemoryStore();
    const state = await SyncState.load(store, 'k', 'dest');
    state.setPage('https://a.example/x', page(1));
    state.setPending('https://a.example/y', {
      phase: 'creating',
      title: 'Y',
      requestUrl: 'https://a.example/y',
      depth: 1,
    });
    await state.save();
    const again = await SyncState.load(store, 'k', 'dest');
    expect(again.page('https://a.example/x')).toEqual(page(1));
    expect(again.pending('https://a.example/y')).toMatchObject({ phase: 'creating', title: 'Y' });
  });

  it('alternates between two records, so a record cut short by a crash leaves the one before it', async () => {
    const store = new MemoryStore();
    const state = await SyncState.load(store, 'k', 'dest');
    state.setPage('u1', page(1));
    await state.save();
    state.setPage('u2', page(2));
    await state.save();
    expect([...store.records.keys()].sort()).toEqual(['k-a', 'k-b']);
    // The newest record (b) was being written when the process died.
    store.records.set('k-b', 'corrupt');
    const loaded = await SyncState.load(store, 'k', 'dest');
    expect(loaded.page('u1')).toEqual(page(1));
    expect(loaded.page('u2')).toBeUndefined();
    // The next save goes to the slot after the one it loaded, not over it.
    loaded.setPage('u3', page(3));
    await loaded.save();
    expect(store.records.get('k-b')).toMatchObject({ pages: { u1: page(1), u3: page(3) } });
    expect((await SyncState.load(store, 'k', 'dest')).page('u3')).toEqual(page(3));
  });

  it('ignores records of another destination', async () => {
    const store = new MemoryStore();
    const state = await SyncState.load(store, 'k', 'dest-1');
    state.setPage('u1', page(1));
    await state.save();
    expect((await SyncState.load(store, 'k', 'dest-2')).size).toBe(0);
  });

  it('shares writes between concurrent savers, each returning once its own changes are stored', async () => {
    const store = new MemoryStore();
    const state = await SyncState.load(store, 'k', 'dest');
    const saves: Promise<void>[] = [];
    for (let i = 0; i < 20; i++) {
      state.setPage(`u${i}`, page(i));
      saves.push(state.save());
    }
    await Promise.all(saves);
    expect(store.writes).toBeLessThan(20);
    expect((await SyncState.load(store, 'k', 'dest')).size).toBe(20);
    const writes = store.writes;
    await state.save(); // nothing changed since
    expect(store.writes).toBe(writes);
  });

  it('lets a failed write surface to the caller and writes again on the next save', async () => {
    const store = new MemoryStore();
    const state = await SyncState.load(store, 'k', 'dest');
    state.setPage('u1', page(1));
    store.failNext = true;
    await expect(state.save()).rejects.toThrow('disk full');
    await state.save();
    expect((await SyncState.load(store, 'k', 'dest')).page('u1')).toEqual(page(1));
  });
});
