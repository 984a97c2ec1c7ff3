// From a fetched HTML page to a Notion page, pipelined with the crawl. The crawler's request
// handler calls `intake`: the page is converted, compared with what earlier runs wrote (content
// hash), and either recorded as unchanged or handed to the bounded write queue, whose workers
// create or rewrite pages through the rate-limited Notion handle while the crawl goes on.
//
// Every write is announced in the sync state before its request is sent (see sync-state.ts), and
// each page's record is stored as soon as it is written, so a run killed at any point can be
// resumed without losing or duplicating pages. What the run keeps in memory per page is a short
// fingerprint of its URL (to take each URL once); records, links and aliases live in storage.

import { isRunFatal } from '@repo/auth-gate';
import { APIResponseError } from '@repo/notion-client';
import { createHash } from 'node:crypto';
import { errorMessage } from '../errors.js';
import { convertPage, countBlocks, type NotionBlock } from '../notion-blocks/index.js';
import { PartialWriteError } from '../notion/block-writer.js';
import { notionTitle, type Destination, type PageContent } from './destinations.js';
import { linkTargets, rewriteLinks } from './link-rewrite.js';
import { notionUrlOf } from './reconcile.js';
import { itemFor, type PageItem } from './run-report.js';
import type { SyncState, SyncedPage } from './sync-state.js';
import { UrlMap, UrlSet } from './url-set.js';
import { WriteQueue } from './write-queue.js';

export interface FetchedPage {
  /** The URL the crawler requested, and the one it ended on after redirects. */
  requestUrl: string;
  loadedUrl: string;
  html: string;
  depth: number;
}

interface PageJob {
  key: string;
  requestUrl: string;
  depth: number;
  hash: string;
  content: PageContent;
  warnings: string[];
  /** The page earlier runs wrote for this URL, as read when the page was taken in. */
  existing: SyncedPage | undefined;
}

export interface PageSyncOptions {
  destination: Destination;
  /** Point links between crawled pages at their Notion pages. */
  linkToNotionPages: boolean;
  /** Pages written at the same time; Notion's rate limit is shared by all of them. */
  writers: number;
  /** Converted pages waiting for a writer before the crawl is made to wait. */
  queueCapacity: number;
  /** Records one URL's outcome (dataset item, counters, progress). */
  record: (item: PageItem) => Promise<void>;
  /** Charges one written page; true when the user's spending limit is reached. */
  chargePage: () => Promise<boolean>;
  /** Called once when the spending limit stops the run. */
  onChargeLimit: () => void;
  /**
   * Called once when nothing more can be written: the destination could not be prepared, or a
   * write failed in a way that ends the run (Scalekit unreachable, Notion in outage, authorization lost).
   */
  onFatal: (error: unknown) => void;
  warn: (message: string) => void;
}

/** What decides "changed": the title and the content as converted, before links are rewritten. */
export function pageHash(title: string, contentHash: string): string {
  return createHash('sha256').update(`${title}\n${contentHash}`).digest('hex');
}

function normalizeUrl(url: string): string | undefined {
  try {
    const parsed = new URL(url);
    parsed.hash = '';
    return parsed.href;
  } catch {
    return undefined;
  }
}

/** One line saying why Notion refused a write, with Notion's own message when it gave one. */
export function describeWriteError(error: unknown): string {
  const cause = error instanceof PartialWriteError ? error.cause : error;
  if (APIResponseError.isAPIResponseError(cause)) {
    return `Notion refused the write (${cause.status} ${cause.code}): ${cause.message}`;
  }
  return errorMessage(cause);
}

export class PageSync {
  readonly #options: PageSyncOptions;
  readonly #queue: WriteQueue<PageJob>;
  /** Canonical URLs handled in this run, with a fingerprint of the content that claimed them. */
  readonly #claimed = new UrlMap();
  /** Requested URLs already taken in. */
  readonly #fetched = new UrlSet();
  #state: SyncState | undefined;
  #stopped = false;
  #fatal: unknown;

