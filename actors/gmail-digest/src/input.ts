// The Actor's input, checked in code as well as by the platform: plain `node dist/main.js` and
// API callers bypass the input schema, and defaults must hold for both. One message lists every
// problem, so a user fixes the input once.

import { parseInputWith } from '@repo/auth-gate';
import { z } from 'zod';
import { isValidTimeZone } from './digest/index.js';
import { InputError } from './errors.js';

export const DEFAULT_QUERY = '-category:promotions -category:social';
export const DEFAULT_MODEL = 'claude-sonnet-5';
export const DEFAULT_LOOKBACK_HOURS = 24;
export const MAX_LOOKBACK_HOURS = 720;
export const DEFAULT_MAX_MESSAGES = 200;
/** Each message is one full Gmail fetch (5 quota units) and a line of the digest; beyond this a digest stops being one. */
export const MAX_MESSAGES = 1000;
export const DEFAULT_MAX_INPUT_TOKENS_PER_BATCH = 30_000;
/** Below this the digest prompt plus one mail does not fit (batchForContext refuses). */
export const MIN_INPUT_TOKENS_PER_BATCH = 5_000;
/** Claude's context window is 200k tokens; the answer needs room too. */
export const MAX_INPUT_TOKENS_PER_BATCH = 150_000;
const MAX_LABELS = 20;

export type Since = 'lastDigest' | 'lookback';

export interface ActorInput {
  since: Since;
  lookbackHours: number;
  /** The user's Gmail search query, '' for none. */
  query: string;
  maxMessages: number;
  includeLabels: string[];
  excludeLabels: string[];
  timeZone: string;
  includeBodies: boolean;
  sendToSelf: boolean;
  useClaude: boolean;
  /** The key to use (input, else ANTHROPIC_API_KEY); null when there is none or Claude is off. */
  anthropicApiKey: string | null;
  model: string;
  maxInputTokensPerBatch: number;
}

/** Missing or null take the default; the Console sends null for cleared number fields. */
const withDefault = <T extends z.ZodType>(schema: T, fallback: z.input<T>) =>
  z.preprocess((value) => (value === null || value === undefined ? fallback : value), schema);

const int = (min: number, max: number, fallback: number) =>
  withDefault(
    z
      .int(`must be a whole number from ${min} to ${max}`)
      .min(min, `must be at least ${min}`)
      .max(max, `must be at most ${max}`),
    fallback,
  );

const bool = (fallback: boolean) => withDefault(z.boolean('must be true or false'), fallback);

const labelList = withDefault(
  z
    .array(z.string('each label must be a text').trim(), 'must be a list of label names')
    .max(MAX_LABELS, `at most ${MAX_LABELS} labels`)
    .transform((labels) => [...new Set(labels.filter((l) => l !== ''))]),
  [],
);

/** Blank means "not given" for optional texts (the Console sends "" for a cleared field). */
const optionalText = (max: number) =>
  z.preprocess(
    (value) => (typeof value === 'string' ? value.trim() : value) || undefined,
    z.string('must be a text').max(max, `must be at most ${max} characters`).optional(),
  );

const rawSchema = z.object({
  since: withDefault(z.enum(['lastDigest', 'lookback'], 'must be "lastDigest" or "lookback"'), 'lastDigest'),
  lookbackHours: int(1, MAX_LOOKBACK_HOURS, DEFAULT_LOOKBACK_HOURS),
  // An explicit "" is kept: clearing the field means "no extra filter", not "the default filter".
  query: withDefault(z.string('must be a text').trim().max(1000, 'must be at most 1000 characters'), DEFAULT_QUERY),
  maxMessages: int(1, MAX_MESSAGES, DEFAULT_MAX_MESSAGES),
  includeLabels: labelList,
  excludeLabels: labelList,
  timeZone: withDefault(
    z
      .string('must be a text')
      .trim()
      .refine(isValidTimeZone, 'must be an IANA time zone such as "Europe/Berlin" or "UTC"'),
    'UTC',
  ),
  includeBodies: bool(false),
  sendToSelf: bool(false),
  useClaude: bool(true),
  anthropicApiKey: optionalText(500),
  model: withDefault(
    z.string('must be a text').trim().min(1, 'must not be empty').max(100, 'must be at most 100 characters'),
    DEFAULT_MODEL,
  ),
  maxInputTokensPerBatch: int(
    MIN_INPUT_TOKENS_PER_BATCH,
    MAX_INPUT_TOKENS_PER_BATCH,
    DEFAULT_MAX_INPUT_TOKENS_PER_BATCH,
  ),
});

/**
 * The validated input, or an InputError with one message naming every field to fix. `env`
 * supplies ANTHROPIC_API_KEY (the operator's key), used when the input has none.
 */
export function parseInput(raw: unknown, env: Readonly<Record<string, string | undefined>>): ActorInput {
  const input = parseInputWith(rawSchema, raw, 'a JSON object (every field is optional)');
  const overlap = input.includeLabels.filter((l) =>
    input.excludeLabels.some((e) => e.toLowerCase() === l.toLowerCase()),
  );
  if (overlap.length > 0) {
    throw new InputError(
      `Invalid input: the label${overlap.length > 1 ? 's' : ''} ${overlap.map((l) => `"${l}"`).join(', ')} cannot be both included and excluded.`,
    );
  }
  const key = input.anthropicApiKey ?? (env['ANTHROPIC_API_KEY']?.trim() || undefined);
  return {
    since: input.since,
    lookbackHours: input.lookbackHours,
    query: input.query,
    maxMessages: input.maxMessages,
    includeLabels: input.includeLabels,
    excludeLabels: input.excludeLabels,
    timeZone: input.timeZone,
    includeBodies: input.includeBodies,
    sendToSelf: input.sendToSelf,
    useClaude: input.useClaude,
    anthropicApiKey: input.useClaude && key !== undefined ? key : null,
    model: input.model,
    maxInputTokensPerBatch: input.maxInputTokensPerBatch,
  };
}
