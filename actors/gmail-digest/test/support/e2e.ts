// Helpers for the end-to-end tests: the built actor as a real local Apify run (its own process and
// storage) against the Scalekit emulator, and a Gmail sandbox view for assertions.

import { existsSync } from 'node:fs';
import { readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { approveConsent, readRecord, startLocalRun, type LocalRunResult } from '@repo/actor-runner';
import { createAuthGate, perUser } from '@repo/auth-gate';
import { detachedRuntime } from '@repo/auth-gate/operator';
import type { RunningEmulator } from '@repo/scalekit-emulator';

export const ACTOR_DIR = fileURLToPath(new URL('../..', import.meta.url));
export const STATE_STORE = 'gmail-digest-state';

export function assertBuilt(): void {
  if (!existsSync(join(ACTOR_DIR, 'dist', 'main.js'))) {
    throw new Error('dist/main.js is missing: build the actor first (npx tsc -p tsconfig.build.json).');
  }
}

/** One message of the Gmail sandbox snapshot (the admin API's view). */
export interface SandboxMessage {
  id: string;
  threadId: string;
  labelIds: string[];
  /** ISO */
  internalDate: string;
  subject: string;
  from: string;
  to: string;
  text: string;
}

export interface SandboxView {
  address: string;
  messages: SandboxMessage[];
  sent: SandboxMessage[];
}

export function sandbox(emulator: RunningEmulator, user: string): Promise<SandboxView> {
  return emulator.admin.sandbox<SandboxView>('gmail', user);
}

export interface RunOptions {
  user: string;
  storageDir?: string;
  /** Act as the person on the Live View page and approve Gmail. */
  consent?: boolean;
  env?: Record<string, string>;
}

const storageDirs = new Set<string>();

/** Removes the local storage folders of every run of this test file. */
export async function removeRunStorage(): Promise<void> {
  await Promise.all([...storageDirs].map((dir) => rm(dir, { recursive: true, force: true })));
  storageDirs.clear();
}

/** Runs the built actor to its end and returns what it left behind. */
export async function runActor(
  emulator: RunningEmulator,
  input: unknown,
  options: RunOptions,
): Promise<LocalRunResult> {
  const run = await startLocalRun({
    actorDir: ACTOR_DIR,
    input,
    ...(options.storageDir !== undefined ? { storageDir: options.storageDir } : {}),
    env: {
      ...emulator.env,
      AUTH_GATE_USER_ID: options.user,
      // A run that unexpectedly waits for consent ends quickly with AWAITING_AUTH instead of hanging.
      AUTH_GATE_CONSENT_TIMEOUT_SECS: '20',
      ANTHROPIC_BASE_URL: emulator.envUrl,
      ...options.env,
    },
    timeoutMs: 90_000,
  });
  storageDirs.add(run.storageDir);
  if (options.consent === true) await approveConsent(run.liveViewUrl, 'gmail');
  return run.done;
}

export function digestRecords(storageDir: string): Promise<[unknown, unknown]> {
  return Promise.all([readRecord(storageDir, 'DIGEST.html'), readRecord(storageDir, 'DIGEST.md')]);
}

/** The per-user state records in the named store: file name -> parsed record. */
export async function stateRecords(storageDir: string): Promise<Record<string, unknown>> {
  const dir = join(storageDir, 'key_value_stores', STATE_STORE);
  let files: string[];
  try {
    files = (await readdir(dir)).filter((f) => f.endsWith('.json') && !f.includes('__metadata__'));
  } catch {
    return {};
  }
  const entries = await Promise.all(
    files.map(async (f) => [f, await readRecord(storageDir, f.replace(/\.json$/, ''), STATE_STORE)] as const),
  );
  return Object.fromEntries(entries);
}

function testGate(emulator: RunningEmulator, user: string, consentTimeoutSecs: number) {
  return createAuthGate({
    connectors: { gmail: perUser() },
    credentials: { envUrl: emulator.envUrl, clientId: emulator.clientId, clientSecret: emulator.clientSecret },
    runtime: detachedRuntime({ env: { AUTH_GATE_USER_ID: user } }),
    page: { port: 0 },
    consentTimeoutSecs,
  });
}

/** Connects a user's Gmail the way a person does on a Live View page, without an actor run. */
export async function connectUser(emulator: RunningEmulator, user: string): Promise<void> {
  const gate = await testGate(emulator, user, 30);
  try {
    await Promise.all([gate.connect(['gmail']), approveConsent(gate.pageUrl, 'gmail')]);
  } finally {
    await gate.close();
  }
}

/**
 * New mail for a user who already connected Gmail: a message sent to their own address from their
 * own account, through auth-gate and the real Scalekit SDK (as a person writing a note to self).
 */
export async function sendToSelf(
  emulator: RunningEmulator,
  user: string,
  subject: string,
  body: string,
): Promise<string> {
  const gate = await testGate(emulator, user, 1);
  try {
    const { gmail } = await gate.connect(['gmail']);
    const profile = await gmail.tool('gmail_get_profile', {});
    const sent = await gmail.tool('gmail_send_message', { to: String(profile.data['emailAddress']), subject, body });
    return String(sent.data['id']);
  } finally {
    await gate.close();
  }
}

/** Everything the run printed. */
export function logsOf(result: LocalRunResult): string {
  return `${result.stdout}\n${result.stderr}`;
}
