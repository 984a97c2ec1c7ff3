import Anthropic from '@anthropic-ai/sdk';
import OpenAI, { APIError, AuthenticationError, BadRequestError, RateLimitError } from 'openai';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../src/index.js';

const API_KEY = 'sk-ant-emulator';
const MODEL = 'claude-sonnet-5';
const SEARCH_TOOL: OpenAI.Chat.Completions.ChatCompletionFunctionTool = {
  type: 'function',
  function: {
    name: 'youtube_search',
    description: 'Search YouTube',
    parameters: { type: 'object', properties: { q: { type: 'string' } }, required: ['q'] },
  },
};

let emulator: RunningEmulator;
let openai: OpenAI;

beforeAll(async () => {
  emulator = await startEmulator();
  openai = new OpenAI({ apiKey: API_KEY, baseURL: `${emulator.envUrl}/v1`, maxRetries: 0 });
});
afterEach(() => {
  emulator.anthropic.clearScript();
  emulator.anthropic.clearRequests();
});
afterAll(() => emulator.close());

async function apiError(call: Promise<unknown>): Promise<APIError> {
  const error = await call.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof APIError)) throw new Error(`expected an APIError, got ${String(error)}`);
  return error;
}

function functionCall(call: OpenAI.Chat.Completions.ChatCompletionMessageToolCall | undefined) {
  if (call?.type !== 'function') throw new Error('expected a function tool call');
  return call;
}

