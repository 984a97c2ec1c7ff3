// The client end to end on the emulator's Notion: Notion's SDK, its fetch answered by a real
// auth-gate handle over the real ScalekitClient, the proxy, the sandbox. What the client adds
// (pagination, limits, full objects) and what it must keep (auth-gate's identity, retries,
// Retry-After and breaker; Notion's own error codes) are checked on the wire.

import { ConnectorOutageError, ProviderRequestError } from '@repo/auth-gate';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  APIErrorCode,
  APIResponseError,
  NOTION_LIMITS,
  NOTION_VERSION,
  pageTitle,
  databaseTitle,
  proxyCallOf,
  type NotionBlockInput,
  type NotionPage,
} from '../src/index.js';
import { SEEDED_PAGE, useNotionSandbox } from './support/notion-sandbox.js';

const sandbox = useNotionSandbox();

function paragraph(text: string): NotionBlockInput {
  return { type: 'paragraph', paragraph: { rich_text: [{ type: 'text', text: { content: text } }] } };
}

function numbered(from: number, count: number): NotionBlockInput[] {
  return Array.from({ length: count }, (_, i) => paragraph(`block ${from + i}`));
}

function textOf(block: { type: string } & Record<string, unknown>): string {
  const body = block[block.type] as { rich_text?: { plain_text: string }[] } | undefined;
  return (body?.rich_text ?? []).map((t) => t.plain_text).join('');
}

/** The proxy calls made while `action` ran. */
async function callsDuring(action: () => Promise<unknown>) {
  const start = sandbox.calls.length;
  await action();
  return sandbox.calls.slice(start);
}

let parent: NotionPage;

beforeAll(async () => {
  const found = await sandbox.notion.findPageByTitle(SEEDED_PAGE);
  if (found === undefined) throw new Error(`the sandbox has no "${SEEDED_PAGE}" page`);
  parent = found;
});

describe('pages', () => {
  it('finds a shared page by title and reads it, every call through the proxy with the API version', async () => {
    const calls = await callsDuring(async () => {
      const page = await sandbox.notion.getPage(parent.id);
      expect(page.id).toBe(parent.id);
      expect(pageTitle(page)).toBe(SEEDED_PAGE);
    });
    expect(calls).toEqual([
      { method: 'GET', path: `/v1/pages/${parent.id}`, headers: { 'Notion-Version': NOTION_VERSION } },
    ]);
    const proxied = await sandbox.emulator.admin.calls({ kind: 'proxy' });
    expect(proxied.length).toBeGreaterThan(0);
    expect(new Set(proxied.map((c) => `${c.connector} ${c.identifier}`)).size).toBe(1);
  });

  it("answers Notion's refusals with the SDK's APIResponseError and Notion's code", async () => {
    const missing = await sandbox.notion.getPage('0123456789abcdef0123456789abcdef').catch((e: unknown) => e);
    expect(missing).toBeInstanceOf(APIResponseError);
    expect(missing).toMatchObject({ code: APIErrorCode.ObjectNotFound, status: 404 });

    const tooLong = 'x'.repeat(NOTION_LIMITS.richTextContentLength + 1);
    const refused = await sandbox.notion.appendChildren(parent.id, [paragraph(tooLong)]).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(APIResponseError);
    expect(refused).toMatchObject({ code: APIErrorCode.ValidationError, status: 400 });
  });
});

describe('blocks', () => {
  let page: NotionPage;

  beforeAll(async () => {
    page = await sandbox.notion.createPage({
      parent: { type: 'page_id', page_id: parent.id },
      title: 'Blocks',
      children: numbered(0, 30),
    });
  });

  it('appends 100 blocks per request and lists them all, following the cursors', async () => {
    const appends = await callsDuring(() => sandbox.notion.appendAll(page.id, numbered(30, 230)));
    expect(appends.map((c) => (c.body as { children: unknown[] }).children.length)).toEqual([100, 100, 30]);

    let children: Awaited<ReturnType<typeof sandbox.notion.listChildren>> = [];
    const lists = await callsDuring(async () => {
      children = await sandbox.notion.listChildren(page.id);
    });
    expect(children.map((b) => textOf(b))).toEqual(Array.from({ length: 260 }, (_, i) => `block ${i}`));
    expect(lists.map((c) => c.query?.['start_cursor'] ?? null)).toEqual([null, children[100]!.id, children[200]!.id]);
  });

  it('asks for no more than the limit and stops there', async () => {
    const one = await callsDuring(async () => {
      expect((await sandbox.notion.listChildren(page.id, { limit: 1 })).map((b) => textOf(b))).toEqual(['block 0']);
    });
    expect(one.map((c) => c.query)).toEqual([{ page_size: '1' }]);

    const some = await callsDuring(async () => {
      expect(await sandbox.notion.listChildren(page.id, { limit: 150 })).toHaveLength(150);
    });
    expect(some).toHaveLength(2);
  });

  it('inserts after a given child only when asked, and refuses over 100 blocks before calling', async () => {
    const [first] = await sandbox.notion.listChildren(page.id, { limit: 1 });
    await sandbox.notion.appendChildren(page.id, [paragraph('after the first')], { after: first!.id });
    const [, second] = await sandbox.notion.listChildren(page.id, { limit: 2 });
    expect(textOf(second!)).toBe('after the first');

    const none = await callsDuring(async () => {
      await expect(sandbox.notion.appendChildren(page.id, numbered(0, 101))).rejects.toThrow(/at most 100/);
    });
    expect(none).toEqual([]);
  });

  it('deletes a block', async () => {
    const [created] = await sandbox.notion.appendChildren(page.id, [paragraph('to delete')]);
    const deleted = await sandbox.notion.deleteBlock(created!.id);
    expect(deleted).toMatchObject({ id: created!.id, archived: true });
  });
});

