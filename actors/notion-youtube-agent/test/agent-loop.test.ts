import type Anthropic from '@anthropic-ai/sdk';
import type {
  Message,
  MessageCreateParamsNonStreaming,
  ToolResultBlockParam,
} from '@anthropic-ai/sdk/resources/messages';
import { describe, expect, it } from 'vitest';
import {
  AGENT_TOOLS,
  AgentLoopError,
  createBudget,
  createToolDispatcher,
  runAgentLoop,
  type AgentStep,
  type AgentToolHandlers,
  type AnthropicMessageLike,
  type CallModel,
  type ContentBlockLike,
} from '../src/agent/index.js';

const pageId = '1429989f-e8ac-4eff-bc8f-57f56486db54';

// Compile-time proof that the loop plugs straight into the SDK client.
export const plugsIntoSdk =
  (client: Anthropic): CallModel =>
  (params) =>
    client.messages.create(params);
export const sdkMessageFits = (message: Message): AnthropicMessageLike => message;

const text = (value: string): ContentBlockLike => ({ type: 'text', text: value });
const toolUse = (id: string, name: string, input: unknown): ContentBlockLike => ({ type: 'tool_use', id, name, input });
const reply = (
  content: ContentBlockLike[],
  stopReason: string,
  usage = { input_tokens: 100, output_tokens: 20 },
): AnthropicMessageLike => ({
  content,
  stop_reason: stopReason,
  usage,
});

/** A model that answers from a script and remembers every request. */
function scriptedModel(script: ((request: MessageCreateParamsNonStreaming) => AnthropicMessageLike)[]): {
  callModel: CallModel;
  requests: MessageCreateParamsNonStreaming[];
} {
  const requests: MessageCreateParamsNonStreaming[] = [];
  const callModel: CallModel = (request) => {
    requests.push(request);
    const next = script[requests.length - 1];
    if (next === undefined)
      return Promise.reject(new Error(`model called ${requests.length} times, script has ${script.length}`));
    return Promise.resolve(next(request));
  };
  return { callModel, requests };
}

function fakeTools(overrides: Partial<AgentToolHandlers> = {}): {
  handlers: AgentToolHandlers;
  calls: [string, unknown][];
} {
  const calls: [string, unknown][] = [];
  const handler =
    (name: string, result: unknown) =>
    (input: unknown): Promise<unknown> => {
      calls.push([name, input]);
      return Promise.resolve(result);
    };
  return {
    calls,
    handlers: {
      notion_search_pages: handler('notion_search_pages', { results: [] }),
      notion_read_page: handler('notion_read_page', { blocks: [] }),
      notion_find_or_create_page: handler('notion_find_or_create_page', { id: pageId, created: true }),
      notion_append_blocks: handler('notion_append_blocks', { appended: 2 }),
      notion_create_page: handler('notion_create_page', { id: pageId }),
      youtube_search: handler('youtube_search', { items: [] }),
      youtube_channel_details: handler('youtube_channel_details', { items: [] }),
      youtube_research: handler('youtube_research', { channels: [{ title: 'Corey Schafer', score: 8.4 }] }),
      ...overrides,
    },
  };
}

const toolResults = (request: MessageCreateParamsNonStreaming | undefined): ToolResultBlockParam[] => {
  const last = request?.messages.at(-1);
  return last?.role === 'user' && Array.isArray(last.content) ? (last.content as ToolResultBlockParam[]) : [];
};

const baseOptions = { system: 'You are a research agent.', tools: AGENT_TOOLS, model: 'claude-test', maxTokens: 1024 };

