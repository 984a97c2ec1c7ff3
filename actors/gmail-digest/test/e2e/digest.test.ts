// The built actor end to end: real local Apify runs (own process, own storage) against the
// Scalekit emulator's seeded Gmail sandbox, the real auth-gate consent flow and the real Anthropic
// SDK talking to the emulator's scripted Messages API. The runs of one user build on each other
// (first digest, then the scheduled one), so the tests of this file run in order.

import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmulator, type RunningEmulator, type ScriptedAnswer, type ScriptRequest } from '@repo/scalekit-emulator';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
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
  type SandboxMessage,
} from '../support/e2e.js';

interface Item {
  id: string;
  threadId: string;
  subject: string;
  from: string;
  to: string[];
  category: string;
  priority: string;
  summary: string;
  labels: string[];
  attachments: string[];
  analyzedBy: string;
  body?: string;
}

interface Output {
  status: string;
  generatedBy: string;
  model: string | null;
  note: string | null;
  counts: { mails: number; threads: number; byCategory: Record<string, number> };
  range: { since: string; after: string; firstRun: boolean };
  tokenUsage: { requests: number; inputTokens: number; outputTokens: number } | null;
  claude: { batches: number; batchesAnswered: number; failures: string[] } | null;
  email: { to: string; messageId: string | null; error: string | null } | null;
  digestUrl: string;
  message: string;
}

const DEFAULT_EXCLUDED = ['CATEGORY_PROMOTIONS', 'CATEGORY_SOCIAL', 'SPAM', 'TRASH'];

/** What the default query should select: mail after the run's own window start, outside promotions/social/spam/trash. */
function expectedIds(messages: readonly SandboxMessage[], afterIso: string): string[] {
  const after = Date.parse(afterIso);
  return messages
    .filter((m) => Date.parse(m.internalDate) > after && !m.labelIds.some((l) => DEFAULT_EXCLUDED.includes(l)))
    .map((m) => m.id)
    .sort();
}

const ids = (items: readonly unknown[]): string[] => (items as Item[]).map((i) => i.id).sort();

let emulator: RunningEmulator;
const storage: Record<string, string> = {};

async function storageFor(user: string): Promise<string> {
  storage[user] ??= await mkdtemp(join(tmpdir(), `gmail-digest-${user}-`));
  return storage[user];
}

beforeAll(async () => {
  assertBuilt();
  emulator = await startEmulator({ seed: 11, sandboxes: { gmail: { messages: 60 } } });
});
afterAll(async () => {
  await emulator.close();
  await removeRunStorage();
});
beforeEach(() => {
  emulator.anthropic.clearScript();
  emulator.anthropic.clearRequests();
});

