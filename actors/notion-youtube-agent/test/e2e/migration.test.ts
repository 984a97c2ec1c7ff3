// A migration at every step boundary of a structured run: the built actor stops right after a step
// (the test-only ACTOR_TEST_STOP_AFTER_STEP, as a migration killing the container there would) and
// runs again on the same storage without purging it (what the platform does after a migration).
// The result must equal one uninterrupted run: one section in Notion, the same ranked channels in
// the dataset and OUTPUT, nothing twice.

import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { migrateAfterStep } from '@repo/actor-runner';
import { TEST_STOP_EXIT_CODE } from '@repo/auth-gate';
import type { RunningEmulator } from '@repo/scalekit-emulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChannelItem, RunOutput } from '../../src/run-output.js';
import {
  connectSharedYoutube,
  livePagesTitled,
  notionOf,
  runActor,
  startStack,
  textOf,
  type NotionBlockSnapshot,
} from '../support/stack.js';

const input = { topic: 'python tutorial', channelCount: 3, notionPage: 'YouTube research', parentPage: 'Research' };

let emulator: RunningEmulator;
const dirs: string[] = [];

beforeAll(async () => {
  emulator = await startStack();
  await connectSharedYoutube(emulator);
}, 60_000);
afterAll(async () => {
  await emulator.close();
  await Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true })));
});

interface Outcome {
  sections: string[][];
  items: ChannelItem[];
  output: RunOutput;
}

/** The live top-level blocks of the user's research page, cut into sections at each heading. */
async function outcomeOf(user: string, items: unknown[], output: unknown): Promise<Outcome> {
  const pages = livePagesTitled(await notionOf(emulator, user), 'YouTube research');
  expect(pages).toHaveLength(1);
  const live = pages[0]!.children.filter((block) => block.archived !== true && block.in_trash !== true);
  const sections: string[][] = [];
  for (const block of live) {
    if (block.type === 'heading_2') sections.push([]);
    sections.at(-1)?.push(describeBlock(block));
  }
  return { sections, items: items as ChannelItem[], output: output as RunOutput };
}

/** A block as text, with its nested details, and without the minute the section was written. */
function describeBlock(block: NotionBlockSnapshot): string {
  const text = `${block.type}: ${textOf(block).replace(/\d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC/, '<minute>')}`;
  return [text, ...block.children.map((child) => `  ${describeBlock(child)}`)].join('\n');
}

function comparable(outcome: Outcome) {
  return {
    sections: outcome.sections,
    items: outcome.items.map(({ notionPageUrl: _url, ...item }) => item),
    channels: outcome.output.channels,
    status: outcome.output.status,
  };
}

async function storageDir(user: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), `nya-${user}-`));
  dirs.push(dir);
  return dir;
}

let baseline: Outcome;

describe('notion-youtube-agent survives a migration at every step (structured mode)', () => {
  beforeAll(async () => {
    const user = 'mig-base';
    const { result } = await runActor(emulator, {
      input,
      approve: ['notion'],
      env: { AUTH_GATE_USER_ID: user },
      storageDir: await storageDir(user),
    });
    expect(result.exitCode, result.stdout + result.stderr).toBe(0);
    baseline = await outcomeOf(user, result.datasetItems, result.output);
    expect(baseline.sections).toHaveLength(1);
    expect(baseline.items).toHaveLength(3);
  }, 120_000);

  it.each([
    'planned',
    'researched',
    'page-ready',
    'append-intent',
    // The blocks reached Notion, the run stopped before recording it: the rerun finds the section.
    'append-unrecorded',
    'appended',
    'result-ready',
    'stored',
    'charging',
  ])(
    'stopped after "%s", then rerun on the same storage: one section, as after one run',
    async (step) => {
      const user = `mig-${step}`;
      const dir = await storageDir(user);

      const { stopped, resumed } = await migrateAfterStep(step, (env, phase) =>
        runActor(emulator, {
          input,
          ...(phase === 'stop' ? { approve: ['notion'] } : {}),
          storageDir: dir,
          env: { AUTH_GATE_USER_ID: user, ...env },
        }),
      );
      expect(stopped.result.exitCode, stopped.result.stdout + stopped.result.stderr).toBe(TEST_STOP_EXIT_CODE);
      const { result } = resumed;
      expect(result.exitCode, result.stdout + result.stderr).toBe(0);

      expect(result.stdout).toContain(
        `Resuming a restarted run after its step "${step === 'append-unrecorded' ? 'append-intent' : step}"`,
      );
      const outcome = await outcomeOf(user, result.datasetItems, result.output);
      expect(comparable(outcome)).toEqual(comparable(baseline));
      expect(outcome.sections).toHaveLength(1);
      expect(new Set(outcome.items.map((item) => item.channelId)).size).toBe(outcome.items.length);
    },
    150_000,
  );
});