describe('runAgentLoop', () => {
  it('runs a multi-turn conversation, answering every tool_use in order', async () => {
    const model = scriptedModel([
      () =>
        reply(
          [
            text('I will research and then find the page.'),
            toolUse('tu_1', 'youtube_research', { topic: 'python tutorial', count: 3 }),
            toolUse('tu_2', 'notion_find_or_create_page', { title: 'YouTube research' }),
          ],
          'tool_use',
        ),
      () =>
        reply(
          [
            toolUse('tu_3', 'notion_append_blocks', {
              page_id: pageId,
              blocks: [{ type: 'heading_2', text: 'Results' }, { type: 'divider' }],
            }),
          ],
          'tool_use',
        ),
      () => reply([text('Added 1 channel to the page.')], 'end_turn', { input_tokens: 300, output_tokens: 10 }),
    ]);
    const tools = fakeTools();
    const seen: AgentStep[] = [];
    const result = await runAgentLoop({
      ...baseOptions,
      task: 'Find python tutorial channels and add them to Notion',
      callModel: model.callModel,
      executeTool: createToolDispatcher(tools.handlers),
      budget: createBudget({ maxIterations: 10, maxInputTokens: 100_000, maxOutputTokens: 10_000 }),
      onStep: (step) => seen.push(step),
    });

    expect(result.stopReason).toBe('end_turn');
    expect(result.answer).toBe('Added 1 channel to the page.');
    expect(result.usage).toEqual({ iterations: 3, inputTokens: 500, outputTokens: 50 });
    expect(tools.calls.map(([name]) => name)).toEqual([
      'youtube_research',
      'notion_find_or_create_page',
      'notion_append_blocks',
    ]);
    expect(tools.calls[0]?.[1]).toEqual({ topic: 'python tutorial', count: 3 });
    expect(seen).toEqual(result.steps);
    expect(result.steps.map((s) => [s.iteration, s.index, s.toolName, s.isError])).toEqual([
      [1, 1, 'youtube_research', false],
      [1, 2, 'notion_find_or_create_page', false],
      [2, 3, 'notion_append_blocks', false],
    ]);
    expect(result.steps[0]?.tokens).toEqual({ input: 100, output: 20 });
    expect(JSON.parse(result.steps[0]!.content)).toEqual({ channels: [{ title: 'Corey Schafer', score: 8.4 }] });

    // The requests carry the model settings, and each turn's results answer its tool_use ids.
    expect(model.requests[0]).toMatchObject({
      model: 'claude-test',
      max_tokens: 1024,
      system: 'You are a research agent.',
      tools: AGENT_TOOLS,
    });
    expect(model.requests[0]?.messages).toEqual([
      { role: 'user', content: 'Find python tutorial channels and add them to Notion' },
    ]);
    expect(model.requests[1]?.messages.at(-2)).toEqual({
      role: 'assistant',
      content: [
        { type: 'text', text: 'I will research and then find the page.' },
        { type: 'tool_use', id: 'tu_1', name: 'youtube_research', input: { topic: 'python tutorial', count: 3 } },
        { type: 'tool_use', id: 'tu_2', name: 'notion_find_or_create_page', input: { title: 'YouTube research' } },
      ],
    });
    expect(toolResults(model.requests[1]).map((r) => [r.tool_use_id, r.is_error])).toEqual([
      ['tu_1', undefined],
      ['tu_2', undefined],
    ]);
    expect(toolResults(model.requests[2]).map((r) => r.tool_use_id)).toEqual(['tu_3']);
    expect(result.messages).toHaveLength(6);
  });

  it('answers malformed arguments and failing tools with is_error results and carries on', async () => {
    const model = scriptedModel([
      () =>
        reply(
          [
            toolUse('bad', 'youtube_search', { query: '', max_results: 500 }),
            toolUse('boom', 'notion_search_pages', { query: 'Ideas' }),
            toolUse('ghost', 'no_such_tool', {}),
          ],
          'tool_use',
        ),
      () => reply([text('Sorry, Notion is unavailable.')], 'end_turn'),
    ]);
    const tools = fakeTools({ notion_search_pages: () => Promise.reject(new Error('Notion returned 503')) });
    const result = await runAgentLoop({
      ...baseOptions,
      task: 'task',
      callModel: model.callModel,
      executeTool: createToolDispatcher(tools.handlers),
      budget: createBudget({ maxIterations: 5, maxInputTokens: 100_000, maxOutputTokens: 10_000 }),
    });

    expect(tools.calls).toEqual([]);
    const results = toolResults(model.requests[1]);
    expect(results.map((r) => [r.tool_use_id, r.is_error])).toEqual([
      ['bad', true],
      ['boom', true],
      ['ghost', true],
    ]);
    expect(results[0]?.content).toMatch(/^Invalid arguments for youtube_search: query: .*max_results: /);
    expect(results[1]?.content).toBe('Tool notion_search_pages failed: Notion returned 503');
    expect(results[2]?.content).toMatch(/^Unknown tool "no_such_tool"/);
    expect(result.steps.map((s) => s.errorKind)).toEqual(['invalid_input', 'tool_failed', 'invalid_input']);
    expect(result.stopReason).toBe('end_turn');
  });

  it('stops at the iteration limit after answering the last tool calls', async () => {
    const looping = (n: number) => () =>
      reply([text(`step ${n}`), toolUse(`tu_${n}`, 'notion_search_pages', { query: 'x' })], 'tool_use');
    const model = scriptedModel([looping(1), looping(2), looping(3), looping(4)]);
    const tools = fakeTools();
    const result = await runAgentLoop({
      ...baseOptions,
      task: 'task',
      callModel: model.callModel,
      executeTool: createToolDispatcher(tools.handlers),
      budget: createBudget({ maxIterations: 3, maxInputTokens: 100_000, maxOutputTokens: 10_000 }),
    });
    expect(model.requests).toHaveLength(3);
    expect(result.stopReason).toBe('max_iterations');
    expect(result.stopDetail).toBe('reached 3 model calls (limit 3)');
    expect(result.steps).toHaveLength(3);
    expect(result.answer).toBe('step 3');
    // The conversation stays valid: the last tool_use has its tool_result.
    expect(toolResults({ ...model.requests[0]!, messages: result.messages }).map((r) => r.tool_use_id)).toEqual([
      'tu_3',
    ]);
  });

  it('stops when the token budget is spent', async () => {
    const model = scriptedModel([
      () =>
        reply([toolUse('tu_1', 'notion_search_pages', { query: 'x' })], 'tool_use', {
          input_tokens: 600,
          output_tokens: 10,
        }),
      () =>
        reply([toolUse('tu_2', 'notion_search_pages', { query: 'y' })], 'tool_use', {
          input_tokens: 600,
          output_tokens: 10,
        }),
      () => reply([text('never reached')], 'end_turn'),
    ]);
    const result = await runAgentLoop({
      ...baseOptions,
      task: 'task',
      callModel: model.callModel,
      executeTool: createToolDispatcher(fakeTools().handlers),
      budget: createBudget({ maxIterations: 10, maxInputTokens: 1000, maxOutputTokens: 10_000 }),
    });
    expect(model.requests).toHaveLength(2);
    expect(result.stopReason).toBe('budget_exhausted');
    expect(result.stopDetail).toBe('used 1200 input tokens (limit 1000)');
    expect(result.answer).toBe('');
  });

  it('trims large tool results before sending them to the model', async () => {
    const huge = {
      items: Array.from({ length: 500 }, (_, n) => ({
        id: `v${n}`,
        snippet: { title: 'x'.repeat(200), thumbnails: { big: 'url' } },
      })),
    };
    const model = scriptedModel([
      () => reply([toolUse('tu_1', 'youtube_search', { query: 'python' })], 'tool_use'),
      () => reply([text('ok')], 'end_turn'),
    ]);
    const result = await runAgentLoop({
      ...baseOptions,
      task: 'task',
      callModel: model.callModel,
      executeTool: createToolDispatcher(fakeTools({ youtube_search: () => Promise.resolve(huge) }).handlers),
      budget: createBudget({ maxIterations: 5, maxInputTokens: 100_000, maxOutputTokens: 10_000 }),
      maxToolResultChars: 3000,
    });
    const content = toolResults(model.requests[1])[0]?.content;
    if (typeof content !== 'string') throw new Error('expected text content');
    expect(content.length).toBeLessThanOrEqual(3000);
    expect(JSON.parse(content)).toMatchObject({
      items: expect.arrayContaining([expect.stringMatching(/more$/)]) as unknown,
    });
    expect(result.steps[0]?.content).toBe(content);
  });

  it('passes thinking blocks back unchanged and resumes a paused turn', async () => {
    const model = scriptedModel([
      () =>
        reply(
          [
            { type: 'thinking', thinking: 'hmm', signature: 'sig' },
            toolUse('tu_1', 'notion_search_pages', { query: 'x' }),
          ],
          'tool_use',
        ),
      () => reply([text('partial')], 'pause_turn'),
      () => reply([text('final')], 'end_turn'),
    ]);
    const result = await runAgentLoop({
      ...baseOptions,
      task: 'task',
      callModel: model.callModel,
      executeTool: createToolDispatcher(fakeTools().handlers),
      budget: createBudget({ maxIterations: 5, maxInputTokens: 100_000, maxOutputTokens: 10_000 }),
    });
    expect(model.requests[1]?.messages[1]).toEqual({
      role: 'assistant',
      content: [
        { type: 'thinking', thinking: 'hmm', signature: 'sig' },
        { type: 'tool_use', id: 'tu_1', name: 'notion_search_pages', input: { query: 'x' } },
      ],
    });
    expect(model.requests).toHaveLength(3);
    expect(result.answer).toBe('final');
  });

  it('reports unexpected stop reasons and model failures with what was done so far', async () => {
    const refusing = scriptedModel([() => reply([text('I cannot help with that.')], 'refusal')]);
    const refused = await runAgentLoop({
      ...baseOptions,
      task: 'task',
      callModel: refusing.callModel,
      executeTool: createToolDispatcher(fakeTools().handlers),
      budget: createBudget({ maxIterations: 5, maxInputTokens: 100_000, maxOutputTokens: 10_000 }),
    });
    expect(refused.stopReason).toBe('refusal');

    const failing = scriptedModel([() => reply([toolUse('tu_1', 'notion_search_pages', { query: 'x' })], 'tool_use')]);
    const error = await runAgentLoop({
      ...baseOptions,
      task: 'task',
      callModel: failing.callModel,
      executeTool: createToolDispatcher(fakeTools().handlers),
      budget: createBudget({ maxIterations: 5, maxInputTokens: 100_000, maxOutputTokens: 10_000 }),
    }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(AgentLoopError);
    const loopError = error as AgentLoopError;
    expect(loopError.message).toMatch(/^Model call 2 failed: model called 2 times/);
    expect(loopError.partial.steps).toHaveLength(1);
    expect(loopError.partial.usage.iterations).toBe(1);
  });

  it('ends the run on a tool error marked fatal, keeping the steps before it, and sends other tool errors back', async () => {
    class ConnectionLost extends Error {}
    const model = scriptedModel([
      () =>
        reply(
          [
            toolUse('tu_1', 'notion_search_pages', { query: 'a' }),
            toolUse('tu_2', 'youtube_search', { query: 'b' }),
            toolUse('tu_3', 'notion_read_page', { page_id: pageId }),
          ],
          'tool_use',
        ),
    ]);
    const tools = fakeTools({
      youtube_search: () => Promise.reject(new ConnectionLost('the YouTube connection was revoked')),
      notion_search_pages: () => Promise.reject(new Error('search failed once')),
    });
    const error = await runAgentLoop({
      ...baseOptions,
      task: 'task',
      callModel: model.callModel,
      executeTool: createToolDispatcher(tools.handlers),
      budget: createBudget({ maxIterations: 5, maxInputTokens: 100_000, maxOutputTokens: 10_000 }),
      isFatalToolError: (caught) => caught instanceof ConnectionLost,
    }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(AgentLoopError);
    const loopError = error as AgentLoopError;
    expect(loopError.cause).toBeInstanceOf(ConnectionLost);
    expect(loopError.message).toBe('Tool youtube_search failed: the YouTube connection was revoked');
    // The non-fatal failure before it became a step; nothing after the fatal one ran.
    expect(loopError.partial.steps.map((s) => [s.toolName, s.isError, s.errorKind])).toEqual([
      ['notion_search_pages', true, 'tool_failed'],
    ]);
    expect(tools.calls.map(([name]) => name)).toEqual([]);
    expect(model.requests).toHaveLength(1);
  });
});
