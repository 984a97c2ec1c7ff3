import { readFile } from 'node:fs/promises';
import { approveConsent, startLocalRun, type LocalRun } from '@repo/actor-runner';
import { startSampleSite } from '@repo/sample-site';
import { startEmulator } from '@repo/scalekit-emulator';
import type { Figure } from '../figures.js';
import { actorDir } from './actor-dirs.js';

const PAGES = 10_000;
/** The slope is taken from here to the end: the first pages pay for start-up, not for the site's size. */
const FIRST = 1_000;
/**
 * crawl-to-notion's default memory on Apify. There Node sizes V8's old generation at a quarter of
 * the container's memory; on this machine it would take a quarter of its RAM (capped at 4 GB) and
 * collect garbage that much later, so RSS would say more about the machine than about the Actor.
 */
const PLATFORM_MEMORY_MB = 1024;
/** crawl-to-notion's variable for benchmarks: Notion calls at no set rate (see its README). */
const NOTION_RATE_VARIABLE = 'CRAWL_TO_NOTION_BENCH_REQUESTS_PER_SECOND';
const USER = 'bench-scale-user';

interface Sample {
  done: number;
  rssKb: number;
}

/** Samples the run's resident memory beside its progress (pages with an outcome, from its live-view page). */
function sampleCurve(run: LocalRun, everyMs = 500): { stop(): Sample[] } {
  const samples: Sample[] = [];
  let done = 0;
  const timer = setInterval(() => {
    void (async () => {
      const status = await readFile(`/proc/${run.process.pid ?? 0}/status`, 'utf8');
      const rssKb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
      const state = (await (await fetch(`${run.liveViewUrl}/state`)).json()) as {
        snapshot?: { progress?: { done?: number } };
      };
      done = Math.max(done, state.snapshot?.progress?.done ?? 0);
      samples.push({ done, rssKb });
    })().catch(() => undefined);
  }, everyMs);
  return {
    stop() {
      clearInterval(timer);
      return samples;
    },
  };
}

function peakMb(samples: Sample[], upTo = Infinity): number {
  return samples.filter((s) => s.done <= upTo).reduce((peak, s) => Math.max(peak, s.rssKb), 0) / 1024;
}

interface ScaleOutput {
  written?: number;
  unchanged?: number;
  notionRequests?: number;
  durationSecs?: number;
}

/**
 * 10,000 pages of the sample site into the emulator's Notion with Notion's rate limit lifted on
 * both sides, so that what is measured is the Actor's own cost per page: peak memory at 10,000
 * pages, how it grows from 1,000 to 10,000, pages per second; then the same site again, unchanged.
 */
export async function crawlScaleBench(): Promise<Figure[]> {
  const emulator = await startEmulator({ sandboxes: { notion: { rateLimitPerSecond: 0 } } });
  const base = await startSampleSite();
  const baseCount = base.crawlablePaths.length;
  await base.close();
  const site = await startSampleSite({ extraPages: PAGES - baseCount });
  const expected = site.crawlablePaths.filter((p) => !p.endsWith('.pdf')).length;
  const run = async (storageDir?: string) => {
    const started = await startLocalRun({
      actorDir: actorDir('crawl-to-notion'),
      input: { startUrls: [{ url: site.url }], parentPage: 'Research', maxPages: 2 * PAGES, useSitemaps: true },
      env: {
        ...emulator.env,
        AUTH_GATE_USER_ID: USER,
        [NOTION_RATE_VARIABLE]: '0',
        ACTOR_MEMORY_MBYTES: String(PLATFORM_MEMORY_MB),
        NODE_OPTIONS: `--max-old-space-size=${PLATFORM_MEMORY_MB / 4}`,
      },
      ...(storageDir === undefined ? {} : { storageDir }),
      timeoutMs: 3_600_000,
    });
    const curve = sampleCurve(started);
    if (storageDir === undefined) await approveConsent(started.liveViewUrl, 'notion');
    const result = await started.done;
    const samples = curve.stop();
    if (result.exitCode !== 0) throw new Error(`scale crawl failed: ${result.stderr.slice(-800)}`);
    return { result, samples, output: result.output as ScaleOutput };
  };
  try {
    const first = await run();
    const written = first.output.written ?? 0;
    const peak10k = peakMb(first.samples);
    const peak1k = peakMb(first.samples, FIRST);
    const last = first.samples.at(-1)?.done ?? 0;
    const slopeKb = ((peak10k - peak1k) * 1024) / Math.max(1, last - FIRST);
    const pagesPerSec = written / Math.max(0.001, first.output.durationSecs ?? 0);

    const again = await run(first.result.storageDir);
    const resyncPerSec = (again.output.unchanged ?? 0) / Math.max(0.001, again.output.durationSecs ?? 0);
    return [
      {
        name: 'crawl.scale_pages_written',
        value: written,
        unit: '',
        kind: 'min',
        bound: expected,
        note: `pages written of ${expected} crawlable (Notion's rate limit lifted)`,
      },
      {
        name: 'crawl.peak_rss_mb_10k',
        value: peak10k,
        unit: 'MB',
        kind: 'max',
        bound: 300,
        note: `peak resident memory over ${last} pages (${PLATFORM_MEMORY_MB} MB Actor memory, as on Apify); ${peak1k.toFixed(0)} MB by page ${FIRST}`,
      },
      {
        name: 'crawl.rss_growth_kb_per_page',
        value: slopeKb,
        unit: 'KB',
        kind: 'max',
        bound: 5,
        note: `growth of peak memory per page from page ${FIRST} to page ${last} (Crawlee's local storage keeps a small entry per request, dataset item and record; on Apify it is remote)`,
      },
      {
        name: 'crawl.scale_pages_per_sec',
        value: pagesPerSec,
        unit: 'pages/s',
        kind: 'ref',
        bound: undefined,
        note: `${written} pages written in ${first.output.durationSecs ?? 0} s, Notion unthrottled`,
      },
      {
        name: 'crawl.resync_pages_written_10k',
        value: (again.output.written ?? 0) + (again.output.unchanged === expected ? 0 : Number.NaN),
        unit: '',
        kind: 'max',
        bound: 0,
        note: `pages written again when nothing changed (${again.output.unchanged ?? 0} of ${expected} unchanged)`,
      },
      {
        name: 'crawl.resync_notion_calls_10k',
        value: again.output.notionRequests ?? Number.NaN,
        unit: '',
        kind: 'ref',
        bound: undefined,
        note: `Notion calls to re-sync the unchanged site (${again.output.unchanged ?? 0} pages unchanged, ${resyncPerSec.toFixed(1)} pages/s; reading the parent's children)`,
      },
    ];
  } finally {
    await site.close();
    await emulator.close();
  }
}
