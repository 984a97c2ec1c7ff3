import { describe, expect, it } from 'vitest';
import { reconcilePages, reconcileRows, type ChildPage, type DatabaseRow } from '../src/sync/reconcile.js';
import { recordKeys, SyncState } from '../src/sync/sync-state.js';
import { MemoryStore } from './support/memory-store.js';

const store = () => new MemoryStore();

const mapped = (pageId: string, hash = 'h') => ({
  pageId,
  notionUrl: `https://www.notion.so/${pageId}`,
  hash,
  title: pageId,
});

function pageReader(children: ChildPage[], sources: Record<string, string>) {
  const archived: string[] = [];
  const read: string[] = [];
  return {
    archived,
    read,
    reader: {
      childPages: () => Promise.resolve(children),
      sourceUrl: (id: string) => {
        read.push(id);
        return Promise.resolve(sources[id]);
      },
      archive: (id: string) => Promise.resolve(void archived.push(id)),
    },
  };
}

describe('reconcilePages', () => {
  it('forgets mapped pages that are no longer under the parent, so they are created again', async () => {
    const state = await SyncState.load(store(), 'k', 'parent');
    await state.setPage('https://s/a', mapped('p-a'));
    await state.setPage('https://s/b', mapped('p-b'));
    const { reader } = pageReader([{ id: 'p-a', title: 'A' }], {});
    const report = await reconcilePages(state, reader, 'parent');
    expect(report).toMatchObject({ dropped: 1, recovered: 0 });
    expect(await state.page('https://s/a')).toEqual(mapped('p-a'));
    expect(await state.page('https://s/b')).toBeUndefined();
  });

  it('finds the page of an interrupted create by title and source link, maps it for rewriting and trashes extra copies', async () => {
    const state = await SyncState.load(store(), 'k', 'parent');
    await state.setPage('https://s/other', mapped('p-other'));
    await state.setPending('https://s/x', {
      phase: 'creating',
      title: 'Guide',
      requestUrl: 'https://s/x?ref=nav',
      depth: 2,
    });
    const { reader, archived, read } = pageReader(
      [
        { id: 'p-other', title: 'Guide' }, // mapped to another URL: never a candidate
        { id: 'p-user', title: 'Guide' }, // someone's own page with the same title
        { id: 'p-1', title: 'Guide' },
        { id: 'p-2', title: 'Guide' },
        { id: 'p-3', title: 'Elsewhere' },
      ],
      { 'p-user': 'https://s/not-this', 'p-1': 'https://s/x', 'p-2': 'https://s/x', 'p-3': 'https://s/x' },
    );
    const report = await reconcilePages(state, reader, 'parent');
    expect(read).toEqual(['p-user', 'p-1', 'p-2']);
    expect(await state.page('https://s/x')).toMatchObject({ pageId: 'p-1', hash: '' });
    expect(archived).toEqual(['p-2']);
    expect(report).toMatchObject({
      recovered: 1,
      archivedDuplicates: 1,
      resume: [{ url: 'https://s/x?ref=nav', depth: 2, key: 'https://s/x' }],
    });
    expect(await state.pendingWrites()).toHaveLength(1); // removed once the URL is queued again
  });

  it('leaves an interrupted create whose page never reached Notion to be created when crawled again', async () => {
    const state = await SyncState.load(store(), 'k', 'parent');
    await state.setPending('https://s/x', { phase: 'creating', title: 'Guide', requestUrl: 'https://s/x', depth: 0 });
    await state.setPending('https://s/q', { phase: 'queued', title: 'Queued', requestUrl: 'https://s/q', depth: 1 });
    const { reader } = pageReader([], {});
    const report = await reconcilePages(state, reader, 'parent');
    expect(await state.page('https://s/x')).toBeUndefined();
    expect([...report.resume].sort((a, b) => a.url.localeCompare(b.url))).toEqual([
      { url: 'https://s/q', depth: 1, key: 'https://s/q' },
      { url: 'https://s/x', depth: 0, key: 'https://s/x' },
    ]);
  });
  it('counts the pages it keeps, and reads the map a few records at a time without changing it meanwhile', async () => {
    const records = store();
    records.pageSize = 2;
    const state = await SyncState.load(records, 'k', 'parent');
    for (let i = 0; i < 7; i++) await state.setPage(`https://s/${i}`, mapped(`p-${i}`));
    const { reader } = pageReader(
      [0, 2, 4, 6].map((i) => ({ id: `p-${i}`, title: `${i}` })),
      {},
    );
    const report = await reconcilePages(state, reader, 'parent');
    expect(report).toMatchObject({ known: 4, dropped: 3 });
    expect(records.keysStartingWith('k-p-')).toHaveLength(4);
  });

  it('a create whose mapping was stored but whose intent was not yet removed is not recovered twice', async () => {
    const state = await SyncState.load(store(), 'k', 'parent');
    await state.setPage('https://s/x', mapped('p-1'));
    await state.setPending('https://s/x', { phase: 'creating', title: 'Guide', requestUrl: 'https://s/x', depth: 0 });
    const { reader, archived } = pageReader([{ id: 'p-1', title: 'Guide' }], { 'p-1': 'https://s/x' });
    const report = await reconcilePages(state, reader, 'parent');
    expect(report).toMatchObject({ known: 1, recovered: 0, archivedDuplicates: 0 });
    expect(archived).toEqual([]);
    expect(await state.page('https://s/x')).toEqual(mapped('p-1'));
  });

  it('maps a page being rewritten again from its intent when its record was cut short', async () => {
    const records = store();
    const state = await SyncState.load(records, 'k', 'parent');
    await state.setPending('https://s/x', {
      phase: 'updating',
      title: 'Guide',
      requestUrl: 'https://s/x',
      depth: 0,
      page: { pageId: 'p-1', notionUrl: 'https://www.notion.so/p1' },
    });
    records.records.set(recordKeys('k').page('https://s/x'), 'corrupt');
    const fresh = await SyncState.load(records, 'k', 'parent');
    const { reader } = pageReader([{ id: 'p-1', title: 'Guide' }], {});
    const report = await reconcilePages(fresh, reader, 'parent');
    expect(await fresh.page('https://s/x')).toEqual({
      pageId: 'p-1',
      notionUrl: 'https://www.notion.so/p1',
      hash: '',
      title: 'Guide',
    });
    expect(report.resume).toEqual([{ url: 'https://s/x', depth: 0, key: 'https://s/x' }]);
  });
});

