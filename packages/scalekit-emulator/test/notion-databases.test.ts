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
  type NotionUser,
  type PageOut,
} from './notion-fixture.js';

interface Row {
  name: string;
  url: string;
  score: number | null;
  done: boolean;
  status: string;
  tags: string[];
  date: string;
}

const ROWS: Row[] = [
  {
    name: 'Alpha launch',
    url: 'https://a.example/one',
    score: 10,
    done: true,
    status: 'Done',
    tags: ['web', 'docs'],
    date: '2025-03-01',
  },
  {
    name: 'Beta docs',
    url: 'https://b.example/two',
    score: 5,
    done: false,
    status: 'Doing',
    tags: ['docs'],
    date: '2025-03-10',
  },
  {
    name: 'alpha review',
    url: 'https://a.example/three',
    score: null,
    done: false,
    status: 'Todo',
    tags: [],
    date: '2025-04-02',
  },
  {
    name: 'Gamma',
    url: 'https://c.example/four',
    score: 42,
    done: true,
    status: 'Doing',
    tags: ['web'],
    date: '2025-03-10T15:30:00Z',
  },
];

describe('Notion databases over the proxy', () => {
  let fx: NotionFixture;
  let user: NotionUser;
  let database: DatabaseOut;

  beforeAll(async () => {
    fx = await startNotion();
    user = await fx.user('databases');
    const roadmap = (await user.request<ListOut<PageOut>>('POST', '/v1/search', { query: 'Roadmap' })).results[0]!;
    database = await user.request<DatabaseOut>('POST', '/v1/databases', {
      parent: { type: 'page_id', page_id: roadmap.id },
      title: [text('Crawled pages')],
      properties: {
        Name: { title: {} },
        URL: { url: {} },
        Score: { number: { format: 'number' } },
        Done: { checkbox: {} },
        Status: { select: { options: [{ name: 'Todo' }, { name: 'Doing' }, { name: 'Done' }] } },
        Tags: { multi_select: {} },
        When: { date: {} },
        Created: { created_time: {} },
      },
    });
    for (const row of ROWS) {
      await user.request('POST', '/v1/pages', {
        parent: { database_id: database.id },
        properties: {
          Name: { title: [text(row.name)] },
          URL: { url: row.url },
          Score: { number: row.score },
          Done: { checkbox: row.done },
          Status: { select: { name: row.status } },
          Tags: { multi_select: row.tags.map((name) => ({ name })) },
          When: { date: { start: row.date } },
        },
      });
    }
  });
  afterAll(() => fx.close());

  async function names(body: Record<string, unknown>): Promise<string[]> {
    const result = await user.request<ListOut<PageOut>>('POST', `/v1/databases/${database.id}/query`, body);
    return result.results.map(titleOf);
  }

  it('returns the schema it was created with, the title property keyed "title"', async () => {
    expect(database.object).toBe('database');
    expect(database.title[0]!.plain_text).toBe('Crawled pages');
    expect(database.properties['Name']).toMatchObject({ id: 'title', type: 'title' });
    expect(database.properties['Status']!.select!.options.map((o) => o.name)).toEqual(['Todo', 'Doing', 'Done']);
    const fetched = await user.request<DatabaseOut>('GET', `/v1/databases/${database.id}`);
    expect(Object.keys(fetched.properties)).toEqual([
      'Name',
      'URL',
      'Score',
      'Done',
      'Status',
      'Tags',
      'When',
      'Created',
    ]);
    // Multi-select options named by rows were added to the schema.
    const tags = fetched.properties['Tags'] as unknown as { multi_select: { options: { name: string }[] } };
    expect(tags.multi_select.options.map((o) => o.name).sort()).toEqual(['docs', 'web']);
  });

  it('rows read back with every property, newest first without sorts', async () => {
    const result = await user.request<ListOut<PageOut>>('POST', `/v1/databases/${database.id}/query`, {});
    expect(result.type).toBe('page_or_database');
    expect(result.results.map(titleOf)).toEqual(['Gamma', 'alpha review', 'Beta docs', 'Alpha launch']);
    const gamma = result.results[0]!;
    expect(gamma.parent).toEqual({ type: 'database_id', database_id: database.id });
    expect(gamma.properties['URL']).toMatchObject({ type: 'url', url: 'https://c.example/four' });
    expect(gamma.properties['Score']!.number).toBe(42);
    expect(gamma.properties['Status']!.select!.name).toBe('Doing');
    expect(gamma.properties['Created']!.created_time).toBe(gamma.created_time);
    const review = result.results[1]!;
    expect(review.properties['Score']!.number).toBeNull();
    expect(review.properties['Tags']!.multi_select).toEqual([]);
  });

  it('filters on text, url, number, checkbox, select, multi_select and date', async () => {
    expect(await names({ filter: { property: 'Name', title: { contains: 'ALPHA' } } })).toEqual([
      'alpha review',
      'Alpha launch',
    ]);
    expect(await names({ filter: { property: 'Name', rich_text: { starts_with: 'beta' } } })).toEqual(['Beta docs']);
    expect(await names({ filter: { property: 'Name', title: { equals: 'Gamma' } } })).toEqual(['Gamma']);
    expect(await names({ filter: { property: 'URL', url: { equals: 'https://b.example/two' } } })).toEqual([
      'Beta docs',
    ]);
    expect(await names({ filter: { property: 'Score', number: { greater_than: 5 } } })).toEqual([
      'Gamma',
      'Alpha launch',
    ]);
    expect(await names({ filter: { property: 'Score', number: { less_than_or_equal_to: 5 } } })).toEqual(['Beta docs']);
    expect(await names({ filter: { property: 'Score', number: { is_empty: true } } })).toEqual(['alpha review']);
    expect(await names({ filter: { property: 'Done', checkbox: { equals: true } } })).toEqual([
      'Gamma',
      'Alpha launch',
    ]);
    expect(await names({ filter: { property: 'Status', select: { equals: 'Doing' } } })).toEqual([
      'Gamma',
      'Beta docs',
    ]);
    expect(await names({ filter: { property: 'Tags', multi_select: { contains: 'docs' } } })).toEqual([
      'Beta docs',
      'Alpha launch',
    ]);
    expect(await names({ filter: { property: 'When', date: { before: '2025-03-10' } } })).toEqual(['Alpha launch']);
    expect(await names({ filter: { property: 'When', date: { on_or_after: '2025-03-10' } } })).toEqual([
      'Gamma',
      'alpha review',
      'Beta docs',
    ]);
    expect(await names({ filter: { property: 'When', date: { equals: '2025-03-10' } } })).toEqual([
      'Gamma',
      'Beta docs',
    ]);
    expect(await names({ filter: { property: 'When', date: { after: '2025-03-10' } } })).toEqual(['alpha review']);
    expect(await names({ filter: { property: 'Name', title: { is_empty: true } } })).toEqual([]);
  });

  it('combines filters with and/or and filters on timestamps', async () => {
    expect(
      await names({
        filter: {
          or: [
            { property: 'Status', select: { equals: 'Todo' } },
            {
              and: [
                { property: 'Done', checkbox: { equals: true } },
                { property: 'Score', number: { greater_than: 20 } },
              ],
            },
          ],
        },
      }),
    ).toEqual(['Gamma', 'alpha review']);
    const created = (await user.request<ListOut<PageOut>>('POST', `/v1/databases/${database.id}/query`, {})).results[0]!
      .created_time;
    expect(
      await names({ filter: { timestamp: 'created_time', created_time: { on_or_before: created } } }),
    ).toHaveLength(4);
    expect(await names({ filter: { timestamp: 'last_edited_time', last_edited_time: { after: created } } })).toEqual(
      [],
    );
    expect(await names({ filter: { property: 'Created', created_time: { before: '2020-01-01' } } })).toEqual([]);

    const tooDeep = await notionErrorOf(
      user.request('POST', `/v1/databases/${database.id}/query`, {
        filter: { and: [{ or: [{ and: [{ property: 'Done', checkbox: { equals: true } }] }] }] },
      }),
    );
    expect(tooDeep.body.code).toBe('validation_error');
  });

  it('sorts by property and timestamp, and paginates query results', async () => {
    expect(await names({ sorts: [{ property: 'Score', direction: 'descending' }] })).toEqual([
      'Gamma',
      'Alpha launch',
      'Beta docs',
      'alpha review',
    ]);
    expect(await names({ sorts: [{ property: 'Name', direction: 'ascending' }] })).toEqual([
      'Alpha launch',
      'alpha review',
      'Beta docs',
      'Gamma',
    ]);
    // Select sorts follow the option order (Todo, Doing, Done), then the second sort breaks ties.
    expect(
      await names({
        sorts: [
          { property: 'Status', direction: 'ascending' },
          { property: 'Score', direction: 'ascending' },
        ],
      }),
    ).toEqual(['alpha review', 'Beta docs', 'Gamma', 'Alpha launch']);
    expect(await names({ sorts: [{ timestamp: 'created_time', direction: 'ascending' }] })).toEqual(
      ROWS.map((r) => r.name),
    );

    const { items, pages } = await collect<PageOut>((cursor) =>
      user.request<ListOut<PageOut>>('POST', `/v1/databases/${database.id}/query`, {
        page_size: 3,
        sorts: [{ property: 'Name', direction: 'descending' }],
        ...(cursor ? { start_cursor: cursor } : {}),
      }),
    );
    expect(pages).toBe(2);
    expect(items.map(titleOf)).toEqual(['Gamma', 'Beta docs', 'alpha review', 'Alpha launch']);
  });

  it('refuses unknown properties, mismatched filter types and wrongly typed values', async () => {
    const unknown = await notionErrorOf(
      user.request('POST', `/v1/databases/${database.id}/query`, {
        filter: { property: 'Nope', checkbox: { equals: true } },
      }),
    );
    expect(unknown.body.message).toBe('Could not find property with name or id: Nope');
    const mismatch = await notionErrorOf(
      user.request('POST', `/v1/databases/${database.id}/query`, {
        filter: { property: 'Done', select: { equals: 'x' } },
      }),
    );
    expect(mismatch.body.message).toBe('database property checkbox does not match filter select');
    const badSort = await notionErrorOf(
      user.request('POST', `/v1/databases/${database.id}/query`, {
        sorts: [{ property: 'Nope', direction: 'ascending' }],
      }),
    );
    expect(badSort.body.message).toBe('Could not find sort property with name or id: Nope');

    const wrongType = await notionErrorOf(
      user.request('POST', '/v1/pages', {
        parent: { database_id: database.id },
        properties: { Status: { rich_text: [text('x')] } },
      }),
    );
    expect(wrongType.body.message).toBe('Status is expected to be select.');
    const readOnly = await notionErrorOf(
      user.request('POST', '/v1/pages', {
        parent: { database_id: database.id },
        properties: { Created: { created_time: '2025-01-01' } },
      }),
    );
    expect(readOnly.body.code).toBe('validation_error');
    const longUrl = await notionErrorOf(
      user.request('POST', '/v1/pages', {
        parent: { database_id: database.id },
        properties: { URL: { url: `https://example.com/${'a'.repeat(2000)}` } },
      }),
    );
    expect(longUrl.body.message).toBe(
      'body failed validation: body.properties.URL.url.length should be ≤ `2000`, instead was `2020`.',
    );
    const twoTitles = await notionErrorOf(
      user.request('POST', '/v1/databases', {
        parent: { page_id: database.parent['page_id'] },
        properties: { A: { title: {} }, B: { title: {} } },
      }),
    );
    expect(twoTitles.body.code).toBe('validation_error');
  });

  it('updates the schema: adds, renames and removes properties; rows follow', async () => {
    const other = await fx.user('databases-update');
    const projects = (
      await other.request<ListOut<DatabaseOut>>('POST', '/v1/search', {
        filter: { property: 'object', value: 'database' },
      })
    ).results[0]!;
    const updated = await other.request<DatabaseOut>('PATCH', `/v1/databases/${projects.id}`, {
      title: [text('All projects')],
      properties: { Owner: { name: 'Lead' }, Link: null, Priority: { select: { options: [{ name: 'High' }] } } },
    });
    expect(updated.title[0]!.plain_text).toBe('All projects');
    expect(Object.keys(updated.properties)).toContain('Lead');
    expect(Object.keys(updated.properties)).not.toContain('Link');
    expect(Object.keys(updated.properties)).not.toContain('Owner');
    const rows = await other.request<ListOut<PageOut>>('POST', `/v1/databases/${projects.id}/query`, {});
    expect(rows.results.length).toBeGreaterThan(0);
    for (const row of rows.results) {
      expect(Object.keys(row.properties)).toContain('Priority');
      expect(row.properties['Priority']!.select).toBeNull();
      expect(row.properties['Lead']!.rich_text!.length).toBe(1);
    }
    const noTitleRemoval = await notionErrorOf(
      other.request('PATCH', `/v1/databases/${projects.id}`, { properties: { Name: null } }),
    );
    expect(noTitleRemoval.body.code).toBe('validation_error');
  });
});
