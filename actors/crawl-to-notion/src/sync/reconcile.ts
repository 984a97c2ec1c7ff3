// Start of a run: the map from earlier runs is checked against Notion before anything is written.
// Pages that were deleted (or moved out of the destination) are forgotten, so they are created
// again; writes that a killed run had started are resolved: a page it created is found and
// mapped (its content is rewritten, since it may be incomplete) instead of being created twice.

import type { PendingWrite, SyncedPage, SyncState } from './sync-state.js';

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
  /** Pages mapped once reconciled: what earlier runs wrote and Notion still has. */
  known: number;
  /** Mapped pages that are gone from Notion (they are created again when crawled). */
  dropped: number;
  /** Pages or rows found in Notion for a write the map did not know had finished. */
  recovered: number;
  /** Extra copies of a page from an interrupted create, moved to Notion's trash. */
  archivedDuplicates: number;
  /**
   * URLs whose write had not finished: crawled again even where the request queue has them as
   * done. Their intents (under `key`, the canonical URL) are removed once they are queued again.
   */
  resume: { url: string; depth: number; key: string }[];
}

export function notionUrlOf(pageId: string): string {
  return `https://www.notion.so/${pageId.replace(/-/g, '')}`;
}

function emptyReport(): ReconcileReport {
  return { known: 0, dropped: 0, recovered: 0, archivedDuplicates: 0, resume: [] };
}

/**
 * The unfinished writes, to be crawled again. A rewrite whose page record was lost (cut short by
 * a killed process) is mapped again from its intent.
 */
async function collectResume(
  state: SyncState,
  pending: readonly [string, PendingWrite][],
  report: ReconcileReport,
): Promise<void> {
  for (const [url, write] of pending) {
    if (write.phase === 'updating' && write.page !== undefined && (await state.page(url)) === undefined) {
      await state.setPage(url, { ...write.page, hash: '', title: write.title });
      report.known += 1;
    }
    report.resume.push({ url: write.requestUrl, depth: write.depth, key: url });
  }
}

/** Page mode: pages live directly under the parent; an unfinished create is found by title and source URL. */
export async function reconcilePages(
  state: SyncState,
  notion: PageDestinationReader,
  parentId: string,
): Promise<ReconcileReport> {
  const report = emptyReport();
  const children = await notion.childPages(parentId);
  const live = new Set(children.map((c) => c.id));
  const pending = await state.pendingWrites();
  const creating = pending.filter(([, write]) => write.phase === 'creating');
  // Pages that could be taken for an interrupted create, unless they are mapped already: only
  // these few are remembered while the whole map is read.
  const titles = new Set(creating.map(([, write]) => write.title));
  const candidates = new Set(children.filter((c) => titles.has(c.title)).map((c) => c.id));
  const claimed = new Set<string>();
  const dropped: string[] = [];
  // Read first, written after: the records are not changed while they are being listed.
  await state.forEachPage((url, page) => {
    if (!live.has(page.pageId)) {
      dropped.push(url);
      return;
    }
    report.known += 1;
    if (candidates.has(page.pageId)) claimed.add(page.pageId);
  });
  for (const url of dropped) await state.removePage(url);
  report.dropped = dropped.length;
  for (const [url, write] of creating) {
    const matches: ChildPage[] = [];
    for (const candidate of children) {
      if (candidate.title !== write.title || claimed.has(candidate.id)) continue;
      if ((await notion.sourceUrl(candidate.id)) === url) matches.push(candidate);
    }
    // The killed run may have stored the mapping and not yet removed the intent: then every match is a copy.
    const mapped = (await state.page(url)) !== undefined;
    const [keep, ...extra] = mapped ? [undefined, ...matches] : matches;
    if (keep !== undefined) {
      await state.setPage(url, { pageId: keep.id, notionUrl: notionUrlOf(keep.id), hash: '', title: keep.title });
      claimed.add(keep.id);
      report.recovered += 1;
      report.known += 1;
    }
    for (const duplicate of extra) {
      if (duplicate === undefined) continue;
      await notion.archive(duplicate.id);
      claimed.add(duplicate.id);
      report.archivedDuplicates += 1;
    }
  }
  await collectResume(state, pending, report);
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
  const report = emptyReport();
  const byUrl = new Map<string, DatabaseRow[]>();
  for (const row of rows) {
    if (row.url === undefined || row.url === '') continue;
    const list = byUrl.get(row.url) ?? [];
    list.push(row);
    byUrl.set(row.url, list);
  }
  report.known = byUrl.size;
  const pending = await state.pendingWrites();
  const creating = new Set(pending.filter(([, write]) => write.phase === 'creating').map(([url]) => url));
  const mapRows = async (url: string, list: DatabaseRow[], mapped: SyncedPage | undefined): Promise<void> => {
    const keep = list.find((row) => row.id === mapped?.pageId) ?? list[0]!;
    if (mapped?.pageId !== keep.id) {
      if (mapped !== undefined) report.dropped += 1;
      await state.setPage(url, { pageId: keep.id, notionUrl: keep.notionUrl, hash: '', title: keep.title });
      if (creating.has(url)) report.recovered += 1;
    }
    if (!creating.has(url)) return;
    for (const duplicate of list) {
      if (duplicate.id === keep.id) continue;
      await archive(duplicate.id);
      report.archivedDuplicates += 1;
    }
  };
  // Read first, written after: the records are not changed while they are being listed. Only the
  // few that need a change are kept meanwhile.
  const gone: string[] = [];
  const toMap: [string, DatabaseRow[], SyncedPage][] = [];
  await state.forEachPage((url, page) => {
    const list = byUrl.get(url);
    if (list === undefined) {
      gone.push(url);
      return;
    }
    byUrl.delete(url);
    if (creating.has(url) || !list.some((row) => row.id === page.pageId)) toMap.push([url, list, page]);
  });
  for (const url of gone) await state.removePage(url);
  report.dropped += gone.length;
  for (const [url, list, page] of toMap) await mapRows(url, list, page);
  // Rows no record knows (an interrupted create, or a record lost): mapped, to be rewritten.
  for (const [url, list] of byUrl) await mapRows(url, list, await state.page(url));
  await collectResume(state, pending, report);
  return report;
}
