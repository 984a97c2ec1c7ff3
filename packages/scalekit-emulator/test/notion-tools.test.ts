import { ScalekitToolException } from '@scalekit-sdk/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  collect,
  paragraph,
  startNotion,
  text,
  titleOf,
  type BlockOut,
  type DatabaseOut,
  type ListOut,
  type NotionFixture,
  type NotionUser,
  type PageOut,
  type RichTextOut,
} from './notion-fixture.js';
import { rejectionOf } from './support/core.js';

const TOOLS = [
  'notion_page_search',
  'notion_data_fetch',
  'notion_page_get',
  'notion_page_content_get',
  'notion_page_content_append',
  'notion_page_create',
  'notion_page_update',
  'notion_block_retrieve',
  'notion_block_delete',
  'notion_database_fetch',
  'notion_database_query',
  'notion_database_insert_row',
  'notion_database_create',
  'notion_user_get_self',
];

async function toolError(promise: Promise<unknown>): Promise<ScalekitToolException> {
  const error = await rejectionOf(promise);
  expect(error).toBeInstanceOf(ScalekitToolException);
  return error as ScalekitToolException;
}

function plain(block: BlockOut): string {
  return ((block[block.type] as { rich_text?: RichTextOut[] }).rich_text ?? []).map((t) => t.plain_text).join('');
}

