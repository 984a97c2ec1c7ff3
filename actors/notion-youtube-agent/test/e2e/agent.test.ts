// The free-text mode end to end: the built actor talks to the emulator's scripted Anthropic
// Messages API through the real @anthropic-ai/sdk client (ANTHROPIC_BASE_URL), and its tool
// calls reach the user's Notion sandbox and the shared YouTube sandbox through Scalekit.

import type { RunningEmulator, ScriptRequest } from '@repo/scalekit-emulator';
import { readFile } from 'node:fs/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AGENT_TOOLS } from '../../src/agent/index.js';
import { DAILY_QUOTA_STORE } from '../../src/research/index.js';
import type { ChannelItem, RunOutput } from '../../src/run-output.js';
import type { PayPerEventEvents } from '../support/fake-apify-api.js';
import {
  ACTOR_DIR,
  connectSharedYoutube,
  livePagesTitled,
  notionOf,
  richTextOf,
  runActor,
  runOnPlatform,
  startStack,
  textOf,
} from '../support/stack.js';

let emulator: RunningEmulator;
let anthropicEnv: Record<string, string>;

beforeEach(async () => {
  emulator = await startStack();
  await connectSharedYoutube(emulator);
  anthropicEnv = { ANTHROPIC_API_KEY: emulator.anthropic.apiKey, ANTHROPIC_BASE_URL: emulator.envUrl };
});
afterEach(async () => {
  await emulator.close();
});

interface ResearchToolResult {
  channels: { rank: number; id: string; title: string; url: string; score: number; reason: string }[];
}

/** A block as the model writes it for notion_append_blocks. */
function block(type: string, text?: string, url?: string): Record<string, string> {
  return { type, ...(text === undefined ? {} : { text }), ...(url === undefined ? {} : { url }) };
}

function onlyResult(request: ScriptRequest): { text: string; isError: boolean } {
  expect(request.toolResults).toHaveLength(1);
  return request.toolResults[0]!;
}

