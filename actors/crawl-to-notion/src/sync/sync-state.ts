// What this user's earlier runs wrote into one Notion destination: URL -> { page id, content hash },
// plus the writes that were started but not known to be finished (intents). It lives in a named
// key-value store, which the platform keeps indefinitely and scopes to the user's own account,
// under keys derived from the destination's id, so two destinations never share records.
//
// One record per URL (and one per unfinished write), never the whole map: a page costs the same
// few small reads and writes whether the site has a hundred pages or a hundred thousand, and the
// run holds only the records it is working on. Versions up to 0.2 kept the map in one record
// (two alternating slots); it is split into per-URL records the first time a run loads it.
//
// Crash safety rests on two rules. An intent is durably stored before the Notion request it
// announces is sent. And a page record is only written while an intent for its URL is stored,
// the intent being removed after it: a record cut short by a killed process always comes with an
// intent that says how to find the page again (its id for a rewrite, its title for a create).

import { createHash } from 'node:crypto';
import { BoundedCache } from './bounded-cache.js';

/** The named store (fixed per actor; up to 63 characters). */
export const SYNC_STORE_NAME = 'crawl-to-notion-sync';

export interface SyncedPage {
  pageId: string;
  notionUrl: string;
  /** Hash of the source content written last; '' when the page must be rewritten (unknown or partial content). */
  hash: string;
  title: string;
}

/**
 * queued: accepted for writing, nothing sent yet (a migration must not lose it);
 * creating: a page-create request may have been sent (the page may exist without being mapped);
 * updating: the mapped page is being rewritten (its hash is cleared first).
 */
export type PendingPhase = 'queued' | 'creating' | 'updating';

export interface PendingWrite {
  phase: PendingPhase;
  /** The title the page is (being) created with: how it is found again. */
  title: string;
  /** The URL that was requested (records are keyed by canonical URL) and its crawl depth. */
  requestUrl: string;
  depth: number;
  /** While updating: the page being rewritten, should its record be lost. */
  page?: { pageId: string; notionUrl: string } | undefined;
}

/** The whole map as versions up to 0.2 stored it, in two alternating records `<key>-a` and `<key>-b`. */
export interface LegacySyncStateData {
  version: 1;
  destinationId: string;
  seq: number;
  pages: Record<string, SyncedPage>;
  pending: Record<string, PendingWrite>;
}

/** The part of Apify's KeyValueStore this needs. `setValue(key, null)` deletes a record. */
export interface StateStore {
  getValue(key: string): Promise<unknown>;
  setValue(key: string, value: unknown): Promise<void>;
  forEachKey(iteratee: (key: string) => Promise<void> | void, options: { prefix: string }): Promise<unknown>;
}

/** `sync-page-<hash>` or `sync-database-<hash>`: the prefix of every record of one destination. */
export function stateKey(kind: 'page' | 'database', destinationId: string): string {
  const digest = createHash('sha256')
    .update(`${kind}:${destinationId.replace(/-/g, '').toLowerCase()}`)
    .digest('hex');
  return `sync-${kind}-${digest.slice(0, 32)}`;
}

/** A URL's part of a record key: fixed length, valid in key-value store keys. */
function urlDigest(url: string): string {
  return createHash('sha256').update(url).digest('hex').slice(0, 40);
}

export const RECORD_PREFIXES = { page: 'p', pending: 'i', alias: 'u' } as const;

/** The record keys of one destination (exported for tests that play a crash). */
export function recordKeys(key: string) {
  return {
    manifest: `${key}-manifest`,
    legacySlots: [`${key}-a`, `${key}-b`] as const,
    pagePrefix: `${key}-${RECORD_PREFIXES.page}-`,
    pendingPrefix: `${key}-${RECORD_PREFIXES.pending}-`,
    page: (url: string) => `${key}-${RECORD_PREFIXES.page}-${urlDigest(url)}`,
    pending: (url: string) => `${key}-${RECORD_PREFIXES.pending}-${urlDigest(url)}`,
    alias: (url: string) => `${key}-${RECORD_PREFIXES.alias}-${urlDigest(url)}`,
  };
}

interface Manifest {
  version: 2;
  destinationId: string;
}

interface PageRecord extends SyncedPage {
  url: string;
}

