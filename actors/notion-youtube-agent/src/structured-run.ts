// Structured research without an LLM: the page is resolved first, then YouTube is researched,
// then one dated section is appended. Re-running appends another dated section; the rerun of the
// same run after a migration resumes from its recorded steps and appends no second one.

import type { ConnectorHandle, Progress, SummaryLink } from '@repo/auth-gate';
import type { NotionClient } from '@repo/notion-client';
import type { StructuredInput } from './input.js';
import {
  buildResearchSectionBlocks,
  reportChannelsFromResearch,
  researchSectionHeading,
  type NotionBlock,
} from './notion-report/index.js';
import { ensurePage, resolveNotionTarget, type PageRef } from './notion-target.js';
import { appendBlockTree, type AppendResult } from './notion-writer.js';
import { runYoutubeResearch, type ResearchResult } from './research/index.js';
import { NO_RECORDER, sectionState, type StepRecorder } from './run-progress.js';
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
  /** The run's recorded steps (a migration's rerun resumes from them); none in unit tests. */
  recorder?: StepRecorder;
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

/**
 * Appends the section once, as far as Notion allows: the page's last block is recorded before the
 * append; a rerun that finds that intent looks at the page, keeps a complete section, and removes
 * a partial one before appending it again.
 */
async function appendSectionOnce(
  deps: ModeDeps,
  recorder: StepRecorder,
  pageId: string,
  blocks: NotionBlock[],
  heading: string,
): Promise<AppendResult> {
  if (recorder.reached('append-intent')) {
    const anchor = recorder.valueOf<string | null>('append-intent') ?? null;
    const state = sectionState(await deps.notion.listChildren(pageId), anchor, heading, blocks.length);
    if (state.kind === 'complete') {
      deps.steps.add('The section was appended before the restart; it is not appended again');
      return { requests: 0, blocks: blocks.length };
    }
    if (state.kind === 'partial') {
      for (const id of state.blockIds) await deps.notion.deleteBlock(id);
      deps.steps.add(
        `Removed the part of the section written before the restart (${state.blockIds.length} blocks) to write it whole`,
      );
    }
  } else {
    const last = await lastChildId(deps.notion, pageId);
    await recorder.record('append-intent', last);
  }
  const written = await appendBlockTree(deps.notion, pageId, blocks, (progress) => {
    void deps.progress({ done: progress.written, total: progress.total, label: 'blocks written to Notion' });
  });
  recorder.checkpoint('append-unrecorded');
  return written;
}

async function lastChildId(notion: NotionClient, pageId: string): Promise<string | null> {
  return (await notion.listChildren(pageId)).at(-1)?.id ?? null;
}

export async function runStructured(input: StructuredInput, deps: ModeDeps): Promise<ModeResult> {
  const { steps } = deps;
  const recorder = deps.recorder ?? NO_RECORDER;
  // The first attempt's clock: a rerun writes the same dated heading (and can recognise it).
  const generatedAt = new Date(await recorder.once('planned', () => Promise.resolve(deps.now().getTime())));
  await deps.progress({ done: 0, total: STAGES, label: 'finding the Notion page' });
  const target = await resolveNotionTarget(deps.notion, input.notionPage, input.parentPage);
  steps.add(
    target.kind === 'existing'
      ? `Notion page found: "${target.page.title}"`
      : `Notion page "${target.title}" does not exist yet; it will be created under "${target.parent.title}"`,
  );

  await deps.progress({ done: 1, total: STAGES, label: 'researching YouTube' });
  const research = await recorder.once<ResearchResult>('researched', () =>
    runYoutubeResearch(
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
    ),
  );
  steps.add(
    `Ranked ${research.channels.length} of ${research.candidateCount} channels found (${research.quotaUnitsUsed} YouTube quota units)` +
      (research.excluded.length > 0 ? `; ${research.excluded.length} left out by the filters` : ''),
  );

  await deps.progress({ done: 2, total: STAGES, label: 'writing to Notion' });
  // A page created just before a stop is found by its title on the rerun, not created again.
  const page = await recorder.once<PageRef & { created: boolean }>('page-ready', () => ensurePage(deps.notion, target));
  if (page.created) steps.add(`Created the Notion page "${page.title}"`);
  const blocks = buildResearchSectionBlocks({
    topic: input.topic,
    method: 'formula',
    generatedAt,
    channels: reportChannelsFromResearch(research.channels),
    notes: research.notes,
  });
  const written = await recorder.once<AppendResult>('appended', () =>
    appendSectionOnce(deps, recorder, page.id, blocks, researchSectionHeading(input.topic, generatedAt)),
  );
  steps.add(
    `Appended a dated section to "${page.title}" (${written.blocks} blocks in ${written.requests} request${written.requests === 1 ? '' : 's'})`,
  );

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