describe('Claude agent (free-text task)', () => {
  it('researches, finds or creates the page, gets a malformed argument back as a tool error, then appends; on the platform it charges per tool call', async () => {
    let research: ResearchToolResult | undefined;
    let pageId = '';
    let malformedAnswer = '';
    emulator.anthropic.enqueue(
      {
        type: 'tool_use',
        text: 'I will research the channels first.',
        calls: [{ name: 'youtube_research', input: { topic: 'python tutorial', count: 3 } }],
      },
      (request) => {
        research = JSON.parse(onlyResult(request).text) as ResearchToolResult;
        return {
          type: 'tool_use',
          calls: [{ name: 'notion_find_or_create_page', input: { title: 'Python channels' } }],
        };
      },
      (request) => {
        pageId = (JSON.parse(onlyResult(request).text) as { id: string }).id;
        // A page id the model made up: the arguments fail validation and come back as a tool error.
        return {
          type: 'tool_use',
          calls: [
            {
              name: 'notion_append_blocks',
              input: { page_id: 'my Python page', blocks: [{ type: 'paragraph', text: 'x' }] },
            },
          ],
        };
      },
      (request) => {
        const result = onlyResult(request);
        expect(result.isError).toBe(true);
        malformedAnswer = result.text;
        return {
          type: 'tool_use',
          calls: [
            {
              name: 'notion_append_blocks',
              input: {
                page_id: pageId,
                blocks: [
                  block('heading_2', 'YouTube research: python tutorial'),
                  ...research!.channels.map((c) =>
                    block('numbered_list_item', `${c.title} — score ${c.score}/10: ${c.reason}`, c.url),
                  ),
                  block('divider'),
                ],
              },
            },
          ],
        };
      },
      { type: 'text', text: 'I added 3 Python tutorial channels to your page "Python channels".' },
    );

    const payPerEvent = JSON.parse(
      await readFile(`${ACTOR_DIR}/.actor/pay_per_event.json`, 'utf8'),
    ) as PayPerEventEvents;
    const { result, api } = await runOnPlatform(emulator, {
      userId: 'alice-apify-id',
      actorOwnerId: 'operator',
      payPerEvent,
      input: {
        task: 'Find 3 Python tutorial channels and add them to my page called "Python channels".',
        parentPage: 'Research',
      },
      env: anthropicEnv,
      approve: ['notion'],
    });
    expect(result.exitCode).toBe(0);

    // The conversation: five model calls, all tools offered, the tool error in the fourth.
    const requests = emulator.anthropic.requests();
    expect(requests.map((r) => r.status)).toEqual([200, 200, 200, 200, 200]);
    expect(requests[0]!.toolsOffered).toEqual(AGENT_TOOLS.map((tool) => tool.name));
    expect(malformedAnswer).toContain('page_id');
    expect(malformedAnswer).toContain('is not a Notion page id or URL');

    const output = api.records.get('OUTPUT') as RunOutput;
    expect(output).toMatchObject({ status: 'SUCCEEDED', mode: 'agent', stopReason: 'end_turn', notionPageId: pageId });
    expect(output.answer).toContain('Python channels');
    expect(output.tokenUsage?.modelCalls).toBe(5);
    expect(output.tokenUsage?.inputTokens).toBeGreaterThan(0);
    const toolSteps = output.steps.filter((step) => step.tool !== undefined);
    expect(toolSteps.map((s) => [s.tool, s.isError, s.errorKind])).toEqual([
      ['youtube_research', false, undefined],
      ['notion_find_or_create_page', false, undefined],
      ['notion_append_blocks', true, 'invalid_input'],
      ['notion_append_blocks', false, undefined],
    ]);
    expect(output.quotaUnitsUsed).toBeGreaterThan(100);
    // The user's daily share of the shared YouTube project, in the named store under their Apify
    // user id (the input has no say), with what this run spent.
    expect(output.youtubeQuota).toMatchObject({
      usedUnits: output.quotaUnitsUsed,
      runBudgetUnits: 1000,
      usedTodayUnits: output.quotaUnitsUsed,
    });
    const ledger = [...(api.namedStores.get(DAILY_QUOTA_STORE) ?? new Map<string, unknown>())];
    expect(ledger).toHaveLength(1);
    expect(ledger[0]![0]).toMatch(/^\d{4}-\d{2}-\d{2}_alice-apify-id_[0-9a-f]{12}$/);
    expect(ledger[0]![1]).toMatchObject({ runs: { 'run-1': output.quotaUnitsUsed } });

    // What the user finds in Notion: the page, created under the configured parent, with one entry per channel.
    const notion = await notionOf(emulator, 'alice-apify-id');
    const page = livePagesTitled(notion, 'Python channels')[0]!;
    expect(page.id).toBe(pageId);
    expect(page.parent.page_id).toBe(livePagesTitled(notion, 'Research')[0]!.id);
    expect(page.children.map((b) => b.type)).toEqual([
      'heading_2',
      'numbered_list_item',
      'numbered_list_item',
      'numbered_list_item',
      'divider',
    ]);
    page.children
      .filter((b) => b.type === 'numbered_list_item')
      .forEach((entry, index) => {
        const channel = research!.channels[index]!;
        expect(textOf(entry)).toContain(channel.title);
        expect(richTextOf(entry)[0]!.href).toBe(channel.url);
      });

    // Dataset: the researched channels, pointing at the page.
    const items = api.datasetItems as ChannelItem[];
    expect(items.map((i) => i.channelId)).toEqual(research!.channels.map((c) => c.id));
    expect(new Set(items.map((i) => i.notionPageUrl))).toEqual(new Set([page.url]));

    // Pay-per-event: one tool-call per successful tool call (not the rejected one), one task-completed.
    expect(api.charges).toEqual([
      { eventName: 'tool-call', count: 1 },
      { eventName: 'tool-call', count: 1 },
      { eventName: 'tool-call', count: 1 },
      { eventName: 'task-completed', count: 1 },
    ]);
    expect(api.statusMessages.at(-1)).toContain('Claude wrote 5 blocks to the Notion page "Python channels"');
  });

  it('ends clearly when Anthropic stays overloaded (529) through the SDK retries, keeping the steps in OUTPUT', async () => {
    emulator.anthropic.enqueue(
      { type: 'tool_use', calls: [{ name: 'notion_search_pages', input: { query: 'Research' } }] },
      // The first call and both SDK retries.
      ...[0, 1, 2].map(() => ({ type: 'error' as const, status: 529, retryAfterSeconds: 0.01 })),
    );
    const { result } = await runActor(emulator, {
      input: { task: 'List my research pages.' },
      env: anthropicEnv,
      approve: ['notion'],
    });
    expect(result.exitCode).toBe(1);
    const output = result.output as RunOutput;
    expect(output.status).toBe('FAILED');
    expect(output.message).toContain("Anthropic's API is overloaded (529)");
    expect(output.message).toContain('after 1 tool call');
    expect(output.steps.filter((s) => s.tool !== undefined).map((s) => s.tool)).toEqual(['notion_search_pages']);
    expect(output.tokenUsage?.modelCalls).toBe(1);
    const requests = emulator.anthropic.requests();
    expect(requests.map((r) => [r.status, r.retryCount])).toEqual([
      [200, 0],
      [529, 0],
      [529, 1],
      [529, 2],
    ]);
    const printed = result.stdout + result.stderr;
    expect(printed).toContain("Anthropic's API is overloaded (529)");
    expect(printed).not.toMatch(/\n\s+at /);
    expect(result.datasetItems).toEqual([]);
  });

  it('ends clearly, without retrying, when Anthropic refuses the API key', async () => {
    const { result } = await runActor(emulator, {
      input: { task: 'List my research pages.', anthropicApiKey: 'sk-ant-wrong' },
      env: { ANTHROPIC_BASE_URL: emulator.envUrl },
      approve: ['notion'],
    });
    expect(result.exitCode).toBe(1);
    expect((result.output as RunOutput).message).toContain('Anthropic refused the API key (401)');
    expect(emulator.anthropic.requests().map((r) => r.status)).toEqual([401]);
    expect(result.stdout + result.stderr).not.toMatch(/\n\s+at /);
  });

  it('stops cleanly at the step budget', async () => {
    emulator.anthropic.addRule({
      name: 'keeps searching',
      when: { toolOffered: 'notion_search_pages' },
      answer: { type: 'tool_use', calls: [{ name: 'notion_search_pages', input: { query: 'Research' } }] },
    });
    const { result } = await runActor(emulator, {
      input: { task: 'Search forever.', maxIterations: 2 },
      env: anthropicEnv,
      approve: ['notion'],
    });
    expect(result.exitCode).toBe(0);
    const output = result.output as RunOutput;
    expect(output).toMatchObject({ status: 'BUDGET_EXHAUSTED', stopReason: 'max_iterations' });
    expect(output.stopDetail).toContain('limit 2');
    expect(emulator.anthropic.requests()).toHaveLength(2);
    expect(output.steps.filter((s) => s.tool === 'notion_search_pages')).toHaveLength(2);
  });
});
