// Structured research without an LLM: the page is resolved first, then YouTube is researched,
// then one dated section is appended. Re-running appends another dated section.

import type { ConnectorHandle, Progress, SummaryLink } from '@repo/auth-gate';
import type { NotionClient } from '@repo/notion-client';
import type { StructuredInput } from './input.js';
import { buildResearchSectionBlocks, reportChannelsFromResearch } from './notion-report/index.js';
import { ensurePage, resolveNotionTarget } from './notion-target.js';
import { appendBlockTree } from './notion-writer.js';
import { runYoutubeResearch } from './research/index.js';
import { channelItems, outputChannels, type ChannelItem, type RunOutput, type StepLog } from './run-output.js';

export interface ModeDeps {
  notion: NotionClient;
  /** The Notion handle, for Scalekit's Notion tools. */
  notionTools: Pick<ConnectorHandle, 'tool'>;
  youtube: Pick<ConnectorHandle, 'tool'>;
  steps: StepLog;
  progress: (progress: Progress) => Promise<void>;
  roundTrips: () => number;
  now: () => Date;
}

export interface ModeResult {
  output: RunOutput;
  items: ChannelItem[];
  summary: string;
  links: SummaryLink[];
  /** Whether the ranked list reached Notion (the task-completed event). */
  completed: boolean;
}

const STAGES = 3;

export async function runStructured(input: StructuredInput, deps: ModeDeps): Promise<ModeResult> {
  const { steps } = deps;
  await deps.progress({ done: 0, total: STAGES, label: 'finding the Notion page' });
  const target = await resolveNotionTarget(deps.notion, input.notionPage, input.parentPage);
  steps.add(
    target.kind === 'existing'
      ? `Notion page found: "${target.page.title}"`
      : `Notion page "${target.title}" does not exist yet; it will be created under "${target.parent.title}"`,
  );

  await deps.progress({ done: 1, total: STAGES, label: 'researching YouTube' });
  const research = await runYoutubeResearch(
    {
      topic: input.topic,
      count: input.channelCount,
      quotaBudgetUnits: input.youtubeQuotaUnits,
      // 0 means no minimum; passing it would drop channels that hide their count.
      ...(input.minSubscribers > 0 ? { minSubscribers: input.minSubscribers } : {}),
      ...(input.maxDaysSinceUpload === undefined ? {} : { maxDaysSinceUpload: input.maxDaysSinceUpload }),
    },
    {
      callTool: async (name, toolInput) => (await deps.youtube.tool(name, toolInput)).data,
      now: deps.now(),
      onProgress: (message) => steps.add(message),
    },
  );
  steps.add(
    `Ranked ${research.channels.length} of ${research.candidateCount} channels found (${research.quotaUnitsUsed} YouTube quota units)` +
      (research.excluded.length > 0 ? `; ${research.excluded.length} left out by the filters` : ''),
  );

  await deps.progress({ done: 2, total: STAGES, label: 'writing to Notion' });
  const page = await ensurePage(deps.notion, target);
  if (page.created) steps.add(`Created the Notion page "${page.title}"`);
  const blocks = buildResearchSectionBlocks({
    topic: input.topic,
    method: 'formula',
    generatedAt: deps.now(),
    channels: reportChannelsFromResearch(research.channels),
    notes: research.notes,
  });
  const written = await appendBlockTree(deps.notion, page.id, blocks, (progress) => {
    void deps.progress({ done: progress.written, total: progress.total, label: 'blocks written to Notion' });
  });
  steps.add(`Appended a dated section to "${page.title}" (${written.blocks} blocks in ${written.requests} request${written.requests === 1 ? '' : 's'})`);

  const items = channelItems(research.channels, page.url);
  const summary =
    items.length > 0
      ? `Wrote ${items.length} ranked YouTube channel${items.length === 1 ? '' : 's'} on "${input.topic}" to the Notion page "${page.title}".`
      : `No channel matched "${input.topic}" and the filters; the Notion page "${page.title}" says so.`;
  return {
    output: {
      status: 'SUCCEEDED',
      mode: 'structured',
      topic: input.topic,
      task: null,
      notionPageUrl: page.url,
      notionPageId: page.id,
      channels: outputChannels(items),
      quotaUnitsUsed: research.quotaUnitsUsed,
      steps: steps.steps,
      roundTrips: deps.roundTrips(),
      notes: research.notes,
    },
    items,
    summary,
    links: [{ label: `Notion: ${page.title}`, url: page.url }],
    completed: items.length > 0,
  };
}
