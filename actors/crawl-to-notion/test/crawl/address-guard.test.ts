// The address guard in a real crawl: crawlee's CheerioCrawler (got-scraping) against a local HTTP
// server, with a resolver that maps public-looking names to loopback addresses. 127.0.0.2 stands in
// for a public server (the test's policy allows exactly it); 127.0.0.1 is the internal service the
// crawl must never reach, whether named directly, through a redirect, a link, or a name that
// answers the check with one address and the connection with another (DNS rebinding).

import type { LookupAddress } from 'node:dns';
import { createServer, type Server } from 'node:http';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Configuration, RequestQueue } from 'crawlee';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AddressGuard, type ResolveAll } from '../../src/crawl/address-guard.js';
import { addressVerdict } from '../../src/crawl/address-policy.js';
import { createSiteCrawler, type CrawlCallbacks } from '../../src/crawl/site-crawler.js';
import { parseInput } from '../../src/input.js';

const PUBLIC = '127.0.0.2';
const INTERNAL = '127.0.0.1';

let server: Server;
let port: number;
const hits: string[] = [];

beforeAll(async () => {
  process.env['CRAWLEE_STORAGE_DIR'] = await mkdtemp(join(tmpdir(), 'crawl-guard-'));
  Configuration.getGlobalConfig().set('persistStorage', false);
  server = createServer((request, response) => {
    const path = request.url ?? '/';
    hits.push(`${request.socket.localAddress?.replace(/^::ffff:/, '')} ${path}`);
    const html = (body: string): void => {
      response.writeHead(200, { 'content-type': 'text/html' });
      response.end(
        `<html><head><title>${path}</title></head><body><main><h1>${path}</h1><p>Some text on ${path}.</p>${body}</main></body></html>`,
      );
    };
    const redirect = (to: string): void => {
      response.writeHead(302, { location: to });
      response.end();
    };
    if (path === '/robots.txt') {
      response.writeHead(404);
      response.end();
    } else if (path === '/to-internal-name') redirect(`http://inward.test:${port}/secret`);
    else if (path === '/to-internal-literal') redirect(`http://127.0.0.1:${port}/secret`);
    else if (path === '/to-metadata') redirect('http://169.254.169.254/latest/meta-data/');
    else if (path === '/to-public') redirect(`http://public.test:${port}/landing`);
    else if (path === '/links')
      html(
        `<a href="http://inward.test:${port}/secret">secret</a> <a href="http://public.test:${port}/landing">landing</a>`,
      );
    else html('');
  });
  await new Promise<void>((resolve) => server.listen(0, '0.0.0.0', resolve));
  port = (server.address() as { port: number }).port;
});

afterAll(async () => {
  await new Promise((resolve) => server?.close(resolve));
});

