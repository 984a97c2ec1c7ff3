// The crawl: crawlee's HttpCrawler over the start URLs (and, when asked, the sitemaps the site
// announces), with the limits and filters users know from Apify's Website Content Crawler. It
// only fetches and classifies; what happens to a page is the `onPage` callback's business, and
// that callback may make the handler wait (the Notion write queue's backpressure).

// Crawlee's parts, not the `crawlee` package: that one loads every crawler (browsers, JSDOM...),
// some 60 MB of resident memory this Actor never uses.
import {
  enqueueLinks,
  HttpCrawler,
  resolveBaseUrlForEnqueueLinksFiltering,
  type HttpCrawlingContext,
  type ProxyConfiguration,
  type RequestQueue,
} from '@crawlee/http';
import { RobotsTxtFile, Sitemap } from '@crawlee/utils';
import { load } from 'cheerio';
import { gotScraping } from 'got-scraping';
import { AsyncResource } from 'node:async_hooks';
import { errorMessage } from '../errors.js';
import { guardedGotOptions, type AddressGuard } from './address-guard.js';
import type { CrawlInput } from '../input.js';
import type { FetchedPage } from '../sync/page-sync.js';

export interface CrawlCallbacks {
  onPage: (page: FetchedPage) => Promise<void>;
  /** A URL deliberately not written (not HTML, disallowed by robots.txt, redirected off-site). */
  onSkipped: (url: string, reason: string, depth: number | null) => Promise<void>;
  /** A URL that could not be fetched (HTTP error, timeout, network). */
  onFailed: (url: string, error: string, depth: number | null) => Promise<void>;
  /** Any response received, HTML or not. */
  onFetched: (url: string) => void;
  /** Crawlee's periodic status tick; the Actor shows its own progress instead. */
  onStatusTick: () => Promise<void>;
  warn: (message: string) => void;
}

/**
 * How long one request handler may run. Parsing and converting take milliseconds; the rest is
 * waiting for room in the write queue, which with Notion's ~3 requests/second can be a while
 * for long pages. A timeout here would only make crawlee fetch the page again.
 */
const HANDLER_TIMEOUT_SECS = 900;
/** Fetch retries (network errors, 5xx): enough for a flaky server, quick for an unreachable one. */
const MAX_REQUEST_RETRIES = 2;

/** A fetched page that the Actor itself could not take in (as opposed to a page that could not be fetched). */
export class PageProcessingError extends Error {
  constructor(cause: unknown) {
    super(errorMessage(cause), { cause });
    this.name = 'PageProcessingError';
  }
}

/** How a page that could not be fetched at all is reported (the Actor tells an unreachable site by it). */
export const FETCH_FAILED = 'Could not fetch the page: ';

const HTML_TYPES = new Set(['text/html', 'application/xhtml+xml']);
const CONTENT_TYPE_REFUSED = /served Content-Type ([^\s,]+)/;

function strategyOf(input: CrawlInput): 'same-hostname' | 'all' {
  return input.sameDomain ? 'same-hostname' : 'all';
}

function linkFilters(input: CrawlInput): { globs?: string[]; exclude?: string[] } {
  return {
    ...(input.includeGlobs.length > 0 ? { globs: input.includeGlobs } : {}),
    ...(input.excludeGlobs.length > 0 ? { exclude: input.excludeGlobs } : {}),
  };
}

export interface CrawlOptions {
  /** Keeps every fetch within the address policy when enforced (always on the platform). */
  guard: AddressGuard;
  /** Apify Proxy or the user's own proxies; undefined: direct connections. */
  proxyConfiguration?: ProxyConfiguration | undefined;
}

/** How long fetching a robots.txt may take. */
const ROBOTS_TIMEOUT_MS = 20_000;

/**
 * A site's robots.txt. Under the address policy it is fetched here, through the guard (crawlee's
 * own fetch resolves and follows redirects unchecked); a robots.txt the policy refuses counts as
 * absent: the pages of that host are refused anyway. Undefined when it cannot be read.
 */
