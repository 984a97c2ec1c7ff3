// What this user's earlier runs wrote into one Notion destination: URL -> { page id, content hash },
// plus the writes that were started but not known to be finished (intents). It lives in a named
// key-value store, which the platform keeps indefinitely and scopes to the user's own account,
// under a key derived from the destination's id, so two destinations never share a map.
//
// Crash safety rests on one rule: an intent is durably saved before the Notion request it
// announces is sent. Saves alternate between two records with a sequence number, so a process
// killed in the middle of writing one record still leaves the previous, complete one; that one
// is at most one save behind, and nothing was sent to Notion after a save that did not finish.

import { createHash } from 'node:crypto';

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
  /** The URL that was requested (the map is keyed by canonical URL) and its crawl depth. */
  requestUrl: string;
  depth: number;
}

export interface SyncStateData {
  version: 1;
  destinationId: string;
  seq: number;
  pages: Record<string, SyncedPage>;
  pending: Record<string, PendingWrite>;
}

/** The part of Apify's KeyValueStore this needs. */
export interface StateStore {
  getValue(key: string): Promise<unknown>;
  setValue(key: string, value: unknown): Promise<void>;
}

/** `sync-page-<hash>` or `sync-database-<hash>`: valid key-value store keys of a fixed length. */
export function stateKey(kind: 'page' | 'database', destinationId: string): string {
  const digest = createHash('sha256')
    .update(`${kind}:${destinationId.replace(/-/g, '').toLowerCase()}`)
    .digest('hex');
  return `sync-${kind}-${digest.slice(0, 32)}`;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function validData(value: unknown, destinationId: string): SyncStateData | undefined {
  if (!isRecord(value) || value['version'] !== 1 || typeof value['seq'] !== 'number') return undefined;
  if (value['destinationId'] !== destinationId || !isRecord(value['pages']) || !isRecord(value['pending']))
    return undefined;
  return value as unknown as SyncStateData;
}

export class SyncState {
  #data: SyncStateData;
  #version = 0;
  #savedVersion = 0;
  #saving: Promise<void> | undefined;

  private constructor(
    private readonly store: StateStore,
    readonly key: string,
    data: SyncStateData,
  ) {
    this.#data = data;
  }

  /** The newest readable record of the two slots, or an empty map. */
  static async load(store: StateStore, key: string, destinationId: string): Promise<SyncState> {
    const read = async (slot: string): Promise<SyncStateData | undefined> => {
      try {
        return validData(await store.getValue(slot), destinationId);
      } catch {
        // A record cut short by a killed process does not parse: the other slot is intact.
        return undefined;
      }
    };
    const candidates = (await Promise.all([read(`${key}-a`), read(`${key}-b`)])).filter(
      (d): d is SyncStateData => d !== undefined,
    );
    candidates.sort((a, b) => b.seq - a.seq);
    const data = candidates[0] ?? { version: 1, destinationId, seq: 0, pages: {}, pending: {} };
    return new SyncState(store, key, structuredClone(data));
  }

  get size(): number {
    return Object.keys(this.#data.pages).length;
  }

  page(url: string): SyncedPage | undefined {
    return this.#data.pages[url];
  }

  pages(): [string, SyncedPage][] {
    return Object.entries(this.#data.pages);
  }

  pending(url: string): PendingWrite | undefined {
    return this.#data.pending[url];
  }

  pendingWrites(): [string, PendingWrite][] {
    return Object.entries(this.#data.pending);
  }

  setPage(url: string, page: SyncedPage): void {
    this.#data.pages[url] = { ...page };
    this.#version += 1;
  }

  removePage(url: string): void {
    if (!(url in this.#data.pages)) return;
    delete this.#data.pages[url];
    this.#version += 1;
  }

  setPending(url: string, pending: PendingWrite): void {
    this.#data.pending[url] = { ...pending };
    this.#version += 1;
  }

  clearPending(url: string): void {
    if (!(url in this.#data.pending)) return;
    delete this.#data.pending[url];
    this.#version += 1;
  }

  /**
   * Resolves once a record holding every change made so far is stored. Concurrent callers share
   * writes: one is in flight at a time, and the next one carries everything changed meanwhile.
   */
  async save(): Promise<void> {
    const wanted = this.#version;
    while (this.#savedVersion < wanted) {
      this.#saving ??= this.#writeOnce().finally(() => {
        this.#saving = undefined;
      });
      await this.#saving;
    }
  }

  async #writeOnce(): Promise<void> {
    const version = this.#version;
    this.#data.seq += 1;
    const slot = this.#data.seq % 2 === 1 ? `${this.key}-a` : `${this.key}-b`;
    await this.store.setValue(slot, structuredClone(this.#data));
    this.#savedVersion = Math.max(this.#savedVersion, version);
  }
}
