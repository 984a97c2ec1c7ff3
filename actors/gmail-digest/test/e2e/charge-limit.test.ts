// The user's spending limit per run, end to end: the built actor as a real local run with the
// Apify SDK's local pay-per-event mode (every event counts $1 locally, each charge is logged to the
// local `charging_log` dataset). Like the other actors, it never produces work past the limit.

import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { startEmulator, type RunningEmulator } from '@repo/scalekit-emulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertBuilt, removeRunStorage, runActor } from '../support/e2e.js';

interface Charge {
  eventName: string;
  chargedCount: number;
  eventPriceUsd: number;
}

let emulator: RunningEmulator;

beforeAll(async () => {
  assertBuilt();
  emulator = await startEmulator();
});
afterAll(async () => {
  await emulator?.close();
  await removeRunStorage();
});

async function chargesOf(storageDir: string): Promise<Charge[]> {
  const dir = join(storageDir, 'datasets', 'charging_log');
  const files = (await readdir(dir).catch(() => [])).filter((f) => /^\d+\.json$/.test(f)).sort();
  return Promise.all(files.map(async (f) => JSON.parse(await readFile(join(dir, f), 'utf8')) as Charge));
}

const PAY_PER_EVENT = { ACTOR_TEST_PAY_PER_EVENT: 'true', ACTOR_USE_CHARGING_LOG_DATASET: 'true' };
const INPUT = { since: 'lookback', lookbackHours: 720, useClaude: false };

describe('the spending limit of a run', () => {
  it('digests only the newest mail the limit pays for, and charges no more than the limit', async () => {
    // $4 at $1 per event locally: the digest event and three messages.
    const result = await runActor(emulator, INPUT, {
      user: 'frugal-user',
      consent: true,
      env: { ...PAY_PER_EVENT, ACTOR_MAX_TOTAL_CHARGE_USD: '4' },
    });
    expect(result.exitCode).toBe(0);
    const output = result.output as {
      status: string;
      counts: { mails: number };
      truncated: boolean;
      warnings: string[];
    };
    expect(output).toMatchObject({ status: 'CHARGE_LIMIT_REACHED', counts: { mails: 3 }, truncated: true });
    expect(output.warnings).toContain(
      'The spending limit of this run pays for a digest of 3 messages: only the newest 3 are digested. Raise the maximum cost per run to include more.',
    );
    expect(result.datasetItems).toHaveLength(3);
    const charges = await chargesOf(result.storageDir);
    expect(charges.map((c) => [c.eventName, c.chargedCount])).toEqual([
      ['digest-created', 1],
      ['message-digested', 3],
    ]);
    expect(charges.reduce((sum, c) => sum + c.chargedCount * c.eventPriceUsd, 0)).toBeLessThanOrEqual(4);
  }, 120_000);

  it('stops before reading mail when the limit cannot pay for one digested message', async () => {
    const result = await runActor(emulator, INPUT, {
      user: 'broke-user',
      consent: true,
      env: { ...PAY_PER_EVENT, ACTOR_MAX_TOTAL_CHARGE_USD: '1' },
    });
    expect(result.exitCode).toBe(1);
    expect(result.stdout + result.stderr).toContain('does not cover a digest of even one message');
    expect(result.datasetItems).toEqual([]);
    expect(await chargesOf(result.storageDir)).toEqual([]);
    const tools = await emulator.admin.calls({ kind: 'tool' });
    expect(
      tools.filter((c) => c.identifier?.includes('broke-user') === true && c.name === 'gmail_fetch_mails'),
    ).toEqual([]);
  }, 120_000);
});
