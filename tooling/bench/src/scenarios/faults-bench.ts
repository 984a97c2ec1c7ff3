import { setTimeout as delay } from 'node:timers/promises';
import { approveConsent, startLocalRun, type LocalRunResult } from '@repo/actor-runner';
import { startSampleSite, type SampleSite } from '@repo/sample-site';
import { startEmulator, type RunningEmulator } from '@repo/scalekit-emulator';
import type { Figure } from '../figures.js';
import { actorDir } from './actor-dirs.js';

const NOTION_RATE = 3;
const USER = 'bench-faults-user';
const OUTAGE_MS = 10_000;
/** auth-gate's default: consecutive failures of one kind that open a connector's breaker. */
const BREAKER_THRESHOLD = 10;

interface CrawlItem {
  url?: string;
  status?: string;
}

function crawl(emulator: RunningEmulator, site: SampleSite, parentPage: string) {
  return startLocalRun({
    actorDir: actorDir('crawl-to-notion'),
    input: { startUrls: [{ url: `${site.url}/` }], parentPage, useSitemaps: true, maxDepth: 0 },
    env: { ...emulator.env, AUTH_GATE_USER_ID: USER },
    timeoutMs: 600_000,
  });
}

/** Crawlable HTML pages of the site that the run did not write. */
function pagesLost(site: SampleSite, result: LocalRunResult): number {
  const written = new Set(
    (result.datasetItems as CrawlItem[])
      .filter((i) => i.status === 'created' || i.status === 'updated')
      .map((i) => i.url),
  );
  return site.crawlablePaths
    .filter((p) => !p.endsWith('.pdf'))
    .map((p) => new URL(p, site.url).href)
    .filter((u) => !written.has(u) && !written.has(u.replace(/\/$/, ''))).length;
}

async function notionPagesCreated(emulator: RunningEmulator): Promise<number> {
  return (await emulator.admin.calls({ kind: 'proxy' })).filter((c) => c.name === '/v1/pages' && c.status === '200')
    .length;
}

/**
 * Faults during real crawl-to-notion runs: a 10 s Scalekit outage mid-run (the emulator's port
 * refuses connections), Notion answering 503 to every write (the breaker), and two runs of one
 * user sharing Notion's 3 requests/second (429s).
 */
export async function faultsBench(): Promise<Figure[]> {
  const emulator = await startEmulator({ sandboxes: { notion: { rateLimitPerSecond: NOTION_RATE } } });
  const site = await startSampleSite();
  try {
    // A 10 s outage once the run is writing.
    const outageRun = await crawl(emulator, site, 'Research');
    await approveConsent(outageRun.liveViewUrl, 'notion');
    while ((await notionPagesCreated(emulator)) < 3) await delay(100);
    await emulator.suspend();
    await delay(OUTAGE_MS);
    await emulator.resume();
    const outage = await outageRun.done;
    const lostInOutage = outage.exitCode === 0 ? pagesLost(site, outage) : site.crawlablePaths.length;

    // Two runs of the same user at once, on Notion's shared 3 requests/second.
    await emulator.admin.resetCalls();
    const parallel = await Promise.all(
      [crawl(emulator, site, 'Research'), crawl(emulator, site, 'Roadmap')].map(async (run) => (await run).done),
    );
    const lostInParallel = parallel.reduce(
      (sum, r) => sum + (r.exitCode === 0 ? pagesLost(site, r) : site.crawlablePaths.length),
      0,
    );
    const rateLimited = (await emulator.admin.calls({ kind: 'proxy' })).filter((c) => c.status === '429').length;

    // Notion answers 503 to every write: calls beyond the ones that opened the breaker.
    await emulator.admin.resetCalls();
    const fault = await emulator.admin.addFault({
      match: { kind: 'proxy', name: '/v1/pages', connector: 'notion' },
      effect: { type: 'error', code: '503' },
    });
    const broken = await (await crawl(emulator, site, 'Research')).done;
    await emulator.admin.removeFault(fault.id);
    const failedWrites = (await emulator.admin.calls({ kind: 'proxy' })).filter(
      (c) => c.name === '/v1/pages' && c.status === '503',
    ).length;

    return [
      {
        name: 'faults.pages_lost_outage_10s',
        value: lostInOutage,
        unit: '',
        kind: 'max',
        bound: 0,
        note: `crawlable pages not written after a ${OUTAGE_MS / 1000}s Scalekit outage mid-run (exit ${outage.exitCode})`,
      },
      {
        name: 'faults.pages_lost_parallel_429',
        value: lostInParallel,
        unit: '',
        kind: 'max',
        bound: 0,
        note: `pages lost by two runs of one user at once on Notion's ${NOTION_RATE} req/s (${rateLimited} 429s waited out)`,
      },
      {
        name: 'faults.calls_after_breaker',
        value: Math.max(0, failedWrites - BREAKER_THRESHOLD),
        unit: '',
        kind: 'max',
        bound: 10,
        note: `Notion calls after ${BREAKER_THRESHOLD} x 503 opened the breaker (run ${broken.exitCode === 1 ? 'FAILED' : `exit ${broken.exitCode}`})`,
      },
    ];
  } finally {
    await emulator.resume();
    await site.close();
    await emulator.close();
  }
}
