import { approveConsent, startLocalRun } from '@repo/actor-runner';
import { startSampleSite } from '@repo/sample-site';
import { startEmulator } from '@repo/scalekit-emulator';
import type { Figure } from '../figures.js';
import { actorDir } from './actor-dirs.js';
import { samplePeakRss } from './process-memory.js';

const PAGES = 200;
const NOTION_RATE = 3;
const BLOCKS_PER_REQUEST = 100;

interface CrawlItem {
  url?: string;
  status?: string;
  blocks?: number;
}

/** A crawl of about 200 pages (every crawlable page; maxPages does not cut it) into Notion at Notion's real rate limit: throughput against the bound, losses, memory. */
export async function crawlBench(): Promise<Figure[]> {
  const emulator = await startEmulator({ sandboxes: { notion: { rateLimitPerSecond: NOTION_RATE } } });
  const base = await startSampleSite();
  const baseCount = base.crawlablePaths.length;
  await base.close();
  const site = await startSampleSite({ extraPages: Math.max(0, PAGES - baseCount) });
  try {
    const run = await startLocalRun({
      actorDir: actorDir('crawl-to-notion'),
      input: { startUrls: [{ url: site.url }], parentPage: 'Research', maxPages: 10 * PAGES, useSitemaps: true },
      env: { ...emulator.env, AUTH_GATE_USER_ID: 'bench-crawl-user' },
      timeoutMs: 900_000,
    });
    const memory = samplePeakRss(run.process.pid ?? 0);
    await approveConsent(run.liveViewUrl, 'notion');
    const result = await run.done;
    const peakRssMb = memory.stop();
    if (result.exitCode !== 0) throw new Error(`crawl run failed: ${result.stderr.slice(-800)}`);

    const items = result.datasetItems as CrawlItem[];
    const written = items.filter((i) => i.status === 'created' || i.status === 'updated');
    const writes = (await emulator.admin.calls({ kind: 'proxy' })).filter(
      (c) => c.identifier === 'bench-crawl-user' && (c.name === '/v1/pages' || c.name.endsWith('/children')),
    );
    const first = Date.parse(writes[0]?.at ?? '');
    const last = Date.parse(writes.at(-1)?.at ?? '');
    const windowSecs = Math.max(0.001, (last - first) / 1000);
    // The fewest requests each page needs: one create carrying 100 blocks, one append per further 100.
    const minRequests = written.reduce(
      (sum, i) => sum + 1 + Math.max(0, Math.ceil(((i.blocks ?? 0) - BLOCKS_PER_REQUEST) / BLOCKS_PER_REQUEST)),
      0,
    );
    const boundPagesPerSec = (NOTION_RATE * written.length) / Math.max(1, minRequests);
    const measuredPagesPerSec = written.length / windowSecs;
    const expected = new Set(
      site.crawlablePaths.filter((p) => !p.endsWith('.pdf')).map((p) => new URL(p, site.url).href),
    );
    const writtenUrls = new Set(written.map((i) => i.url));
    const lost = [...expected].filter((u) => !writtenUrls.has(u) && !writtenUrls.has(u.replace(/\/$/, ''))).length;
    return [
      {
        name: 'crawl.pages_written',
        value: written.length,
        unit: '',
        kind: 'ref',
        bound: expected.size,
        note: `pages written of ${expected.size} crawlable`,
      },
      {
        name: 'crawl.throughput_ratio',
        value: measuredPagesPerSec / boundPagesPerSec,
        unit: '',
        kind: 'min',
        bound: 0.9,
        note: `${measuredPagesPerSec.toFixed(2)} pages/s vs bound ${boundPagesPerSec.toFixed(2)} (${NOTION_RATE} req/s, ${minRequests} minimal requests)`,
      },
      {
        name: 'crawl.pages_lost',
        value: lost,
        unit: '',
        kind: 'max',
        bound: 0,
        note: 'crawlable pages that never reached Notion',
      },
      {
        name: 'crawl.peak_rss_mb',
        value: peakRssMb,
        unit: 'MB',
        kind: 'max',
        bound: 300,
        note: 'peak resident memory of the actor process',
      },
    ];
  } finally {
    await site.close();
    await emulator.close();
  }
}
