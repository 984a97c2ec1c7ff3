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

export type RunStatus = 'SUCCEEDED' | 'SUCCEEDED_WITH_FAILURES' | 'CHARGE_LIMIT_REACHED' | 'FAILED';

export interface RunOutput {
  status: RunStatus;
  /** Pages created or updated in Notion. */
  written: number;
  created: number;
  updated: number;
  unchanged: number;
  /** URLs that failed: pages not written, and broken links. */
  failed: number;
  /** Pages that should be in Notion and are not: Notion refused or failed, the page could not be fetched or converted. */
  pagesNotWritten: number;
  /** Links of the site to pages that do not exist (404, ...): reported, never a failure of the run. */
  brokenLinks: number;
  /** The tolerance the run was held to (input `maxFailedPagesPercent`). */
  maxFailedPagesPercent: number;
  skipped: number;
  /** URLs fetched (HTML or not). */
  crawled: number;
  destination: 'page' | 'database';
  parentPageUrl: string | null;
  databaseUrl: string | null;
  /** Requests sent to Notion through Scalekit (retries included). */
  notionRequests: number;
  durationSecs: number;
  /** Why the run failed (status FAILED), as in the status message; null otherwise. */
  message: string | null;
}

export function itemFor(
  url: string,
  status: PageStatus,
  fields: Partial<Omit<PageItem, 'url' | 'status'>> = {},
): PageItem {
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
  /** Of the failed URLs, the links to pages that do not exist. */
  brokenLinks = 0;
  /** The first reason a page was not written, for the run's message. */
  firstFailure: string | undefined;
  /** The first pages written this run, in order, for the summary's links. */
  readonly written: { title: string; url: string }[] = [];

  constructor(private readonly keepLinks = 20) {}

  /** `brokenLink`: a failed URL that is a link to no page (it had nothing to write). */
  record(item: PageItem, brokenLink = false): void {
    this.counts[item.status] += 1;
    if (item.status === 'failed') {
      if (brokenLink) this.brokenLinks += 1;
      else this.firstFailure ??= item.error ?? undefined;
    }
    if (
      (item.status === 'created' || item.status === 'updated') &&
      item.notionUrl !== null &&
      this.written.length < this.keepLinks
    ) {
      this.written.push({ title: item.title ?? item.url, url: item.notionUrl });
    }
  }

  get writtenCount(): number {
    return this.counts.created + this.counts.updated;
  }

  /** Pages that should be in Notion after this run and are not. */
  get notWritten(): number {
    return this.counts.failed - this.brokenLinks;
  }

  /** URLs with an outcome so far. */
  get processed(): number {
    return Object.values(this.counts).reduce((a, b) => a + b, 0);
  }

  /** "URLs done: 12 written, 3 unchanged, 1 failed, 2 skipped; 18 crawled" (after "done/found"). */
  progressLabel(): string {
    const parts = [`${this.writtenCount} written`, `${this.counts.unchanged} unchanged`];
    if (this.notWritten > 0) parts.push(`${this.notWritten} failed`);
    if (this.brokenLinks > 0) parts.push(`${this.brokenLinks} broken`);
    if (this.counts.skipped > 0) parts.push(`${this.counts.skipped} skipped`);
    return `URLs done: ${parts.join(', ')}; ${this.crawled} crawled`;
  }

  summary(): string {
    const c = this.counts;
    const head = `Wrote ${this.writtenCount} page${this.writtenCount === 1 ? '' : 's'} to Notion (${c.created} created, ${c.updated} updated)`;
    const rest = [`${c.unchanged} unchanged`];
    if (this.notWritten > 0) rest.push(`${this.notWritten} failed`);
    if (this.brokenLinks > 0) rest.push(`${this.brokenLinks} broken link${this.brokenLinks === 1 ? '' : 's'}`);
    if (c.skipped > 0) rest.push(`${c.skipped} skipped`);
    return `${head}; ${rest.join(', ')}.`;
  }
}

export interface Verdict {
  status: RunStatus;
  /** The run's failure message when status is FAILED; a note on tolerated failures otherwise. */
  message: string | undefined;
}

const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;

/**
 * Whether the run did its job. Exit status tells the truth: a run that wrote nothing of what it
 * should have fails; pages not written fail the run unless they stay within the share the user
 * chose to tolerate. Broken links and skipped URLs had nothing to write, so they never count.
 */
export function runVerdict(tally: RunTally, maxFailedPagesPercent: number, chargeLimitReached: boolean): Verdict {
  const delivered = tally.writtenCount + tally.counts.unchanged;
  const missing = tally.notWritten;
  const reason = tally.firstFailure === undefined ? '' : ` First error: ${tally.firstFailure.replace(/\.$/, '')}.`;
  if (chargeLimitReached) return { status: 'CHARGE_LIMIT_REACHED', message: undefined };
  if (delivered === 0) {
    if (missing > 0) {
      return {
        status: 'FAILED',
        message: `Nothing was written to Notion: ${plural(missing, 'page')} could not be written.${reason} Run again once the cause is fixed.`,
      };
    }
    const broken = tally.brokenLinks > 0 ? `${plural(tally.brokenLinks, 'broken link')}, ` : '';
    return {
      status: 'FAILED',
      message:
        `Nothing was written to Notion: no page of the site could be written (${broken}${plural(tally.counts.skipped, 'URL')} skipped; ` +
        'see the dataset for why). Check the start URLs, the include/exclude patterns and robots.txt, then run again.',
    };
  }
  if (missing === 0) return { status: 'SUCCEEDED', message: undefined };
  const percent = (missing * 100) / (delivered + missing);
  const share = `${plural(missing, 'page')} of ${delivered + missing} (${Math.max(1, Math.round(percent))}%)`;
  if (percent > maxFailedPagesPercent) {
    const rule =
      maxFailedPagesPercent === 0
        ? 'The run fails when any page is not written; set "Tolerated failed pages (%)" (maxFailedPagesPercent) to accept partial runs.'
        : `That is more than the ${maxFailedPagesPercent}% tolerated (maxFailedPagesPercent).`;
    return {
      status: 'FAILED',
      message: `${tally.summary()} ${share} could not be written to Notion.${reason} ${rule} The pages written are kept; the next run writes the missing ones.`,
    };
  }
  return {
    status: 'SUCCEEDED_WITH_FAILURES',
    message: `${share} not written, within the ${maxFailedPagesPercent}% tolerated.`,
  };
}
