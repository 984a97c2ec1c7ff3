import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  collect,
  notionErrorOf,
  paragraph,
  startNotion,
  text,
  titleOf,
  type BlockOut,
  type ListOut,
  type NotionFixture,
  type NotionUser,
  type PageOut,
  type RichTextOut,
} from './notion-fixture.js';

function richTextOf(block: BlockOut): RichTextOut[] {
  return (block[block.type] as { rich_text: RichTextOut[] }).rich_text;
}

describe('Notion blocks over the proxy', () => {
  let fx: NotionFixture;
  beforeAll(async () => {
    fx = await startNotion();
  });
  afterAll(() => fx.close());

  async function blankPage(user: NotionUser, title: string): Promise<PageOut> {
    const search = await user.request<ListOut<PageOut>>('POST', '/v1/search', { query: 'Meeting notes' });
    const parent = search.results.find((p) => titleOf(p) === 'Meeting notes')!;
    return user.request<PageOut>('POST', '/v1/pages', {
      parent: { page_id: parent.id },
      properties: { title: [text(title)] },
    });
  }

  it('appends 250 blocks in three requests and reads them back in three pages of 100, 100 and 50', async () => {
    const user = await fx.user('blocks-paging');
    const page = await blankPage(user, 'Long page');
    for (const [start, count] of [
      [0, 100],
      [100, 100],
      [200, 50],
    ] as const) {
      const appended = await user.request<ListOut<BlockOut>>('PATCH', `/v1/blocks/${page.id}/children`, {
        children: Array.from({ length: count }, (_, i) => paragraph(`Line ${start + i}`)),
      });
      expect(appended.results).toHaveLength(count);
      expect(appended).toMatchObject({ object: 'list', has_more: false, next_cursor: null, type: 'block' });
    }

    const sizes: number[] = [];
    const { items, pages } = await collect<BlockOut>(async (cursor) => {
      const query = cursor ? `?start_cursor=${cursor}` : '';
      const list = await user.request<ListOut<BlockOut>>('GET', `/v1/blocks/${page.id}/children${query}`);
      sizes.push(list.results.length);
      return list;
    });
    expect(pages).toBe(3);
    expect(sizes).toEqual([100, 100, 50]);
    expect(items.map((b) => richTextOf(b)[0]!.plain_text)).toEqual(Array.from({ length: 250 }, (_, i) => `Line ${i}`));

    const small = await user.request<ListOut<BlockOut>>('GET', `/v1/blocks/${page.id}/children?page_size=7`);
    expect(small.results).toHaveLength(7);
    expect(small.next_cursor).toBe(items[7]!.id);

    const tooBig = await notionErrorOf(user.request('GET', `/v1/blocks/${page.id}/children?page_size=101`));
    expect(tooBig.body.message).toBe('query failed validation: query.page_size should be ≤ `100`, instead was `101`.');
  });

  it('keeps nested children, has_children and rich text annotations and links', async () => {
    const user = await fx.user('blocks-nested');
    const page = await blankPage(user, 'Nested');
    const appended = await user.request<ListOut<BlockOut>>('PATCH', `/v1/blocks/${page.id}/children`, {
      children: [
        {
          type: 'bulleted_list_item',
          bulleted_list_item: {
            rich_text: [text('Parent', { annotations: { bold: true } })],
            children: [
              {
                type: 'bulleted_list_item',
                bulleted_list_item: {
                  rich_text: [text('Child')],
                  children: [paragraph('Grandchild')],
                },
              },
            ],
          },
        },
        {
          type: 'paragraph',
          paragraph: {
            rich_text: [{ type: 'text', text: { content: 'Docs', link: { url: 'https://example.com/docs' } } }],
          },
        },
        { type: 'code', code: { rich_text: [text('const x = 1;')], language: 'typescript' } },
        {
          type: 'table',
          table: {
            table_width: 2,
            has_column_header: true,
            children: [
              { type: 'table_row', table_row: { cells: [[text('a')], [text('b')]] } },
              { type: 'table_row', table_row: { cells: [[text('1')], [text('2')]] } },
            ],
          },
        },
      ],
    });
    const [parent, link, code, table] = appended.results;
    expect(parent!.has_children).toBe(true);
    expect(richTextOf(parent!)[0]).toMatchObject({
      plain_text: 'Parent',
      annotations: { bold: true, italic: false, color: 'default' },
    });
    expect(richTextOf(link!)[0]).toMatchObject({ plain_text: 'Docs', href: 'https://example.com/docs' });
    expect(code!['code']).toMatchObject({ language: 'typescript' });
    expect(table!.has_children).toBe(true);

    const level2 = await user.request<ListOut<BlockOut>>('GET', `/v1/blocks/${parent!.id}/children`);
    expect(level2.results).toHaveLength(1);
    expect(level2.results[0]!.parent).toEqual({ type: 'block_id', block_id: parent!.id });
    const level3 = await user.request<ListOut<BlockOut>>('GET', `/v1/blocks/${level2.results[0]!.id}/children`);
    expect(richTextOf(level3.results[0]!)[0]!.plain_text).toBe('Grandchild');
    const rows = await user.request<ListOut<BlockOut>>('GET', `/v1/blocks/${table!.id}/children`);
    expect(rows.results.map((r) => r.type)).toEqual(['table_row', 'table_row']);

    const badLanguage = await notionErrorOf(
      user.request('PATCH', `/v1/blocks/${page.id}/children`, {
        children: [{ code: { rich_text: [], language: 'typescript2' } }],
      }),
    );
    expect(badLanguage.body.message).toContain('body.children[0].code.language should be one of');
  });

  it('inserts after a given block, updates a block in place and trashes it with DELETE', async () => {
    const user = await fx.user('blocks-edit');
    const page = await blankPage(user, 'Editing');
    const first = await user.request<ListOut<BlockOut>>('PATCH', `/v1/blocks/${page.id}/children`, {
      children: [paragraph('one'), paragraph('three')],
    });
    const [one, three] = first.results;
    await user.request('PATCH', `/v1/blocks/${page.id}/children`, { children: [paragraph('two')], after: one!.id });
    const ordered = await user.request<ListOut<BlockOut>>('GET', `/v1/blocks/${page.id}/children`);
    expect(ordered.results.map((b) => richTextOf(b)[0]!.plain_text)).toEqual(['one', 'two', 'three']);

    const updated = await user.request<BlockOut>('PATCH', `/v1/blocks/${three!.id}`, {
      paragraph: { rich_text: [text('THREE')], color: 'red' },
    });
    expect(richTextOf(updated)[0]!.plain_text).toBe('THREE');
    expect(updated['paragraph']).toMatchObject({ color: 'red' });
    const wrongType = await notionErrorOf(
      user.request('PATCH', `/v1/blocks/${three!.id}`, { heading_1: { rich_text: [] } }),
    );
    expect(wrongType.body.code).toBe('validation_error');

    const deleted = await user.request<BlockOut>('DELETE', `/v1/blocks/${one!.id}`);
    expect(deleted.archived).toBe(true);
    const after = await user.request<ListOut<BlockOut>>('GET', `/v1/blocks/${page.id}/children`);
    expect(after.results.map((b) => richTextOf(b)[0]!.plain_text)).toEqual(['two', 'THREE']);
    const retrieved = await user.request<BlockOut>('GET', `/v1/blocks/${one!.id}`);
    expect(retrieved.archived).toBe(true);

    const restored = await user.request<BlockOut>('PATCH', `/v1/blocks/${one!.id}`, { archived: false });
    expect(restored.archived).toBe(false);
  });

  it('refuses children on blocks that cannot hold them, and unknown block ids', async () => {
    const user = await fx.user('blocks-refuse');
    const page = await blankPage(user, 'Refusals');
    const appended = await user.request<ListOut<BlockOut>>('PATCH', `/v1/blocks/${page.id}/children`, {
      children: [{ type: 'divider', divider: {} }],
    });
    const divider = appended.results[0]!;
    const intoDivider = await notionErrorOf(
      user.request('PATCH', `/v1/blocks/${divider.id}/children`, { children: [paragraph('x')] }),
    );
    expect(intoDivider.body.code).toBe('validation_error');

    const missing = await notionErrorOf(user.request('GET', '/v1/blocks/11111111222233334444555555555555/children'));
    expect(missing.body).toMatchObject({ status: 404, code: 'object_not_found' });
    expect(missing.body.message).toContain('Could not find block with ID: 11111111-2222-3333-4444-555555555555');
  });
});
