// Start of a run: the map from earlier runs is checked against Notion before anything is written.
// Pages that were deleted (or moved out of the destination) are forgotten, so they are created
// again; writes that a killed run had started are resolved: a page it created is found and
// mapped (its content is rewritten, since it may be incomplete) instead of being created twice.

import type { SyncState } from './sync-state.js';

export interface ChildPage {
  id: string;
  title: string;
}

/** What reconciling a page destination reads from (and, for duplicates, writes to) Notion. */
export interface PageDestinationReader {
  /** Live pages directly under the parent, oldest first. */
  childPages(parentId: string): Promise<ChildPage[]>;
  /** The source URL a page's first block names, if any. */
  sourceUrl(pageId: string): Promise<string | undefined>;
  archive(pageId: string): Promise<void>;
}

export interface DatabaseRow {
  id: string;
  notionUrl: string;
  /** The row's URL property. */
  url: string | undefined;
  title: string;
}

export interface ReconcileReport {
  /** Mapped pages that are gone from Notion (they are created again when crawled). */
  dropped: number;
  /** Pages or rows found in Notion for a write the map did not know had finished. */
  recovered: number;
  /** Extra copies of a page from an interrupted create, moved to Notion's trash. */
  archivedDuplicates: number;
  /** URLs whose write had not finished: crawled again even where the request queue has them as done. */
  resume: { url: string; depth: number }[];
}

export function notionUrlOf(pageId: string): string {
  return `https://www.notion.so/${pageId.replace(/-/g, '')}`;
}

function takePendingResume(state: SyncState): ReconcileReport['resume'] {
  const resume = state.pendingWrites().map(([, pending]) => ({ url: pending.requestUrl, depth: pending.depth }));
  for (const [url] of state.pendingWrites()) state.clearPending(url);
  return resume;
}

/** Page mode: pages live directly under the parent; an unfinished create is found by title and source URL. */
export async function reconcilePages(
  state: SyncState,
  notion: PageDestinationReader,
  parentId: string,
): Promise<ReconcileReport> {
  const report: ReconcileReport = { dropped: 0, recovered: 0, archivedDuplicates: 0, resume: [] };
  const children = await notion.childPages(parentId);
  const live = new Set(children.map((c) => c.id));
  for (const [url, page] of state.pages()) {
    if (!live.has(page.pageId)) {
      state.removePage(url);
      report.dropped += 1;
    }
  }
  const claimed = new Set(state.pages().map(([, page]) => page.pageId));
  for (const [url, pending] of state.pendingWrites()) {
    if (pending.phase !== 'creating') continue;
    const matches: ChildPage[] = [];
    for (const candidate of children) {
      if (candidate.title !== pending.title || claimed.has(candidate.id)) continue;
      if ((await notion.sourceUrl(candidate.id)) === url) matches.push(candidate);
    }
    const [keep, ...extra] = matches;
    if (keep === undefined) continue;
    state.setPage(url, { pageId: keep.id, notionUrl: notionUrlOf(keep.id), hash: '', title: keep.title });
    claimed.add(keep.id);
    report.recovered += 1;
    for (const duplicate of extra) {
      await notion.archive(duplicate.id);
      claimed.add(duplicate.id);
      report.archivedDuplicates += 1;
    }
  }
  report.resume = takePendingResume(state);
  return report;
}

/**
 * Database mode: the rows' URL property is the truth. Every row with a URL is mapped (a row the
 * map did not know, e.g. from an interrupted create, is rewritten rather than duplicated); extra
 * rows for a URL whose create was interrupted are moved to the trash.
 */
export async function reconcileRows(
  state: SyncState,
  rows: readonly DatabaseRow[],
  archive: (pageId: string) => Promise<void>,
): Promise<ReconcileReport> {
  const report: ReconcileReport = { dropped: 0, recovered: 0, archivedDuplicates: 0, resume: [] };
  const byUrl = new Map<string, DatabaseRow[]>();
  for (const row of rows) {
    if (row.url === undefined || row.url === '') continue;
    const list = byUrl.get(row.url) ?? [];
    list.push(row);
    byUrl.set(row.url, list);
  }
  for (const [url] of state.pages()) {
    if (!byUrl.has(url)) {
      state.removePage(url);
      report.dropped += 1;
    }
  }
  for (const [url, list] of byUrl) {
    const mapped = state.page(url);
    const keep = list.find((row) => row.id === mapped?.pageId) ?? list[0]!;
    if (mapped?.pageId !== keep.id) {
      if (mapped !== undefined) report.dropped += 1;
      state.setPage(url, { pageId: keep.id, notionUrl: keep.notionUrl, hash: '', title: keep.title });
      if (state.pending(url)?.phase === 'creating') report.recovered += 1;
    }
    if (state.pending(url)?.phase !== 'creating') continue;
    for (const duplicate of list) {
      if (duplicate.id === keep.id) continue;
      await archive(duplicate.id);
      report.archivedDuplicates += 1;
    }
  }
  report.resume = takePendingResume(state);
  return report;
}