  constructor(options: PageSyncOptions) {
    this.#options = options;
    this.#queue = new WriteQueue<PageJob>({
      capacity: options.queueCapacity,
      concurrency: options.writers,
      worker: (job) => this.#write(job),
      onWorkerError: (error, job) => options.warn(`Writing ${job.key} failed unexpectedly: ${errorMessage(error)}`),
    });
  }

  /** Pages handed over and not written yet. */
  get waiting(): number {
    return this.#queue.pending;
  }

  get stopped(): boolean {
    return this.#stopped;
  }

  /**
   * The destination's state; preparing it may create the database. When that fails nothing can be
   * written, so the run is stopped with that error instead of failing every page with it.
   */
  async #stateReady(): Promise<SyncState> {
    if (this.#state !== undefined) return this.#state;
    try {
      this.#state = (await this.#options.destination.prepare()).state;
    } catch (error) {
      this.#stopOn(error);
      throw error;
    }
    return this.#state;
  }

  /** The error that stopped the run, if any. */
  get fatal(): unknown {
    return this.#fatal;
  }

  #stopOn(error: unknown): void {
    if (this.#fatal !== undefined) return;
    this.#fatal = error;
    this.#options.onFatal(error);
  }

  async #alias(state: SyncState, url: string, key: string): Promise<void> {
    const normalized = normalizeUrl(url);
    if (normalized !== undefined && normalized !== key) await state.setAlias(normalized, key);
  }

  /** The Notion pages the links of these blocks point to, where they are known yet. */
  async #linkedPages(state: SyncState, blocks: readonly NotionBlock[]): Promise<Map<string, string>> {
    const resolved = new Map<string, string>();
    for (const url of linkTargets(blocks)) {
      let page = await state.page(url);
      if (page === undefined) {
        const key = await state.alias(url);
        if (key !== undefined) page = await state.page(key);
      }
      if (page !== undefined) resolved.set(url, page.notionUrl);
    }
    return resolved;
  }

  /** Called by the crawler for each fetched HTML page; waits while the write queue is full. */
  async intake(fetched: FetchedPage): Promise<void> {
    // The same URL fetched twice is one URL: crawlee's local request queue can hold a URL twice
    // when several handlers enqueue it at the same moment (its memory storage checks for the URL
    // before an awaited file write and records it after).
    const requested = normalizeUrl(fetched.requestUrl) ?? fetched.requestUrl;
    if (!this.#fetched.add(requested)) return;
    const claim: { key?: string } = {};
    try {
      await this.#intake(fetched, claim);
    } catch (error) {
      // Not handed over (the sync state could not be saved): crawlee retries the request, and
      // the retry must not be taken for a duplicate.
      this.#fetched.delete(requested);
      if (claim.key !== undefined) this.#claimed.delete(claim.key);
      throw error;
    }
  }

  async #intake(fetched: FetchedPage, claim: { key?: string }): Promise<void> {
    const converted = convertPage(fetched.html, fetched.loadedUrl);
    const title = notionTitle(converted.page.title);
    const hash = pageHash(title, converted.contentHash);
    const print = hash.slice(0, 16);
    let key = converted.page.canonicalUrl;
    const claimedBy = this.#claimed.get(key);
    if (claimedBy !== undefined) {
      // A canonical link shared by pages with different content is a site's mistake (every page
      // pointing at the home page, say): the page is then known by its own URL.
      const own = normalizeUrl(fetched.loadedUrl) ?? key;
      if (claimedBy === print || own === key || this.#claimed.has(own)) {
        await this.#options.record(
          itemFor(fetched.requestUrl, 'skipped', {
            title,
            depth: fetched.depth,
            error: `Same page as ${key} (its canonical URL), written once.`,
          }),
        );
        return;
      }
      key = own;
    }
    this.#claimed.set(key, print);
    claim.key = key;

    const state = await this.#stateReady();
    await this.#alias(state, fetched.requestUrl, key);
    await this.#alias(state, fetched.loadedUrl, key);
    const base = { title, depth: fetched.depth, wordCount: converted.page.wordCount, warnings: converted.warnings };
    if (this.#stopped) {
      await this.#options.record(
        itemFor(key, 'skipped', { ...base, error: 'Not written: the spending limit of this run was reached.' }),
      );
      return;
    }
    const existing = await state.page(key);
    if (existing !== undefined && existing.hash === hash) {
      // Earlier intents were resolved when the run started, and this run has written none for
      // this URL yet: an unchanged page costs no write at all.
      await this.#options.record(
        itemFor(key, 'unchanged', { ...base, notionPageId: existing.pageId, notionUrl: existing.notionUrl }),
      );
      return;
    }
    // Announced before the request counts as handled: a migration now still writes this page.
    await state.setPending(key, { phase: 'queued', title, requestUrl: fetched.requestUrl, depth: fetched.depth });
    const job: PageJob = {
      key,
      requestUrl: fetched.requestUrl,
      depth: fetched.depth,
      hash,
      content: { url: key, title, wordCount: converted.page.wordCount, blocks: converted.blocks },
      warnings: converted.warnings,
      existing,
    };
    try {
      await this.#queue.push(job);
    } catch {
      await this.#options.record(
        itemFor(key, 'skipped', { ...base, error: 'Not written: the spending limit of this run was reached.' }),
      );
    }
  }

  /** Resolves when every page handed over has been written (or has failed). */
  drain(): Promise<void> {
    return this.#queue.drain();
  }

  async #write(job: PageJob): Promise<void> {
    const state = await this.#stateReady();
    const { destination } = this.#options;
    const { existing } = job;
    const base = {
      title: job.content.title,
      depth: job.depth,
      wordCount: job.content.wordCount,
      warnings: job.warnings,
    };
    if (this.#fatal !== undefined) {
      // The run is ending: nothing more is sent. The page keeps its "queued" intent, so the next run writes it.
      await this.#options.record(
        itemFor(job.key, 'failed', { ...base, error: `Not written: the run stopped (${errorMessage(this.#fatal)})` }),
      );
      return;
    }
    const pending = { title: job.content.title, requestUrl: job.requestUrl, depth: job.depth };
    let written: SyncedPage;
    let blocks: NotionBlock[];
    try {
      let linked = job.content.blocks;
      if (this.#options.linkToNotionPages) {
        const pages = await this.#linkedPages(state, linked);
        linked = rewriteLinks(linked, (url) => pages.get(url)).blocks;
      }
      blocks = destination.contentBlocks({ ...job.content, blocks: linked });
      if (existing !== undefined) {
        // The old hash goes first: a run killed half-way through the rewrite leaves the page marked
        // for rewriting (and its intent names the page, should that record be cut short).
        await state.setPending(job.key, {
          ...pending,
          phase: 'updating',
          page: { pageId: existing.pageId, notionUrl: existing.notionUrl },
        });
        await state.setPage(job.key, { ...existing, hash: '' });
        await destination.update(existing, job.content, blocks);
        written = { pageId: existing.pageId, notionUrl: existing.notionUrl, hash: job.hash, title: job.content.title };
      } else {
        await state.setPending(job.key, { ...pending, phase: 'creating' });
        const page = await destination.create(job.content, blocks);
        written = {
          pageId: page.id,
          notionUrl: page.url || notionUrlOf(page.id),
          hash: job.hash,
          title: job.content.title,
        };
      }
      // The record first, the intent after (see sync-state.ts).
      await state.setPage(job.key, written);
      await state.clearPending(job.key);
    } catch (error) {
      await this.#recordFailure(state, job, existing, error, base);
      return;
    }
    await this.#options.record(
      itemFor(job.key, existing === undefined ? 'created' : 'updated', {
        ...base,
        notionPageId: written.pageId,
        notionUrl: written.notionUrl,
        blocks: countBlocks(blocks),
      }),
    );
    if ((await this.#options.chargePage()) && !this.#stopped) await this.#stop();
  }

  async #recordFailure(
    state: SyncState,
    job: PageJob,
    existing: SyncedPage | undefined,
    error: unknown,
    base: Partial<PageItem>,
  ): Promise<void> {
    // Scalekit unreachable, Notion in outage, authorization lost: the run stops at the first one.
    const cause = error instanceof PartialWriteError ? error.cause : error;
    if (isRunFatal(cause)) this.#stopOn(cause);
    let message = describeWriteError(error);
    let pageId: string | undefined = existing?.pageId;
    let notionUrl: string | undefined = existing?.notionUrl;
    try {
      if (error instanceof PartialWriteError) {
        // The page exists with part of its content: mapped with no hash, so the next run rewrites it.
        pageId = error.pageId;
        notionUrl = error.page?.url || notionUrlOf(error.pageId);
        message = `The page was created but its content is incomplete (the next run completes it): ${message}`;
        await state.setPage(job.key, { pageId, notionUrl, hash: '', title: job.content.title });
        await state.clearPending(job.key);
      } else if (existing !== undefined) {
        // Hash already cleared: the next run rewrites the page.
        await state.clearPending(job.key);
      }
      // A failed create keeps its "creating" intent: the request may have reached Notion, and the
      // next run looks for the page before creating it again.
    } catch (saveError) {
      this.#options.warn(`Could not save the sync state: ${errorMessage(saveError)}`);
    }
    await this.#options.record(
      itemFor(job.key, 'failed', {
        ...base,
        notionPageId: pageId ?? null,
        notionUrl: notionUrl ?? null,
        error: message,
      }),
    );
  }

  /** The spending limit is reached: no more writes; pages waiting are recorded as skipped (the next run writes them). */
  async #stop(): Promise<void> {
    this.#stopped = true;
    this.#options.onChargeLimit();
    for (const job of this.#queue.close()) {
      await this.#options.record(
        itemFor(job.key, 'skipped', {
          title: job.content.title,
          depth: job.depth,
          error: 'Not written: the spending limit of this run was reached.',
        }),
      );
    }
  }

  /** Makes sure the last changes are stored (also called on persistState and migrating). */
  async persist(): Promise<void> {
    await this.#state?.save();
  }
}
