import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startEmulator, type RunningEmulator } from '@repo/scalekit-emulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAuthGate, perUser } from '../src/index.js';
import { authorizeAsPerson, waitForConsentPhase } from './support/consenting-person.js';
import { testRuntime } from './support/test-runtime.js';

// runGatedActor owns a run's start and end; each case runs the fixture Actor as its own process
// with the real Apify SDK and local storage, against the emulator.
const FIXTURE = fileURLToPath(new URL('./fixtures/gated-actor.mjs', import.meta.url));
const CONNECTED_USER = 'gated-user';

let emulator: RunningEmulator;
const storages: string[] = [];

beforeAll(async () => {
  emulator = await startEmulator({ connections: [{ name: 'acme', provider: 'ACME', auth: 'OAUTH' }] });
  // The user has connected acme before, in an earlier run.
  const gate = await createAuthGate({
    connectors: { acme: perUser() },
    page: { port: 0 },
    credentials: { envUrl: emulator.envUrl, clientId: emulator.clientId, clientSecret: emulator.clientSecret },
    runtime: testRuntime({ env: { AUTH_GATE_USER_ID: CONNECTED_USER } }),
  });
  const connecting = gate.connect(['acme']);
  await waitForConsentPhase(gate.pageUrl);
  await authorizeAsPerson(gate.pageUrl, 'acme');
  await connecting;
  await gate.close();
});

afterAll(async () => {
  await emulator.close();
  await Promise.all(storages.map((dir) => rm(dir, { recursive: true, force: true })));
});

interface FixtureRun {
  code: number | null;
  printed: string;
  storage: string;
}

async function runFixture(input: unknown, env: Record<string, string> = {}): Promise<FixtureRun> {
  const storage = await mkdtemp(join(tmpdir(), 'gated-actor-'));
  storages.push(storage);
  const store = join(storage, 'key_value_stores', 'default');
  await mkdir(store, { recursive: true });
  await writeFile(join(store, 'INPUT.json'), JSON.stringify(input));
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [FIXTURE], {
      env: {
        PATH: process.env['PATH'] ?? '',
        ...emulator.env,
        CRAWLEE_STORAGE_DIR: storage,
        APIFY_LOCAL_STORAGE_DIR: storage,
        AUTH_GATE_USER_ID: CONNECTED_USER,
        ...env,
      },
    });
    let printed = '';
    child.stdout.on('data', (chunk: Buffer) => (printed += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (printed += chunk.toString()));
    child.on('close', (code) => resolve({ code, printed, storage }));
  });
}

async function record(run: FixtureRun, key: string): Promise<unknown> {
  return JSON.parse(await readFile(join(run.storage, 'key_value_stores', 'default', `${key}.json`), 'utf8'));
}

async function callsOf(identifier: string): Promise<number> {
  return (await emulator.admin.calls({ identifier })).length;
}

// Each case starts a Node process with the Apify SDK: seconds on a loaded 2-core machine.
describe('runGatedActor', { timeout: 120_000 }, () => {
  it('runs the work with the parsed input and the connected handles, then exits with its summary', async () => {
    const run = await runFixture({ query: '  roadmap ' });
    expect(run.printed).toContain(`Echoed "roadmap" for ${CONNECTED_USER}.`);
    expect(run.code).toBe(0);
    expect(await record(run, 'FIXTURE_PROGRESS')).toMatchObject({
      step: 'echoed',
      state: { identifier: CONNECTED_USER },
    });
  });

  it('refuses input that is not an object with one message, before any account is touched', async () => {
    const run = await runFixture(['roadmap'], { AUTH_GATE_USER_ID: 'never-touched' });
    expect(run.printed).toContain('Invalid input: expected a JSON object.');
    expect(run.printed).not.toContain('The run failed');
    expect(run.code).not.toBe(0);
    expect(await callsOf('never-touched')).toBe(0);
  });

  it('names every bad field in one message', async () => {
    const run = await runFixture({ query: ' ', then: 'explode' }, { AUTH_GATE_USER_ID: 'never-touched' });
    expect(run.printed).toContain('Invalid input: query: must not be empty; then: must be "succeed" or "throw".');
    expect(run.code).not.toBe(0);
    expect(await callsOf('never-touched')).toBe(0);
  });

  it('fails an unexpected error of the work with "The run failed:" and keeps what was recorded', async () => {
    const run = await runFixture({ query: 'roadmap', then: 'throw' });
    expect(run.printed).toContain('The run failed: the work broke');
    expect(run.code).not.toBe(0);
    expect(await record(run, 'FIXTURE_PROGRESS')).toMatchObject({ step: 'echoed' });
  });

  it('ends a run nobody authorizes with OUTPUT AWAITING_AUTH, not a crash', async () => {
    const run = await runFixture(
      { query: 'roadmap' },
      { AUTH_GATE_USER_ID: 'nobody-connects', AUTH_GATE_CONSENT_TIMEOUT_SECS: '2' },
    );
    expect(await record(run, 'OUTPUT')).toMatchObject({
      status: 'AWAITING_AUTH',
      connectors: ['acme'],
      needsPerson: true,
    });
    expect(run.printed).toContain('Authorization needed');
    expect(run.code).not.toBe(0);
  });
});
