// The batch loop over Claude with a stand-in for the one SDK method it uses; the real SDK against
// the emulator's Messages API is exercised by the end-to-end tests.

import { APIConnectionError, APIError } from '@anthropic-ai/sdk';
import type { ContentBlock, Message, MessageCreateParamsNonStreaming } from '@anthropic-ai/sdk/resources/messages';
import { describe, expect, it } from 'vitest';
import { describeApiError, digestWithClaude, interpretAnswer, type MessagesApi } from '../src/claude/claude-digest.js';
import { parsedMail } from './fixtures/parsed-mails.js';
import { NOW, TIME_ZONE, USER } from './fixtures/gmail-messages.js';

function message(
  content: ContentBlock[],
  stop: Message['stop_reason'] = 'tool_use',
  tokens = { input: 1000, output: 200 },
): Message {
  return {
    id: 'msg_test',
    container: null,
    content,
    diagnostics: null,
    model: 'claude-sonnet-5',
    role: 'assistant',
    stop_details: null,
    stop_reason: stop,
    stop_sequence: null,
    type: 'message',
    usage: {
      cache_creation: null,
      cache_creation_input_tokens: 0,
      cache_read_input_tokens: 10,
      inference_geo: null,
      input_tokens: tokens.input,
      output_tokens: tokens.output,
      output_tokens_details: null,
      server_tool_use: null,
      service_tier: 'standard',
      speed: null,
    },
  };
}

const toolCall = (input: unknown): ContentBlock => ({
  type: 'tool_use',
  id: 'toolu_1',
  name: 'record_digest',
  input,
  caller: { type: 'direct' },
});
const verdict = (id: string) => ({
  id,
  category: 'people',
  priority: 'low',
  reason: 'FYI',
  summary: `About ${id}`,
  action_items: [],
});
const idsIn = (params: MessageCreateParamsNonStreaming): string[] => {
  const user = params.messages[0]?.content;
  return typeof user === 'string' ? [...user.matchAll(/"id":"([^"]+)"/g)].map((m) => m[1]!) : [];
};

/** Answers each request with `answer(ids of the batch, call number)`, recording the requests. */
function fakeApi(
  answer: (ids: string[], call: number) => Message | Error,
): MessagesApi & { calls: MessageCreateParamsNonStreaming[] } {
  const calls: MessageCreateParamsNonStreaming[] = [];
  return {
    calls,
    create(params) {
      calls.push(params);
      const result = answer(idsIn(params), calls.length);
      return result instanceof Error ? Promise.reject(result) : Promise.resolve(result);
    },
  };
}

// Long enough that the smallest budget holds only a few mails per request.
const mails = Array.from({ length: 9 }, (_, i) =>
  parsedMail({ id: `mail${i}`, body: `Update number ${i}. ${'Plenty of detail here. '.repeat(60)}` }),
);
const base = {
  model: 'claude-sonnet-5',
  maxInputTokensPerBatch: 5_000,
  now: NOW,
  timeZone: TIME_ZONE,
  userAddresses: [USER],
};

