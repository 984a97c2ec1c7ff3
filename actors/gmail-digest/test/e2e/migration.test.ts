// A migration at every step boundary: the built actor runs as a real local Apify run, stops right
// after a step (the test-only ACTOR_TEST_STOP_AFTER_STEP, as a migration killing the container
// there would), and runs again on the same storage without purging it (what the platform does
// after a migration). The result must equal one uninterrupted run: the same digest and items, the
// cursor moved once, exactly one digest mail in SENT.

import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TEST_STOP_EXIT_CODE } from '@repo/auth-gate';
import { migrateAfterStep, readDataset, readRecord } from '@repo/actor-runner';
import { startEmulator, type RunningEmulator } from '@repo/scalekit-emulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  assertBuilt,
  connectUser,
  digestRecords,
  logsOf,
  removeRunStorage,
  runActor,
  sandbox,
  sendToSelf,
  stateRecords,
} from '../support/e2e.js';

const NOTES = 4;
// Only the notes written for the test: the digest mails of the runs never count, whatever the clock.
const INPUT = { sendToSelf: true, query: 'subject:"migration note"' };

interface Item {
  subject: string;
  category: string;
  priority: string;
  summary: string;
}

interface Output {
  status: string;
  counts: { mails: number };
  email: { to: string; messageId: string | null; error: string | null } | null;
}

interface Outcome {
  items: Item[];
  markdown: string;
  output: Output;
  cursor: unknown;
  digestMails: { id: string; to: string }[];
  address: string;
}

let emulator: RunningEmulator;

beforeAll(async () => {
  assertBuilt();
  emulator = await startEmulator({ seed: 5, sandboxes: { gmail: { messages: 20 } } });
});
afterAll(async () => {
  await emulator.close();
  await removeRunStorage();
});

/** A user with Gmail connected and NOTES fresh notes to self to digest. */
async function userWithNotes(user: string): Promise<void> {
  await connectUser(emulator, user);
  for (let i = 1; i <= NOTES; i++) {
    await sendToSelf(
      emulator,
      user,
      `Migration note ${i}`,
      `Please review the plan number ${i} before Friday. Can you confirm?`,
    );
  }
}

/** What the run left: items, digest, OUTPUT, the per-user cursor and the digest mails in SENT. */
async function outcomeOf(user: string, storageDir: string): Promise<Outcome> {
  const box = await sandbox(emulator, user);
  const state = Object.values(await stateRecords(storageDir)) as { cursor: unknown }[];
  const [, markdown] = await digestRecords(storageDir);
  return {
    items: (await readDataset(storageDir)) as Item[],
    markdown: String(markdown),
    output: (await readRecord(storageDir, 'OUTPUT')) as Output,
    cursor: state[0]?.cursor,
    digestMails: box.sent.filter((m) => m.subject.startsWith('Gmail digest')).map((m) => ({ id: m.id, to: m.to })),
    address: box.address,
  };
}

/** The parts of a digest that do not depend on whose mailbox it is (addresses, ids, clock). */
function comparable(outcome: Outcome) {
  const strip = (text: string) =>
    text
      .replaceAll(outcome.address, '<me>')
      .replace(/\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?Z?( UTC)?/g, '<time>')
      .replace(/https:\/\/mail\.google\.com\/\S+/g, '<link>')
      .replace(/[^\s(]*@example\.com/g, '<address>');
  return {
    items: outcome.items
      .map((i) => ({ subject: i.subject, category: i.category, priority: i.priority, summary: strip(i.summary) }))
      .sort((a, b) => a.subject.localeCompare(b.subject)),
    // Sender lines name the mailbox's owner and the minute the note was written: they differ per user.
    markdown: strip(outcome.markdown)
      .split('\n')
      .filter((line) => !/generated|today|· \w{3} \d{1,2} \w{3}, \d{2}:\d{2}/i.test(line))
      .sort(),
    status: outcome.output.status,
    mails: outcome.output.counts.mails,
  };
}

let baseline: Outcome;

describe('gmail-digest survives a migration at every step', () => {
  beforeAll(async () => {
    await userWithNotes('mig-base');
    const storageDir = await mkdtemp(join(tmpdir(), 'gmail-digest-mig-base-'));
    const run = await runActor(emulator, INPUT, { user: 'mig-base', storageDir });
    expect(run.exitCode, logsOf(run)).toBe(0);
    baseline = await outcomeOf('mig-base', storageDir);
    expect(baseline.items).toHaveLength(NOTES);
    expect(baseline.digestMails).toHaveLength(1);
  }, 120_000);

  it.each([
    'planned',
    'built',
    'stored',
    'cursor-saved',
    'charging',
    'mail-intent',
    // The mail left, the run stopped before recording it: the rerun finds it in SENT.
    'mail-sent-unrecorded',
    'mailed',
  ])(
    'stopped after "%s", then rerun on the same storage: the same result as one run',
    async (step) => {
      const user = `mig-${step}`;
      await userWithNotes(user);
      const storageDir = await mkdtemp(join(tmpdir(), `gmail-digest-${user}-`));

      const { stopped, resumed: rerun } = await migrateAfterStep(step, (env) =>
        runActor(emulator, INPUT, { user, storageDir, env }),
      );
      expect(stopped.exitCode, logsOf(stopped)).toBe(TEST_STOP_EXIT_CODE);
      expect(rerun.exitCode, logsOf(rerun)).toBe(0);
      const outcome = await outcomeOf(user, storageDir);

      expect(logsOf(rerun)).toContain(
        `Resuming a restarted run after its step "${step === 'mail-sent-unrecorded' ? 'mail-intent' : step}"`,
      );
      expect(comparable(outcome)).toEqual(comparable(baseline));
      expect(outcome.items).toHaveLength(NOTES);
      expect(outcome.digestMails).toHaveLength(1);
      expect(outcome.digestMails[0]!.to).toBe(outcome.address);
      expect(outcome.output.email).toEqual({ to: outcome.address, messageId: outcome.digestMails[0]!.id, error: null });
      // The cursor sits on the newest note, as after one run (the note ids differ per mailbox).
      const newestNote = (await sandbox(emulator, user)).messages
        .filter((m) => m.subject.startsWith('Migration note'))
        .reduce((a, b) => (Date.parse(a.internalDate) >= Date.parse(b.internalDate) ? a : b));
      expect(outcome.cursor).toEqual({
        internalDateMs: Date.parse(newestNote.internalDate),
        idsAtBoundary: [newestNote.id],
      });
    },
    150_000,
  );

  it('a new run on the same storage (purged default store, as a new run on Apify) starts afresh: no new mail', async () => {
    const user = 'mig-next';
    await userWithNotes(user);
    const storageDir = await mkdtemp(join(tmpdir(), `gmail-digest-${user}-`));
    const first = await runActor(emulator, INPUT, { user, storageDir });
    const second = await runActor(emulator, INPUT, { user, storageDir });

    expect(first.exitCode, logsOf(first)).toBe(0);
    expect(second.exitCode, logsOf(second)).toBe(0);
    expect(logsOf(second)).not.toContain('Resuming a restarted run');
    expect(second.output).toMatchObject({ status: 'NO_NEW_MAIL', email: null });
    expect((await outcomeOf(user, storageDir)).digestMails).toHaveLength(1);
  }, 150_000);
});