export async function loadRobotsTxt(url: string, guard: AddressGuard): Promise<RobotsTxtFile | undefined> {
  try {
    if (!guard.enforced) return await RobotsTxtFile.find(url);
    const robotsUrl = new URL('/robots.txt', url).href;
    if ((await guard.check(robotsUrl)) !== undefined) return undefined;
    const response = await gotScraping({
      url: robotsUrl,
      method: 'GET',
      responseType: 'text',
      throwHttpErrors: false,
      timeout: { request: ROBOTS_TIMEOUT_MS },
      ...guardedGotOptions(guard),
    });
    const ok = response.statusCode >= 200 && response.statusCode < 300;
    return RobotsTxtFile.from(robotsUrl, ok ? String(response.body) : '');
  } catch {
    return undefined;
  }
}

/**
 * Crawlee prints a stack trace with every request that finally failed. For a crawl those are a
 * site's problems (a refused connection, a timeout), recorded as dataset items with their reason,
 * not bugs: the log keeps the message. Errors that are bugs (TypeError...) keep their stack.
 * Robots.txt files are read through the address guard.
 */
class SiteCrawler extends HttpCrawler<HttpCrawlingContext> {
  private readonly robotsByOrigin = new Map<string, Promise<RobotsTxtFile | undefined>>();
  private guard: AddressGuard | undefined;

  withGuard(guard: AddressGuard): this {
    this.guard = guard;
    return this;
  }

  protected override async getRobotsTxtFileForUrl(url: string): Promise<RobotsTxtFile | undefined> {
    if (this.guard?.enforced !== true) return super.getRobotsTxtFileForUrl(url);
    const { origin } = new URL(url);
    let robots = this.robotsByOrigin.get(origin);
    if (robots === undefined) {
      robots = loadRobotsTxt(url, this.guard);
      this.robotsByOrigin.set(origin, robots);
    }
    return robots;
  }

  /**
   * Crawlee's internal steps around a request (fetching it, marking it handled), each with a
   * timeout and a few retries, as crawlee does them, but without @apify/timeout's async-local
   * store. Crawlee's local request queue stores each request it updates with a timer that forgets
   * its data after a minute, and a timer keeps the async context it was made in; made in that
   * store, whose closure shares the crawling context of the request, it kept the request's
   * response and body alive for that minute: some 2,000 pages at once in a fast local crawl.
   */
  protected override async _timeoutAndRetry<T>(
    handler: () => Promise<T>,
    timeout: number,
    error: Error | string,
    maxRetries = 3,
    retried = 1,
  ): Promise<T> {
    let timer: NodeJS.Timeout | undefined;
    try {
      return await Promise.race([
        handler(),
        new Promise<never>((_resolve, reject) => {
          timer = setTimeout(() => reject(error instanceof Error ? error : new Error(error)), timeout);
        }),
      ]);
    } catch (failure) {
      if (retried > maxRetries) throw failure;
      this.log.warning(`${errorMessage(failure)} (retrying ${retried}/${maxRetries})`);
      return this._timeoutAndRetry(handler, timeout, error, maxRetries, retried + 1);
    } finally {
      clearTimeout(timer);
    }
  }

  protected override _getMessageFromError(error: Error): string | undefined {
    if (error instanceof TypeError || error instanceof SyntaxError || error instanceof ReferenceError) {
      const message = super._getMessageFromError(error, true);
      return typeof message === 'string' || message === undefined ? message : message.message;
    }
    return error instanceof Error ? error.message : String(error);
  }
}

/**
 * The links of a page, absolute. The page is parsed here and by the conversion, not by crawlee:
 * Crawlee's HTML crawlers parse each page twice more, and its local request queue can keep a
 * finished request's crawling context, parsed pages included, for a minute after the request
 * (measured: about a thousand pages' documents held at once in a fast crawl).
 */
