// Against Notion's real limit (about 3 requests per second with bursts, 429 + Retry-After past it):
// the writes are pipelined with the crawl and auth-gate's limiter keeps every call under the
// limit, so no 429 ever reaches the run. The pages come from the sitemap robots.txt announces
// (link depth 0), through the same robots.txt filter as links.

import { expect, it } from 'vitest';
import { PARENT, runActor, useStack } from '../support/stack.js';

const stack = useStack({ rateLimitPerSecond: 3 });

it('writes the whole site from its sitemap under the 3 requests/second limit without a single 429', async () => {
  const input = { startUrls: [{ url: `${stack.site.url}/` }], parentPage: PARENT, useSitemaps: true, maxDepth: 0 };
  const run = await runActor(stack.emulator, { input, approve: true });
  expect(run.exitCode, run.printed).toBe(0);
  expect(run.out).toMatchObject({ status: 'SUCCEEDED', created: stack.site.crawlablePaths.length, failed: 0 });
  expect(
    run.items
      .filter((item) => item.status === 'created')
      .map((item) => new URL(item.url).pathname)
      .sort(),
  ).toEqual([...stack.site.crawlablePaths].sort());
  // The sitemap lists the page robots.txt disallows; it is not fetched.
  expect(run.items.find((item) => item.url === `${stack.site.url}/private/admin`)).toMatchObject({ status: 'skipped' });
  expect(stack.site.hits.get('/private/admin')).toBeUndefined();
  const notionCalls = (await stack.emulator.admin.calls({ kind: 'proxy' })).filter(
    (call) => call.connector === 'notion',
  );
  expect(notionCalls.length).toBe(run.out!.notionRequests);
  expect(notionCalls.filter((call) => call.status === '429')).toEqual([]);
  // A figure for the report, not an assertion: pages written per second against the limit.
  const perSecond = run.out!.created / run.out!.durationSecs;
  console.log(
    `rate-limit run: ${run.out!.created} pages, ${run.out!.notionRequests} Notion requests, ${run.out!.durationSecs}s, ${perSecond.toFixed(2)} pages/s`,
  );
}, 90_000);
