import Anthropic from '@anthropic-ai/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../src/index.js';

const MODEL = 'claude-haiku-4-5';
const TOOLS: Anthropic.Messages.Tool[] = [
  { name: 'notion_page_search', input_schema: { type: 'object', properties: { query: { type: 'string' } } } },
  { name: 'notion_page_create', input_schema: { type: 'object', properties: {} } },
];

let emulator: RunningEmulator;
let claude: Anthropic;

beforeAll(async () => {
  emulator = await startEmulator();
  claude = new Anthropic({ apiKey: 'sk-ant-emulator', baseURL: emulator.envUrl, maxRetries: 0 });
});
afterAll(() => emulator.close());

describe('programming the Anthropic stand-in over the admin API', () => {
  it('runs a script sent as data and shows the recorded requests', async () => {
    const status = await emulator.admin.scriptAnthropic({
      answers: [{ type: 'tool_use', calls: [{ name: 'notion_page_search', input: { query: 'Roadmap' } }] }],
      rules: [
        {
          name: 'after search',
          when: { toolResultFor: 'notion_page_search' },
          answer: { type: 'text', text: 'Found: {{toolResults}}' },
          times: 1,
        },
      ],
    });
    expect(status).toEqual({ queued: 1, rules: [{ name: 'after search', remaining: 1 }] });

    const messages: Anthropic.Messages.MessageParam[] = [{ role: 'user', content: 'Where is the roadmap?' }];
    const first = await claude.messages.create({ model: MODEL, max_tokens: 200, tools: TOOLS, messages });
    const call = first.content.find((b): b is Anthropic.Messages.ToolUseBlock => b.type === 'tool_use')!;
    messages.push({ role: 'assistant', content: first.content });
    messages.push({
      role: 'user',
      content: [{ type: 'tool_result', tool_use_id: call.id, content: 'Roadmap 2025 (page 42)' }],
    });
    const second = await claude.messages.create({ model: MODEL, max_tokens: 200, tools: TOOLS, messages });
    expect(second.content).toEqual([{ type: 'text', text: 'Found: Roadmap 2025 (page 42)' }]);

    const requests = await emulator.admin.anthropicRequests();
    expect(requests).toHaveLength(2);
    expect(requests[0]).toMatchObject({
      status: 200,
      answeredBy: 'queue',
      model: MODEL,
      toolsOffered: ['notion_page_search', 'notion_page_create'],
    });
    expect(requests[1]).toMatchObject({
      answeredBy: 'rule:after search',
      lastUserText: '',
      toolResults: [
        { toolUseId: call.id, toolName: 'notion_page_search', text: 'Roadmap 2025 (page 42)', isError: false },
      ],
    });
    expect(await emulator.admin.anthropicScript()).toEqual({ queued: 0, rules: [] });
    await emulator.admin.clearAnthropicRequests();
    expect(await emulator.admin.anthropicRequests()).toEqual([]);
  });

  it('replaces or clears the script, and refuses malformed scripts', async () => {
    await emulator.admin.scriptAnthropic({
      answers: [
        { type: 'text', text: 'one' },
        { type: 'text', text: 'two' },
      ],
    });
    expect(
      (await emulator.admin.scriptAnthropic({ answers: [{ type: 'text', text: 'only' }], replace: true })).queued,
    ).toBe(1);
    const answer = await claude.messages.create({
      model: MODEL,
      max_tokens: 20,
      messages: [{ role: 'user', content: 'hi' }],
    });
    expect(answer.content).toEqual([{ type: 'text', text: 'only' }]);

    await emulator.admin.scriptAnthropic({
      answers: [{ type: 'error', status: 529 }],
      rules: [{ when: { model: MODEL }, answer: { type: 'text', text: 'r' } }],
    });
    expect(await emulator.admin.clearAnthropicScript()).toEqual({ queued: 0, rules: [] });

    const malformed: unknown[] = [
      { answers: [{ type: 'poem', text: 'x' }] },
      { answers: [{ type: 'error', status: 200 }] },
      { answers: [{ type: 'tool_use', calls: [] }] },
      { rules: [{ when: { lastUserTextContains: 5 }, answer: { type: 'text', text: 'x' } }] },
      { rules: [{ when: { mood: 'happy' }, answer: { type: 'text', text: 'x' } }] },
    ];
    for (const script of malformed) {
      await expect(
        emulator.admin.scriptAnthropic(script as Parameters<typeof emulator.admin.scriptAnthropic>[0]),
      ).rejects.toThrow(/\(400\)/);
    }
    expect(await emulator.admin.anthropicScript()).toEqual({ queued: 0, rules: [] });
  });
});