export function linksOf(html: string, pageUrl: string): string[] {
  const $ = load(html);
  const base = absoluteUrl($('base[href]').first().attr('href'), pageUrl) ?? pageUrl;
  const links: string[] = [];
  $('a[href]').each((_i, element) => {
    const url = absoluteUrl($(element).attr('href'), base);
    if (url?.startsWith('http:') || url?.startsWith('https:')) links.push(url);
  });
  return links;
}

function absoluteUrl(href: string | undefined, base: string): string | undefined {
  if (href === undefined || href.trim() === '') return undefined;
  try {
    return new URL(href.trim(), base).href;
  } catch {
    return undefined;
  }
}

/** The useful line of a fetch error: crawlee prefixes network errors with its session handling. */
export function fetchErrorText(error: unknown): string {
  const lines = errorMessage(error)
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !/^Detected a session error/.test(line));
  return lines.join(' ') || 'unknown error';
}

function referrerNote(userData: Record<string, unknown>): string {
  return typeof userData['referrer'] === 'string' ? ` (linked from ${userData['referrer']})` : '';
}

export function createSiteCrawler(
  input: CrawlInput,
  requestQueue: RequestQueue,
  callbacks: CrawlCallbacks,
  options: CrawlOptions,
): HttpCrawler<HttpCrawlingContext> {
  const { guard } = options;
  // Links are queued outside the request handler's async context: Crawlee's local request queue
  // gives each request it stores a timer, which keeps the context it was made in (see SiteCrawler).
  const outsideHandlers = new AsyncResource('crawl-to-notion:enqueue-links');
  const reported = new Set<string>();
  const skippedOnce = async (url: string, reason: string, depth: number | null): Promise<void> => {
    if (reported.has(url)) return;
    reported.add(url);
    await callbacks.onSkipped(url, reason, depth);
  };

  return new SiteCrawler({
    requestQueue,
    ...(options.proxyConfiguration === undefined ? {} : { proxyConfiguration: options.proxyConfiguration }),
    maxRequestsPerCrawl: input.maxPages,
    maxCrawlDepth: input.maxDepth,
    maxConcurrency: input.maxConcurrency,
    navigationTimeoutSecs: input.requestTimeoutSecs,
    requestHandlerTimeoutSecs: HANDLER_TIMEOUT_SECS,
    maxRequestRetries: MAX_REQUEST_RETRIES,
    // Connection errors count as "session errors" in crawlee, retried up to 10 times by default.
    maxSessionRotations: MAX_REQUEST_RETRIES,
    respectRobotsTxtFile: input.respectRobotsTxt,
    // Without this crawlee replaces the Actor's status message with its own every 10 seconds.
    statusMessageCallback: () => callbacks.onStatusTick(),
    preNavigationHooks: [
      async ({ request }, gotOptions) => {
        if (!guard.enforced) return;
        // Every URL (start URL, link, sitemap entry) is checked before its first byte is sent; a
        // refusal is final, not worth a retry. Without a proxy the connection's own lookup checks
        // the addresses again (DNS rebinding); behind a proxy, which resolves names itself, this
        // check and the one at each redirect are what holds.
        const refused = await guard.check(request.url);
        if (refused !== undefined) {
          request.noRetry = true;
          throw refused;
        }
        Object.assign(
          gotOptions,
          guardedGotOptions(guard, () => {
            request.noRetry = true;
          }),
        );
      },
    ],
    onSkippedRequest: async ({ url, reason }) => {
      if (reason === 'robotsTxt') await skippedOnce(url, "Disallowed by the site's robots.txt.", null);
      if (reason === 'redirect') await skippedOnce(url, 'Redirected to another site.', null);
    },
    requestHandler: async ({ request, response, contentType, body, enqueueLinks: enqueue }) => {
      callbacks.onFetched(request.url);
      const depth = request.crawlDepth;
      const status = response.statusCode ?? 0;
      if (status >= 400) {
        await callbacks.onFailed(
          request.url,
          `Broken link: HTTP ${status}${referrerNote(request.userData as Record<string, unknown>)}.`,
          depth,
        );
        return;
      }
      if (!HTML_TYPES.has(contentType.type)) {
        await skippedOnce(request.url, `Not an HTML page (${contentType.type}).`, depth);
        return;
      }
      const html = typeof body === 'string' ? body : body.toString('utf8');
      // Links first: the crawl goes on finding pages while this one may wait for the writers.
      const urls = linksOf(html, request.loadedUrl ?? request.url);
      const baseUrl = resolveBaseUrlForEnqueueLinksFiltering({
        enqueueStrategy: strategyOf(input),
        originalRequestUrl: request.url,
        finalRequestUrl: request.loadedUrl,
      });
      await outsideHandlers.runInAsyncScope(() =>
        enqueue({
          urls,
          baseUrl,
          strategy: strategyOf(input),
          ...linkFilters(input),
          userData: { referrer: request.url },
        }),
      );
      try {
        await callbacks.onPage({ requestUrl: request.url, loadedUrl: request.loadedUrl ?? request.url, html, depth });
      } catch (error) {
        throw new PageProcessingError(error);
      }
    },
    failedRequestHandler: async ({ request }, error) => {
      if (error instanceof PageProcessingError) {
        await callbacks.onFailed(
          request.url,
          `The page could not be converted or queued for Notion: ${error.message}`,
          request.crawlDepth,
        );
        return;
      }
      const message = fetchErrorText(error);
      const refused = CONTENT_TYPE_REFUSED.exec(message);
      if (refused?.[1] !== undefined) {
        callbacks.onFetched(request.url);
        await skippedOnce(request.url, `Not an HTML page (${refused[1]}).`, request.crawlDepth);
        return;
      }
      await callbacks.onFailed(
        request.url,
        `${FETCH_FAILED}${message}${referrerNote(request.userData as Record<string, unknown>)}`,
        request.crawlDepth,
      );
    },
  }).withGuard(guard);
}

