import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  notionErrorOf,
  paragraph,
  startNotion,
  text,
  titleOf,
  type BlockOut,
  type ListOut,
  type NotionFixture,
  type PageOut,
} from './notion-fixture.js';

describe('Notion pages over the proxy', () => {
  let fx: NotionFixture;
  beforeAll(async () => {
    fx = await startNotion();
  });
  afterAll(() => fx.close());

  async function seededPage(user: Awaited<ReturnType<NotionFixture['user']>>, title: string): Promise<PageOut> {
    const found = await user.request<ListOut<PageOut>>('POST', '/v1/search', {
      query: title,
      filter: { property: 'object', value: 'page' },
    });
    const page = found.results.find((p) => titleOf(p) === title);
    expect(page).toBeDefined();
    return page!;
  }

  it('creates a page under a page with content, reads it back, and lists it as a child_page of its parent', async () => {
    const user = await fx.user('pages-create');
    const research = await seededPage(user, 'Research');

    const created = await user.request<PageOut>('POST', '/v1/pages', {
      parent: { page_id: research.id },
      properties: { title: { title: [text('Crawl: Example Domain')] } },
      icon: { type: 'emoji', emoji: '🕷️' },
      children: [paragraph('First paragraph'), { heading_2: { rich_text: [text('A heading')] } }],
    });

    expect(created.object).toBe('page');
    expect(created.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(created.url).toBe(`https://www.notion.so/Crawl-Example-Domain-${created.id.replace(/-/g, '')}`);
    expect(created.parent).toEqual({ type: 'page_id', page_id: research.id });
    expect(created.icon).toEqual({ type: 'emoji', emoji: '🕷️' });
    expect(created.created_time).toMatch(/:00\.000Z$/);

    // Ids are accepted without hyphens too.
    const fetched = await user.request<PageOut>('GET', `/v1/pages/${created.id.replace(/-/g, '')}`);
    expect(fetched.id).toBe(created.id);
    expect(titleOf(fetched)).toBe('Crawl: Example Domain');

    const content = await user.request<ListOut<BlockOut>>('GET', `/v1/blocks/${created.id}/children`);
    expect(content.results.map((b) => b.type)).toEqual(['paragraph', 'heading_2']);
    expect(content.results[0]!.parent).toEqual({ type: 'page_id', page_id: created.id });
    expect(content.type).toBe('block');

    const parentChildren = await user.request<ListOut<BlockOut>>('GET', `/v1/blocks/${research.id}/children`);
    const childPage = parentChildren.results.find((b) => b.id === created.id);
    expect(childPage).toMatchObject({ type: 'child_page', child_page: { title: 'Crawl: Example Domain' } });
  });

  it('updates the title and icon, changing the url; archives and restores the page', async () => {
    const user = await fx.user('pages-update');
    const roadmap = await seededPage(user, 'Roadmap');
    const page = await user.request<PageOut>('POST', '/v1/pages', {
      parent: { page_id: roadmap.id },
      properties: { title: [text('Draft')] },
    });

    const renamed = await user.request<PageOut>('PATCH', `/v1/pages/${page.id}`, {
      properties: { title: { title: [text('Final plan')] } },
      icon: { type: 'emoji', emoji: '✅' },
    });
    expect(titleOf(renamed)).toBe('Final plan');
    expect(renamed.url).toContain('/Final-plan-');
    expect(renamed.icon).toEqual({ type: 'emoji', emoji: '✅' });

    const archived = await user.request<PageOut>('PATCH', `/v1/pages/${page.id}`, { archived: true });
    expect(archived.archived).toBe(true);
    expect(archived.in_trash).toBe(true);
    const search = await user.request<ListOut<PageOut>>('POST', '/v1/search', { query: 'Final plan' });
    expect(search.results).toHaveLength(0);
    const stillReadable = await user.request<PageOut>('GET', `/v1/pages/${page.id}`);
    expect(stillReadable.archived).toBe(true);

    const edit = await notionErrorOf(
      user.request('PATCH', `/v1/pages/${page.id}`, { properties: { title: [text('x')] } }),
    );
    expect(edit.body).toMatchObject({ object: 'error', status: 400, code: 'validation_error' });
    expect(edit.body.message).toBe("Can't edit block that is archived. You must unarchive the block before editing.");
    const append = await notionErrorOf(
      user.request('PATCH', `/v1/blocks/${page.id}/children`, { children: [paragraph('x')] }),
    );
    expect(append.body.code).toBe('validation_error');
    const child = await notionErrorOf(
      user.request('POST', '/v1/pages', { parent: { page_id: page.id }, properties: { title: [text('Child')] } }),
    );
    expect(child.body.message).toContain("Can't edit block that is archived");

    const restored = await user.request<PageOut>('PATCH', `/v1/pages/${page.id}`, { archived: false });
    expect(restored.archived).toBe(false);
    expect((await user.request<ListOut<PageOut>>('POST', '/v1/search', { query: 'Final plan' })).results).toHaveLength(
      1,
    );
  });

  it('DELETE /v1/blocks/{page id} trashes the page, and a second delete is refused', async () => {
    const user = await fx.user('pages-delete');
    const roadmap = await seededPage(user, 'Roadmap');
    const page = await user.request<PageOut>('POST', '/v1/pages', {
      parent: { page_id: roadmap.id },
      properties: { title: [text('Temp')] },
    });

    const deleted = await user.request<BlockOut>('DELETE', `/v1/blocks/${page.id}`);
    expect(deleted).toMatchObject({ object: 'block', id: page.id, type: 'child_page', archived: true });
    expect((await user.request<PageOut>('GET', `/v1/pages/${page.id}`)).archived).toBe(true);
    const children = await user.request<ListOut<BlockOut>>('GET', `/v1/blocks/${roadmap.id}/children`);
    expect(children.results.some((b) => b.id === page.id)).toBe(false);

    const again = await notionErrorOf(user.request('DELETE', `/v1/blocks/${page.id}`));
    expect(again.body.code).toBe('validation_error');
  });

  it('refuses bad parents and properties the way Notion does', async () => {
    const user = await fx.user('pages-validation');
    const research = await seededPage(user, 'Research');

    const missing = await notionErrorOf(user.request('POST', '/v1/pages', { parent: { page_id: research.id } }));
    expect(missing.body).toEqual({
      object: 'error',
      status: 400,
      code: 'validation_error',
      message: 'body failed validation: body.properties should be defined, instead was `undefined`.',
    });

    const unknownKey = await notionErrorOf(
      user.request('POST', '/v1/pages', {
        parent: { page_id: research.id },
        properties: { Name: { title: [text('x')] } },
      }),
    );
    expect(unknownKey.body.message).toBe('Name is not a property that exists.');

    const wrongShape = await notionErrorOf(
      user.request('POST', '/v1/pages', {
        parent: { page_id: research.id },
        properties: { title: { rich_text: [text('x')] } },
      }),
    );
    expect(wrongShape.body.message).toBe('title is expected to be title.');

    const ghost = '0f2b9c1e-5b7a-4d47-9d6a-1c2b3d4e5f60';
    const notFound = await notionErrorOf(
      user.request('POST', '/v1/pages', { parent: { page_id: ghost }, properties: { title: [] } }),
    );
    expect(notFound.exception.constructor.name).toBe('ScalekitNotFoundException');
    expect(notFound.body).toMatchObject({ status: 404, code: 'object_not_found' });
    expect(notFound.body.message).toContain(`Could not find page with ID: ${ghost}`);

    const badId = await notionErrorOf(user.request('GET', '/v1/pages/not-a-uuid'));
    expect(badId.body.message).toBe(
      'path failed validation: path.page_id should be a valid uuid, instead was `"not-a-uuid"`.',
    );

    const workspace = await notionErrorOf(
      user.request('POST', '/v1/pages', { parent: { workspace: true }, properties: { title: [] } }),
    );
    expect(workspace.body.code).toBe('validation_error');
  });

  it('answers invalid_request_url for paths the API does not have', async () => {
    const user = await fx.user('pages-routes');
    const { body } = await notionErrorOf(user.request('GET', '/v1/nothing-here'));
    expect(body).toMatchObject({ status: 400, code: 'invalid_request_url' });
  });
});
