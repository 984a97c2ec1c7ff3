// The Actor's input, checked in code as well as by the platform: `node dist/main.js` and API
// callers bypass the input schema's checks, and some rules (a task needs a key) span fields.

import { parseInputWith } from '@repo/auth-gate';
import { z } from 'zod';
import { InputError } from './errors.js';
import { keywordVariations, minimumResearchUnits } from './research/index.js';

export const DEFAULT_NOTION_PAGE = 'YouTube research';
export const DEFAULT_MODEL = 'claude-sonnet-5';
/** A tenth of a default YouTube project's daily 10,000 units: eight searches plus details. */
export const DEFAULT_YOUTUBE_QUOTA_UNITS = 1000;
/** One search (100 units) plus a little for channel details. */
export const MIN_YOUTUBE_QUOTA_UNITS = 150;

/** Text fields: trimmed; empty, blank or null mean "not given" (the Console sends "" for cleared fields). */
const optionalText = (max: number) =>
  z.preprocess(
    (value) => (typeof value === 'string' ? value.trim() : value) || undefined,
    z.string().max(max, `must be at most ${max} characters`).optional(),
  );

const optionalInt = (min: number, max: number) =>
  z.preprocess((value) => (value === null ? undefined : value), z.int().min(min).max(max).optional());

const intWithDefault = (min: number, max: number, fallback: number) =>
  z.preprocess((value) => (value === null || value === undefined ? fallback : value), z.int().min(min).max(max));

const rawInputSchema = z.object({
  topic: optionalText(200),
  task: optionalText(4000),
  channelCount: intWithDefault(1, 50, 10),
  minSubscribers: intWithDefault(0, 1_000_000_000, 0),
  maxDaysSinceUpload: optionalInt(1, 3650),
  notionPage: optionalText(2000),
  parentPage: optionalText(2000),
  anthropicApiKey: optionalText(500),
  model: optionalText(100),
  maxIterations: intWithDefault(1, 50, 12),
  maxInputTokens: intWithDefault(10_000, 5_000_000, 400_000),
  maxOutputTokens: intWithDefault(1_000, 500_000, 40_000),
  youtubeQuotaUnits: intWithDefault(MIN_YOUTUBE_QUOTA_UNITS, 10_000, DEFAULT_YOUTUBE_QUOTA_UNITS),
});

interface CommonInput {
  channelCount: number;
  minSubscribers: number;
  maxDaysSinceUpload: number | undefined;
  /** Title, URL or id of the page to append to. */
  notionPage: string;
  /** Title, URL or id of the page under which a missing page is created. */
  parentPage: string | undefined;
  youtubeQuotaUnits: number;
}

export interface StructuredInput extends CommonInput {
  mode: 'structured';
  topic: string;
}

export interface AgentInput extends CommonInput {
  mode: 'agent';
  task: string;
  /** Context for the agent when both were given; the task wins. */
  topic: string | undefined;
  anthropicApiKey: string;
  model: string;
  maxIterations: number;
  maxInputTokens: number;
  maxOutputTokens: number;
}

export type ActorInput = StructuredInput | AgentInput;

/**
 * The validated input, or an InputError with one message listing everything to fix. `env`
 * supplies ANTHROPIC_API_KEY, the operator's key, used when the input has none.
 */
export function parseInput(raw: unknown, env: Readonly<Record<string, string | undefined>>): ActorInput {
  const input = parseInputWith(rawInputSchema, raw, 'a JSON object with a "topic" or a "task"');
  const common: CommonInput = {
    channelCount: input.channelCount,
    minSubscribers: input.minSubscribers,
    maxDaysSinceUpload: input.maxDaysSinceUpload,
    notionPage: input.notionPage ?? DEFAULT_NOTION_PAGE,
    parentPage: input.parentPage,
    youtubeQuotaUnits: input.youtubeQuotaUnits,
  };

  if (input.task !== undefined) {
    const apiKey = input.anthropicApiKey ?? (env['ANTHROPIC_API_KEY']?.trim() || undefined);
    if (apiKey === undefined) {
      throw new InputError(
        'A free-text task needs an Anthropic API key: fill in "Anthropic API key" (or set ANTHROPIC_API_KEY on the Actor), ' +
          'or clear the task and give a research topic, which needs no LLM.',
      );
    }
    return {
      ...common,
      mode: 'agent',
      task: input.task,
      topic: input.topic,
      anthropicApiKey: apiKey,
      model: input.model ?? DEFAULT_MODEL,
      maxIterations: input.maxIterations,
      maxInputTokens: input.maxInputTokens,
      maxOutputTokens: input.maxOutputTokens,
    };
  }
  if (input.topic === undefined) {
    throw new InputError(
      'Nothing to do: give a research topic (e.g. "python tutorial"; no LLM needed) or a free-text task for the Claude agent.',
    );
  }
  if (keywordVariations(input.topic).length === 0) {
    throw new InputError(
      `The topic "${input.topic}" has no searchable words; use a few words such as "python tutorial".`,
    );
  }
  const needed = minimumResearchUnits({ topic: input.topic, count: input.channelCount });
  if (input.youtubeQuotaUnits < needed) {
    throw new InputError(
      `A YouTube quota of ${input.youtubeQuotaUnits} units is too small for ${input.channelCount} channels: raise it to at least ${needed} (one search costs 100 units).`,
    );
  }
  return { ...common, mode: 'structured', topic: input.topic };
}
