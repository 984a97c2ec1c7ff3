// The run, end to end: input, the user's own Notion through auth-gate, the destination resolved
// and reconciled with what earlier runs wrote, then the crawl with Notion writes pipelined behind
// it, and finally the dataset, OUTPUT, the run page's summary and the charges. Every expected
// failure ends with one clear message (status message, run page, Actor.fail) and no stack trace.

import { perUser, runFailureMessage, runGatedActor, type AuthGate, type SummaryLink } from '@repo/auth-gate';
import { NotionClient } from '@repo/notion-client';
import { Actor, log, type KeyValueStore, type RequestQueue } from 'apify';
import type { HttpCrawler, HttpCrawlingContext } from '@crawlee/http';
import { AddressGuard, shouldEnforce } from './crawl/address-guard.js';
import { openProxyConfiguration, planProxy } from './crawl/proxy-setup.js';
import { createSiteCrawler, enqueueSitemapUrls, FETCH_FAILED, type CrawlOptions } from './crawl/site-crawler.js';
import { refuseInternalTargets } from './crawl/target-check.js';
import { errorMessage, ExpectedFailure } from './errors.js';
import { parseInput, type CrawlInput } from './input.js';
import { DatabaseTarget, resolveParentPage } from './notion/destination.js';
import { DatabaseDestination, PageDestination, type Destination } from './sync/destinations.js';
import { PageSync } from './sync/page-sync.js';
import type { ReconcileReport } from './sync/reconcile.js';
import { itemFor, RunTally, runVerdict, type PageItem, type RunOutput, type Verdict } from './sync/run-report.js';
import { SYNC_STORE_NAME } from './sync/sync-state.js';
import { UrlSet } from './sync/url-set.js';

export const PAGE_TITLE = 'Crawl to Notion';
/** Notion's published average for one integration; auth-gate keeps every call of the run under it. */
const NOTION_REQUESTS_PER_SECOND = 3;
/**
 * For benchmarks against the emulator only: another rate for Notion calls, `0` for none. Ignored
 * on the Apify platform, where Notion's own limit always applies.
 */
export const NOTION_RATE_VARIABLE = 'CRAWL_TO_NOTION_BENCH_REQUESTS_PER_SECOND';
/**
 * Pages written at once. The rate limit is the bottleneck, so a few writers are enough to keep it
 * busy while one waits for a response; more would only hold more pages in memory.
 */
const WRITERS = 3;
/** Converted pages waiting for a writer before the crawl waits too. */
const WRITE_QUEUE_CAPACITY = 20;
const PROGRESS_INTERVAL_MS = 1000;
const SUMMARY_LINKS = 20;
export const PAGE_WRITTEN_EVENT = 'page-written';

type Connectors = 'notion';

export async function runActor(): Promise<void> {
  const startedAt = Date.now();
  await runGatedActor(
    {
      connectors: { notion: perUser({ label: 'Notion', ...notionRate() }) },
      page: { title: PAGE_TITLE },
      input: prepareCrawl,
      connect: ['notion'],
    },
    async ({ input: { input, crawlOptions }, gate, handles: { notion } }) => {
      const client = new NotionClient(notion);
      gate.step('Connected to your Notion');
      const store = await Actor.openKeyValueStore(SYNC_STORE_NAME);
      const destination = await openDestination(client, input, store, gate);
      const requestQueue = await Actor.openRequestQueue();
      if (destination.exists) await reconcile(destination.destination, requestQueue, gate);
      const result = await crawlAndWrite(input, crawlOptions, destination.destination, requestQueue, gate, startedAt);
      // Written whatever the verdict, so schedules and integrations read the counts and the status.
      await Actor.setValue('OUTPUT', result.output);
      if (result.failure !== undefined) throw result.failure;
      return { summary: result.summary, links: result.links };
    },
  );
}

