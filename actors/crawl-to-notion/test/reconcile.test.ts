import { describe, expect, it } from 'vitest';
import { reconcilePages, reconcileRows, type ChildPage, type DatabaseRow } from '../src/sync/reconcile.js';
import { SyncState, type StateStore } from '../src/sync/sync-state.js';

const store = (): StateStore => {
  const records = new Map<string, unknown>();
  return {
    getValue: (k) => Promise.resolve(records.get(k) ?? null),
    setValue: (k, v) => Promise.resolve(void records.set(k, v)),
  };
};

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
    state.setPage('https://s/a', mapped('p-a'));
    state.setPage('https://s/b', mapped('p-b'));
    const { reader } = pageReader([{ id: 'p-a', title: 'A' }], {});
    const report = await reconcilePages(state, reader, 'parent');
    expect(report).toMatchObject({ dropped: 1, recovered: 0 });
    expect(state.page('https://s/a')).toEqual(mapped('p-a'));
    expect(state.page('https://s/b')).toBeUndefined();
  });

  it('finds the page of an interrupted create by title and source link, maps it for rewriting and trashes extra copies', async () => {
    const state = await SyncState.load(store(), 'k', 'parent');
    state.setPage('https://s/other', mapped('p-other'));
    state.setPending('https://s/x', { phase: 'creating', title: 'Guide', requestUrl: 'https://s/x?ref=nav', depth: 2 });
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
    expect(state.page('https://s/x')).toMatchObject({ pageId: 'p-1', hash: '' });
    expect(archived).toEqual(['p-2']);
    expect(report).toMatchObject({
      recovered: 1,
      archivedDuplicates: 1,
      resume: [{ url: 'https://s/x?ref=nav', depth: 2 }],
    });
    expect(state.pendingWrites()).toEqual([]);
  });

  it('leaves an interrupted create whose page never reached Notion to be created when crawled again', async () => {
    const state = await SyncState.load(store(), 'k', 'parent');
    state.setPending('https://s/x', { phase: 'creating', title: 'Guide', requestUrl: 'https://s/x', depth: 0 });
    state.setPending('https://s/q', { phase: 'queued', title: 'Queued', requestUrl: 'https://s/q', depth: 1 });
    const { reader } = pageReader([], {});
    const report = await reconcilePages(state, reader, 'parent');
    expect(state.page('https://s/x')).toBeUndefined();
    expect(report.resume).toEqual([
      { url: 'https://s/x', depth: 0 },
      { url: 'https://s/q', depth: 1 },
    ]);
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
    state.setPage('https://s/a', mapped('r-a', 'ha'));
    state.setPage('https://s/gone', mapped('r-gone'));
    const report = await reconcileRows(
      state,
      [row('r-a', 'https://s/a'), row('r-b', 'https://s/b'), row('r-none', undefined)],
      () => Promise.resolve(),
    );
    expect(state.page('https://s/a')).toEqual(mapped('r-a', 'ha'));
    expect(state.page('https://s/b')).toMatchObject({ pageId: 'r-b', hash: '' });
    expect(state.page('https://s/gone')).toBeUndefined();
    expect(report.dropped).toBe(1);
  });

  it('trashes extra rows of an interrupted create, and only then', async () => {
    const state = await SyncState.load(store(), 'k', 'db');
    state.setPending('https://s/x', { phase: 'creating', title: 'X', requestUrl: 'https://s/x', depth: 0 });
    const archived: string[] = [];
    const rows = [
      row('r-1', 'https://s/x'),
      row('r-2', 'https://s/x'),
      row('u-1', 'https://s/y'),
      row('u-2', 'https://s/y'),
    ];
    const report = await reconcileRows(state, rows, (id) => Promise.resolve(void archived.push(id)));
    expect(archived).toEqual(['r-2']);
    expect(state.page('https://s/x')).toMatchObject({ pageId: 'r-1', hash: '' });
    expect(state.page('https://s/y')).toMatchObject({ pageId: 'u-1' });
    expect(report).toMatchObject({ recovered: 1, archivedDuplicates: 1, resume: [{ url: 'https://s/x', depth: 0 }] });
  });
});