describe('digestWithClaude', () => {
  it('sends every mail once, forces the digest tool, and adds up the tokens', async () => {
    const api = fakeApi((ids) => message([toolCall({ mails: ids.map(verdict), today: ids.slice(0, 1) })]));
    const outcome = await digestWithClaude(mails, { ...base, api });
    expect(api.calls.length).toBeGreaterThan(1);
    expect(api.calls.flatMap(idsIn).sort()).toEqual(mails.map((m) => m.id).sort());
    for (const call of api.calls) {
      expect(call.tool_choice).toEqual({ type: 'tool', name: 'record_digest', disable_parallel_tool_use: true });
      expect(call.tools).toEqual([expect.objectContaining({ name: 'record_digest' })]);
      expect(call.max_tokens).toBe(512 + 150 * idsIn(call).length);
    }
    expect(outcome).toMatchObject({ batches: api.calls.length, batchesAnswered: api.calls.length, failures: [] });
    expect(outcome.usage).toEqual({
      requests: api.calls.length,
      inputTokens: 1000 * api.calls.length,
      outputTokens: 200 * api.calls.length,
      cacheReadInputTokens: 10 * api.calls.length,
      cacheCreationInputTokens: 0,
    });
    expect(outcome.results.flatMap((r) => r.mails.map((m) => m.id)).sort()).toEqual(mails.map((m) => m.id).sort());
  });

  it('loses only the batch whose answer is unusable, and says which', async () => {
    const api = fakeApi((ids, call) =>
      call === 2
        ? message([{ type: 'text', text: 'I would rather not.', citations: null }], 'end_turn')
        : message([toolCall({ mails: ids.map(verdict), today: [] })]),
    );
    const outcome = await digestWithClaude(mails, { ...base, api });
    expect(outcome.batches).toBeGreaterThan(1);
    expect(outcome.batchesAnswered).toBe(outcome.batches - 1);
    expect(outcome.failures).toEqual([
      `batch 2 of ${outcome.batches}: Claude's answer did not call the record_digest tool`,
    ]);
  });

  it('stops at the first API error: the next request would most likely fail the same way', async () => {
    const api = fakeApi((ids, call) =>
      call === 1
        ? message([toolCall({ mails: ids.map(verdict), today: [] })])
        : new APIConnectionError({ message: 'Connection error.' }),
    );
    const outcome = await digestWithClaude(mails, { ...base, api });
    expect(api.calls).toHaveLength(2);
    expect(outcome.batchesAnswered).toBe(1);
    expect(outcome.failures).toEqual([
      `batch 2 of ${outcome.batches}: the Anthropic API could not be reached (Connection error.)`,
    ]);
    expect(outcome.usage.requests).toBe(2);
  });
});

describe('interpretAnswer', () => {
  const ids = new Set(['a', 'b']);

  it('keeps only entries and "today" ids of the batch', () => {
    const result = interpretAnswer(
      message([toolCall({ mails: [verdict('a'), verdict('zzz')], today: ['zzz', 'a'] })]),
      ids,
    );
    expect(result).toMatchObject({
      ok: true,
      result: { mails: [{ id: 'a' }], today: ['a'] },
      issues: ['entry for unknown id zzz dropped'],
    });
  });

  it('explains refusals, cut-off answers, malformed input and answers about other mail', () => {
    const reasons = [
      interpretAnswer(message([], 'refusal'), ids),
      interpretAnswer(message([toolCall({ mails: [verdict('a')] })], 'max_tokens'), ids),
      interpretAnswer(message([toolCall({ mails: 'none' })]), ids),
      interpretAnswer(message([toolCall({ mails: [verdict('x')], today: [] })]), ids),
    ].map((r) => (r.ok ? 'ok' : r.reason));
    expect(reasons).toEqual([
      'Claude declined to process these mails (stop reason "refusal")',
      "Claude's answer was cut off at the max_tokens limit",
      'Claude\'s answer was malformed (The record_digest input has no "mails" array.)',
      "Claude's answer named none of the mails it was given",
    ]);
  });
});

describe('describeApiError', () => {
  it("states status, type, the API's message and what to do, without headers", () => {
    const error = APIError.generate(
      401,
      { type: 'error', error: { type: 'authentication_error', message: 'invalid x-api-key' } },
      undefined,
      new Headers({ 'x-secret': 'no' }),
    );
    expect(describeApiError(error)).toBe(
      'the Anthropic API answered 401 (authentication_error): invalid x-api-key; check the Anthropic API key',
    );
    const overloaded = APIError.generate(
      529,
      { type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' } },
      undefined,
      new Headers(),
    );
    expect(describeApiError(overloaded)).toMatch(
      /529 \(overloaded_error\): Overloaded; the Anthropic API is overloaded/,
    );
  });
});
