// What the run tells its user: one dataset item per URL, the totals in OUTPUT, and the counters
// behind the progress line on the live-view page.

export type PageStatus = 'created' | 'updated' | 'unchanged' | 'failed' | 'skipped';

export interface PageItem {
  url: string;
  title: string | null;
  notionPageId: string | null;
  notionUrl: string | null;
  status: PageStatus;
  /** Blocks written (nested blocks and table rows included); null when nothing was written. */
  blocks: number | null;
  wordCount: number | null;
  depth: number | null;
  /** Why the URL failed or was skipped. */
  error: string | null;
  /** Content that had to be degraded to fit Notion's limits. */
  warnings: string[];
}

export type RunStatus = 'SUCCEEDED' | 'SUCCEEDED_WITH_FAILURES' | 'CHARGE_LIMIT_REACHED';

export interface RunOutput {
  status: RunStatus;
  /** Pages created or updated in Notion. */
  written: number;
  created: number;
  updated: number;
  unchanged: number;
  failed: number;
  skipped: number;
  /** URLs fetched (HTML or not). */
  crawled: number;
  destination: 'page' | 'database';
  parentPageUrl: string | null;
  databaseUrl: string | null;
  /** Requests sent to Notion through Scalekit (retries included). */
  notionRequests: number;
  durationSecs: number;
}

export function itemFor(url: string, status: PageStatus, fields: Partial<Omit<PageItem, 'url' | 'status'>> = {}): PageItem {
  return {
    url,
    title: fields.title ?? null,
    notionPageId: fields.notionPageId ?? null,
    notionUrl: fields.notionUrl ?? null,
    status,
    blocks: fields.blocks ?? null,
    wordCount: fields.wordCount ?? null,
    depth: fields.depth ?? null,
    error: fields.error ?? null,
    warnings: fields.warnings ?? [],
  };
}

export class RunTally {
  readonly counts: Record<PageStatus, number> = { created: 0, updated: 0, unchanged: 0, failed: 0, skipped: 0 };
  crawled = 0;
  /** The first pages written this run, in order, for the summary's links. */
  readonly written: { title: string; url: string }[] = [];

  constructor(private readonly keepLinks = 20) {}

  record(item: PageItem): void {
    this.counts[item.status] += 1;
    if ((item.status === 'created' || item.status === 'updated') && item.notionUrl !== null && this.written.length < this.keepLinks) {
      this.written.push({ title: item.title ?? item.url, url: item.notionUrl });
    }
  }

  get writtenCount(): number {
    return this.counts.created + this.counts.updated;
  }

  /** URLs with an outcome so far. */
  get processed(): number {
    return Object.values(this.counts).reduce((a, b) => a + b, 0);
  }

  /** "URLs done: 12 written, 3 unchanged, 1 failed, 2 skipped; 18 crawled" (after "done/found"). */
  progressLabel(): string {
    const parts = [`${this.writtenCount} written`, `${this.counts.unchanged} unchanged`];
    if (this.counts.failed > 0) parts.push(`${this.counts.failed} failed`);
    if (this.counts.skipped > 0) parts.push(`${this.counts.skipped} skipped`);
    return `URLs done: ${parts.join(', ')}; ${this.crawled} crawled`;
  }

  summary(): string {
    const c = this.counts;
    const head = `Wrote ${this.writtenCount} page${this.writtenCount === 1 ? '' : 's'} to Notion (${c.created} created, ${c.updated} updated)`;
    const rest = [`${c.unchanged} unchanged`];
    if (c.failed > 0) rest.push(`${c.failed} failed`);
    if (c.skipped > 0) rest.push(`${c.skipped} skipped`);
    return `${head}; ${rest.join(', ')}.`;
  }
}