/** Notion's rate, unless a local benchmark lifted it (see NOTION_RATE_VARIABLE). */
function notionRate(): { requestsPerSecond?: number } {
  const raw = process.env[NOTION_RATE_VARIABLE]?.trim();
  if (raw === undefined || raw === '') return { requestsPerSecond: NOTION_REQUESTS_PER_SECOND };
  if (Actor.isAtHome()) {
    log.warning(`${NOTION_RATE_VARIABLE} is for local benchmarks; on Apify Notion's own limit applies.`);
    return { requestsPerSecond: NOTION_REQUESTS_PER_SECOND };
  }
  const rate = Number(raw);
  if (!Number.isFinite(rate) || rate < 0) {
    log.warning(
      `${NOTION_RATE_VARIABLE} must be a number of requests per second (0 for none); Notion's limit applies.`,
    );
    return { requestsPerSecond: NOTION_REQUESTS_PER_SECOND };
  }
  log.warning(
    `Notion calls are limited to ${rate === 0 ? 'no rate' : `${rate} per second`} (${NOTION_RATE_VARIABLE}).`,
  );
  return rate === 0 ? {} : { requestsPerSecond: rate };
}

interface PreparedCrawl {
  input: CrawlInput;
  crawlOptions: CrawlOptions;
}

/** The input, its targets checked and its proxy opened: all before any account is touched. */
async function prepareCrawl(raw: unknown): Promise<PreparedCrawl> {
  const input = parseInput(raw);
  const guard = new AddressGuard({ enforce: shouldEnforce(Actor.isAtHome(), process.env) });
  await refuseInternalTargets(input, guard);
  const proxy = planProxy(input.proxyConfiguration, { isAtHome: Actor.isAtHome(), env: process.env });
  if (proxy.kind === 'direct' && proxy.warning !== undefined) log.warning(proxy.warning);
  return { input, crawlOptions: { guard, proxyConfiguration: await openProxyConfiguration(proxy) } };
}

async function openDestination(
  client: NotionClient,
  input: CrawlInput,
  store: KeyValueStore,
  gate: AuthGate<Connectors>,
): Promise<{ destination: Destination; exists: boolean }> {
  if (input.destination === 'page') {
    const parent = await resolveParentPage(client, input.parentPage!);
    gate.step(`Pages go under "${parent.title}"`);
    return { destination: new PageDestination(client, parent, store), exists: true };
  }
  const target = await DatabaseTarget.resolve(client, input.database, input.parentPage);
  gate.step(
    target.existingId !== undefined
      ? `Rows go into the database "${input.database}"`
      : `The database "${input.database}" will be created under "${target.parent?.title ?? ''}"`,
  );
  return { destination: new DatabaseDestination(client, target, store), exists: target.existingId !== undefined };
}

/** Checks the map of earlier runs against Notion and queues the writes a killed run left unfinished. */
async function reconcile(
  destination: Destination,
  requestQueue: RequestQueue,
  gate: AuthGate<Connectors>,
): Promise<void> {
  const { state, report } = await destination.prepare();
  if (state.migratedPages > 0)
    log.info(`The sync map of an earlier version (${state.migratedPages} pages) is now kept as one record per page.`);
  describeReconcile(report, gate);
  const resumeKey = `resume-${Date.now()}`;
  for (const { url, depth, key } of report.resume) {
    const added = await requestQueue.addRequest({ url, crawlDepth: depth });
    // On the platform the queue survives a migration and may hold the URL as done already.
    if (added.wasAlreadyHandled)
      await requestQueue.addRequest({ url, crawlDepth: depth, uniqueKey: `${added.uniqueKey}#${resumeKey}` });
    // Queued again: the intent has done its job (the crawl announces the write anew).
    await state.clearPending(key);
  }
}

function describeReconcile(report: ReconcileReport, gate: AuthGate<Connectors>): void {
  const notes: string[] = [];
  const mapped = report.known;
  if (mapped > 0) notes.push(`${mapped} page${mapped === 1 ? '' : 's'} known from earlier runs`);
  if (report.dropped > 0) notes.push(`${report.dropped} deleted in Notion since (they will be created again)`);
  if (report.recovered > 0) notes.push(`${report.recovered} found from an interrupted run`);
  if (report.archivedDuplicates > 0)
    notes.push(
      `${report.archivedDuplicates} duplicate${report.archivedDuplicates === 1 ? '' : 's'} moved to the trash`,
    );
  if (report.resume.length > 0)
    notes.push(`${report.resume.length} unfinished write${report.resume.length === 1 ? '' : 's'} resumed`);
  if (notes.length > 0) {
    const text = `${notes.join('; ')}.`;
    gate.step(text.charAt(0).toUpperCase() + text.slice(1));
    log.info(text);
  }
}

