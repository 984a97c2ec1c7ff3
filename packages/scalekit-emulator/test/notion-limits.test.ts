import { ScalekitBadRequestException } from '@scalekit-sdk/node';
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
  type NotionUser,
  type PageOut,
} from './notion-fixture.js';

function toggle(label: string, children?: unknown[]): Record<string, unknown> {
  return { type: 'toggle', toggle: { rich_text: [text(label)], ...(children ? { children } : {}) } };
}

describe("Notion's request limits", () => {
  let fx: NotionFixture;
  let user: NotionUser;
  let page: PageOut;

  beforeAll(async () => {
    fx = await startNotion();
    user = await fx.user('limits');
    const research = (await user.request<ListOut<PageOut>>('POST', '/v1/search', { query: 'Research' })).results[0]!;
    page = await user.request<PageOut>('POST', '/v1/pages', {
      parent: { page_id: research.id },
      properties: { title: [text('Limits')] },
    });
  });
  afterAll(() => fx.close());

  async function childCount(): Promise<number> {
    const list = await user.request<ListOut<BlockOut>>('GET', `/v1/blocks/${page.id}/children`);
    return list.results.length;
  }

  async function refusedAppend(children: unknown[]): Promise<string> {
    const before = await childCount();
    const { exception, body } = await notionErrorOf(
      user.request('PATCH', `/v1/blocks/${page.id}/children`, { children }),
    );
    expect(exception).toBeInstanceOf(ScalekitBadRequestException);
    expect(body).toMatchObject({ object: 'error', status: 400, code: 'validation_error' });
    // Nothing of a refused request is written.
    expect(await childCount()).toBe(before);
    return body.message;
  }

  it('takes 100 children per request and refuses 101', async () => {
    const accepted = await user.request<ListOut<BlockOut>>('PATCH', `/v1/blocks/${page.id}/children`, {
      children: Array.from({ length: 100 }, (_, i) => paragraph(`p${i}`)),
    });
    expect(accepted.results).toHaveLength(100);
    const message = await refusedAppend(Array.from({ length: 101 }, (_, i) => paragraph(`p${i}`)));
    expect(message).toBe('body failed validation: body.children.length should be ≤ `100`, instead was `101`.');
  });

  it('refuses 101 children nested inside one block, naming the nested array', async () => {
    const message = await refusedAppend([
      toggle(
        'big',
        Array.from({ length: 101 }, (_, i) => paragraph(`c${i}`)),
      ),
    ]);
    expect(message).toBe(
      'body failed validation: body.children[0].toggle.children.length should be ≤ `100`, instead was `101`.',
    );
  });

  it('takes 2000 characters of text content and refuses 2001, with nothing written when one block of many is bad', async () => {
    await user.request('PATCH', `/v1/blocks/${page.id}/children`, { children: [paragraph('x'.repeat(2000))] });
    const children = [paragraph('fine'), paragraph('also fine'), paragraph('y'.repeat(2001))];
    const message = await refusedAppend(children);
    expect(message).toBe(
      'body failed validation: body.children[2].paragraph.rich_text[0].text.content.length should be ≤ `2000`, instead was `2001`.',
    );
  });

  it('refuses a link url over 2000 characters and more than 100 rich text items', async () => {
    const url = `https://example.com/${'a'.repeat(1981)}`;
    const linkMessage = await refusedAppend([
      { type: 'paragraph', paragraph: { rich_text: [{ type: 'text', text: { content: 'link', link: { url } } }] } },
    ]);
    expect(linkMessage).toBe(
      'body failed validation: body.children[0].paragraph.rich_text[0].text.link.url.length should be ≤ `2000`, instead was `2001`.',
    );
    const itemsMessage = await refusedAppend([
      { type: 'paragraph', paragraph: { rich_text: Array.from({ length: 101 }, (_, i) => text(`t${i}`)) } },
    ]);
    expect(itemsMessage).toBe(
      'body failed validation: body.children[0].paragraph.rich_text.length should be ≤ `100`, instead was `101`.',
    );
  });

  it('takes two levels of nested children and refuses a third', async () => {
    const ok = await user.request<ListOut<BlockOut>>('PATCH', `/v1/blocks/${page.id}/children`, {
      children: [toggle('level 1', [toggle('level 2', [paragraph('level 3')])])],
    });
    expect(ok.results[0]!.has_children).toBe(true);
    const message = await refusedAppend([
      toggle('level 1', [toggle('level 2', [toggle('level 3', [paragraph('level 4')])])]),
    ]);
    expect(message).toMatch(
      /^body failed validation: body\.children\[0\]\.toggle\.children\[0\]\.toggle\.children\[0\]\.toggle\.children should be not present, instead was `\[\{"object":"block","type":"paragraph"/,
    );
  });

  it('takes 1000 block elements in one request and refuses 1001', async () => {
    const tenEach = (count: number, perToggle: number) =>
      Array.from({ length: count }, (_, i) =>
        toggle(
          `t${i}`,
          Array.from({ length: perToggle }, (_, j) => paragraph(`${i}.${j}`)),
        ),
      );
    const accepted = await user.request<ListOut<BlockOut>>('PATCH', `/v1/blocks/${page.id}/children`, {
      children: tenEach(100, 9),
    });
    expect(accepted.results).toHaveLength(100);
    const message = await refusedAppend(tenEach(91, 10));
    expect(message).toBe(
      'body failed validation: the request should carry ≤ `1000` block elements, instead was `1001`.',
    );
  });

  it('refuses a payload over 500KB even when every part is within its own limit', async () => {
    const fat = (i: number) => ({
      type: 'paragraph',
      paragraph: { rich_text: [text(`${i}`.padEnd(2000, 'x')), text('y'.repeat(2000)), text('z'.repeat(2000))] },
    });
    const message = await refusedAppend(Array.from({ length: 90 }, (_, i) => fat(i)));
    expect(message).toMatch(
      /^body failed validation: the request body should be ≤ `500000` bytes \(500KB\), instead was `\d+`\.$/,
    );

    const research = (await user.request<ListOut<PageOut>>('POST', '/v1/search', { query: 'Research' })).results[0]!;
    const { body } = await notionErrorOf(
      user.request('POST', '/v1/pages', {
        parent: { page_id: research.id },
        properties: { title: [text('Too big')] },
        children: Array.from({ length: 90 }, (_, i) => fat(i)),
      }),
    );
    expect(body.code).toBe('validation_error');
    const search = await user.request<ListOut<PageOut>>('POST', '/v1/search', { query: 'Too big' });
    expect(search.results.map(titleOf)).toEqual([]);
  });

  it('requires the Notion-Version header and refuses versions it does not implement', async () => {
    const missing = await notionErrorOf(user.request('GET', '/v1/users/me', undefined, {}));
    expect(missing.exception).toBeInstanceOf(ScalekitBadRequestException);
    expect(missing.body).toEqual({
      object: 'error',
      status: 400,
      code: 'missing_version',
      message:
        'Notion-Version header failed validation: Notion-Version header should be defined, instead was `undefined`.',
    });
    const other = await notionErrorOf(
      user.request('GET', '/v1/users/me', undefined, { 'Notion-Version': '2025-09-03' }),
    );
    expect(other.body.code).toBe('validation_error');
    const me = await user.request<{ object: string; type: string }>('GET', '/v1/users/me');
    expect(me).toMatchObject({ object: 'user', type: 'bot' });
  });
});
