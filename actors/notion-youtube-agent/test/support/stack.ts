// The pieces of an end-to-end run: the Scalekit emulator (with its Notion and YouTube sandboxes
// and the scripted Anthropic API), the operator connecting the shared YouTube account with the
// real auth-gate CLI, and the built actor started as a real local Apify run.

import { rm } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { approveConsent, connectSharedAccount, startLocalRun, type LocalRun } from '@repo/actor-runner';
import { startEmulator, type RunningEmulator } from '@repo/scalekit-emulator';
import { startFakeApifyApi, type FakeApifyApi, type FakeApifyApiOptions } from './fake-apify-api.js';

export const ACTOR_DIR = fileURLToPath(new URL('../..', import.meta.url));

export const USER = 'alice';
export const SHARED_YOUTUBE = 'shared-youtube';

export interface NotionPageSnapshot {
  id: string;
  url: string;
  archived?: boolean;
  in_trash?: boolean;
  parent: { type: string; page_id?: string };
  properties: Record<string, { type: string; title?: { plain_text: string }[] }>;
  children: NotionBlockSnapshot[];
}

export interface NotionBlockSnapshot {
  id: string;
  type: string;
  has_children: boolean;
  children: NotionBlockSnapshot[];
  [key: string]: unknown;
}

export interface NotionSnapshot {
  pages: NotionPageSnapshot[];
}

/** An emulator for one test; Notion's rate limit is off unless a test is about it. */
export async function startStack(): Promise<RunningEmulator> {
  return startEmulator({ sandboxes: { notion: { rateLimitPerSecond: 0 } } });
}

/**
 * The operator connects the shared YouTube account once, as the README tells them to:
 * `auth-gate connect youtube --shared shared-youtube`, then approving on the page it prints.
 */
export function connectSharedYoutube(emulator: RunningEmulator, identifier = SHARED_YOUTUBE): Promise<void> {
  return connectSharedAccount({ env: emulator.env, connection: 'youtube', identifier, timeoutSecs: 30 });
}

export interface RunOptions {
  input: unknown;
  env?: Record<string, string>;
  /** The person on the live-view page approves these connectors (in this order). */
  approve?: string[];
  /** Local storage to use (and keep) across runs; default: a fresh folder, removed afterwards. */
  storageDir?: string;
}

/** Starts the built actor as user `alice` (unless env says otherwise) and approves consent when asked. */
export async function runActor(
  emulator: RunningEmulator,
  options: RunOptions,
): Promise<{ run: LocalRun; result: Awaited<LocalRun['done']> }> {
  const run = await startLocalRun({
    actorDir: ACTOR_DIR,
    input: options.input,
    env: { ...emulator.env, AUTH_GATE_USER_ID: USER, ...options.env },
    ...(options.storageDir === undefined ? {} : { storageDir: options.storageDir }),
    timeoutMs: 60_000,
  });
  const approvals = (async () => {
    for (const key of options.approve ?? []) await approveConsent(run.liveViewUrl, key);
  })();
  const result = await run.done;
  await approvals;
  // The result carries OUTPUT and the dataset; the run's temp storage is not needed any more.
  if (options.storageDir === undefined) await rm(run.storageDir, { recursive: true, force: true });
  return { run, result };
}

export interface PlatformRunOptions extends RunOptions, Omit<FakeApifyApiOptions, 'input'> {
  /** APIFY_USER_ID: the Apify user who started the run. */
  userId: string;
}

/**
 * The built actor as on the Apify platform (APIFY_IS_AT_HOME=1): storage behind a fake Apify
 * API, identity from APIFY_USER_ID, pay-per-event charges reported to the API.
 */
export async function runOnPlatform(
  emulator: RunningEmulator,
  options: PlatformRunOptions,
): Promise<{ run: LocalRun; result: Awaited<LocalRun['done']>; api: FakeApifyApi }> {
  const api = await startFakeApifyApi(options);
  try {
    const run = await startLocalRun({
      actorDir: ACTOR_DIR,
      // The platform serves INPUT from the run's key-value store; the local file stays empty.
      input: {},
      env: { ...emulator.env, ...api.env, APIFY_USER_ID: options.userId, ...options.env },
      timeoutMs: 60_000,
    });
    const approvals = (async () => {
      for (const key of options.approve ?? []) await approveConsent(run.liveViewUrl, key);
    })();
    const result = await run.done;
    await approvals;
    await rm(run.storageDir, { recursive: true, force: true });
    return { run, result, api };
  } finally {
    await api.close();
  }
}

export function pageTitleOf(page: NotionPageSnapshot): string {
  for (const property of Object.values(page.properties)) {
    if (property.type === 'title') return (property.title ?? []).map((t) => t.plain_text).join('');
  }
  return '';
}

export async function notionOf(emulator: RunningEmulator, identifier = USER): Promise<NotionSnapshot> {
  return emulator.admin.sandbox<NotionSnapshot>('notion', identifier);
}

export function livePagesTitled(snapshot: NotionSnapshot, title: string): NotionPageSnapshot[] {
  return snapshot.pages.filter(
    (page) => pageTitleOf(page) === title && page.archived !== true && page.in_trash !== true,
  );
}

export interface RichTextSnapshot {
  plain_text: string;
  href: string | null;
}

export function richTextOf(block: NotionBlockSnapshot): RichTextSnapshot[] {
  const body = block[block.type] as { rich_text?: RichTextSnapshot[] } | undefined;
  return body?.rich_text ?? [];
}

export function textOf(block: NotionBlockSnapshot): string {
  return richTextOf(block)
    .map((item) => item.plain_text)
    .join('');
}