/**
 * The URLs of the sitemaps the start URLs' sites announce in robots.txt (or at /sitemap.xml),
 * queued through the same filters as links, at depth 0 like start URLs.
 */
export async function enqueueSitemapUrls(
  input: CrawlInput,
  requestQueue: RequestQueue,
  callbacks: Pick<CrawlCallbacks, 'onSkipped' | 'warn'>,
  guard: AddressGuard,
): Promise<number> {
  let queued = 0;
  const origins = new Map<string, string>();
  for (const url of input.startUrls) if (!origins.has(new URL(url).origin)) origins.set(new URL(url).origin, url);
  for (const [origin, startUrl] of origins) {
    const robots = await loadRobotsTxt(startUrl, guard);
    let urls: string[] = [];
    try {
      // Announced sitemaps may be anywhere: each is checked against the address policy. (The
      // sitemaps a sitemap index lists are fetched by crawlee itself, unchecked; the pages they
      // list are checked like every page.)
      const announced: string[] = [];
      for (const url of robots?.getSitemaps() ?? []) {
        const refused = await guard.check(url);
        if (refused === undefined) announced.push(url);
        else callbacks.warn(`Sitemap ${url} not read: ${refused.message}.`);
      }
      const sitemap = announced.length > 0 ? await Sitemap.load(announced) : await Sitemap.tryCommonNames(startUrl);
      urls = sitemap.urls;
    } catch (error) {
      callbacks.warn(`Could not read the sitemap of ${origin}: ${errorMessage(error)}`);
    }
    if (urls.length === 0) continue;
    const reported = new Set<string>();
    const result = await enqueueLinks({
      urls,
      requestQueue,
      baseUrl: startUrl,
      strategy: strategyOf(input),
      ...linkFilters(input),
      ...(input.respectRobotsTxt && robots ? { robotsTxtFile: robots } : {}),
      onSkippedRequest: async ({ url, reason }) => {
        if (reason !== 'robotsTxt' || reported.has(url)) return;
        reported.add(url);
        await callbacks.onSkipped(url, "Disallowed by the site's robots.txt.", 0);
      },
    });
    queued += result.processedRequests.filter((r) => !r.wasAlreadyPresent).length;
  }
  return queued;
}
