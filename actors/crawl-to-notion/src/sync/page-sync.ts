// From a fetched HTML page to a Notion page, pipelined with the crawl. The crawler's request
// handler calls `intake`: the page is converted, compared with what earlier runs wrote (content
// hash), and either recorded as unchanged or handed to the bounded write queue, whose workers
// create or rewrite pages through the rate-limited Notion handle while the crawl goes on.
//
// Every write is announced in the sync state before its request is sent (see sync-state.ts), and
// the map is saved after each page, so a run killed at any point can be resumed without losing or
// duplicating pages.

import { isRunFatal } from '@repo/auth-gate';
import { APIResponseError } from '@repo/notion-client';
import { createHash } from 'node:crypto';
import { errorMessage } from '../errors.js';
import { convertPage, countBlocks, type NotionBlock } from '../notion-blocks/index.js';
import { PartialWriteError } from '../notion/block-writer.js';
import { notionTitle, type Destination, type PageContent } from './destinations.js';
import { rewriteLinks } from './link-rewrite.js';
import { notionUrlOf } from './reconcile.js';
import { itemFor, type PageItem } from './run-report.js';
import type { SyncState, SyncedPage } from './sync-state.js';
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
  /** Canonical URLs handled in this run, with the hash of the content that claimed them. */
  readonly #claimed = new Map<string, string>();
  /** Requested and loaded URLs -> the canonical URL they turned out to be. */
  readonly #aliases = new Map<string, string>();
  /** Requested URLs already taken in. */
  readonly #fetched = new Set<string>();
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

  #alias(url: string, key: string): void {
    const normalized = normalizeUrl(url);
    if (normalized !== undefined && normalized !== key) this.#aliases.set(normalized, key);
  }

  /** The Notion page a crawled URL became, if it is known yet. */
  #resolveLink = (url: string): string | undefined => {
    const state = this.#state;
    if (state === undefined) return undefined;
    const page = state.page(url) ?? state.page(this.#aliases.get(url) ?? '');
    return page?.notionUrl;
  };

  /** Called by the crawler for each fetched HTML page; waits while the write queue is full. */
  async intake(fetched: FetchedPage): Promise<void> {
    // The same URL fetched twice is one URL: crawlee's local request queue can hold a URL twice
    // when several handlers enqueue it at the same moment (its memory storage checks for the URL
    // before an awaited file write and records it after).
    const requested = normalizeUrl(fetched.requestUrl) ?? fetched.requestUrl;
    if (this.#fetched.has(requested)) return;
    this.#fetched.add(requested);
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
    let key = converted.page.canonicalUrl;
    const claimedBy = this.#claimed.get(key);
    if (claimedBy !== undefined) {
      // A canonical link shared by pages with different content is a site's mistake (every page
      // pointing at the home page, say): the page is then known by its own URL.
      const own = normalizeUrl(fetched.loadedUrl) ?? key;
      if (claimedBy === hash || own === key || this.#claimed.has(own)) {
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
    this.#claimed.set(key, hash);
    claim.key = key;
    this.#alias(fetched.requestUrl, key);
    this.#alias(fetched.loadedUrl, key);

    const state = await this.#stateReady();
    const base = { title, depth: fetched.depth, wordCount: converted.page.wordCount, warnings: converted.warnings };
    if (this.#stopped) {
      await this.#options.record(
        itemFor(key, 'skipped', { ...base, error: 'Not written: the spending limit of this run was reached.' }),
      );
      return;
    }
    const existing = state.page(key);
    if (existing !== undefined && existing.hash === hash) {
      state.clearPending(key);
      await this.#options.record(
        itemFor(key, 'unchanged', { ...base, notionPageId: existing.pageId, notionUrl: existing.notionUrl }),
      );
      return;
    }
    // Announced before the request counts as handled: a migration now still writes this page.
    state.setPending(key, { phase: 'queued', title, requestUrl: fetched.requestUrl, depth: fetched.depth });
    await state.save();
    const job: PageJob = {
      key,
      requestUrl: fetched.requestUrl,
      depth: fetched.depth,
      hash,
      content: { url: key, title, wordCount: converted.page.wordCount, blocks: converted.blocks },
      warnings: converted.warnings,
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
    const linked: NotionBlock[] = this.#options.linkToNotionPages
      ? rewriteLinks(job.content.blocks, this.#resolveLink).blocks
      : job.content.blocks;
    const blocks = destination.contentBlocks({ ...job.content, blocks: linked });
    const existing = state.page(job.key);
    const pending = { title: job.content.title, requestUrl: job.requestUrl, depth: job.depth };
    let written: SyncedPage;
    try {
      if (existing !== undefined) {
        // The old hash goes first: a run killed half-way through the rewrite leaves the page marked for rewriting.
        state.setPage(job.key, { ...existing, hash: '' });
        state.setPending(job.key, { ...pending, phase: 'updating' });
        await state.save();
        await destination.update(existing, job.content, blocks);
        written = { pageId: existing.pageId, notionUrl: existing.notionUrl, hash: job.hash, title: job.content.title };
      } else {
        state.setPending(job.key, { ...pending, phase: 'creating' });
        await state.save();
        const page = await destination.create(job.content, blocks);
        written = {
          pageId: page.id,
          notionUrl: page.url || notionUrlOf(page.id),
          hash: job.hash,
          title: job.content.title,
        };
      }
    } catch (error) {
      await this.#recordFailure(state, job, existing, error, base);
      return;
    }
    state.setPage(job.key, written);
    state.clearPending(job.key);
    await state.save();
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
    if (error instanceof PartialWriteError) {
      // The page exists with part of its content: mapped with no hash, so the next run rewrites it.
      pageId = error.pageId;
      notionUrl = error.page?.url || notionUrlOf(error.pageId);
      state.setPage(job.key, { pageId, notionUrl, hash: '', title: job.content.title });
      state.clearPending(job.key);
      message = `The page was created but its content is incomplete (the next run completes it): ${message}`;
    } else if (existing !== undefined) {
      // Hash already cleared: the next run rewrites the page.
      state.clearPending(job.key);
    }
    // A failed create keeps its "creating" intent: the request may have reached Notion, and the
    // next run looks for the page before creating it again.
    try {
      await state.save();
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
