import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  collect,
  notionErrorOf,
  startNotion,
  text,
  titleOf,
  type DatabaseOut,
  type ListOut,
  type NotionFixture,
  type PageOut,
} from './notion-fixture.js';

type SearchResult = PageOut | DatabaseOut;

describe('Notion search over the proxy', () => {
  let fx: NotionFixture;
  beforeAll(async () => {
    fx = await startNotion({ notion: { pages: 12 } });
  });
  afterAll(() => fx.close());

  it('finds seeded pages by title, case-insensitively, and filters by object type', async () => {
    const user = await fx.user('search-basic');
    const roadmap = await user.request<ListOut<SearchResult>>('POST', '/v1/search', { query: 'roadMAP' });
    expect(roadmap).toMatchObject({ object: 'list', type: 'page_or_database', has_more: false });
    expect(roadmap.results.filter((r) => r.object === 'page').map((p) => titleOf(p))).toEqual(['Roadmap']);

    const databases = await user.request<ListOut<SearchResult>>('POST', '/v1/search', {
      filter: { property: 'object', value: 'database' },
    });
    expect(databases.results.map((r) => r.object)).toEqual(['database']);
    expect((databases.results[0] as DatabaseOut).title[0]!.plain_text).toBe('Projects');

    const pages = await user.request<ListOut<SearchResult>>('POST', '/v1/search', {
      filter: { property: 'object', value: 'page' },
    });
    expect(pages.results.every((r) => r.object === 'page')).toBe(true);
    // Research, Interview notes, Roadmap, six project rows, Meeting notes and twelve weekly syncs.
    expect(pages.results).toHaveLength(3 + 6 + 1 + 12);

    const badFilter = await notionErrorOf(
      user.request('POST', '/v1/search', { filter: { property: 'object', value: 'block' } }),
    );
    expect(badFilter.body.code).toBe('validation_error');
    expect(badFilter.body.message).toContain('body.filter.value should be one of');
  });

  it('paginates with start_cursor and sorts by last_edited_time in either direction', async () => {
    const user = await fx.user('search-paging');
    const all = await user.request<ListOut<SearchResult>>('POST', '/v1/search', {});
    const { items, pages } = await collect<SearchResult>((cursor) =>
      user.request<ListOut<SearchResult>>('POST', '/v1/search', {
        page_size: 5,
        ...(cursor ? { start_cursor: cursor } : {}),
      }),
    );
    expect(pages).toBe(Math.ceil(all.results.length / 5));
    expect(items.map((r) => r.id)).toEqual(all.results.map((r) => r.id));

    const edited = (r: SearchResult) => (r as PageOut).last_edited_time;
    const descending = all.results.map(edited);
    expect([...descending].sort().reverse()).toEqual(descending);
    const ascending = await user.request<ListOut<SearchResult>>('POST', '/v1/search', {
      sort: { direction: 'ascending', timestamp: 'last_edited_time' },
    });
    expect(ascending.results.map((r) => r.id)).toEqual([...all.results.map((r) => r.id)].reverse());

    const byCreated = await notionErrorOf(
      user.request('POST', '/v1/search', { sort: { direction: 'ascending', timestamp: 'created_time' } }),
    );
    expect(byCreated.body.code).toBe('validation_error');
    const badCursor = await notionErrorOf(user.request('POST', '/v1/search', { start_cursor: 'nope' }));
    expect(badCursor.body.code).toBe('validation_error');
  });

  it('puts a newly edited page first and leaves trashed pages out', async () => {
    const user = await fx.user('search-fresh');
    const research = (await user.request<ListOut<PageOut>>('POST', '/v1/search', { query: 'Research' })).results[0]!;
    const created = await user.request<PageOut>('POST', '/v1/pages', {
      parent: { page_id: research.id },
      properties: { title: [text('Zeppelin findings')] },
    });
    // Adding a sub-page edits its parent too, so both now lead, the parent (edited last) first.
    const newest = await user.request<ListOut<SearchResult>>('POST', '/v1/search', { page_size: 2 });
    expect(newest.results.map((r) => r.id)).toEqual([research.id, created.id]);
    expect(newest.has_more).toBe(true);
    await user.request('PATCH', `/v1/pages/${created.id}`, { icon: { emoji: '🎈' } });
    const edited = await user.request<ListOut<SearchResult>>('POST', '/v1/search', { page_size: 1 });
    expect(edited.results[0]!.id).toBe(created.id);

    await user.request('PATCH', `/v1/pages/${research.id}`, { archived: true });
    const gone = await user.request<ListOut<SearchResult>>('POST', '/v1/search', { query: 'zeppelin' });
    expect(gone.results).toHaveLength(0);
  });
});