describe('gmail-digest as a local Apify run', () => {
  it('rejects bad input with one clear message, before touching any account or storage', async () => {
    const result = await runActor(
      emulator,
      { since: 'yesterday', maxMessages: 0, timeZone: 'Mars/Olympus' },
      { user: 'mallory' },
    );
    expect(result.exitCode).toBe(1);
    const logs = logsOf(result);
    const lines = logs.split('\n').filter((l) => l.includes('Invalid input'));
    expect(lines.length).toBeGreaterThan(0);
    // One message names every field to fix.
    expect(lines[0]).toMatch(/since: .*maxMessages: .*timeZone: /);
    expect(result.output).toBeUndefined();
    expect(result.datasetItems).toEqual([]);
    expect(await digestRecords(result.storageDir)).toEqual([undefined, undefined]);
    expect(await emulator.admin.accounts({ identifier: 'mallory' })).toEqual([]);
  }, 60_000);

  it('refuses an input that is not a JSON object (an array) before any Scalekit call', async () => {
    await emulator.admin.resetCalls();
    const result = await runActor(emulator, [{ since: '24h' }], { user: 'mallory' });
    expect(result.exitCode).toBe(1);
    expect(logsOf(result)).toContain('Invalid input: expected a JSON object');
    expect(result.output).toBeUndefined();
    expect(result.datasetItems).toEqual([]);
    expect(await emulator.admin.calls()).toEqual([]);
  }, 60_000);

  it('first run: consent on the Live View, then a deterministic digest of the last 24 hours', async () => {
    const storageDir = await storageFor('alice');
    const result = await runActor(emulator, {}, { user: 'alice', storageDir, consent: true });
    expect(result.exitCode, logsOf(result)).toBe(0);

    const output = result.output as Output;
    expect(output).toMatchObject({
      status: 'SUCCEEDED',
      generatedBy: 'deterministic',
      model: null,
      range: { since: 'lastDigest', firstRun: true },
    });
    expect(output.note).toMatch(/Claude was not used: no Anthropic API key/);
    expect(output.tokenUsage).toBeNull();
    // The window is the last 24 hours of this run.
    expect(Date.now() - Date.parse(output.range.after)).toBeGreaterThan(24 * 3_600_000 - 120_000);

    const box = await sandbox(emulator, 'alice');
    const items = result.datasetItems as Item[];
    expect(ids(items)).toEqual(expectedIds(box.messages, output.range.after));
    expect(items.length).toBe(output.counts.mails);
    expect(output.counts.threads).toBeLessThan(output.counts.mails); // some threads hold replies

    // The seeded mailbox's kinds come through parsed: HTML-only newsletters, multipart mail with
    // attachments, encoded non-ASCII subjects, user labels by name.
    expect(items.some((i) => i.category === 'newsletters')).toBe(true);
    expect(items.some((i) => i.attachments.length > 0)).toBe(true);
    expect(items.some((i) => /[^ -~]/.test(i.subject))).toBe(true);
    expect(items.every((i) => !/=\?utf-8\?/i.test(i.subject))).toBe(true);
    for (const item of items) {
      expect(item.summary).not.toBe('');
      expect(item.analyzedBy).toBe('deterministic');
      expect(item).not.toHaveProperty('body');
    }

    const [html, markdown] = await digestRecords(result.storageDir);
    expect(html).toMatch(/^<!DOCTYPE html>/);
    expect(html).toContain('data-generated-by="deterministic"');
    expect(markdown).toMatch(/^# Gmail digest for /);
    expect(output.digestUrl).toMatch(/DIGEST\.html$/);

    // No mail body reaches the log.
    const longest = [...box.messages].sort((a, b) => b.text.length - a.text.length)[0]!;
    expect(logsOf(result)).not.toContain(longest.text.replace(/\s+/g, ' ').trim().slice(20, 80));

    // The per-user state is stored under a hash: neither the store nor the key names the user.
    const records = await stateRecords(storageDir);
    const names = Object.keys(records);
    expect(names).toHaveLength(1);
    expect(names[0]).toMatch(/^user-[0-9a-f]{40}\.json$/);
    expect(JSON.stringify(records)).not.toContain('alice');
  }, 60_000);

  it('scheduled run: only mail newer than the last digest, no consent needed', async () => {
    const storageDir = await storageFor('alice');
    const before = Object.values(await stateRecords(storageDir))[0];
    const newId = await sendToSelf(
      emulator,
      'alice',
      'Note to self: renew the passport',
      'Renew the passport before the trip in March.',
    );

    const result = await runActor(emulator, {}, { user: 'alice', storageDir });
    expect(result.exitCode, logsOf(result)).toBe(0);
    expect(logsOf(result)).not.toContain('Waiting for authorization');
    const output = result.output as Output;
    expect(output).toMatchObject({
      status: 'SUCCEEDED',
      range: { since: 'lastDigest', firstRun: false },
      counts: { mails: 1 },
    });
    expect(ids(result.datasetItems)).toEqual([newId]);
    expect((result.datasetItems as Item[])[0]!.subject).toBe('Note to self: renew the passport');

    const after = Object.values(await stateRecords(storageDir))[0] as {
      cursor: { internalDateMs: number; idsAtBoundary: string[] };
    };
    expect(after.cursor.idsAtBoundary).toEqual([newId]);
    expect(after.cursor.internalDateMs).toBeGreaterThan(
      (before as { cursor: { internalDateMs: number } }).cursor.internalDateMs,
    );

    // Nothing new since: a clear, successful "no new mail" result.
    const quiet = await runActor(emulator, {}, { user: 'alice', storageDir });
    expect(quiet.exitCode, logsOf(quiet)).toBe(0);
    expect(quiet.output).toMatchObject({ status: 'NO_NEW_MAIL', counts: { mails: 0 } });
    expect((quiet.output as Output).message).toMatch(/^No new mail since /);
    expect(quiet.datasetItems).toEqual([]);
    const [html] = await digestRecords(quiet.storageDir);
    expect(html).toContain('No new mail in this period.');
  }, 90_000);

  it("two users never see each other's mail", async () => {
    const result = await runActor(
      emulator,
      { includeBodies: true },
      { user: 'bob', storageDir: await storageFor('bob'), consent: true },
    );
    expect(result.exitCode, logsOf(result)).toBe(0);
    const [bobBox, aliceBox] = await Promise.all([sandbox(emulator, 'bob'), sandbox(emulator, 'alice')]);
    expect(bobBox.address).not.toBe(aliceBox.address);
    const items = result.datasetItems as Item[];
    expect(items.length).toBeGreaterThan(0);
    const bobIds = new Set(bobBox.messages.map((m) => m.id));
    const aliceIds = new Set(aliceBox.messages.map((m) => m.id));
    for (const item of items) {
      expect(bobIds.has(item.id)).toBe(true);
      expect(aliceIds.has(item.id)).toBe(false);
      expect(item.to.join(' ')).not.toContain(aliceBox.address);
      // Asked for: the body is stored.
      expect(typeof item.body).toBe('string');
    }
    expect(items.some((i) => (i.body ?? '').length > 20)).toBe(true);
  }, 60_000);

  it("sendToSelf mails exactly one digest, to the user's own address, and the next digest leaves it out", async () => {
    const storageDir = await storageFor('carol');
    const startedAt = Date.now();
    const result = await runActor(emulator, { sendToSelf: true }, { user: 'carol', storageDir, consent: true });
    expect(result.exitCode, logsOf(result)).toBe(0);
    const box = await sandbox(emulator, 'carol');
    const output = result.output as Output;
    // The seeded mailbox's own outgoing mail is older than the run; only the digest is new in SENT.
    const sentByRun = box.sent.filter((m) => Date.parse(m.internalDate) >= startedAt);
    expect(sentByRun).toHaveLength(1);
    const mail = sentByRun[0]!;
    expect(mail.subject).toMatch(/^Gmail digest \d{4}-\d{2}-\d{2}: \d+ mails/);
    expect(mail.to).toBe(box.address);
    expect(output.email).toEqual({ to: box.address, messageId: mail.id, error: null });
    expect(output.counts.mails).toBeGreaterThan(0);

    const next = await runActor(emulator, { sendToSelf: true }, { user: 'carol', storageDir });
    expect(next.exitCode, logsOf(next)).toBe(0);
    expect(next.output).toMatchObject({ status: 'NO_NEW_MAIL', email: null });
    const after = await sandbox(emulator, 'carol');
    expect(after.sent.filter((m) => Date.parse(m.internalDate) >= startedAt)).toHaveLength(1);
  }, 90_000);

  describe("with Claude through the emulator's Messages API", () => {
    /** A valid forced tool call naming every mail of the batch. */
    const validAnswer = (request: ScriptRequest): ScriptedAnswer => {
      const batchIds = [...request.lastUserText.matchAll(/"id":"([^"]+)"/g)].map((m) => m[1]!);
      return {
        type: 'tool_use',
        calls: [
          {
            name: 'record_digest',
            input: {
              mails: batchIds.map((id) => ({
                id,
                category: 'people',
                priority: 'medium',
                reason: 'Scripted reason',
                summary: `Scripted summary of ${id}`,
                action_items: [],
              })),
              today: [],
            },
          },
        ],
      };
    };

    beforeAll(() => connectUser(emulator, 'claude-user'));

    const claudeRun = async (input: Record<string, unknown>) => {
      const result = await runActor(
        emulator,
        { since: 'lookback', ...input },
        { user: 'claude-user', env: { ANTHROPIC_API_KEY: 'sk-ant-emulator' } },
      );
      expect(result.exitCode, logsOf(result)).toBe(0);
      return { result, output: result.output as Output, items: result.datasetItems as Item[] };
    };

    it('writes the digest from the forced record_digest tool call, in batches, and reports tokens', async () => {
      emulator.anthropic.addRule({ name: 'digest', when: { toolOffered: 'record_digest' }, answer: validAnswer });
      // A month of mail and the smallest token budget: several requests.
      const { result, output, items } = await claudeRun({
        model: 'claude-haiku-4-5',
        maxInputTokensPerBatch: 5000,
        lookbackHours: 720,
      });

      expect(output).toMatchObject({ generatedBy: 'claude', model: 'claude-haiku-4-5', note: null });
      expect(items.length).toBeGreaterThan(0);
      for (const item of items)
        expect(item).toMatchObject({
          analyzedBy: 'claude',
          summary: `Scripted summary of ${item.id}`,
          category: 'people',
        });

      const requests = emulator.anthropic.requests();
      expect(requests.length).toBeGreaterThan(1); // the small token budget splits the mail into batches
      expect(output.claude).toEqual({ batches: requests.length, batchesAnswered: requests.length, failures: [] });
      expect(output.tokenUsage?.requests).toBe(requests.length);
      expect(output.tokenUsage?.inputTokens).toBeGreaterThan(0);
      expect(output.tokenUsage?.outputTokens).toBeGreaterThan(0);
      const sentIds = requests.flatMap((r) => [...r.lastUserText.matchAll(/"id":"([^"]+)"/g)].map((m) => m[1]!));
      expect(sentIds.sort()).toEqual(ids(items)); // every mail exactly once
      for (const request of requests) {
        expect(request.body).toMatchObject({
          model: 'claude-haiku-4-5',
          tool_choice: { type: 'tool', name: 'record_digest' },
          tools: [{ name: 'record_digest' }],
        });
      }
      const [html] = await digestRecords(result.storageDir);
      expect(html).toContain('data-generated-by="claude"');
      expect(html).toContain('Written by Claude (claude-haiku-4-5)');
    }, 60_000);

    it('falls back to the deterministic digest on a malformed answer and says why', async () => {
      emulator.anthropic.addRule({
        name: 'malformed',
        when: { toolOffered: 'record_digest' },
        answer: {
          type: 'tool_use',
          calls: [{ name: 'record_digest', input: { mails: 'sorry, no list today', today: [] } }],
        },
      });
      const { result, output, items } = await claudeRun({});
      expect(output.generatedBy).toBe('deterministic');
      expect(output.note).toMatch(
        /^Claude was not used: Claude's answer was malformed \(The record_digest input has no "mails" array\.\)/,
      );
      expect(output.tokenUsage?.requests).toBeGreaterThan(0);
      expect(items.every((i) => i.analyzedBy === 'deterministic')).toBe(true);
      const [html] = await digestRecords(result.storageDir);
      expect(html).toContain('data-generated-by="deterministic"');
      expect(html).toContain('answer was malformed');
    }, 60_000);

    it('falls back to the deterministic digest on an API error and says why', async () => {
      emulator.anthropic.addRule({ name: 'unused', when: { toolOffered: 'record_digest' }, answer: validAnswer });
      const { output, items } = await claudeRun({ anthropicApiKey: 'sk-ant-not-a-valid-key' });
      expect(output.generatedBy).toBe('deterministic');
      expect(output.note).toMatch(
        /Claude was not used: the Anthropic API answered 401 \(authentication_error\).*check the Anthropic API key/,
      );
      expect(items.length).toBeGreaterThan(0);
      // The secret never reaches OUTPUT; an authentication error is not retried.
      expect(JSON.stringify(output)).not.toContain('sk-ant-not-a-valid-key');
      expect(emulator.anthropic.requests().map((r) => r.status)).toEqual([401]);
    }, 60_000);
  });

  it("ends with a clear message when Gmail's quota stays exhausted, and keeps the cursor", async () => {
    await connectUser(emulator, 'erin');
    const storageDir = await storageFor('erin');
    const first = await runActor(emulator, {}, { user: 'erin', storageDir });
    expect(first.exitCode, logsOf(first)).toBe(0);
    const before = await stateRecords(storageDir);
    await sendToSelf(emulator, 'erin', 'Waiting in the quota queue', 'This one stays for the next run.');
    await emulator.admin.addFault({
      match: { kind: 'tool', name: 'gmail_fetch_mails', identifier: 'erin' },
      effect: { type: 'rate_limit', retryAfterSeconds: 600 },
    });
    try {
      // Tools' 429s carry no Retry-After through the SDK; a short 429 budget keeps the wait small.
      const result = await runActor(
        emulator,
        {},
        { user: 'erin', storageDir, env: { AUTH_GATE_RATE_LIMIT_BUDGET_SECS: '2' } },
      );
      expect(result.exitCode).toBe(1);
      expect(logsOf(result)).toMatch(
        /Gmail's usage limit for your account was reached.*next run starts where the last digest ended/,
      );
      expect(result.output).toBeUndefined();
      expect(result.datasetItems).toEqual([]);
      expect(await stateRecords(storageDir)).toEqual(before);
    } finally {
      await emulator.admin.clearFaults();
    }
    // Once the quota is back, the waiting mail is picked up.
    const after = await runActor(emulator, {}, { user: 'erin', storageDir });
    expect(after.output).toMatchObject({ status: 'SUCCEEDED', counts: { mails: 1 } });
  }, 90_000);

  it("without consent it ends with OUTPUT AWAITING_AUTH (what Apify's daily test sees)", async () => {
    const result = await runActor(emulator, {}, { user: 'dave', env: { AUTH_GATE_CONSENT_TIMEOUT_SECS: '1' } });
    expect(result.exitCode).toBe(1);
    expect(result.output).toMatchObject({ status: 'AWAITING_AUTH', connectors: ['gmail'] });
    expect(result.datasetItems).toEqual([]);
  }, 60_000);
});
