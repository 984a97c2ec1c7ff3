// The shared YouTube project's daily share per user, through the built actor against the
// emulator's YouTube sandbox: a run is cut to what is left of its user's day and says what it
// used; a user whose day is spent is refused before any consent or YouTube call. The ledger is
// seeded for today and tomorrow (UTC) so that a test running across midnight sees the same day.

import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RunningEmulator } from '@repo/scalekit-emulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DAILY_QUOTA_STORE, DAILY_UNITS_VARIABLE, dailyQuotaKey, utcDay } from '../../src/research/index.js';
import type { RunOutput } from '../../src/run-output.js';
import { connectSharedYoutube, runActor, startStack, USER } from '../support/stack.js';

const STACK_TRACE = /\n\s+at /;
const EARLIER_UNITS = 1000;

let emulator: RunningEmulator;
let storageDir: string;

beforeAll(async () => {
  emulator = await startStack();
  await connectSharedYoutube(emulator);
  storageDir = await mkdtemp(join(tmpdir(), 'youtube-daily-quota-'));
  const ledgerDir = join(storageDir, 'key_value_stores', DAILY_QUOTA_STORE);
  await mkdir(ledgerDir, { recursive: true });
  const now = Date.now();
  for (const day of [utcDay(new Date(now)), utcDay(new Date(now + 86_400_000))]) {
    await writeFile(
      join(ledgerDir, `${dailyQuotaKey(USER, day)}.json`),
      JSON.stringify({ day, runs: { 'earlier-run': EARLIER_UNITS } }),
    );
  }
});

afterAll(async () => {
  await emulator?.close();
  await rm(storageDir, { recursive: true, force: true });
});

async function ledgerTotals(): Promise<number[]> {
  const dir = join(storageDir, 'key_value_stores', DAILY_QUOTA_STORE);
  const totals: number[] = [];
  for (const file of await readdir(dir)) {
    const record = JSON.parse(await readFile(join(dir, file), 'utf8')) as { runs: Record<string, number> };
    totals.push(Object.values(record.runs).reduce((a, b) => a + b, 0));
  }
  return totals;
}

const input = {
  topic: 'python tutorial',
  channelCount: 4,
  notionPage: 'YouTube research',
  parentPage: 'Research',
  youtubeQuotaUnits: 1000,
};

describe('the daily YouTube quota per user', () => {
  it("cuts the run to what is left of the user's day, and the run says what it used", async () => {
    const { result } = await runActor(emulator, {
      input,
      approve: ['notion'],
      storageDir,
      env: { [DAILY_UNITS_VARIABLE]: '1500' },
    });
    expect(result.exitCode, result.stdout + result.stderr).toBe(0);
    const output = result.output as RunOutput;
    expect(output.quotaUnitsUsed).toBeGreaterThan(100);
    expect(output.quotaUnitsUsed).toBeLessThanOrEqual(500);
    expect(output.youtubeQuota).toEqual({
      usedUnits: output.quotaUnitsUsed,
      runBudgetUnits: 500,
      usedTodayUnits: EARLIER_UNITS + output.quotaUnitsUsed,
      dailyLimitUnits: 1500,
    });
    expect(result.stdout + result.stderr).toContain(
      `YouTube quota: ${output.quotaUnitsUsed} units this run; ${EARLIER_UNITS + output.quotaUnitsUsed} of your 1500 today (UTC).`,
    );
    // Recorded in the named store under the user and the day of the run.
    expect(await ledgerTotals()).toContain(EARLIER_UNITS + output.quotaUnitsUsed);
  }, 90_000);

  it('refuses a user whose day is spent, before any consent or YouTube call', async () => {
    await emulator.admin.resetCalls();
    const { result } = await runActor(emulator, { input, storageDir, env: { [DAILY_UNITS_VARIABLE]: '1100' } });
    expect(result.exitCode).toBe(1);
    const printed = result.stdout + result.stderr;
    expect(printed).toMatch(/Your daily YouTube quota is used up: \d+ of 1100 units today \(UTC\)/);
    expect(printed).toContain('00:00 UTC');
    expect(printed).not.toMatch(STACK_TRACE);
    const calls = await emulator.admin.calls();
    expect(
      calls.filter((call) => call.connector === 'youtube' || call.kind === 'proxy' || call.kind === 'tool'),
    ).toEqual([]);
  }, 60_000);
});