describe('Scalekit Notion tools', () => {
  let fx: NotionFixture;
  let user: NotionUser;
  let research: PageOut;
  beforeAll(async () => {
    fx = await startNotion();
    user = await fx.user('tools');
    research = (await user.request<ListOut<PageOut>>('POST', '/v1/search', { query: 'Research' })).results[0]!;
  });
  afterAll(() => fx.close());

  it('lists every tool with a JSON-schema input', async () => {
    const listed = await fx.client.tools.listTools({ filter: { provider: 'NOTION' } });
    const names = listed.tools.map((t) => t.definition?.['name']);
    expect([...names].sort()).toEqual([...TOOLS].sort());
    const append = listed.tools.find((t) => t.definition?.['name'] === 'notion_page_content_append')!;
    expect(append.definition).toMatchObject({ input_schema: { type: 'object', required: ['block_id', 'blocks'] } });
  });

  it('works on the same workspace as the REST API, both ways', async () => {
    const viaTool = await user.tool<PageOut>('notion_page_create', {
      parent_page_id: research.id,
      properties: { title: { title: [{ text: { content: 'From a tool' } }] } },
      child_blocks: [paragraph('raw block content')],
    });
    const viaRest = await user.request<PageOut>('GET', `/v1/pages/${viaTool.id}`);
    expect(titleOf(viaRest)).toBe('From a tool');
    const content = await user.request<ListOut<BlockOut>>('GET', `/v1/blocks/${viaTool.id}/children`);
    expect(content.results.map(plain)).toEqual(['raw block content']);

    const restPage = await user.request<PageOut>('POST', '/v1/pages', {
      parent: { page_id: research.id },
      properties: { title: [text('From REST')] },
    });
    const got = await user.tool<PageOut>('notion_page_get', { page_id: restPage.id.replace(/-/g, '') });
    expect(got).toMatchObject({ object: 'page', id: restPage.id });

    const me = await user.tool('notion_user_get_self');
    expect(me).toEqual(await user.request('GET', '/v1/users/me'));
  });

  it('notion_page_content_append takes the simplified format and refuses raw blocks', async () => {
    const page = await user.tool<PageOut>('notion_page_create', {
      parent_page_id: research.id,
      properties: { title: { title: [text('Simple')] } },
    });
    const appended = await user.tool<ListOut<BlockOut>>('notion_page_content_append', {
      block_id: page.id,
      blocks: [
        { type: 'heading_2', text: 'Summary' },
        { type: 'paragraph', text: 'Hello' },
        { type: 'code', text: 'print(1)', language: 'python' },
        { type: 'divider' },
        { type: 'callout', text: 'Note' },
      ],
    });
    expect(appended.results.map((b) => b.type)).toEqual(['heading_2', 'paragraph', 'code', 'divider', 'callout']);
    const read = await user.tool<ListOut<BlockOut>>('notion_page_content_get', { block_id: page.id });
    expect(read.results.map(plain)).toEqual(['Summary', 'Hello', 'print(1)', '', 'Note']);
    expect(read.results[2]!['code']).toMatchObject({ language: 'python' });

    const raw = await toolError(
      user.tool('notion_page_content_append', {
        block_id: page.id,
        blocks: [{ type: 'paragraph', paragraph: { rich_text: [text('x')] } }],
      }),
    );
    expect(raw.toolErrorCode).toBe('validation_error');
    expect(raw.toolErrorMessage).toContain('raw Notion block');
    const badType = await toolError(
      user.tool('notion_page_content_append', { block_id: page.id, blocks: [{ type: 'toggle', text: 'x' }] }),
    );
    expect(badType.toolErrorMessage).toContain('blocks[0].type must be one of');
    const tooMany = await toolError(
      user.tool('notion_page_content_append', {
        block_id: page.id,
        blocks: Array.from({ length: 101 }, () => ({ type: 'paragraph', text: 'x' })),
      }),
    );
    expect(tooMany.toolErrorMessage).toBe(
      'body failed validation: body.children.length should be ≤ `100`, instead was `101`.',
    );
    expect((await user.tool<ListOut<BlockOut>>('notion_page_content_get', { block_id: page.id })).results).toHaveLength(
      5,
    );
  });

  it('searches pages (and data) with pagination and sorts by created_time', async () => {
    const { items } = await collect<PageOut>((cursor) =>
      user.tool<ListOut<PageOut>>('notion_page_search', { page_size: 4, ...(cursor ? { start_cursor: cursor } : {}) }),
    );
    expect(items.every((p) => p.object === 'page')).toBe(true);
    const everything = await user.request<ListOut<PageOut>>('POST', '/v1/search', {
      filter: { property: 'object', value: 'page' },
    });
    expect(items.map((p) => p.id)).toEqual(everything.results.map((p) => p.id));

    const oldest = await user.tool<ListOut<PageOut>>('notion_page_search', {
      sort_direction: 'ascending',
      sort_timestamp: 'created_time',
      page_size: 1,
    });
    expect(titleOf(oldest.results[0]!)).toBe('Research');

    const data = await user.tool<ListOut<PageOut | DatabaseOut>>('notion_data_fetch', { query: 'projects' });
    expect(data.results.map((r) => r.object)).toEqual(['database']);
  });

  it('creates a database, inserts rows and queries them', async () => {
    const database = await user.tool<DatabaseOut>('notion_database_create', {
      parent: { page_id: research.id },
      title: [text('Links')],
      properties: { Name: { title: {} }, URL: { url: {} }, Seen: { checkbox: {} } },
    });
    expect(
      (await user.tool<DatabaseOut>('notion_database_fetch', { database_id: database.id })).title[0]!.plain_text,
    ).toBe('Links');
    await user.tool('notion_database_insert_row', {
      database_id: database.id,
      properties: {
        Name: { title: [text('Example')] },
        URL: { url: 'https://example.com/' },
        Seen: { checkbox: true },
      },
    });
    // notion_page_create with a database parent accepts the title keyed "title" (the title property's id).
    await user.tool('notion_page_create', {
      database_id: database.id,
      properties: { title: { title: [text('Other')] }, URL: { url: 'https://other.example/' } },
    });
    const seen = await user.tool<ListOut<PageOut>>('notion_database_query', {
      database_id: database.id,
      filter: { property: 'Seen', checkbox: { equals: true } },
    });
    expect(seen.results.map(titleOf)).toEqual(['Example']);
    const sorted = await user.tool<ListOut<PageOut>>('notion_database_query', {
      database_id: database.id,
      sorts: [{ property: 'Name', direction: 'descending' }],
    });
    expect(sorted.results.map(titleOf)).toEqual(['Other', 'Example']);
    const viaRest = await user.request<ListOut<PageOut>>('POST', `/v1/databases/${database.id}/query`, {});
    expect(viaRest.results).toHaveLength(2);
  });

  it('updates and archives pages and deletes blocks', async () => {
    const page = await user.tool<PageOut>('notion_page_create', {
      parent_page_id: research.id,
      properties: { title: { title: [text('To archive')] } },
    });
    const appended = await user.tool<ListOut<BlockOut>>('notion_page_content_append', {
      block_id: page.id,
      blocks: [{ type: 'paragraph', text: 'bye' }],
    });
    const deleted = await user.tool<BlockOut>('notion_block_delete', { block_id: appended.results[0]!.id });
    expect(deleted.archived).toBe(true);
    expect((await user.tool<BlockOut>('notion_block_retrieve', { block_id: appended.results[0]!.id })).archived).toBe(
      true,
    );
    const archived = await user.tool<PageOut>('notion_page_update', { page_id: page.id, archived: true });
    expect(archived.archived).toBe(true);
    expect((await user.request<PageOut>('GET', `/v1/pages/${page.id}`)).archived).toBe(true);
  });

  it('refuses bad parameters with validation_error', async () => {
    const both = await toolError(
      user.tool('notion_page_create', { parent_page_id: research.id, database_id: research.id, properties: {} }),
    );
    expect(both.toolErrorCode).toBe('validation_error');
    expect(both.toolErrorMessage).toBe('Exactly one of parent_page_id or database_id is required.');
    const neither = await toolError(user.tool('notion_page_create', { properties: {} }));
    expect(neither.toolErrorCode).toBe('validation_error');
    const missing = await toolError(user.tool('notion_page_get', {}));
    expect(missing.toolErrorMessage).toContain('page_id is required');
    const wrongType = await toolError(
      user.tool('notion_database_query', { database_id: research.id, page_size: 'ten' }),
    );
    expect(wrongType.toolErrorMessage).toContain('page_size must be a number');
    const notFound = await toolError(user.tool('notion_page_get', { page_id: '00000000-0000-4000-8000-000000000000' }));
    expect(notFound.toolErrorCode).toBe('object_not_found');
    const rowWithoutProperties = await toolError(user.tool('notion_database_insert_row', { database_id: research.id }));
    expect(rowWithoutProperties.toolErrorMessage).toContain('properties is required');
  });
});
