// The run as a whole: input that is not an object, and start URLs that point inside the platform's
// network (platform mode forced locally), are refused before any Scalekit call; a crawl through the
// user's own proxy sends the site's pages through it.

import { Server as ProxyServer } from 'proxy-chain';
import { describe, expect, it } from 'vitest';
import { ENFORCE_LOCALLY_VARIABLE } from '../../src/crawl/address-guard.js';
import { PARENT, runActor, USER, useStack } from '../support/stack.js';

const STACK_TRACE = /\n\s+at /;

const stack = useStack();

const siteHits = (): number => [...stack.site.hits.values()].reduce((a, b) => a + b, 0);

describe('input that is not a JSON object', () => {
  // An array is the case Actor.getInput() hides (it spreads it into an object with the schema's
  // defaults); strings and numbers are refused by parseInput's unit tests.
  it('an array is refused before any Scalekit call', async () => {
    const input = ['https://example.com/'];
    await stack.emulator.admin.resetCalls();
    const run = await runActor(stack.emulator, { input });
    expect(run.exitCode).toBe(1);
    expect(run.printed).toContain('Invalid input: expected a JSON object');
    expect(run.printed).not.toMatch(STACK_TRACE);
    expect(await stack.emulator.admin.calls()).toEqual([]);
    expect(run.items).toEqual([]);
  }, 60_000);
});

describe('start URLs inside the platform network (platform mode)', () => {
  it('are one input error, before any Scalekit call or fetch', async () => {
    await stack.emulator.admin.resetCalls();
    const before = siteHits();
    const port = new URL(stack.site.url).port;
    const run = await runActor(stack.emulator, {
      input: {
        startUrls: [
          { url: `${stack.site.url}/docs/` },
          { url: `http://0x7f.1:${port}/` },
          { url: 'http://[::ffff:169.254.169.254]/latest/' },
        ],
        parentPage: PARENT,
      },
      env: { [ENFORCE_LOCALLY_VARIABLE]: '1' },
    });
    expect(run.exitCode).toBe(1);
    const message = run.printed;
    expect(message).toContain(`start URL 1 (${stack.site.url}/docs/): 127.0.0.1, a loopback address`);
    expect(message).toContain(`start URL 2 (http://127.0.0.1:${port}/): 127.0.0.1, a loopback address`);
    expect(message).toMatch(
      /start URL 3 \(http:\/\/\[::ffff:a9fe:a9fe\]\/latest\/\): ::ffff:a9fe:a9fe, a link-local address/,
    );
    expect(message).toContain('the crawler fetches only public web addresses');
    expect(message).not.toMatch(STACK_TRACE);
    expect(await stack.emulator.admin.calls()).toEqual([]);
    expect(siteHits()).toBe(before);
    expect(run.out).toBeUndefined();
  }, 60_000);
});

describe('proxyConfiguration', () => {
  it("a crawl through the user's own proxy sends every page request through it", async () => {
    const seen: string[] = [];
    const proxy = new ProxyServer({
      port: 0,
      host: '127.0.0.1',
      prepareRequestFunction: ({ request }) => {
        seen.push(request.url ?? '');
        return {};
      },
    });
    await proxy.listen();
    try {
      const connected = (await stack.emulator.admin.account('notion', USER))?.status === 'ACTIVE';
      const paths = ['/docs/security', '/docs/storage'];
      const run = await runActor(stack.emulator, {
        input: {
          startUrls: paths.map((path) => ({ url: `${stack.site.url}${path}` })),
          parentPage: PARENT,
          maxDepth: 0,
          respectRobotsTxt: false,
          proxyConfiguration: { useApifyProxy: false, proxyUrls: [`http://127.0.0.1:${proxy.port}`] },
        },
        approve: !connected,
      });
      expect(run.exitCode, run.printed).toBe(0);
      expect(run.items.map((item) => item.status).sort()).toEqual(
        expect.arrayContaining([expect.stringMatching(/created|updated|unchanged/)]),
      );
      for (const path of paths) expect(seen).toContain(`${stack.site.url}${path}`);
    } finally {
      await proxy.close(true);
    }
  }, 90_000);
});