interface PendingRecord extends PendingWrite {
  url: string;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function legacyData(value: unknown, destinationId: string): LegacySyncStateData | undefined {
  if (!isRecord(value) || value['version'] !== 1 || typeof value['seq'] !== 'number') return undefined;
  if (value['destinationId'] !== destinationId || !isRecord(value['pages']) || !isRecord(value['pending']))
    return undefined;
  return value as unknown as LegacySyncStateData;
}

function pageOf(value: unknown, url?: string): PageRecord | undefined {
  if (!isRecord(value) || typeof value['url'] !== 'string' || (url !== undefined && value['url'] !== url))
    return undefined;
  if (typeof value['pageId'] !== 'string' || typeof value['hash'] !== 'string') return undefined;
  return {
    url: value['url'],
    pageId: value['pageId'],
    notionUrl: typeof value['notionUrl'] === 'string' ? value['notionUrl'] : '',
    hash: value['hash'],
    title: typeof value['title'] === 'string' ? value['title'] : '',
  };
}

function pendingOf(value: unknown): PendingRecord | undefined {
  if (!isRecord(value) || typeof value['url'] !== 'string' || typeof value['requestUrl'] !== 'string') return undefined;
  const phase = value['phase'];
  if (phase !== 'queued' && phase !== 'creating' && phase !== 'updating') return undefined;
  const page = isRecord(value['page']) ? value['page'] : undefined;
  return {
    url: value['url'],
    phase,
    title: typeof value['title'] === 'string' ? value['title'] : '',
    requestUrl: value['requestUrl'],
    depth: typeof value['depth'] === 'number' ? value['depth'] : 0,
    page:
      typeof page?.['pageId'] === 'string'
        ? { pageId: page['pageId'], notionUrl: typeof page['notionUrl'] === 'string' ? page['notionUrl'] : '' }
        : undefined,
  };
}

/** Records read or written at once while streaming a whole destination (start of a run only). */
const READ_BATCH = 16;
/** Page lookups kept for link resolution: enough for a site's much-linked pages, bounded whatever its size. */
const CACHED_PAGES = 2000;
const NOT_MAPPED = Symbol('not mapped');

export class SyncState {
  readonly #store: StateStore;
  readonly #keys: ReturnType<typeof recordKeys>;
  readonly #cache = new BoundedCache<string, SyncedPage | typeof NOT_MAPPED>(CACHED_PAGES);
  readonly #aliases = new BoundedCache<string, string | typeof NOT_MAPPED>(CACHED_PAGES);
  readonly #inFlight = new Set<Promise<unknown>>();
  /** Pages of an earlier version's map that this load split into records (0 when there was none). */
  migratedPages = 0;

  private constructor(
    store: StateStore,
    readonly key: string,
  ) {
    this.#store = store;
    this.#keys = recordKeys(key);
  }

  /** The destination's records; a map written by an earlier version is migrated to them first. */
  static async load(store: StateStore, key: string, destinationId: string): Promise<SyncState> {
    const state = new SyncState(store, key);
    const keys = state.#keys;
    const manifest = await readTolerant(store, keys.manifest);
    if (isRecord(manifest) && manifest['version'] === 2) {
      if (manifest['destinationId'] !== destinationId)
        throw new Error(`The sync records under ${key} belong to another destination.`);
      return state;
    }
    const legacy = (await Promise.all(keys.legacySlots.map(async (slot) => readTolerant(store, slot))))
      .map((value) => legacyData(value, destinationId))
      .filter((data): data is LegacySyncStateData => data !== undefined)
      .sort((a, b) => b.seq - a.seq)[0];
    if (legacy !== undefined) {
      await state.#writeAll(
        Object.entries(legacy.pages).map(
          ([url, page]) =>
            () =>
              state.setPage(url, page),
        ),
        Object.entries(legacy.pending).map(
          ([url, pending]) =>
            () =>
              state.setPending(url, pending),
        ),
      );
    }
    // Written once every record is: a run killed before migrates again from the old map, which is
    // only removed after this (a removal that fails leaves a map the manifest says to ignore).
    await store.setValue(keys.manifest, { version: 2, destinationId } satisfies Manifest);
    if (legacy !== undefined) {
      for (const slot of keys.legacySlots) await store.setValue(slot, null);
      state.migratedPages = Object.keys(legacy.pages).length;
    }
    return state;
  }

