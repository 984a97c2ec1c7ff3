// What a run has done so far, recorded step by step in the run's default key-value store (see
// auth-gate's RunJournal), so that the rerun after an Apify migration neither researches and
// appends a second section to Notion nor pushes items or charges twice.

import { createHash } from 'node:crypto';
import type { RunJournal } from '@repo/auth-gate';
import { blockBody, type NotionBlock as CreatedBlock } from '@repo/notion-client';

export const PROGRESS_KEY = 'NOTION_YOUTUBE_AGENT_PROGRESS';

/**
 * In order. Structured mode: `planned` (clock), `researched`, `page-ready`, `append-intent` (the
 * page's last block before the append), `appended`. Agent mode: `agent-started`, `agent-wrote`
 * (its first Notion write began). Both: `result-ready`, `stored` (dataset and OUTPUT), `charging`.
 */
export const RUN_STEPS = [
  'planned',
  'researched',
  'page-ready',
  'append-intent',
  'appended',
  'agent-started',
  'agent-wrote',
  'result-ready',
  'stored',
  'charging',
] as const;
export type RunStep = (typeof RUN_STEPS)[number];

/** Each step's value, as stored (plain JSON). */
export type RunProgress = Partial<Record<RunStep, unknown>>;

export function progressFingerprint(input: unknown, userIdentifier: string): string {
  return createHash('sha256')
    .update(JSON.stringify([userIdentifier, input ?? null]))
    .digest('hex');
}

/** Steps as values: a completed step gives back its stored value instead of running again. */
export interface StepRecorder {
  reached(step: RunStep): boolean;
  /** The stored value of a completed step. */
  valueOf<T>(step: RunStep): T | undefined;
  record(step: RunStep, value: unknown): Promise<void>;
  once<T>(step: RunStep, run: () => Promise<T>): Promise<T>;
  /** Test-only stop (auth-gate's STOP_AFTER_STEP_VARIABLE) at a point that is not a step. */
  checkpoint(name: string): void;
}

export function journalRecorder(journal: RunJournal<RunStep, RunProgress>): StepRecorder {
  const recorder: StepRecorder = {
    reached: (step) => journal.reached(step),
    // The values are this module's own JSON, written by `record` for the same step.
    valueOf: <T>(step: RunStep) => journal.state?.[step] as T | undefined,
    record: (step, value) => journal.record(step, { ...journal.state, [step]: value ?? null }),
    async once<T>(step: RunStep, run: () => Promise<T>): Promise<T> {
      if (journal.reached(step)) return recorder.valueOf<T>(step) as T;
      const value = await run();
      await recorder.record(step, value);
      return value;
    },
    checkpoint: (name) => journal.checkpoint(name),
  };
  return recorder;
}

/** For callers without a journal (unit tests): every step runs, nothing is stored. */
export const NO_RECORDER: StepRecorder = {
  reached: () => false,
  valueOf: () => undefined,
  record: () => Promise.resolve(),
  once: (_step, run) => run(),
  checkpoint: () => undefined,
};

function plainText(block: CreatedBlock): string {
  const items = blockBody(block)['rich_text'];
  return Array.isArray(items) ? items.map((item: { plain_text?: string }) => item.plain_text ?? '').join('') : '';
}

export type SectionState = { kind: 'absent' } | { kind: 'complete' } | { kind: 'partial'; blockIds: string[] };

/**
 * Where an interrupted append left the section, from the page's top-level blocks: the section
 * starts with its heading after `anchor` (the page's last block before the append; null: the page
 * was empty) and has `length` top-level blocks ending with a divider. A partial one runs from the
 * heading to the next other section's heading or the page's end.
 */
export function sectionState(
  children: readonly CreatedBlock[],
  anchor: string | null,
  heading: string,
  length: number,
): SectionState {
  const from = anchor === null ? 0 : children.findIndex((block) => block.id === anchor) + 1;
  // An anchor that is gone (deleted meanwhile): look at the whole page.
  const after = anchor !== null && from === 0 ? children : children.slice(from);
  const start = after.findIndex((block) => block.type === 'heading_2' && plainText(block) === heading);
  if (start < 0) return { kind: 'absent' };
  const rest = after.slice(start);
  const mine = rest.slice(0, length);
  if (
    mine.length === length &&
    mine.at(-1)?.type === 'divider' &&
    mine.slice(1).every((block) => block.type !== 'heading_2')
  )
    return { kind: 'complete' };
  const end = rest.findIndex((block, index) => index > 0 && block.type === 'heading_2');
  return { kind: 'partial', blockIds: (end < 0 ? rest : rest.slice(0, end)).map((block) => block.id) };
}
