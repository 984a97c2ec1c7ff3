// The client's own logic (pagination, limits, request shapes) against a recording stand-in for
// the auth-gate handle: Notion's wire behaviour itself is covered by the emulator's tests.

import type { ProxyCall, ProxyResult } from '@repo/auth-gate';
import { describe, expect, it } from 'vitest';
import { NotionClient, type NotionBlock } from '../src/index.js';

function block(n: number): NotionBlock {
  return { object: 'block', id: `b${n}`, type: 'paragraph', has_children: false };
}

/** Serves `total` children in pages of the requested size, recording every call. */
function childrenServer(total: number) {
  const calls: ProxyCall[] = [];
  const handle = {
    request<T>(call: ProxyCall): Promise<ProxyResult<T>> {
      calls.push(call);
      const size = Number(call.query?.['page_size'] ?? 100);
      const start = Number(call.query?.['start_cursor'] ?? 0);
      const results = Array.from({ length: Math.max(0, Math.min(size, total - start)) }, (_, i) => block(start + i));
      const next = start + results.length;
      const data = { object: 'list', results, has_more: next < total, next_cursor: next < total ? String(next) : null };
      return Promise.resolve({ status: 200, data: data as T, headers: {} });
    },
  };
  return { calls, client: new NotionClient(handle) };
}

describe('listChildren', () => {
  it('follows every page of results when no limit is given', async () => {
    const { calls, client } = childrenServer(230);
    const children = await client.listChildren('page');
    expect(children.map((c) => c.id)).toEqual(Array.from({ length: 230 }, (_, i) => `b${i}`));
    expect(calls.map((c) => c.query?.['start_cursor'] ?? null)).toEqual([null, '100', '200']);
  });

  it('asks for no more than the limit and stops there', async () => {
    const { calls, client } = childrenServer(230);
    expect((await client.listChildren('page', { limit: 1 })).map((c) => c.id)).toEqual(['b0']);
    expect(calls).toHaveLength(1);
    expect(calls[0]?.query?.['page_size']).toBe(1);

    const { calls: more, client: other } = childrenServer(230);
    expect(await other.listChildren('page', { limit: 150 })).toHaveLength(150);
    expect(more.map((c) => c.query?.['page_size'])).toEqual([100, 50]);
  });
});

describe('updateDatabase', () => {
  it('sends only the parts that change, with the Notion version header', async () => {
    const calls: ProxyCall[] = [];
    const client = new NotionClient({
      request<T>(call: ProxyCall): Promise<ProxyResult<T>> {
        calls.push(call);
        return Promise.resolve({ status: 200, data: { object: 'database', id: 'db' } as T, headers: {} });
      },
    });
    await client.updateDatabase('db', { properties: { Words: { number: {} } } });
    expect(calls[0]).toMatchObject({
      method: 'PATCH',
      path: '/v1/databases/db',
      body: { properties: { Words: { number: {} } } },
      headers: { 'Notion-Version': '2022-06-28' },
    });
    expect(calls[0]?.body).not.toHaveProperty('title');
  });
});

describe('appendChildren', () => {
  it('inserts after a given child only when asked', async () => {
    const calls: ProxyCall[] = [];
    const client = new NotionClient({
      request<T>(call: ProxyCall): Promise<ProxyResult<T>> {
        calls.push(call);
        return Promise.resolve({
          status: 200,
          data: { object: 'list', results: [], has_more: false, next_cursor: null } as T,
          headers: {},
        });
      },
    });
    const children = [{ type: 'divider', divider: {} }];
    await client.appendChildren('page', children);
    await client.appendChildren('page', children, { after: 'block-3' });
    expect(calls.map((c) => c.body)).toEqual([{ children }, { children, after: 'block-3' }]);
    await expect(
      client.appendChildren(
        'page',
        Array.from({ length: 101 }, () => children[0]!),
      ),
    ).rejects.toThrow(/at most 100/);
  });
});