  async #writeAll(...groups: (() => Promise<void>)[][]): Promise<void> {
    for (const writes of groups) {
      for (let i = 0; i < writes.length; i += READ_BATCH) {
        await Promise.all(writes.slice(i, i + READ_BATCH).map(async (write) => write()));
      }
    }
  }

  /** The page a URL was written to, if any. */
  async page(url: string): Promise<SyncedPage | undefined> {
    const cached = this.#cache.get(url);
    if (cached !== undefined) return cached === NOT_MAPPED ? undefined : { ...cached };
    const record = pageOf(await readTolerant(this.#store, this.#keys.page(url)), url);
    const page = record === undefined ? undefined : withoutUrl(record);
    this.#cache.set(url, page ?? NOT_MAPPED);
    return page === undefined ? undefined : { ...page };
  }

  /**
   * Every mapped page, read a few records at a time (the start of a run reconciles them with
   * Notion). No record may be written meanwhile: a listing may start over when a key it stands on
   * is removed (Crawlee's local storage does), so callers collect the changes and make them after.
   */
  async forEachPage(visit: (url: string, page: SyncedPage) => void): Promise<void> {
    await this.#forEachRecord(this.#keys.pagePrefix, (value) => {
      const record = pageOf(value);
      if (record !== undefined) visit(record.url, withoutUrl(record));
    });
  }

  /** The writes started and not known to be finished; a few at most (the run's write window). */
  async pendingWrites(): Promise<[string, PendingWrite][]> {
    const found: [string, PendingWrite][] = [];
    await this.#forEachRecord(this.#keys.pendingPrefix, (value) => {
      const record = pendingOf(value);
      if (record !== undefined) {
        const { url, ...pending } = record;
        found.push([url, pending]);
      }
    });
    return found;
  }

  async #forEachRecord(prefix: string, visit: (value: unknown) => void): Promise<void> {
    let batch: string[] = [];
    const flush = async (): Promise<void> => {
      const keys = batch;
      batch = [];
      const values = await Promise.all(keys.map(async (key) => readTolerant(this.#store, key)));
      for (const value of values) visit(value);
    };
    await this.#store.forEachKey(
      async (key) => {
        batch.push(key);
        if (batch.length >= READ_BATCH) await flush();
      },
      { prefix },
    );
    await flush();
  }

  async setPage(url: string, page: SyncedPage): Promise<void> {
    const value: PageRecord = {
      url,
      pageId: page.pageId,
      notionUrl: page.notionUrl,
      hash: page.hash,
      title: page.title,
    };
    await this.#write(this.#keys.page(url), value);
    this.#cache.set(url, withoutUrl(value));
  }

  async removePage(url: string): Promise<void> {
    await this.#write(this.#keys.page(url), null);
    this.#cache.set(url, NOT_MAPPED);
  }

  /** The canonical URL a requested or redirected URL turned out to be, if it differs. */
  async alias(url: string): Promise<string | undefined> {
    let key = this.#aliases.get(url);
    if (key === undefined) {
      const value = await readTolerant(this.#store, this.#keys.alias(url));
      key = isRecord(value) && value['url'] === url && typeof value['key'] === 'string' ? value['key'] : NOT_MAPPED;
      this.#aliases.set(url, key);
    }
    return key === NOT_MAPPED ? undefined : key;
  }

  /** Remembers that `url` is the page known as `key` (written only when it is news). */
  async setAlias(url: string, key: string): Promise<void> {
    if ((await this.alias(url)) === key) return;
    await this.#write(this.#keys.alias(url), { url, key });
    this.#aliases.set(url, key);
  }

  async pending(url: string): Promise<PendingWrite | undefined> {
    const record = pendingOf(await readTolerant(this.#store, this.#keys.pending(url)));
    if (record === undefined || record.url !== url) return undefined;
    const { url: _url, ...pending } = record;
    return pending;
  }

  async setPending(url: string, pending: PendingWrite): Promise<void> {
    const value: PendingRecord = { url, ...pending };
    if (value.page === undefined) delete value.page;
    await this.#write(this.#keys.pending(url), value);
  }

  async clearPending(url: string): Promise<void> {
    await this.#write(this.#keys.pending(url), null);
  }

  #write(key: string, value: unknown): Promise<void> {
    const write = this.#store.setValue(key, value);
    this.#inFlight.add(write);
    const settle = (): void => {
      this.#inFlight.delete(write);
    };
    write.then(settle, settle);
    return write;
  }

  /** Resolves once every write started so far has ended (persistState, migrating, the end of the run). */
  async save(): Promise<void> {
    await Promise.allSettled([...this.#inFlight]);
  }
}

function withoutUrl(record: PageRecord): SyncedPage {
  return { pageId: record.pageId, notionUrl: record.notionUrl, hash: record.hash, title: record.title };
}

/**
 * A record's value; undefined when absent or cut short by a killed process (it does not parse).
 * Any other failure is thrown: taking an unreadable record for a missing one would duplicate pages.
 */
async function readTolerant(store: StateStore, key: string): Promise<unknown> {
  try {
    return (await store.getValue(key)) ?? undefined;
  } catch (error) {
    if (error instanceof SyntaxError) return undefined;
    throw error;
  }
}
