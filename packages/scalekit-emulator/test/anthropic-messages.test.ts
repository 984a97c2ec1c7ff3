import Anthropic, { APIError } from '@anthropic-ai/sdk';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../src/index.js';

const API_KEY = 'sk-ant-emulator';
const MODEL = 'claude-sonnet-5';
const SEARCH_TOOL: Anthropic.Messages.Tool = {
  name: 'youtube_search',
  description: 'Search YouTube',
  input_schema: { type: 'object', properties: { q: { type: 'string' } }, required: ['q'] },
};

let emulator: RunningEmulator;
let claude: Anthropic;

beforeAll(async () => {
  emulator = await startEmulator();
  claude = new Anthropic({ apiKey: API_KEY, baseURL: emulator.envUrl, maxRetries: 0 });
});
afterEach(() => {
  emulator.anthropic.clearScript();
  emulator.anthropic.clearRequests();
});
afterAll(() => emulator.close());

/** The API error a call failed with (the SDK throws typed subclasses of APIError). */
async function apiError(call: Promise<unknown>): Promise<APIError> {
  const error = await call.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof APIError)) throw new Error(`expected an APIError, got ${String(error)}`);
  return error;
}

describe('tool use through the real SDK', () => {
  it('runs a two-turn tool-use exchange and echoes the tool result', async () => {
    emulator.anthropic.enqueue(
      {
        type: 'tool_use',
        text: 'Let me search.',
        calls: [{ name: 'youtube_search', input: { q: 'python tutorials' } }],
      },
      (request) => ({ type: 'text', text: `Top result: ${request.toolResults[0]?.text ?? 'none'}` }),
    );
    const messages: Anthropic.Messages.MessageParam[] = [{ role: 'user', content: 'Find Python channels' }];
    const first = await claude.messages.create({ model: MODEL, max_tokens: 1024, tools: [SEARCH_TOOL], messages });
    expect(first.id).toMatch(/^msg_01/);
    expect(first).toMatchObject({
      type: 'message',
      role: 'assistant',
      model: MODEL,
      stop_reason: 'tool_use',
      stop_sequence: null,
    });
    expect(first.content[0]).toEqual({ type: 'text', text: 'Let me search.' });
    const call = first.content[1] as Anthropic.Messages.ToolUseBlock;
    expect(call).toMatchObject({ type: 'tool_use', name: 'youtube_search', input: { q: 'python tutorials' } });
    expect(call.id).toMatch(/^toolu_01/);
    expect(first.usage).toMatchObject({ cache_creation_input_tokens: 0, cache_read_input_tokens: 0 });
    expect(first.usage.input_tokens).toBeGreaterThan(0);
    expect(first.usage.output_tokens).toBeGreaterThan(0);

    messages.push({ role: 'assistant', content: first.content });
    messages.push({
      role: 'user',
      content: [{ type: 'tool_result', tool_use_id: call.id, content: 'Corey Schafer (1.2M subscribers)' }],
    });
    const second = await claude.messages.create({ model: MODEL, max_tokens: 1024, tools: [SEARCH_TOOL], messages });
    expect(second.stop_reason).toBe('end_turn');
    expect(second.content).toEqual([{ type: 'text', text: 'Top result: Corey Schafer (1.2M subscribers)' }]);
    // The longer history costs more input tokens.
    expect(second.usage.input_tokens).toBeGreaterThan(first.usage.input_tokens);

    const recorded = emulator.anthropic.requests();
    expect(recorded.map((r) => [r.status, r.answeredBy])).toEqual([
      [200, 'queue'],
      [200, 'queue'],
    ]);
    expect(recorded[0]!.toolsOffered).toEqual(['youtube_search']);
    expect(recorded[1]!.toolResults).toEqual([
      {
        toolUseId: call.id,
        toolName: 'youtube_search',
        text: 'Corey Schafer (1.2M subscribers)',
        isError: false,
        content: 'Corey Schafer (1.2M subscribers)',
      },
    ]);
    expect(recorded[1]!.anthropicVersion).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  it('answers by rules before the queue, and refuses explicitly when nothing is scripted', async () => {
    emulator.anthropic
      .enqueue({ type: 'text', text: 'from the queue' })
      .addRule({
        name: 'digest',
        when: { systemContains: 'mail digest' },
        answer: { type: 'text', text: 'digest ready' },
      })
      .addRule({
        name: 'once',
        when: (r) => r.lastUserText.includes('ping'),
        answer: { type: 'text', text: 'pong' },
        times: 1,
      });

    const ask = (text: string, system?: string) =>
      claude.messages.create({
        model: MODEL,
        max_tokens: 100,
        ...(system ? { system } : {}),
        messages: [{ role: 'user', content: text }],
      });
    const texts = async (p: Promise<Anthropic.Messages.Message>) =>
      ((await p).content[0] as Anthropic.Messages.TextBlock).text;

    expect(await texts(ask('summarise', 'You write a mail digest.'))).toBe('digest ready');
    expect(await texts(ask('ping'))).toBe('pong');
    expect(await texts(ask('ping'))).toBe('from the queue');
    const refused = await apiError(ask('ping'));
    expect(refused).toBeInstanceOf(Anthropic.BadRequestError);
    expect(refused.type).toBe('invalid_request_error');
    expect(refused.apiMessage).toMatch(/no scripted response is configured/);
    expect(emulator.anthropic.requests().map((r) => r.answeredBy)).toEqual([
      'rule:digest',
      'rule:once',
      'queue',
      'unscripted',
    ]);
    expect(emulator.anthropic.status()).toEqual({ queued: 0, rules: [{ name: 'digest', remaining: null }] });
  });

  it('matches a rule on the tool a tool_result answers', async () => {
    emulator.anthropic
      .addRule({
        when: { toolResultFor: 'youtube_search' },
        answer: { type: 'text', text: 'Results: {{toolResults}}' },
      })
      .enqueue({ type: 'tool_use', calls: [{ name: 'youtube_search', input: { q: 'x' }, id: 'toolu_01fixed' }] });
    const first = await claude.messages.create({
      model: MODEL,
      max_tokens: 50,
      tools: [SEARCH_TOOL],
      messages: [{ role: 'user', content: 'go' }],
    });
    const second = await claude.messages.create({
      model: MODEL,
      max_tokens: 50,
      tools: [SEARCH_TOOL],
      messages: [
        { role: 'user', content: 'go' },
        { role: 'assistant', content: first.content },
        {
          role: 'user',
          content: [
            { type: 'tool_result', tool_use_id: 'toolu_01fixed', content: [{ type: 'text', text: '3 videos' }] },
          ],
        },
      ],
    });
    expect(second.content).toEqual([{ type: 'text', text: 'Results: 3 videos' }]);
  });

  it('stops at a stop sequence and at max_tokens', async () => {
    emulator.anthropic.enqueue({ type: 'text', text: 'alpha END beta' }, { type: 'text', text: 'x'.repeat(400) });
    const stopped = await claude.messages.create({
      model: MODEL,
      max_tokens: 100,
      stop_sequences: ['END'],
      messages: [{ role: 'user', content: 'a' }],
    });
    expect(stopped).toMatchObject({
      stop_reason: 'stop_sequence',
      stop_sequence: 'END',
      content: [{ type: 'text', text: 'alpha ' }],
    });
    const cut = await claude.messages.create({
      model: MODEL,
      max_tokens: 10,
      messages: [{ role: 'user', content: 'a' }],
    });
    expect(cut.stop_reason).toBe('max_tokens');
    expect(cut.usage.output_tokens).toBe(10);
    expect((cut.content[0] as Anthropic.Messages.TextBlock).text).toHaveLength(40);
  });
});

describe('errors', () => {
  it('answers a scripted 429 with retry-after and a 500, as the SDK types them', async () => {
    emulator.anthropic.enqueue(
      { type: 'error', status: 429, retryAfterSeconds: 7 },
      { type: 'error', status: 500, message: 'boom' },
    );
    const limited = await apiError(
      claude.messages.create({ model: MODEL, max_tokens: 10, messages: [{ role: 'user', content: 'a' }] }),
    );
    expect(limited).toBeInstanceOf(Anthropic.RateLimitError);
    expect(limited.headers?.get('retry-after')).toBe('7');
    expect(limited.type).toBe('rate_limit_error');
    expect(limited.requestID).toMatch(/^req_011C/);
    expect(limited.error).toMatchObject({
      type: 'error',
      error: { type: 'rate_limit_error' },
      request_id: limited.requestID,
    });
    const failed = await apiError(
      claude.messages.create({ model: MODEL, max_tokens: 10, messages: [{ role: 'user', content: 'a' }] }),
    );
    expect(failed).toBeInstanceOf(Anthropic.InternalServerError);
    expect(failed).toMatchObject({ status: 500, type: 'api_error', apiMessage: 'boom' });
    emulator.anthropic.enqueue({ type: 'error', status: 529 });
    const overloaded = await apiError(
      claude.messages.create({ model: MODEL, max_tokens: 10, messages: [{ role: 'user', content: 'a' }] }),
    );
    expect(overloaded).toMatchObject({ status: 529, type: 'overloaded_error' });
  });

  it('lets the SDK retry a 529 overloaded_error and records each attempt', async () => {
    emulator.anthropic.enqueue({ type: 'error', status: 529 }, { type: 'text', text: 'after the storm' });
    const retrying = new Anthropic({ apiKey: API_KEY, baseURL: emulator.envUrl, maxRetries: 1 });
    const answer = await retrying.messages.create({
      model: MODEL,
      max_tokens: 10,
      messages: [{ role: 'user', content: 'a' }],
    });
    expect(answer.content).toEqual([{ type: 'text', text: 'after the storm' }]);
    const recorded = emulator.anthropic.requests();
    expect(recorded.map((r) => [r.status, r.retryCount])).toEqual([
      [529, 0],
      [200, 1],
    ]);
    expect(recorded[0]!.response).toMatchObject({ type: 'error', error: { type: 'overloaded_error' } });
  });

  it('refuses a wrong API key with an AuthenticationError', async () => {
    emulator.anthropic.enqueue({ type: 'text', text: 'never sent' });
    const intruder = new Anthropic({ apiKey: 'sk-ant-wrong', baseURL: emulator.envUrl, maxRetries: 0 });
    const error = await apiError(
      intruder.messages.create({ model: MODEL, max_tokens: 10, messages: [{ role: 'user', content: 'a' }] }),
    );
    expect(error).toBeInstanceOf(Anthropic.AuthenticationError);
    expect(error.type).toBe('authentication_error');
    expect(emulator.anthropic.status().queued).toBe(1);
    expect(emulator.anthropic.requests()[0]).toMatchObject({ status: 401, answeredBy: 'auth' });
  });

  it('refuses invalid requests like the API, without using up the script', async () => {
    emulator.anthropic.enqueue({ type: 'text', text: 'kept for a valid request' });
    const invalid: [unknown, RegExp][] = [
      [{ model: MODEL, messages: [{ role: 'user', content: 'a' }] }, /^max_tokens: Field required$/],
      [{ model: MODEL, max_tokens: 10, messages: [] }, /at least one message/],
      [
        {
          model: MODEL,
          max_tokens: 10,
          messages: [
            { role: 'user', content: 'a' },
            { role: 'user', content: 'b' },
          ],
        },
        /roles must alternate/,
      ],
      [
        {
          model: MODEL,
          max_tokens: 10,
          messages: [
            { role: 'user', content: 'a' },
            { role: 'assistant', content: 'no tool call here' },
            { role: 'user', content: [{ type: 'tool_result', tool_use_id: 'toolu_01nope', content: 'x' }] },
          ],
        },
        /unexpected `tool_use_id` found in `tool_result` blocks: toolu_01nope/,
      ],
      [
        {
          model: MODEL,
          max_tokens: 10,
          tools: [SEARCH_TOOL],
          messages: [
            { role: 'user', content: 'a' },
            { role: 'assistant', content: [{ type: 'tool_use', id: 'toolu_01a', name: 'youtube_search', input: {} }] },
            { role: 'user', content: 'forgot the result' },
          ],
        },
        /`tool_use` ids were found without `tool_result` blocks immediately after: toolu_01a/,
      ],
      [
        { model: MODEL, max_tokens: 10, tools: [{ name: 'no_schema' }], messages: [{ role: 'user', content: 'a' }] },
        /input_schema: Field required/,
      ],
      [
        { model: MODEL, max_tokens: 10, tools: [SEARCH_TOOL, SEARCH_TOOL], messages: [{ role: 'user', content: 'a' }] },
        /Tool names must be unique/,
      ],
      [
        { model: MODEL, max_tokens: 10, stream: true, messages: [{ role: 'user', content: 'a' }] },
        /streaming is not supported/,
      ],
    ];
    for (const [body, message] of invalid) {
      const error = await apiError(claude.messages.create(body as Anthropic.Messages.MessageCreateParamsNonStreaming));
      expect(error).toBeInstanceOf(Anthropic.BadRequestError);
      expect(error.type).toBe('invalid_request_error');
      expect(error.apiMessage).toMatch(message);
    }
    expect(emulator.anthropic.requests().every((r) => r.answeredBy === 'invalid')).toBe(true);
    const ok = await claude.messages.create({
      model: MODEL,
      max_tokens: 10,
      messages: [{ role: 'user', content: 'a' }],
    });
    expect(ok.content).toEqual([{ type: 'text', text: 'kept for a valid request' }]);
  });

  it('refuses a scripted call of a tool the request did not offer', async () => {
    emulator.anthropic.enqueue({ type: 'tool_use', calls: [{ name: 'notion_page_create' }] });
    const error = await apiError(
      claude.messages.create({
        model: MODEL,
        max_tokens: 10,
        tools: [SEARCH_TOOL],
        messages: [{ role: 'user', content: 'a' }],
      }),
    );
    expect(error.apiMessage).toMatch(/calls notion_page_create, which the request does not offer/);
  });
});

describe('configuration', () => {
  it('accepts the key as x-api-key too, and requires anthropic-version', async () => {
    emulator.anthropic.enqueue({ type: 'text', text: 'raw' });
    const post = (headers: Record<string, string>) =>
      fetch(`${emulator.envUrl}/v1/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-api-key': API_KEY, ...headers },
        body: JSON.stringify({ model: MODEL, max_tokens: 5, messages: [{ role: 'user', content: 'a' }] }),
      });
    const missingVersion = await post({});
    expect(missingVersion.status).toBe(400);
    expect(await missingVersion.json()).toMatchObject({
      type: 'error',
      error: { type: 'invalid_request_error', message: 'anthropic-version: header is required' },
    });
    const ok = await post({ 'anthropic-version': '2023-06-01' });
    expect(ok.status).toBe(200);
    expect(ok.headers.get('request-id')).toMatch(/^req_011C/);
    expect(await ok.json()).toMatchObject({ type: 'message', content: [{ type: 'text', text: 'raw' }] });
  });

  it('accepts only the configured API key', async () => {
    const custom = await startEmulator({ anthropicApiKey: 'sk-ant-custom' });
    try {
      custom.anthropic.enqueue({ type: 'text', text: 'hello' });
      const defaultKey = new Anthropic({ apiKey: API_KEY, baseURL: custom.envUrl, maxRetries: 0 });
      expect(
        await apiError(
          defaultKey.messages.create({ model: MODEL, max_tokens: 5, messages: [{ role: 'user', content: 'a' }] }),
        ),
      ).toBeInstanceOf(Anthropic.AuthenticationError);
      const right = new Anthropic({ apiKey: 'sk-ant-custom', baseURL: custom.envUrl, maxRetries: 0 });
      const answer = await right.messages.create({
        model: MODEL,
        max_tokens: 5,
        messages: [{ role: 'user', content: 'a' }],
      });
      expect(answer.content).toEqual([{ type: 'text', text: 'hello' }]);
    } finally {
      await custom.close();
    }
  });
});