describe('reconcileRows', () => {
  const row = (id: string, url: string | undefined): DatabaseRow => ({
    id,
    url,
    notionUrl: `https://www.notion.so/${id}`,
    title: id,
  });

  it('maps every row by its URL property: known rows keep their hash, unknown ones are rewritten', async () => {
    const state = await SyncState.load(store(), 'k', 'db');
    await state.setPage('https://s/a', mapped('r-a', 'ha'));
    await state.setPage('https://s/gone', mapped('r-gone'));
    const report = await reconcileRows(
      state,
      [row('r-a', 'https://s/a'), row('r-b', 'https://s/b'), row('r-none', undefined)],
      () => Promise.resolve(),
    );
    expect(await state.page('https://s/a')).toEqual(mapped('r-a', 'ha'));
    expect(await state.page('https://s/b')).toMatchObject({ pageId: 'r-b', hash: '' });
    expect(await state.page('https://s/gone')).toBeUndefined();
    expect(report.dropped).toBe(1);
  });

  it('trashes extra rows of an interrupted create, and only then', async () => {
    const state = await SyncState.load(store(), 'k', 'db');
    await state.setPending('https://s/x', { phase: 'creating', title: 'X', requestUrl: 'https://s/x', depth: 0 });
    const archived: string[] = [];
    const rows = [
      row('r-1', 'https://s/x'),
      row('r-2', 'https://s/x'),
      row('u-1', 'https://s/y'),
      row('u-2', 'https://s/y'),
    ];
    const report = await reconcileRows(state, rows, (id) => Promise.resolve(void archived.push(id)));
    expect(archived).toEqual(['r-2']);
    expect(await state.page('https://s/x')).toMatchObject({ pageId: 'r-1', hash: '' });
    expect(await state.page('https://s/y')).toMatchObject({ pageId: 'u-1' });
    expect(report).toMatchObject({
      recovered: 1,
      archivedDuplicates: 1,
      resume: [{ url: 'https://s/x', depth: 0, key: 'https://s/x' }],
    });
  });
});