interface CrawlResult {
  output: RunOutput;
  links: SummaryLink[];
  summary: string;
  /** Set when the run did not do its job: it is thrown after OUTPUT is written, and fails the run. */
  failure: Error | undefined;
}

/** Crawlee words a 4xx/410 answer so (crawl/site-crawler.ts): a link to no page, nothing to write. */
const BROKEN_LINK = 'Broken link: ';

async function crawlAndWrite(
  input: CrawlInput,
  crawlOptions: CrawlOptions,
  destination: Destination,
  requestQueue: RequestQueue,
  gate: AuthGate<Connectors>,
  startedAt: number,
): Promise<CrawlResult> {
  const tally = new RunTally(SUMMARY_LINKS);
  const unchangedLinks: { title: string; url: string }[] = [];
  /** The first page that could not be fetched: an unreachable site is told by it. */
  let fetchError: string | undefined;
  // One item per URL, even when crawlee's local queue fetched a URL twice (see PageSync.intake).
  const skippedUrls = new UrlSet();
  const failedUrls = new UrlSet();
  const fetchedUrls = new UrlSet();
  // The crawler is made after the sync that must be able to stop it.
  const running: { crawler?: HttpCrawler<HttpCrawlingContext> } = {};
  let lastProgress = 0;

  const progress = async (final = false): Promise<void> => {
    const now = Date.now();
    if (!final && now - lastProgress < PROGRESS_INTERVAL_MS) return;
    lastProgress = now;
    const done = tally.processed;
    // URLs with an outcome plus the ones still waiting to be crawled or written (an estimate
    // while running: a page being written may already have its outcome).
    const found = final ? done : done + requestQueue.getPendingCount() + sync.waiting;
    // The status message is a courtesy; a failed update must not fail the run.
    await gate.progress({ done, total: Math.max(found, done), label: tally.progressLabel() }).catch(() => undefined);
  };

  const record = async (item: PageItem, brokenLink = false): Promise<void> => {
    tally.record(item, brokenLink);
    if (item.status === 'unchanged' && item.notionUrl !== null && unchangedLinks.length < SUMMARY_LINKS)
      unchangedLinks.push({ title: item.title ?? item.url, url: item.notionUrl });
    await Actor.pushData(item);
    await progress();
  };

  const sync = new PageSync({
    destination,
    linkToNotionPages: input.linkToNotionPages,
    writers: WRITERS,
    queueCapacity: WRITE_QUEUE_CAPACITY,
    record,
    chargePage: async () => (await Actor.charge({ eventName: PAGE_WRITTEN_EVENT })).eventChargeLimitReached,
    onChargeLimit: () => {
      log.warning('The spending limit of this run is reached: no more pages are written.');
      gate.step('Spending limit reached: stopping');
      void running.crawler?.autoscaledPool?.abort();
    },
    onFatal: () => {
      void running.crawler?.autoscaledPool?.abort();
    },
    warn: (message) => log.warning(message),
  });
  const persist = async (): Promise<void> => {
    await sync
      .persist()
      .catch((error: unknown) => log.warning(`Could not save the sync state: ${errorMessage(error)}`));
  };
  Actor.on('persistState', persist);
  Actor.on('migrating', persist);
  Actor.on('aborting', persist);

  const callbacks = {
    onPage: (page: Parameters<PageSync['intake']>[0]) => sync.intake(page),
    onSkipped: async (url: string, reason: string, depth: number | null) => {
      if (!skippedUrls.add(url)) return;
      await record(itemFor(url, 'skipped', { depth, error: reason }));
    },
    onFailed: async (url: string, error: string, depth: number | null) => {
      if (!failedUrls.add(url)) return;
      if (error.startsWith(FETCH_FAILED)) fetchError ??= error.slice(FETCH_FAILED.length).replace(/\.$/, '');
      await record(itemFor(url, 'failed', { depth, error }), error.startsWith(BROKEN_LINK));
    },
    onFetched: (url: string) => {
      fetchedUrls.add(url);
      tally.crawled = fetchedUrls.size;
    },
    onStatusTick: () => progress(),
    warn: (message: string) => log.warning(message),
  };

  const crawler = createSiteCrawler(input, requestQueue, callbacks, crawlOptions);
  running.crawler = crawler;
  try {
    await crawler.addRequests(input.startUrls.map((url) => ({ url })));
    if (input.useSitemaps) {
      const queued = await enqueueSitemapUrls(input, requestQueue, callbacks, crawlOptions.guard);
      gate.step(`Sitemaps: ${queued} more URL${queued === 1 ? '' : 's'} queued`);
    }
    gate.step('Crawling; pages are written to Notion as they come');
    await crawler.run();
    gate.step('Crawl finished; writing the last pages');
    await sync.drain();
  } finally {
    await persist();
    Actor.off('persistState', persist);
    Actor.off('migrating', persist);
    Actor.off('aborting', persist);
  }
  await progress(true);

  const { counts } = tally;
  // Scalekit unreachable, Notion in outage, authorization lost: one message, the cause's.
  const fatal =
    sync.fatal === undefined
      ? undefined
      : sync.fatal instanceof Error
        ? sync.fatal
        : new Error(errorMessage(sync.fatal));
  if (fatal === undefined && tally.crawled === 0 && fetchError !== undefined && tally.writtenCount === 0) {
    throw new ExpectedFailure(
      'SITE_UNREACHABLE',
      `Could not reach ${input.startUrls.join(', ')}: ${fetchError}. Check the start URLs (and that the site is public), then run again.`,
    );
  }
  const verdict: Verdict =
    fatal !== undefined
      ? { status: 'FAILED', message: runFailureMessage(fatal) }
      : runVerdict(tally, input.maxFailedPagesPercent, sync.stopped);
  const containerUrl = destination.containerUrl() ?? null;
  const output: RunOutput = {
    status: verdict.status,
    written: tally.writtenCount,
    created: counts.created,
    updated: counts.updated,
    unchanged: counts.unchanged,
    failed: counts.failed,
    pagesNotWritten: tally.notWritten,
    brokenLinks: tally.brokenLinks,
    maxFailedPagesPercent: input.maxFailedPagesPercent,
    skipped: counts.skipped,
    crawled: tally.crawled,
    destination: destination.kind,
    parentPageUrl: destination.parentPageUrl ?? null,
    databaseUrl: destination.kind === 'database' ? containerUrl : null,
    notionRequests: gate.metrics().proxyRequests,
    durationSecs: Math.round((Date.now() - startedAt) / 100) / 10,
    message: verdict.status === 'FAILED' ? (verdict.message ?? null) : null,
  };
  const links: SummaryLink[] = [];
  if (containerUrl !== null)
    links.push({
      label: destination.kind === 'database' ? 'The database in Notion' : 'The parent page in Notion',
      url: containerUrl,
    });
  for (const page of [...tally.written, ...unchangedLinks].slice(0, SUMMARY_LINKS))
    links.push({ label: page.title, url: page.url });
  const failure =
    verdict.status !== 'FAILED'
      ? undefined
      : (fatal ?? new ExpectedFailure('PAGES_NOT_WRITTEN', verdict.message ?? tally.summary()));
  if (failure !== undefined && fatal === undefined) output.message = failure.message;
  // A tolerated shortfall is said in the summary (status message and run page), not hidden.
  const summary =
    verdict.status === 'SUCCEEDED_WITH_FAILURES' && verdict.message
      ? `${tally.summary()} ${verdict.message}`
      : tally.summary();
  return { output, links, summary, failure };
}
