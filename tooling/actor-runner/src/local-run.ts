import { spawn, type ChildProcess } from 'node:child_process';
import { mkdir, mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BrowserSession } from './browser-session.js';
import { scanRun, secretsOf } from './secret-scan.js';

export interface LocalRunOptions {
  /** The actor's folder (holding `dist/main.js`). */
  actorDir: string;
  input: unknown;
  /** Extra environment (SCALEKIT_*, AUTH_GATE_USER_ID, ...). The parent's environment is not inherited beyond PATH/HOME. */
  env?: Record<string, string>;
  /** Local storage folder; a fresh temp folder by default. Reuse it to run "the same user again". */
  storageDir?: string;
  /** Called with each line the actor prints. */
  onLine?: (line: string, stream: 'stdout' | 'stderr') => void;
  timeoutMs?: number;
}

export interface LocalRunResult {
  exitCode: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  storageDir: string;
  /** The OUTPUT record, parsed, or undefined. */
  output: unknown;
  datasetItems: unknown[];
}

export interface LocalRun {
  /** The run's live-view page (ACTOR_WEB_SERVER_URL). */
  liveViewUrl: string;
  storageDir: string;
  process: ChildProcess;
  done: Promise<LocalRunResult>;
  kill(signal?: NodeJS.Signals): void;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export async function readRecord(storageDir: string, key: string, store = 'default'): Promise<unknown> {
  const dir = join(storageDir, 'key_value_stores', store);
  let files: string[];
  try {
    files = await readdir(dir);
  } catch {
    return undefined;
  }
  const file = files.find((f) => f === key || f.startsWith(`${key}.`));
  if (!file) return undefined;
  const text = await readFile(join(dir, file), 'utf8');
  return file.endsWith('.json') ? (JSON.parse(text) as unknown) : text;
}

export async function readDataset(storageDir: string, dataset = 'default'): Promise<unknown[]> {
  const dir = join(storageDir, 'datasets', dataset);
  let files: string[];
  try {
    files = (await readdir(dir)).filter((f) => /^\d+\.json$/.test(f)).sort();
  } catch {
    return [];
  }
  return Promise.all(files.map(async (f) => JSON.parse(await readFile(join(dir, f), 'utf8')) as unknown));
}

/**
 * Starts the actor as `apify run` would locally: its own Node process, local storage in a folder,
 * the input in the default key-value store, and a live-view port of its own.
 */
export async function startLocalRun(options: LocalRunOptions): Promise<LocalRun> {
  const storageDir = options.storageDir ?? (await mkdtemp(join(tmpdir(), 'actor-run-')));
  const inputDir = join(storageDir, 'key_value_stores', 'default');
  await mkdir(inputDir, { recursive: true });
  await writeFile(join(inputDir, 'INPUT.json'), JSON.stringify(options.input, null, 2));
  const port = await freePort();
  const liveViewUrl = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, [join(options.actorDir, 'dist', 'main.js')], {
    cwd: options.actorDir,
    env: {
      PATH: process.env['PATH'] ?? '',
      HOME: process.env['HOME'] ?? tmpdir(),
      CRAWLEE_STORAGE_DIR: storageDir,
      APIFY_LOCAL_STORAGE_DIR: storageDir,
      ACTOR_WEB_SERVER_PORT: String(port),
      ACTOR_WEB_SERVER_URL: liveViewUrl,
      APIFY_LOG_LEVEL: 'INFO',
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  const lines = (stream: 'stdout' | 'stderr') => {
    let rest = '';
    return (chunk: Buffer) => {
      const text = chunk.toString();
      if (stream === 'stdout') stdout += text;
      else stderr += text;
      const parts = (rest + text).split('\n');
      rest = parts.pop() ?? '';
      for (const line of parts) options.onLine?.(line, stream);
    };
  };
  child.stdout.on('data', lines('stdout'));
  child.stderr.on('data', lines('stderr'));
  const timeout = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 120_000);
  const done = new Promise<LocalRunResult>((resolve, reject) => {
    child.on('close', (exitCode, signal) => {
      clearTimeout(timeout);
      void (async () => {
        // Every run a test starts is also checked for leaked secrets: a client secret, an API key
        // or a magic link in its logs or storage fails the test that ran it, whatever it asserts.
        const leaks = await scanRun({ stdout, stderr, storageDir }, secretsOf(options.env ?? {}));
        if (leaks.length > 0) {
          reject(new Error(`the run leaked secrets: ${leaks.map((l) => `${l.what} in ${l.where}`).join('; ')}`));
          return;
        }
        resolve({
          exitCode,
          signal,
          stdout,
          stderr,
          storageDir,
          output: await readRecord(storageDir, 'OUTPUT'),
          datasetItems: await readDataset(storageDir),
        });
      })().catch(reject);
    });
  });
  return { liveViewUrl, storageDir, process: child, done, kill: (signal = 'SIGKILL') => child.kill(signal) };
}

/** Waits until the run's live-view page asks for consent. */
export async function waitForAuthorizePhase(liveViewUrl: string, timeoutMs = 90_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    try {
      const state = (await (await fetch(`${liveViewUrl}/state`)).json()) as { phase: string };
      if (state.phase === 'authorize') return;
    } catch {
      // The server may not listen yet.
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`the run at ${liveViewUrl} never asked for authorization`);
}

/**
 * A person on the live-view page: presses the connector's button, approves, returns via verify, all
 * in one browser (`browser`, a fresh one by default): the verify route completes only in the browser
 * that pressed Connect.
 */
export async function approveConsent(
  liveViewUrl: string,
  connectorKey: string,
  browser: BrowserSession = new BrowserSession(),
): Promise<void> {
  await waitForAuthorizePhase(liveViewUrl);
  const connect = await browser.fetch(`${liveViewUrl}/connect/${encodeURIComponent(connectorKey)}`, {
    redirect: 'manual',
  });
  const link = connect.headers.get('location');
  if (connect.status !== 302 || !link || link.startsWith('.')) throw new Error(`no consent link for ${connectorKey}`);
  const page = await browser.fetch(link);
  if (!page.ok) throw new Error(`consent page answered ${page.status}`);
  const approved = await browser.fetch(link, {
    method: 'POST',
    body: new URLSearchParams({ decision: 'approve' }),
    redirect: 'manual',
  });
  const verify = approved.headers.get('location');
  if (verify) {
    const result = await browser.fetch(verify);
    if (!result.ok) throw new Error(`verify route answered ${result.status}`);
  }
}
