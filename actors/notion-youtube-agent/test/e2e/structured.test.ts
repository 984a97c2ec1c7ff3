// The built actor as a real local Apify run against the emulator: structured research (no LLM),
// consent for the user's Notion on the live-view page, the shared YouTube account connected
// beforehand by the operator with the auth-gate CLI.

import { startEmulator, type RunningEmulator } from '@repo/scalekit-emulator';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ChannelItem, RunOutput } from '../../src/run-output.js';
import {
  connectSharedYoutube,
  livePagesTitled,
  notionOf,
  pageTitleOf,
  richTextOf,
  runActor,
  startStack,
  textOf,
  USER,
  type NotionBlockSnapshot,
} from '../support/stack.js';

let emulator: RunningEmulator;

beforeEach(async () => {
  emulator = await startStack();
  await connectSharedYoutube(emulator);
});
afterEach(async () => {
  await emulator.close();
});

const input = { topic: 'python tutorial', channelCount: 4, notionPage: 'YouTube research', parentPage: 'Research' };

function sections(blocks: NotionBlockSnapshot[]): NotionBlockSnapshot[][] {
  const out: NotionBlockSnapshot[][] = [];
  for (const block of blocks) {
    if (block.type === 'heading_2' && textOf(block).startsWith('YouTube research: python tutorial — ')) out.push([]);
    out.at(-1)?.push(block);
  }
  return out;
}

describe('structured research (no LLM)', () => {
  it('asks for Notion consent once, writes a dated section, the dataset and OUTPUT; a rerun appends a second section without consent', async () => {
    const first = await runActor(emulator, { input, approve: ['notion'] });
    expect(first.result.exitCode).toBe(0);
    expect(first.result.stdout).toContain('Waiting for authorization');

    const output = first.result.output as RunOutput;
    expect(output).toMatchObject({ status: 'SUCCEEDED', mode: 'structured', topic: 'python tutorial' });
    expect(output.quotaUnitsUsed).toBeGreaterThan(100);
    expect(output.quotaUnitsUsed).toBeLessThanOrEqual(1000);
    expect(output.roundTrips).toBeGreaterThan(0);
    expect(output.steps.map((s) => s.text)).toContain('Created the Notion page "YouTube research"');

    const items = first.result.datasetItems as ChannelItem[];
    expect(items.map((item) => item.rank)).toEqual([1, 2, 3, 4]);
    for (const item of items) {
      expect(item.url).toBe(`https://www.youtube.com/channel/${item.channelId}`);
      expect(item.notionPageUrl).toBe(output.notionPageUrl);
      expect(item.score).toBeGreaterThanOrEqual(0);
      expect(item.score).toBeLessThanOrEqual(10);
      expect(item.reason).toMatch(/subscribers|subscriber count/);
    }
    // Ranked by score, as the list and the dataset say.
    expect([...items].sort((a, b) => b.score - a.score).map((i) => i.channelId)).toEqual(items.map((i) => i.channelId));
    expect(output.channels).toEqual(items.map(({ rank, title, url, score }) => ({ rank, title, url, score })));

    // In the user's Notion: one new page under "Research" holding the section.
    let notion = await notionOf(emulator);
    const [page, ...others] = livePagesTitled(notion, 'YouTube research');
    expect(others).toHaveLength(0);
    const research = livePagesTitled(notion, 'Research')[0]!;
    expect(page!.parent).toMatchObject({ type: 'page_id', page_id: research.id });
    expect(output.notionPageId).toBe(page!.id);
    expect(output.notionPageUrl).toBe(page!.url);

    const [section] = sections(page!.children);
    expect(section).toBeDefined();
    expect(textOf(section![1]!)).toContain('ranked without an LLM by a transparent formula');
    const entries = section!.filter((block) => block.type === 'numbered_list_item');
    expect(entries).toHaveLength(items.length);
    entries.forEach((entry, index) => {
      const item = items[index]!;
      const link = richTextOf(entry)[0]!;
      expect(link).toMatchObject({ plain_text: item.title, href: item.url });
      expect(textOf(entry)).toContain(`score ${item.score.toFixed(1)}/10`);
      // Details are nested bullets under each entry: figures, why, a sample video link.
      const details = entry.children.map(textOf);
      expect(details[0]).toMatch(/^Subscribers: /);
      expect(details).toContain(`Why: ${item.reason}`);
      const sample = entry.children.find((child) => textOf(child).startsWith('Sample video: '));
      expect(richTextOf(sample!).some((rt) => rt.href === item.sampleVideoUrl)).toBe(true);
    });
    expect(section!.at(-1)!.type).toBe('divider');

    // The same user again: already connected, so no consent; a second dated section on the same page.
    const second = await runActor(emulator, { input });
    expect(second.result.exitCode).toBe(0);
    expect(second.result.stdout).not.toContain('Waiting for authorization');
    expect((second.result.output as RunOutput).notionPageId).toBe(page!.id);
    expect((second.result.output as RunOutput).steps.map((s) => s.text)).toContain(
      'Notion page found: "YouTube research"',
    );

    notion = await notionOf(emulator);
    const pages = livePagesTitled(notion, 'YouTube research');
    expect(pages).toHaveLength(1);
    const both = sections(pages[0]!.children);
    expect(both).toHaveLength(2);
    expect(both[1]!.filter((block) => block.type === 'numbered_list_item')).toHaveLength(items.length);
    expect(pages[0]!.children.slice(0, section!.length).map((b) => b.id)).toEqual(section!.map((b) => b.id));
  });

  it("respects Notion's rate limit: a write answered 429 is retried and the section is complete", async () => {
    await emulator.close();
    emulator = await startEmulator({ sandboxes: { notion: { rateLimitPerSecond: 1, burst: 1 } } });
    await connectSharedYoutube(emulator);
    const { result } = await runActor(emulator, { input: { ...input, channelCount: 2 }, approve: ['notion'] });
    expect(result.exitCode).toBe(0);
    const page = livePagesTitled(await notionOf(emulator), 'YouTube research')[0]!;
    expect(sections(page.children)[0]!.filter((b) => b.type === 'numbered_list_item')).toHaveLength(2);
    expect(pageTitleOf(page)).toBe('YouTube research');
    const calls = await emulator.admin.calls({ kind: 'proxy', identifier: USER });
    expect(calls.some((call) => call.status === '429')).toBe(true);
  });
});
