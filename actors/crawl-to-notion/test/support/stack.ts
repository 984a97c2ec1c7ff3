// The pieces of an end-to-end run: the Scalekit emulator with its Notion sandbox, the sample docs
// site, and the built actor started as a real local Apify run (own process, local storage, own
// live-view port), with a person approving the Notion consent on the live-view page.

import { fileURLToPath } from 'node:url';
import { approveConsent, startLocalRun, type LocalRun, type LocalRunResult } from '@repo/actor-runner';
import { startSampleSite, type SampleSite } from '@repo/sample-site';
import { startEmulator, type RunningEmulator } from '@repo/scalekit-emulator';
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import type { PageItem, RunOutput } from '../../src/sync/run-report.js';

export const ACTOR_DIR = fileURLToPath(new URL('../..', import.meta.url));
export const USER = 'alice';
/** A page the emulator seeds in every Notion workspace, shared with the integration. */
export const PARENT = 'Research';

/** Notion's own limit (3/s with bursts) only where a test is about it. */
export function startStack(rateLimitPerSecond = 0): Promise<RunningEmulator> {
  return startEmulator({ sandboxes: { notion: { rateLimitPerSecond } } });
}

export interface Stack {
  readonly emulator: RunningEmulator;
  readonly site: SampleSite;
}

/**
 * The emulator (Notion at `rateLimitPerSecond`, default unlimited) and the sample docs site for a
 * test file: started once for all its tests, or afresh for each (`perTest`) where a test needs an
 * empty Notion; closed after them (the emulator resumed first, should a test have suspended it).
 */
export function useStack(options: { rateLimitPerSecond?: number; perTest?: boolean } = {}): Stack {
  let emulator: RunningEmulator | undefined;
  let site: SampleSite | undefined;
  const [before, after] = options.perTest ? [beforeEach, afterEach] : [beforeAll, afterAll];
  before(async () => {
    emulator = await startStack(options.rateLimitPerSecond);
    site = await startSampleSite();
  });
  after(async () => {
    await emulator?.resume();
    await site?.close();
    await emulator?.close();
  });
  return {
    get emulator() {
      if (!emulator) throw new Error('the stack runs only inside the tests of the file');
      return emulator;
    },
    get site() {
      if (!site) throw new Error('the stack runs only inside the tests of the file');
      return site;
    },
  };
}

export interface RunOptions {
  input: unknown;
  storageDir?: string;
  /** Approve the Notion consent on the live-view page (first run against a fresh emulator). */
  approve?: boolean;
  env?: Record<string, string>;
  /** Kill the run after this long (default 90 s). */
  timeoutMs?: number;
}

export interface Finished extends LocalRunResult {
  items: PageItem[];
  out: RunOutput | undefined;
  printed: string;
}

export async function startRun(emulator: RunningEmulator, options: RunOptions): Promise<LocalRun> {
  return startLocalRun({
    actorDir: ACTOR_DIR,
    input: options.input,
    env: { ...emulator.env, AUTH_GATE_USER_ID: USER, ...options.env },
    ...(options.storageDir === undefined ? {} : { storageDir: options.storageDir }),
    timeoutMs: options.timeoutMs ?? 90_000,
  });
}

export async function finished(run: LocalRun, approve: Promise<void> | undefined): Promise<Finished> {
  const result = await run.done;
  await approve;
  return {
    ...result,
    items: result.datasetItems as PageItem[],
    out: result.output as RunOutput | undefined,
    printed: result.stdout + result.stderr,
  };
}

export async function runActor(emulator: RunningEmulator, options: RunOptions): Promise<Finished> {
  const run = await startRun(emulator, options);
  const approve = options.approve ? approveConsent(run.liveViewUrl, 'notion') : undefined;
  return finished(run, approve);
}

// ---- the Notion sandbox as the admin API shows it

export interface SnapshotBlock {
  id: string;
  type: string;
  archived?: boolean;
  children: SnapshotBlock[];
  [key: string]: unknown;
}

export interface SnapshotPage {
  id: string;
  url: string;
  archived?: boolean;
  in_trash?: boolean;
  parent: { type: string; page_id?: string; database_id?: string };
  properties: Record<
    string,
    {
      type: string;
      title?: { plain_text: string }[];
      url?: string | null;
      number?: number | null;
      date?: { start: string } | null;
    }
  >;
  children: SnapshotBlock[];
}

export interface SnapshotDatabase {
  id: string;
  url: string;
  archived?: boolean;
  parent: { type: string; page_id?: string };
  title: { plain_text: string }[];
  properties: Record<string, { type: string }>;
}

export interface NotionSnapshot {
  pages: SnapshotPage[];
  databases: SnapshotDatabase[];
}

export function notionOf(emulator: RunningEmulator): Promise<NotionSnapshot> {
  return emulator.admin.sandbox<NotionSnapshot>('notion', USER);
}

export function titleOf(page: SnapshotPage): string {
  for (const property of Object.values(page.properties)) {
    if (property.type === 'title') return (property.title ?? []).map((t) => t.plain_text).join('');
  }
  return '';
}

const live = (page: SnapshotPage): boolean => page.archived !== true && page.in_trash !== true;

export function pageTitled(snapshot: NotionSnapshot, title: string): SnapshotPage {
  const page = snapshot.pages.find((p) => titleOf(p) === title && live(p));
  if (page === undefined) throw new Error(`no page titled "${title}" in the sandbox`);
  return page;
}

/** Live pages directly under a page, in creation order. */
export function childPages(snapshot: NotionSnapshot, parent: SnapshotPage): SnapshotPage[] {
  return snapshot.pages.filter((p) => p.parent.type === 'page_id' && p.parent.page_id === parent.id && live(p));
}

/** Live rows of a database, in creation order. */
export function rowsOf(snapshot: NotionSnapshot, databaseId: string): SnapshotPage[] {
  return snapshot.pages.filter(
    (p) => p.parent.type === 'database_id' && p.parent.database_id === databaseId && live(p),
  );
}

interface TextItem {
  plain_text?: string;
  text?: { content: string };
}

const textOf = (items: readonly TextItem[] | undefined): string =>
  (items ?? []).map((t) => t.plain_text ?? t.text?.content ?? '').join('');

/**
 * One line per block, indented by depth: type and text (table rows: cells). Works on the sandbox's
 * response blocks and on request blocks alike, so what was written can be compared with what was
 * meant to be written.
 */
export function outlineOf(blocks: readonly Record<string, unknown>[], depth = 0): string[] {
  const lines: string[] = [];
  for (const block of blocks) {
    if (block['archived'] === true) continue;
    const type = block['type'] as string;
    const body = (block[type] ?? {}) as {
      rich_text?: TextItem[];
      cells?: TextItem[][];
      children?: Record<string, unknown>[];
    };
    const text =
      type === 'table_row' ? (body.cells ?? []).map((cell) => textOf(cell)).join(' | ') : textOf(body.rich_text);
    lines.push(`${'  '.repeat(depth)}${type}: ${text}`);
    const children = (block['children'] as Record<string, unknown>[] | undefined) ?? body.children ?? [];
    lines.push(...outlineOf(children, depth + 1));
  }
  return lines;
}

/** Every link target in the blocks, depth first. */
export function linksOf(blocks: readonly SnapshotBlock[]): string[] {
  const out: string[] = [];
  for (const block of blocks) {
    const body = (block[block.type] ?? {}) as { rich_text?: { href?: string | null }[] };
    for (const item of body.rich_text ?? []) if (item.href) out.push(item.href);
    out.push(...linksOf(block.children));
  }
  return out;
}
