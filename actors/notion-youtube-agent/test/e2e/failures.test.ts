// How runs that cannot do the job end: one clear message, the right OUTPUT status, nothing
// written where nothing should be, and no stack trace.

import type { RunningEmulator } from '@repo/scalekit-emulator';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RunOutput } from '../../src/run-output.js';
import {
  connectSharedYoutube,
  livePagesTitled,
  notionOf,
  runActor,
  runOnPlatform,
  SHARED_YOUTUBE,
  startStack,
  USER,
} from '../support/stack.js';

let emulator: RunningEmulator;

beforeEach(async () => {
  emulator = await startStack();
});
afterEach(async () => {
  await emulator.close();
});

const topicInput = { topic: 'python tutorial', channelCount: 2, parentPage: 'Research' };
const STACK_TRACE = /\n\s+at /;

async function youtubeToolCalls(): Promise<number> {
  return (await emulator.admin.calls({ kind: 'tool' })).filter((call) => call.connector === 'youtube').length;
}

describe('the shared YouTube account on the platform', () => {
  it('a Store user gets OPERATOR_ACTION_REQUIRED and no consent link when the operator has not connected YouTube', async () => {
    const { result, api } = await runOnPlatform(emulator, {
      userId: 'store-user',
      actorOwnerId: 'operator',
      input: topicInput,
      env: { AUTH_GATE_OPERATOR_USER_ID: 'operator' },
    });
    expect(result.exitCode).toBe(1);
    expect(api.records.get('OUTPUT')).toMatchObject({ status: 'OPERATOR_ACTION_REQUIRED', connector: 'youtube' });
    expect(api.statusMessages.at(-1)).toContain('operator has not connected the shared "youtube" account');
    // Nobody was offered a link: not for YouTube, and not for Notion either (the run could not continue).
    const rpcs = await emulator.admin.calls({ kind: 'rpc' });
    expect(rpcs.some((call) => /magiclink/i.test(call.name))).toBe(false);
    expect(await youtubeToolCalls()).toBe(0);
    expect(api.datasetItems).toEqual([]);
    expect(result.stdout + result.stderr).not.toMatch(STACK_TRACE);
  });

  it('the operator running the Actor is offered YouTube on the consent page and the run goes on', async () => {
    const { result, api } = await runOnPlatform(emulator, {
      userId: 'operator',
      actorOwnerId: 'operator',
      input: topicInput,
      approve: ['notion', 'youtube'],
    });
    expect(result.exitCode).toBe(0);
    expect(api.records.get('OUTPUT')).toMatchObject({ status: 'SUCCEEDED' });
    expect(api.datasetItems).toHaveLength(2);
    expect((await emulator.admin.account('youtube', SHARED_YOUTUBE))?.status).toBe('ACTIVE');
    // Links were made here (the same check proves none were made for the Store user above).
    const rpcs = await emulator.admin.calls({ kind: 'rpc' });
    expect(
      rpcs
        .filter((call) => /magiclink/i.test(call.name))
        .map((call) => call.connector)
        .sort(),
    ).toEqual(['notion', 'youtube']);
    // The operator's own Notion is per-user, keyed by their Apify user id.
    expect((await emulator.admin.account('notion', 'operator'))?.status).toBe('ACTIVE');
  });
});

describe('bad input', () => {
  beforeEach(async () => {
    await connectSharedYoutube(emulator);
    await emulator.admin.resetCalls();
  });

  it.each([
    // Not an object: Actor.getInput() would have spread the array into an object with defaults.
    [['python tutorial'], 'Invalid input: expected a JSON object'],
    [{}, 'Nothing to do: give a research topic'],
    [{ topic: '  ', task: '' }, 'Nothing to do: give a research topic'],
    [{ task: 'Find Python channels' }, 'A free-text task needs an Anthropic API key'],
    [{ topic: 'python tutorial', channelCount: 500 }, 'Invalid input: channelCount:'],
    [{ topic: 'python tutorial', youtubeQuotaUnits: 150, channelCount: 50 }, 'is too small for 50 channels'],
  ])('%j fails with one clear message before touching any account', async (input, message) => {
    const { result } = await runActor(emulator, { input });
    expect(result.exitCode).toBe(1);
    const printed = result.stdout + result.stderr;
    expect(printed).toContain(message);
    expect(printed).not.toMatch(STACK_TRACE);
    expect(result.output).toBeUndefined();
    expect(result.datasetItems).toEqual([]);
    expect(await emulator.admin.calls()).toEqual([]);
  });

  it('an unknown page with no parent is found out before any research or write', async () => {
    const { result } = await runActor(emulator, {
      input: { topic: 'python tutorial', notionPage: 'Page that does not exist' },
      approve: ['notion'],
    });
    expect(result.exitCode).toBe(1);
    const printed = result.stdout + result.stderr;
    expect(printed).toContain('No Notion page titled "Page that does not exist" was found, and no parent page is set');
    expect(printed).not.toMatch(STACK_TRACE);
    expect(await youtubeToolCalls()).toBe(0);
    // Notion was only searched: no page created, no block appended.
    const notionCalls = (await emulator.admin.calls()).filter(
      (call) => call.connector === 'notion' && (call.kind === 'proxy' || call.kind === 'tool'),
    );
    expect(new Set(notionCalls.map((call) => call.name))).toEqual(new Set(['/v1/search']));
    expect(livePagesTitled(await notionOf(emulator), 'Page that does not exist')).toEqual([]);
    expect(result.output).toBeUndefined();
    expect(result.datasetItems).toEqual([]);
  });
});

describe('consent', () => {
  it('ends with OUTPUT AWAITING_AUTH when nobody connects Notion in time', async () => {
    await connectSharedYoutube(emulator);
    const { run, result } = await runActor(emulator, {
      input: topicInput,
      env: { AUTH_GATE_CONSENT_TIMEOUT_SECS: '1' },
    });
    expect(result.exitCode).toBe(1);
    const output = result.output as RunOutput & { connectors: string[]; liveViewUrl: string };
    expect(output).toMatchObject({ status: 'AWAITING_AUTH', connectors: ['notion'], liveViewUrl: run.liveViewUrl });
    expect(output).toMatchObject({ code: 'AUTHORIZATION_TIMEOUT', needsPerson: true });
    expect(result.stdout + result.stderr).toContain(`Authorization needed: nobody connected notion within 1s`);
    expect(result.stdout + result.stderr).toContain(run.liveViewUrl);
    expect(result.stdout + result.stderr).not.toMatch(STACK_TRACE);
    expect(await youtubeToolCalls()).toBe(0);
    expect(result.datasetItems).toEqual([]);
    expect((await emulator.admin.account('notion', USER))?.status).not.toBe('ACTIVE');
  });
});
