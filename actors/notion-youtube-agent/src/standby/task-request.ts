// The body of POST /tasks: the normal input's fields that describe the work, checked by the same
// rules (parseInput), plus what only a shared server needs: the Anthropic key, the model and the
// budgets are the operator's (they pay for them), so a caller cannot set them.

import { InputError } from '../errors.js';
import { parseInput, type ActorInput } from '../input.js';

export const TASK_FIELDS = [
  'topic',
  'task',
  'notionPage',
  'parentPage',
  'channelCount',
  'minSubscribers',
  'maxDaysSinceUpload',
  'youtubeQuotaUnits',
] as const;

const ACCEPTED = new Set<string>(TASK_FIELDS);

export interface TaskRequestOptions {
  /** The operator's ANTHROPIC_API_KEY; free-text tasks need it. */
  anthropicApiKey: string | undefined;
  maxYoutubeQuotaUnits: number;
}

/** The task to run, or an InputError with one message saying what to fix. */
export function parseTaskRequest(body: unknown, options: TaskRequestOptions): ActorInput {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new InputError(
      'The body must be a JSON object with a "topic" (structured research) or a "task" (free text for Claude).',
    );
  }
  const unknown = Object.keys(body).filter((key) => !ACCEPTED.has(key));
  if (unknown.length > 0) {
    throw new InputError(
      `Unknown field${unknown.length > 1 ? 's' : ''} ${unknown.map((key) => JSON.stringify(key)).join(', ')}: a task accepts ${TASK_FIELDS.join(', ')}. ` +
        'The Anthropic key, the model and the agent budgets are set by the operator.',
    );
  }
  const task = (body as Record<string, unknown>)['task'];
  if (typeof task === 'string' && task.trim() !== '' && !options.anthropicApiKey) {
    throw new InputError(
      'Free-text tasks are not available here: the operator has not set ANTHROPIC_API_KEY. Send a research "topic" instead (no LLM needed).',
    );
  }
  // Only the operator's key: an ANTHROPIC_API_KEY from anywhere else must never reach parseInput.
  const input = parseInput(body, { ANTHROPIC_API_KEY: options.anthropicApiKey });
  if (input.youtubeQuotaUnits > options.maxYoutubeQuotaUnits) {
    throw new InputError(
      `youtubeQuotaUnits: at most ${options.maxYoutubeQuotaUnits} on this server (the YouTube quota is shared by all callers).`,
    );
  }
  return input;
}
