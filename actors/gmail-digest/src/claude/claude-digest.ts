// Claude over the digest batches: one forced `record_digest` tool call per batch, each answer
// validated, token use added up. Any failure is described in words for the digest's note; the
// caller falls back to the deterministic rules for whatever Claude did not classify.

import { APIConnectionError, APIError } from '@anthropic-ai/sdk';
import type { Message, MessageCreateParamsNonStreaming, ToolUseBlock } from '@anthropic-ai/sdk/resources/messages';
import { type ParsedMail } from '../mail/index.js';
import {
  DIGEST_TOOL,
  DIGEST_TOOL_CHOICE,
  DIGEST_TOOL_NAME,
  batchForContext,
  buildDigestPrompt,
  parseDigestToolInput,
  suggestedMaxOutputTokens,
  type DigestToolResult,
  type MailBatch,
} from '../llm/index.js';

/** The one SDK call used; `client.messages` satisfies it. */
export interface MessagesApi {
  create(params: MessageCreateParamsNonStreaming): PromiseLike<Message>;
}

export interface TokenUsage {
  requests: number;
  inputTokens: number;
  outputTokens: number;
  cacheReadInputTokens: number;
  cacheCreationInputTokens: number;
}

export interface ClaudeDigestOptions {
  api: MessagesApi;
  model: string;
  maxInputTokensPerBatch: number;
  now: Date;
  timeZone: string;
  userAddresses: readonly string[];
  onBatch?: (index: number, total: number) => void | Promise<void>;
}

export interface ClaudeDigestOutcome {
  /** Validated answers, each limited to the ids of its own batch. */
  results: DigestToolResult[];
  usage: TokenUsage;
  batches: number;
  batchesAnswered: number;
  /** Why batches went unanswered, in order ("batch 2 of 3: ..."); empty when all were answered. */
  failures: string[];
  /** Entries of otherwise usable answers that were dropped or repaired (for the log). */
  issues: string[];
}

export function emptyUsage(): TokenUsage {
  return { requests: 0, inputTokens: 0, outputTokens: 0, cacheReadInputTokens: 0, cacheCreationInputTokens: 0 };
}

const HINTS: Record<number, string> = {
  400: 'the request was refused as invalid',
  401: 'check the Anthropic API key',
  403: 'the API key may not use this model',
  404: 'check the model name',
  429: 'the Anthropic rate limit was reached; run again later',
  529: 'the Anthropic API is overloaded; run again later',
};

/** instanceof alone leaves APIError's type parameters as any. */
function isApiError(error: unknown): error is APIError<number | undefined, Headers | undefined, object | undefined> {
  return error instanceof APIError;
}

/** One line about an API failure, without headers or keys. */
export function describeApiError(error: unknown): string {
  if (error instanceof APIConnectionError) return `the Anthropic API could not be reached (${error.message})`;
  if (isApiError(error)) {
    const { status } = error;
    if (status !== undefined) {
      const type = error.type !== null ? ` (${error.type})` : '';
      const detail = error.apiMessage !== null && error.apiMessage !== '' ? `: ${error.apiMessage}` : '';
      const hint =
        HINTS[status] ?? (status >= 500 ? 'the Anthropic API had an internal error; run again later' : undefined);
      return `the Anthropic API answered ${status}${type}${detail}${hint !== undefined ? `; ${hint}` : ''}`;
    }
  }
  return `the Anthropic API call failed (${error instanceof Error ? error.message : String(error)})`;
}

type Interpreted = { ok: true; result: DigestToolResult; issues: string[] } | { ok: false; reason: string };

/** Reads one answer: the forced tool call's input, checked and limited to the batch's ids. */
export function interpretAnswer(message: Message, batchIds: ReadonlySet<string>): Interpreted {
  if (message.stop_reason === 'refusal')
    return { ok: false, reason: 'Claude declined to process these mails (stop reason "refusal")' };
  if (message.stop_reason === 'max_tokens')
    return { ok: false, reason: "Claude's answer was cut off at the max_tokens limit" };
  const call = message.content.find(
    (block): block is ToolUseBlock => block.type === 'tool_use' && block.name === DIGEST_TOOL_NAME,
  );
  if (call === undefined) return { ok: false, reason: `Claude's answer did not call the ${DIGEST_TOOL_NAME} tool` };
  const parsed = parseDigestToolInput(call.input);
  if (!parsed.ok) return { ok: false, reason: `Claude's answer was malformed (${parsed.error})` };
  const issues = [...parsed.issues];
  const mails = parsed.result.mails.filter((verdict) => {
    if (batchIds.has(verdict.id)) return true;
    issues.push(`entry for unknown id ${verdict.id} dropped`);
    return false;
  });
  if (mails.length === 0) return { ok: false, reason: "Claude's answer named none of the mails it was given" };
  return { ok: true, result: { mails, today: parsed.result.today.filter((id) => batchIds.has(id)) }, issues };
}

function addUsage(total: TokenUsage, message: Message): void {
  total.inputTokens += message.usage.input_tokens;
  total.outputTokens += message.usage.output_tokens;
  total.cacheReadInputTokens += message.usage.cache_read_input_tokens ?? 0;
  total.cacheCreationInputTokens += message.usage.cache_creation_input_tokens ?? 0;
}

/**
 * Sends the batches one after another. An API error ends the whole attempt (the next call would
 * most likely fail the same way, and cost time); an unusable answer only loses its own batch.
 */
export async function digestWithClaude(
  mails: readonly ParsedMail[],
  options: ClaudeDigestOptions,
): Promise<ClaudeDigestOutcome> {
  const usage = emptyUsage();
  const outcome: ClaudeDigestOutcome = { results: [], usage, batches: 0, batchesAnswered: 0, failures: [], issues: [] };
  const promptOptions = { now: options.now, timeZone: options.timeZone, userAddresses: options.userAddresses };
  let batches: MailBatch[];
  try {
    batches = batchForContext(mails, { ...promptOptions, maxInputTokens: options.maxInputTokensPerBatch });
  } catch (error) {
    outcome.failures.push(error instanceof Error ? error.message : String(error));
    return outcome;
  }
  outcome.batches = batches.length;
  for (const [index, batch] of batches.entries()) {
    const where = batches.length > 1 ? `batch ${index + 1} of ${batches.length}: ` : '';
    await options.onBatch?.(index + 1, batches.length);
    const prompt = buildDigestPrompt(batch, promptOptions);
    let message: Message;
    try {
      usage.requests += 1;
      message = await options.api.create({
        model: options.model,
        max_tokens: suggestedMaxOutputTokens(batch.mails.length),
        system: prompt.system,
        messages: [{ role: 'user', content: prompt.user }],
        tools: [DIGEST_TOOL],
        tool_choice: DIGEST_TOOL_CHOICE,
      });
    } catch (error) {
      outcome.failures.push(`${where}${describeApiError(error)}`);
      break;
    }
    addUsage(usage, message);
    const answer = interpretAnswer(message, new Set(batch.mails.map((m) => m.id)));
    if (!answer.ok) {
      outcome.failures.push(`${where}${answer.reason}`);
      continue;
    }
    outcome.results.push(answer.result);
    outcome.issues.push(...answer.issues.map((issue) => `${where}${issue}`));
    outcome.batchesAnswered += 1;
  }
  return outcome;
}
