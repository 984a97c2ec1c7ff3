// Runs that cannot do the job end with one clear message, exit code 1, no stack trace, and nothing
// written: bad input is refused before any account is touched, a parent page that is not shared
// before anything is crawled, an unreachable site before anything is written.

import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { childPages, notionOf, PARENT, pageTitled, runActor, titleOf, USER, useStack } from '../support/stack.js';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const STACK_TRACE = /\n\s+at /;

const stack = useStack();

async function connected(): Promise<boolean> {
  return (await stack.emulator.admin.account('notion', USER))?.status === 'ACTIVE';
}

/** A loopback port nothing listens on. */
async function closedPort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

describe('bad input', () => {
  it.each([
    [{}, 'give at least one start URL'],
    [
      { startUrls: [{ url: 'docs.example.com' }], parentPage: PARENT },
      'start URL 1 ("docs.example.com") is not a valid URL',
    ],
    [{ startUrls: [{ url: 'ftp://example.com/' }], parentPage: PARENT }, 'must start with http:// or https://'],
    [
      { startUrls: [{ url: 'https://example.com/' }], parentPage: PARENT, maxPages: -5 },
      'maxPages: must be at least 1',
    ],
    [
      { startUrls: [{ url: 'https://example.com/' }], parentPage: PARENT, maxDepth: -1 },
      'maxDepth: must be at least 0',
    ],
    [{ startUrls: [{ url: 'https://example.com/' }] }, 'set "Parent page"'],
    [
      { startUrls: [{ url: 'https://example.com/' }], parentPage: PARENT, destination: 'wiki' },
      'destination: must be "page" or "database"',
    ],
  ])(
    '%j fails with one clear message before touching any account',
    async (input, message) => {
      await stack.emulator.admin.resetCalls();
      const run = await runActor(stack.emulator, { input });
      expect(run.exitCode).toBe(1);
      expect(run.printed).toContain(message);
      expect(run.printed).not.toMatch(STACK_TRACE);
      expect(run.out).toBeUndefined();
      expect(run.items).toEqual([]);
      expect(await stack.emulator.admin.calls()).toEqual([]);
    },
    30_000,
  );
});

describe('the destination', () => {
  it('a parent page that is not shared is reported with how to share it, before anything is crawled', async () => {
    const hitsBefore = [...stack.site.hits.values()].reduce((a, b) => a + b, 0);
    await stack.emulator.admin.resetCalls();
    const run = await runActor(stack.emulator, {
      input: { startUrls: [{ url: `${stack.site.url}/` }], parentPage: 'Team wiki' },
      approve: !(await connected()),
    });
    expect(run.exitCode).toBe(1);
    expect(run.printed).toContain('No Notion page titled "Team wiki" is shared with the integration');
    expect(run.printed).toContain('••• > Connections');
    expect(run.printed).not.toMatch(STACK_TRACE);
    const notionCalls = (await stack.emulator.admin.calls({ kind: 'proxy' })).map((call) => call.name);
    expect(new Set(notionCalls)).toEqual(new Set(['/v1/search']));
    expect([...stack.site.hits.values()].reduce((a, b) => a + b, 0)).toBe(hitsBefore);
    expect(run.items).toEqual([]);
  }, 60_000);

  it('an unreachable site fails with one message and writes nothing to Notion', async () => {
    const before = await notionOf(stack.emulator).catch(() => undefined);
    const port = await closedPort();
    const run = await runActor(stack.emulator, {
      input: { startUrls: [{ url: `http://127.0.0.1:${port}/docs/` }], parentPage: PARENT },
      approve: !(await connected()),
    });
    expect(run.exitCode).toBe(1);
    expect(run.printed).toContain(`Could not reach http://127.0.0.1:${port}/docs/`);
    expect(run.printed).not.toMatch(STACK_TRACE);
    if (before !== undefined) expect(await notionOf(stack.emulator)).toEqual(before);
    expect(run.items).toMatchObject([{ status: 'failed', url: `http://127.0.0.1:${port}/docs/` }]);
  }, 60_000);
});