describe('databases', () => {
  it('creates one, writes and queries rows, and changes only what is asked', async () => {
    const database = await sandbox.notion.createDatabase({
      parentPageId: parent.id,
      title: 'Crawled pages',
      properties: { Title: { title: {} }, URL: { url: {} } },
    });
    expect(databaseTitle(database)).toBe('Crawled pages');
    for (const url of ['https://a.example/', 'https://b.example/']) {
      await sandbox.notion.createPage({
        parent: { type: 'database_id', database_id: database.id },
        properties: { Title: { title: [{ text: { content: url } }] }, URL: { url } },
      });
    }
    const rows = await sandbox.notion.queryDatabase(database.id, {
      property: 'URL',
      url: { equals: 'https://b.example/' },
    });
    expect(rows.map((row) => pageTitle(row))).toEqual(['https://b.example/']);

    const update = await callsDuring(() =>
      sandbox.notion.updateDatabase(database.id, { properties: { Words: { number: { format: 'number' } } } }),
    );
    expect(update[0]).toMatchObject({ method: 'PATCH', path: `/v1/databases/${database.id}` });
    expect(update[0]?.body).toEqual({ properties: { Words: { number: { format: 'number' } } } });
    expect((await sandbox.notion.getDatabase(database.id)).properties['Words']?.type).toBe('number');

    const found = await sandbox.notion.search('Crawled pages', 'database');
    expect(found.map((d) => d.id)).toContain(database.id);
  });
});

describe("auth-gate's handling stays in the path", () => {
  it("waits out Notion's 429 (Retry-After) and retries a 503, for writes too", async () => {
    const { admin } = sandbox.emulator;
    await admin.resetCalls();
    await admin.addFault({
      match: { kind: 'proxy', name: '/v1/pages' },
      effect: { type: 'rate_limit', retryAfterSeconds: 1 },
      times: 1,
    });
    await admin.addFault({
      match: { kind: 'proxy', name: '/v1/blocks/' },
      effect: { type: 'error', code: '503' },
      times: 2,
    });
    const page = await sandbox.notion.createPage({ parent: { type: 'page_id', page_id: parent.id }, title: 'Retried' });
    await sandbox.notion.appendChildren(page.id, [paragraph('written once')]);
    expect((await sandbox.notion.listChildren(page.id)).map((b) => textOf(b))).toEqual(['written once']);
    const statuses = (await admin.calls({ kind: 'proxy' })).map((c) => `${c.name.split('/')[2]} ${c.status}`);
    expect(statuses).toEqual(['pages 429', 'pages 200', 'blocks 503', 'blocks 503', 'blocks 200', 'blocks 200']);
  });

  it("passes auth-gate's own failures through the SDK unchanged (the breaker opening)", async () => {
    const notion = await sandbox.clientWith({ maxAttempts: 1, breakerThreshold: 2 });
    const { admin } = sandbox.emulator;
    const fault = await admin.addFault({
      match: { kind: 'proxy', name: `/v1/pages/${parent.id}` },
      effect: { type: 'error', code: 'internal_server_error' },
    });
    try {
      // The fault's body is the proxy's, not Notion's error object: auth-gate's error, as thrown.
      await expect(notion.getPage(parent.id)).rejects.toBeInstanceOf(ProviderRequestError);
      await expect(notion.getPage(parent.id)).rejects.toBeInstanceOf(ConnectorOutageError);
    } finally {
      await admin.removeFault(fault.id);
    }
  });
});

describe('proxyCallOf', () => {
  it('keeps path, query, JSON body and version; marks read-only POSTs safe to repeat', () => {
    expect(
      proxyCallOf('https://api.notion.com/v1/databases/db/query', {
        method: 'post',
        headers: { 'notion-version': NOTION_VERSION, 'user-agent': 'sdk' },
        body: JSON.stringify({ page_size: 100 }),
      }),
    ).toEqual({
      method: 'POST',
      path: '/v1/databases/db/query',
      body: { page_size: 100 },
      headers: { 'Notion-Version': NOTION_VERSION },
      idempotent: true,
    });
    expect(proxyCallOf('https://api.notion.com/v1/pages', { method: 'POST', body: '{}' })).not.toHaveProperty(
      'idempotent',
    );
    expect(() => proxyCallOf('https://example.com/v1/pages')).toThrow(/only calls https:\/\/api.notion.com/);
  });
});
