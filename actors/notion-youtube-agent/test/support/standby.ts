// The built actor as Apify starts it in Standby mode (APIFY_META_ORIGIN=STANDBY, the HTTP server on
// the container port), API keys made the way an operator makes them (the auth-gate CLI), and a
// caller's HTTP client and browser.

import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { BrowserSession, startLocalRun, type LocalRun } from '@repo/actor-runner';
import type { RunningEmulator } from '@repo/scalekit-emulator';
import { ACTOR_DIR } from './stack.js';

export const ORG = 'org_acme';

const CLI = join(dirname(createRequire(import.meta.url).resolve('@repo/auth-gate')), 'cli.js');

interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

function authGateCli(emulator: RunningEmulator, args: string[]): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], {
      env: { PATH: process.env['PATH'] ?? '', ...emulator.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

export interface ApiKey {
  key: string;
  tokenId: string;
}

/**
 * `auth-gate keys create --org <org> [--user <user>]`, as the README tells the operator; the key is
 * the one indented line of the output (printed once), the id is on the "Created API key" line.
 */
export async function createApiKey(emulator: RunningEmulator, options: { user?: string } = {}): Promise<ApiKey> {
  const run = await authGateCli(emulator, [
    'keys',
    'create',
    '--org',
    ORG,
    ...(options.user === undefined ? [] : ['--user', options.user]),
  ]);
  const keys = run.stdout.split('\n').filter((line) => /^ {2}\S+$/.test(line));
  const tokenId = /Created API key (apit_\w+)/.exec(run.stdout)?.[1];
  if (run.code !== 0 || keys.length !== 1 || tokenId === undefined)
    throw new Error(`auth-gate keys create failed: ${run.stdout}${run.stderr}`);
  return { key: keys[0]!.trim(), tokenId };
}

export async function revokeApiKey(emulator: RunningEmulator, tokenId: string): Promise<void> {
  const run = await authGateCli(emulator, ['keys', 'revoke', tokenId]);
  if (run.code !== 0) throw new Error(`auth-gate keys revoke failed: ${run.stdout}${run.stderr}`);
}

export interface StandbyRun {
  run: LocalRun;
  /** The container URL: Standby's HTTP server listens on the live-view port actor-runner gives. */
  url: string;
}

/** Starts the built actor in Standby mode and waits until it answers Apify's readiness probe. */
export async function startStandbyRun(
  emulator: RunningEmulator,
  env: Record<string, string> = {},
): Promise<StandbyRun> {
  const run = await startLocalRun({
    actorDir: ACTOR_DIR,
    input: {},
    env: { ...emulator.env, APIFY_META_ORIGIN: 'STANDBY', ...env },
    // The whole file shares the run; it is stopped with SIGTERM at the end.
    timeoutMs: 600_000,
  });
  let exited = false;
  void run.done.then(() => (exited = true));
  // A deadline, not a count of attempts: on a loaded machine the actor may take a while to listen.
  const deadline = Date.now() + 90_000;
  while (Date.now() < deadline && !exited) {
    try {
      const probe = await fetch(run.liveViewUrl, { headers: { 'x-apify-container-server-readiness-probe': '1' } });
      if (probe.status === 200) return { run, url: run.liveViewUrl };
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  const result = await Promise.race([
    run.done,
    new Promise<undefined>((resolve) => setTimeout(() => resolve(undefined), 100)),
  ]);
  run.kill('SIGKILL');
  throw new Error(`the Standby run never became ready${result ? `: ${result.stdout}${result.stderr}` : ''}`);
}

export interface ApiAnswer<T = Record<string, unknown>> {
  status: number;
  headers: Headers;
  body: T;
}

/** A caller's HTTP request: the key in `Authorization: Bearer`, unless headers say otherwise. */
export async function callApi<T = Record<string, unknown>>(
  base: string,
  method: string,
  path: string,
  options: { key?: string; body?: unknown; rawBody?: string; headers?: Record<string, string> } = {},
): Promise<ApiAnswer<T>> {
  const headers: Record<string, string> = {
    ...(options.key === undefined ? {} : { authorization: `Bearer ${options.key}` }),
    ...options.headers,
  };
  let body: string | undefined = options.rawBody;
  if (options.body !== undefined) {
    body = JSON.stringify(options.body);
    headers['content-type'] = 'application/json';
  }
  const response = await fetch(`${base}${path}`, { method, headers, ...(body === undefined ? {} : { body }) });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: (text ? JSON.parse(text) : {}) as T };
}

/**
 * The person behind a caller opens the consent link in a browser (the server binds the consent to
 * it and sends it on to the magic link), approves, and comes back to the verify route in the same
 * browser, whose page must say "connected".
 */
export async function approveInBrowser(
  link: string,
  browser: BrowserSession = new BrowserSession(),
): Promise<{ verifyUrl: string; page: string }> {
  const started = await browser.fetch(link, { redirect: 'manual' });
  const magicLink = started.headers.get('location');
  if (started.status !== 302 || !magicLink)
    throw new Error(`the consent link answered ${started.status} without a redirect to the magic link`);
  const consent = await browser.fetch(magicLink);
  if (!consent.ok) throw new Error(`consent page answered ${consent.status}`);
  const approved = await browser.fetch(magicLink, {
    method: 'POST',
    body: new URLSearchParams({ decision: 'approve' }),
    redirect: 'manual',
  });
  const verifyUrl = approved.headers.get('location');
  if (approved.status !== 302 || !verifyUrl)
    throw new Error(`approving answered ${approved.status} without a redirect to the verify route`);
  const verified = await browser.fetch(verifyUrl);
  const page = await verified.text();
  if (!verified.ok) throw new Error(`the verify route answered ${verified.status}: ${page}`);
  return { verifyUrl, page };
}

export interface TaskView {
  id: string;
  status: 'RUNNING' | 'SUCCEEDED' | 'FAILED';
  mode: 'structured' | 'agent';
  steps: string[];
  summary: string | null;
  notionPageUrl: string | null;
  result: Record<string, unknown> | null;
  error: { code: string; message: string; connect?: string } | null;
  links: Record<string, string>;
}

/** Polls GET /tasks/{id} until the task is no longer running. */
export async function waitForTask(base: string, key: string, id: string): Promise<TaskView> {
  for (let attempt = 0; attempt < 1200; attempt += 1) {
    const answer = await callApi<TaskView>(base, 'GET', `/tasks/${id}`, { key });
    if (answer.status !== 200)
      throw new Error(`GET /tasks/${id} answered ${answer.status}: ${JSON.stringify(answer.body)}`);
    if (answer.body.status !== 'RUNNING') return answer.body;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`task ${id} never finished`);
}