describe('chat completions through the real openai client', () => {
  it('runs a two-turn tool-call exchange: tool_calls, then the tool result reaches the script', async () => {
    emulator.anthropic.enqueue(
      { type: 'tool_use', text: 'Let me search.', calls: [{ name: 'youtube_search', input: { q: 'python' } }] },
      (request) => ({
        type: 'text',
        text: `${request.toolResults[0]?.toolName}: ${request.toolResults[0]?.text ?? 'none'}`,
      }),
    );
    const messages: OpenAI.Chat.Completions.ChatCompletionMessageParam[] = [
      { role: 'system', content: 'You research channels.' },
      { role: 'developer', content: 'Be brief.' },
      { role: 'user', content: 'Find Python channels' },
    ];
    const first = await openai.chat.completions.create({ model: MODEL, messages, tools: [SEARCH_TOOL] });
    expect(first).toMatchObject({ object: 'chat.completion', model: MODEL });
    expect(first.id).toMatch(/^msg_01/);
    expect(first.choices).toHaveLength(1);
    const choice = first.choices[0]!;
    expect(choice.finish_reason).toBe('tool_calls');
    expect(choice.message.role).toBe('assistant');
    expect(choice.message.content).toBe('Let me search.');
    const call = functionCall(choice.message.tool_calls?.[0]);
    expect(call.id).toMatch(/^toolu_01/);
    expect(call.function.name).toBe('youtube_search');
    expect(JSON.parse(call.function.arguments)).toEqual({ q: 'python' });
    expect(first.usage!.prompt_tokens).toBeGreaterThan(0);
    expect(first.usage!.completion_tokens).toBeGreaterThan(0);
    expect(first.usage!.total_tokens).toBe(first.usage!.prompt_tokens + first.usage!.completion_tokens);

    messages.push(choice.message, { role: 'tool', tool_call_id: call.id, content: '3 channels found' });
    const second = await openai.chat.completions.create({ model: MODEL, messages, tools: [SEARCH_TOOL] });
    expect(second.choices[0]).toMatchObject({
      finish_reason: 'stop',
      message: { role: 'assistant', content: 'youtube_search: 3 channels found' },
    });
    expect(second.choices[0]!.message.tool_calls).toBeUndefined();

    const recorded = emulator.anthropic.requests();
    expect(recorded.map((r) => [r.api, r.status, r.answeredBy])).toEqual([
      ['chat.completions', 200, 'queue'],
      ['chat.completions', 200, 'queue'],
    ]);
    expect(recorded[0]!.toolsOffered).toEqual(['youtube_search']);
    expect(recorded[1]!.toolResults[0]).toMatchObject({ toolUseId: call.id, text: '3 channels found' });
    expect(recorded[0]!.anthropicVersion).toBeNull();
  });

  it('hoists system and developer messages into one system prompt, joined by a newline', async () => {
    let system = '';
    emulator.anthropic.enqueue((request) => {
      system = request.system;
      return { type: 'text', text: 'ok' };
    });
    await openai.chat.completions.create({
      model: MODEL,
      messages: [
        { role: 'system', content: 'First.' },
        { role: 'user', content: 'Hi' },
        { role: 'developer', content: [{ type: 'text', text: 'Second.' }] },
      ],
    });
    expect(system).toBe('First.\nSecond.');
  });

  it('one script serves both dialects: rules and the queue are shared with /v1/messages', async () => {
    emulator.anthropic
      .addRule({
        name: 'after search',
        when: { toolResultFor: 'youtube_search' },
        answer: { type: 'text', text: 'done' },
      })
      .enqueue({ type: 'text', text: 'from the queue' }, { type: 'text', text: 'second in queue' });
    const claude = new Anthropic({ apiKey: API_KEY, baseURL: emulator.envUrl, maxRetries: 0 });
    const viaClaude = await claude.messages.create({
      model: MODEL,
      max_tokens: 100,
      messages: [{ role: 'user', content: 'hi' }],
    });
    expect(viaClaude.content).toEqual([{ type: 'text', text: 'from the queue' }]);
    const viaOpenai = await openai.chat.completions.create({
      model: MODEL,
      messages: [{ role: 'user', content: 'hi' }],
    });
    expect(viaOpenai.choices[0]!.message.content).toBe('second in queue');
    const afterTool = await openai.chat.completions.create({
      model: MODEL,
      tools: [SEARCH_TOOL],
      messages: [
        { role: 'user', content: 'search' },
        {
          role: 'assistant',
          content: null,
          tool_calls: [
            { id: 'call_1', type: 'function', function: { name: 'youtube_search', arguments: '{"q":"x"}' } },
          ],
        },
        { role: 'tool', tool_call_id: 'call_1', content: [{ type: 'text', text: 'results' }] },
      ],
    });
    expect(afterTool.choices[0]!.message.content).toBe('done');
    expect(emulator.anthropic.requests().map((r) => [r.api, r.answeredBy])).toEqual([
      ['messages', 'queue'],
      ['chat.completions', 'queue'],
      ['chat.completions', 'rule:after search'],
    ]);
  });

  it('maps stop reasons to finish_reason: stop sequences, max tokens, refusals', async () => {
    emulator.anthropic.enqueue(
      { type: 'text', text: 'alpha END beta' },
      { type: 'text', text: 'x'.repeat(400) },
      { type: 'text', text: 'I cannot help with that.', stopReason: 'refusal' },
    );
    const user: OpenAI.Chat.Completions.ChatCompletionMessageParam[] = [{ role: 'user', content: 'go' }];
    const stopped = await openai.chat.completions.create({ model: MODEL, messages: user, stop: ['END', ' '] });
    expect(stopped.choices[0]).toMatchObject({ finish_reason: 'stop', message: { content: 'alpha ' } });
    const cut = await openai.chat.completions.create({ model: MODEL, messages: user, max_completion_tokens: 10 });
    expect(cut.choices[0]!.finish_reason).toBe('length');
    expect(cut.choices[0]!.message.content).toHaveLength(40);
    expect(cut.usage!.completion_tokens).toBe(10);
    const refused = await openai.chat.completions.create({ model: MODEL, messages: user });
    expect(refused.choices[0]!.finish_reason).toBe('content_filter');
  });

  it('translates tool_choice, parallel_tool_calls, temperature and image parts as the compatibility layer does', async () => {
    let seen: { toolChoice: unknown; temperature: unknown; maxTokens: number; firstBlock: unknown } | undefined;
    emulator.anthropic.enqueue((request) => {
      seen = {
        toolChoice: request.body.tool_choice,
        temperature: request.body.raw['temperature'],
        maxTokens: request.body.max_tokens,
        firstBlock: (request.messages[0]!.content as unknown[])[0],
      };
      return { type: 'tool_use', calls: [{ name: 'youtube_search', input: { q: 'cats' } }] };
    });
    const answer = await openai.chat.completions.create({
      model: MODEL,
      tools: [SEARCH_TOOL],
      tool_choice: 'required',
      parallel_tool_calls: false,
      temperature: 1.7,
      seed: 42,
      messages: [
        {
          role: 'user',
          content: [
            { type: 'image_url', image_url: { url: 'data:image/png;base64,iVBORw0KGgo=' } },
            { type: 'text', text: 'What is this?' },
          ],
        },
      ],
    });
    expect(seen).toEqual({
      toolChoice: { type: 'any', disable_parallel_tool_use: true },
      temperature: 1,
      maxTokens: 4096,
      firstBlock: { type: 'image', source: { type: 'base64', media_type: 'image/png', data: 'iVBORw0KGgo=' } },
    });
    // A turn that only calls tools has null content, as OpenAI answers it.
    expect(answer.choices[0]!.message.content).toBeNull();
  });
});