describe('a page Notion refuses', () => {
  const paths = ['/docs/security', '/docs/storage', '/docs/pricing'];
  const input = (extra: Record<string, unknown> = {}) => ({
    startUrls: paths.map((path) => ({ url: `${stack.site.url}${path}` })),
    parentPage: PARENT,
    maxDepth: 0,
    ...extra,
  });
  const refuseOne = () =>
    stack.emulator.admin.addFault({
      match: { kind: 'proxy', name: '/v1/pages', connector: 'notion' },
      effect: { type: 'error', code: '400', message: 'body failed validation' },
      times: 1,
    });

  it('fails the run by default (the user did not tolerate failures), keeps what was written, and the next run writes it once', async () => {
    const storageDir = await mkdtemp(join(tmpdir(), 'crawl-to-notion-refused-'));
    const approve = !(await connected());
    await refuseOne();
    const first = await runActor(stack.emulator, { input: input(), storageDir, approve });
    expect(first.exitCode, first.printed).toBe(1);
    expect(first.out).toMatchObject({
      status: 'FAILED',
      created: 2,
      failed: 1,
      pagesNotWritten: 1,
      maxFailedPagesPercent: 0,
    });
    expect(first.out?.message).toMatch(
      /^Wrote 2 pages to Notion .* 1 page of 3 \(33%\) could not be written to Notion\. First error: .*400/,
    );
    expect(first.printed).toContain('set "Tolerated failed pages (%)" (maxFailedPagesPercent) to accept partial runs');
    expect(first.printed).not.toMatch(STACK_TRACE);
    const refused = first.items.find((item) => item.status === 'failed')!;
    expect(refused.error).toMatch(/400/);
    expect(refused.notionPageId).toBeNull();

    const second = await runActor(stack.emulator, { input: input(), storageDir });
    expect(second.exitCode, second.printed).toBe(0);
    expect(second.out).toMatchObject({ status: 'SUCCEEDED', created: 1, unchanged: 2, failed: 0 });
    expect(second.items.find((item) => item.url === refused.url)?.status).toBe('created');
    const snapshot = await notionOf(stack.emulator);
    const titles = childPages(snapshot, pageTitled(snapshot, PARENT)).map(titleOf);
    for (const title of ['Security', 'Storage', 'Pricing']) expect(titles.filter((t) => t === title)).toHaveLength(1);
  }, 90_000);

  it('succeeds with failures, and says so, when the user tolerates that share', async () => {
    const storageDir = await mkdtemp(join(tmpdir(), 'crawl-to-notion-tolerated-'));
    await refuseOne();
    const run = await runActor(stack.emulator, {
      input: input({ maxFailedPagesPercent: 50 }),
      storageDir,
      approve: !(await connected()),
    });
    expect(run.exitCode, run.printed).toBe(0);
    expect(run.out).toMatchObject({
      status: 'SUCCEEDED_WITH_FAILURES',
      created: 2,
      pagesNotWritten: 1,
      maxFailedPagesPercent: 50,
      message: null,
    });
    expect(run.printed).toContain('1 page of 3 (33%) not written, within the 50% tolerated.');
  }, 90_000);

  it('a run that wrote nothing fails whatever the tolerance', async () => {
    const storageDir = await mkdtemp(join(tmpdir(), 'crawl-to-notion-nothing-'));
    const fault = await stack.emulator.admin.addFault({
      match: { kind: 'proxy', name: '/v1/pages', connector: 'notion' },
      effect: { type: 'error', code: '400', message: 'body failed validation' },
    });
    try {
      const run = await runActor(stack.emulator, {
        input: input({ maxFailedPagesPercent: 100 }),
        storageDir,
        approve: !(await connected()),
      });
      expect(run.exitCode).toBe(1);
      expect(run.out).toMatchObject({ status: 'FAILED', written: 0, pagesNotWritten: 3 });
      expect(run.printed).toMatch(/Nothing was written to Notion: 3 pages could not be written\. First error: .*400/);
      expect(run.printed).not.toMatch(STACK_TRACE);
    } finally {
      await stack.emulator.admin.removeFault(fault.id);
    }
  }, 90_000);
});

describe('a database that cannot be created', () => {
  it('stops the run at the first page with one message, and nothing is written', async () => {
    const approve = !(await connected());
    await stack.emulator.admin.resetCalls();
    const fault = await stack.emulator.admin.addFault({
      match: { kind: 'proxy', name: '/v1/databases', connector: 'notion' },
      effect: { type: 'error', code: '403', message: 'restricted_resource' },
    });
    try {
      const run = await runActor(stack.emulator, {
        input: {
          startUrls: [{ url: `${stack.site.url}/` }],
          destination: 'database',
          database: 'Refused docs',
          parentPage: PARENT,
        },
        approve,
      });
      expect(run.exitCode).toBe(1);
      expect(run.printed).toContain('Could not create the database "Refused docs" under "Research"');
      expect(run.printed).not.toMatch(STACK_TRACE);
      const pagesCreated = (await stack.emulator.admin.calls({ kind: 'proxy' })).filter(
        (call) => call.name === '/v1/pages' && call.status === '200',
      );
      expect(pagesCreated).toEqual([]);
      expect(run.items.filter((item) => item.status === 'created')).toEqual([]);
    } finally {
      await stack.emulator.admin.removeFault(fault.id);
    }
  }, 60_000);
});