/** public.test -> 127.0.0.2, inward.test -> 127.0.0.1, rebind.test -> 127.0.0.2 once, then 127.0.0.1. */
function fakeDns(): { resolve: ResolveAll; asked: string[] } {
  const asked: string[] = [];
  let rebinds = 0;
  const table: Record<string, () => string> = {
    'public.test': () => PUBLIC,
    'inward.test': () => INTERNAL,
    'rebind.test': () => (rebinds++ === 0 ? PUBLIC : INTERNAL),
  };
  const resolve: ResolveAll = (hostname, _options, callback) => {
    asked.push(hostname);
    const answer = table[hostname];
    if (answer === undefined) {
      callback(Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' }), []);
      return;
    }
    const entry: LookupAddress = { address: answer(), family: 4 };
    callback(null, [entry]);
  };
  return { resolve, asked };
}

interface Outcome {
  pages: string[];
  failed: Map<string, string>;
  /** Fetch attempts crawlee repeated: a refusal is final, so 0 where only refusals failed. */
  retries: number;
}

async function crawl(
  startPaths: string[],
  options: { enforce: boolean; host?: string; maxDepth?: number; robots?: boolean },
): Promise<Outcome> {
  const { resolve } = fakeDns();
  const guard = new AddressGuard({
    enforce: options.enforce,
    resolve,
    verdict: (address) => (address === PUBLIC ? { allowed: true } : addressVerdict(address)),
  });
  const host = options.host ?? 'public.test';
  const input = parseInput({
    startUrls: startPaths.map((path) => ({ url: `http://${host}:${port}${path}` })),
    parentPage: 'unused',
    maxDepth: options.maxDepth ?? 1,
    sameDomain: false,
    respectRobotsTxt: options.robots ?? true,
    proxyConfiguration: { useApifyProxy: false },
  });
  const queue = await RequestQueue.open(`guard-${Math.random().toString(36).slice(2)}`);
  const outcome: Outcome = { pages: [], failed: new Map(), retries: 0 };
  const callbacks: CrawlCallbacks = {
    onPage: (page) => {
      outcome.pages.push(page.loadedUrl);
      return Promise.resolve();
    },
    onSkipped: () => Promise.resolve(),
    onFailed: (url, error) => {
      outcome.failed.set(url, error);
      return Promise.resolve();
    },
    onFetched: () => undefined,
    onStatusTick: () => Promise.resolve(),
    warn: () => undefined,
  };
  const crawler = createSiteCrawler(input, queue, callbacks, { guard });
  await crawler.run(input.startUrls);
  outcome.retries = crawler.stats.state.requestsRetries;
  await queue.drop();
  return outcome;
}

const internalHits = (): string[] => hits.filter((hit) => hit.startsWith(`${INTERNAL} `));

describe('the address guard in a crawl (platform mode)', () => {
  it('refuses a redirect to an internal name at the hop, once, and never connects there', async () => {
    hits.length = 0;
    const outcome = await crawl(['/to-internal-name'], { enforce: true });
    expect(outcome.pages).toEqual([]);
    const error = outcome.failed.get(`http://public.test:${port}/to-internal-name`);
    expect(error).toMatch(/inward\.test resolves to 127\.0\.0\.1, a loopback address.*only public addresses/);
    expect(internalHits()).toEqual([]);
    // Refused once, not retried.
    expect(hits.filter((hit) => hit.endsWith('/to-internal-name'))).toHaveLength(1);
  });

  it('refuses redirects to internal literals and to the metadata service', async () => {
    hits.length = 0;
    const outcome = await crawl(['/to-internal-literal', '/to-metadata'], { enforce: true });
    expect(outcome.failed.get(`http://public.test:${port}/to-internal-literal`)).toMatch(
      /127\.0\.0\.1 is a loopback address/,
    );
    expect(outcome.failed.get(`http://public.test:${port}/to-metadata`)).toMatch(
      /169\.254\.169\.254 is a link-local address/,
    );
    expect(internalHits()).toEqual([]);
    expect(outcome.retries).toBe(0);
  });

  it('follows a redirect between public hosts', async () => {
    hits.length = 0;
    const outcome = await crawl(['/to-public'], { enforce: true, maxDepth: 0 });
    expect(outcome.pages).toEqual([`http://public.test:${port}/landing`]);
    expect(outcome.failed.size).toBe(0);
  });

  it('refuses a discovered link to an internal name as a failed page and crawls the public one', async () => {
    hits.length = 0;
    const outcome = await crawl(['/links'], { enforce: true });
    expect(outcome.pages.sort()).toEqual([`http://public.test:${port}/landing`, `http://public.test:${port}/links`]);
    expect(outcome.failed.get(`http://inward.test:${port}/secret`)).toMatch(/inward\.test resolves to 127\.0\.0\.1/);
    expect(internalHits()).toEqual([]);
  });

  it('checks again at connection time: a name that rebinds after the check is refused by the lookup', async () => {
    hits.length = 0;
    const outcome = await crawl(['/page'], { enforce: true, host: 'rebind.test', maxDepth: 0, robots: false });
    expect(outcome.pages).toEqual([]);
    expect(outcome.failed.get(`http://rebind.test:${port}/page`)).toMatch(/rebind\.test resolves to 127\.0\.0\.1/);
    // Refused by the connection's lookup on the first attempt (not by the check of a retry).
    expect(outcome.retries).toBe(0);
    expect(hits).toEqual([]);
  });

  it('locally (not enforced) the same redirect is followed, so tests and the demo can crawl localhost', async () => {
    hits.length = 0;
    const outcome = await crawl(['/to-internal-literal'], { enforce: false, host: '127.0.0.1', maxDepth: 0 });
    expect(outcome.pages).toEqual([`http://127.0.0.1:${port}/secret`]);
  });
});