describe('errors in OpenAI shape', () => {
  it('refuses a wrong key with a 401 AuthenticationError', async () => {
    const wrong = new OpenAI({ apiKey: 'sk-wrong', baseURL: `${emulator.envUrl}/v1`, maxRetries: 0 });
    const error = await apiError(
      wrong.chat.completions.create({ model: MODEL, messages: [{ role: 'user', content: 'a' }] }),
    );
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(error.status).toBe(401);
    expect(error.type).toBe('authentication_error');
    expect(error.error).toEqual({ message: 'invalid API key', type: 'authentication_error', param: null, code: null });
    expect(emulator.anthropic.requests()[0]).toMatchObject({
      api: 'chat.completions',
      status: 401,
      answeredBy: 'auth',
    });
  });

  it('refuses invalid requests with a 400 naming the field', async () => {
    emulator.anthropic.enqueue({ type: 'text', text: 'never used' });
    const cases: [OpenAI.Chat.Completions.ChatCompletionCreateParamsNonStreaming, RegExp][] = [
      [{ model: MODEL, n: 2, messages: [{ role: 'user', content: 'a' }] }, /n: must be exactly 1/],
      [{ model: MODEL, messages: [] }, /at least one message/],
      [
        {
          model: MODEL,
          messages: [
            { role: 'user', content: 'a' },
            {
              role: 'assistant',
              tool_calls: [{ id: 'c1', type: 'function', function: { name: 'youtube_search', arguments: 'not json' } }],
            },
            { role: 'tool', tool_call_id: 'c1', content: 'r' },
          ],
        },
        /messages\[1\]\.tool_calls\[0\]\.function\.arguments: not valid JSON/,
      ],
      [
        {
          model: MODEL,
          messages: [
            { role: 'user', content: 'a' },
            {
              role: 'assistant',
              tool_calls: [{ id: 'c1', type: 'function', function: { name: 'youtube_search', arguments: '{}' } }],
            },
            { role: 'user', content: 'no tool result' },
          ],
        },
        /tool_use` ids were found without `tool_result`/,
      ],
    ];
    for (const [body, message] of cases) {
      const error = await apiError(openai.chat.completions.create(body));
      expect(error).toBeInstanceOf(BadRequestError);
      expect(error.type).toBe('invalid_request_error');
      expect(error.message).toMatch(message);
    }
    expect(emulator.anthropic.status().queued).toBe(1);
  });

  it('refuses streaming and unscripted requests with a clear 400', async () => {
    const stream = await apiError(
      openai.chat.completions.create({ model: MODEL, stream: true, messages: [{ role: 'user', content: 'a' }] }),
    );
    expect(stream.message).toMatch(/streaming is not supported/);
    const unscripted = await apiError(
      openai.chat.completions.create({ model: MODEL, messages: [{ role: 'user', content: 'a' }] }),
    );
    expect(unscripted.status).toBe(400);
    expect(unscripted.message).toMatch(/no scripted response is configured/);
  });

  it('a scripted 429 carries retry-after, and the client retries it', async () => {
    emulator.anthropic.enqueue({ type: 'error', status: 429, message: 'slow down', retryAfterSeconds: 0 });
    const limited = await apiError(
      openai.chat.completions.create({ model: MODEL, messages: [{ role: 'user', content: 'a' }] }),
    );
    expect(limited).toBeInstanceOf(RateLimitError);
    expect(limited.headers?.get('retry-after')).toBe('0');
    expect(limited.type).toBe('rate_limit_error');

    emulator.anthropic.enqueue(
      { type: 'error', status: 529, message: 'overloaded', retryAfterSeconds: 0 },
      { type: 'text', text: 'recovered' },
    );
    const patient = new OpenAI({ apiKey: API_KEY, baseURL: `${emulator.envUrl}/v1`, maxRetries: 2 });
    const answer = await patient.chat.completions.create({ model: MODEL, messages: [{ role: 'user', content: 'a' }] });
    expect(answer.choices[0]!.message.content).toBe('recovered');
    expect(emulator.anthropic.requests().map((r) => [r.status, r.retryCount])).toEqual([
      [429, 0],
      [529, 0],
      [200, 1],
    ]);
  });
});
