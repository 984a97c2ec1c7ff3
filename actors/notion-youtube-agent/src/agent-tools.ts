// The agent's tools wired to the run's connected accounts: Notion reads through Scalekit's
// Notion tools, Notion writes through the REST API (raw blocks with links, which the simplified
// append tool cannot carry), YouTube through Scalekit's YouTube tools and the research pipeline.
// Results are compact JSON: the model pays for every token of them on each later turn.

import { isJsonObject } from '@repo/auth-gate';
import type { NotionClient } from '@repo/notion-client';
import type { AgentToolHandlers } from './agent/index.js';
import { findNotionPages, notionPageUrl, rawBlocksFromSimplified } from './notion-report/index.js';
import { findParent, pageById, pageRef, type PageRef } from './notion-target.js';
import { appendBlockTree } from './notion-writer.js';
import {
  channelUrl,
  minimumResearchUnits,
  parseChannels,
  parseSearchResults,
  runYoutubeResearch,
  videoUrl,
  youtubeChannelsListInput,
  youtubeSearchInput,
  YOUTUBE_QUOTA_COST,
  YOUTUBE_TOOLS,
  type ResearchResult,
  type YoutubeToolCall,
} from './research/index.js';

export type ToolCall = (name: string, input: Record<string, unknown>) => Promise<unknown>;

export interface AgentToolDeps {
  notion: Pick<NotionClient, 'getPage' | 'findPageByTitle' | 'createPage' | 'appendChildren'>;
  /** A Scalekit Notion tool on the user's account (returns the tool's `data`). */
  notionTool: ToolCall;
  youtubeTool: YoutubeToolCall;
  /** The input's parent page (title, URL or id), resolved when a page must be created. */
  defaultParent: string | undefined;
  /** YouTube quota units this run may spend. */
  quotaUnits: number;
  now: () => Date;
  onResearch?: (result: ResearchResult) => void;
  /** Called before every Notion write (page creation, append), so a restarted run knows one began. */
  beforeNotionWrite?: () => Promise<void>;
}

/** What the tools did, for the dataset, OUTPUT and the final summary. */
export interface AgentToolState {
  quotaUnitsUsed: number;
  /** The latest youtube_research result. */
  research: ResearchResult | undefined;
  /** The page most recently appended to. */
  writtenPage: PageRef | undefined;
  appendedBlocks: number;
}

const DESCRIPTION_CHARS = 300;

export function createAgentTools(deps: AgentToolDeps): { handlers: AgentToolHandlers; state: AgentToolState } {
  const state: AgentToolState = { quotaUnitsUsed: 0, research: undefined, writtenPage: undefined, appendedBlocks: 0 };
  const knownPages = new Map<string, PageRef>();
  let defaultParent: Promise<PageRef> | undefined;

  const remember = (page: PageRef): PageRef => {
    knownPages.set(page.id, page);
    return page;
  };

  // Every YouTube call is counted as YouTube bills it, including calls of a research run that
  // failed half-way, so the run's quota budget holds whatever happens.
  const youtubeTool: YoutubeToolCall = (name, input) => {
    state.quotaUnitsUsed += name === YOUTUBE_TOOLS.search ? YOUTUBE_QUOTA_COST.search : YOUTUBE_QUOTA_COST.list;
    return deps.youtubeTool(name, input);
  };

  const ensureQuota = (units: number, what: string): void => {
    const left = deps.quotaUnits - state.quotaUnitsUsed;
    if (units > left) {
      throw new Error(
        `${what} needs ${units} YouTube quota units, but only ${left} of this run's ${deps.quotaUnits} are left. Work with the results you have.`,
      );
    }
  };

  const parentFor = async (parentPageId: string | undefined): Promise<PageRef> => {
    if (parentPageId !== undefined) return remember(await pageById(deps.notion, parentPageId, 'parent page'));
    if (deps.defaultParent === undefined) {
      throw new Error(
        'No parent page is configured: find a suitable page with notion_search_pages and pass its id as parent_page_id.',
      );
    }
    // Looked up once per run; a failed lookup is retried on the next call.
    defaultParent ??= findParent(deps.notion, deps.defaultParent).catch((error: unknown) => {
      defaultParent = undefined;
      throw error;
    });
    return defaultParent;
  };

  const createUnder = async (title: string, parentPageId: string | undefined): Promise<PageRef> => {
    const parent = await parentFor(parentPageId);
    await deps.beforeNotionWrite?.();
    return remember(pageRef(await deps.notion.createPage({ parent: { type: 'page_id', page_id: parent.id }, title })));
  };

  const handlers: AgentToolHandlers = {
    async notion_search_pages({ query }) {
      const pages = findNotionPages(await deps.notionTool('notion_page_search', { query, page_size: 20 }));
      return {
        pages: pages
          .filter((page) => !page.archived)
          .map((page) => ({
            id: page.id,
            title: page.title,
            url: page.url ?? notionPageUrl(page.id),
            type: page.object,
          })),
      };
    },

    async notion_read_page({ page_id }) {
      return {
        page_id,
        blocks: readableBlocks(await deps.notionTool('notion_page_content_get', { block_id: page_id, page_size: 100 })),
      };
    },

    async notion_find_or_create_page({ title, parent_page_id }) {
      const found = await deps.notion.findPageByTitle(title);
      if (found !== undefined) return { ...remember(pageRef(found)), created: false };
      return { ...(await createUnder(title, parent_page_id)), created: true };
    },

    async notion_create_page({ title, parent_page_id }) {
      return { ...(await createUnder(title, parent_page_id)), created: true };
    },

    async notion_append_blocks({ page_id, blocks }) {
      const page = knownPages.get(page_id) ?? remember(await pageById(deps.notion, page_id, 'Notion page'));
      await deps.beforeNotionWrite?.();
      const written = await appendBlockTree(deps.notion, page_id, rawBlocksFromSimplified(blocks));
      state.appendedBlocks += written.blocks;
      state.writtenPage = page;
      return { appended: written.blocks, page_id, page_url: page.url };
    },

    async youtube_search({ query, type, max_results, order, published_after }) {
      ensureQuota(YOUTUBE_QUOTA_COST.search, 'A YouTube search');
      const result = await youtubeTool(
        YOUTUBE_TOOLS.search,
        youtubeSearchInput({
          query,
          type,
          maxResults: max_results,
          order,
          ...(published_after === undefined ? {} : { publishedAfter: published_after }),
        }),
      );
      return {
        results: parseSearchResults(result).map((hit) => ({
          kind: hit.kind,
          title: hit.title,
          channel_id: hit.channelId,
          channel_title: hit.channelTitle,
          ...(hit.videoId === undefined
            ? { url: channelUrl(hit.channelId) }
            : { video_id: hit.videoId, url: videoUrl(hit.videoId) }),
          ...(hit.publishedAt === undefined ? {} : { published_at: hit.publishedAt }),
        })),
        quota_units_left: deps.quotaUnits - state.quotaUnitsUsed,
      };
    },

    async youtube_channel_details({ channel_ids }) {
      ensureQuota(YOUTUBE_QUOTA_COST.list, 'A channel lookup');
      const channels = parseChannels(
        await youtubeTool(YOUTUBE_TOOLS.channelsList, youtubeChannelsListInput(channel_ids)),
      );
      return {
        channels: channels.map((channel) => ({
          id: channel.id,
          title: channel.title,
          url: channelUrl(channel.id),
          ...(channel.customUrl === undefined ? {} : { handle: channel.customUrl }),
          subscribers: channel.subscriberCount ?? (channel.subscribersHidden ? 'hidden' : null),
          videos: channel.videoCount ?? null,
          views: channel.viewCount ?? null,
          ...(channel.country === undefined ? {} : { country: channel.country }),
          description: channel.description.slice(0, DESCRIPTION_CHARS),
        })),
      };
    },

    async youtube_research({ topic, count, min_subscribers, max_days_since_upload }) {
      const left = deps.quotaUnits - state.quotaUnitsUsed;
      const needed = minimumResearchUnits({ topic, count });
      if (needed === 0) throw new Error(`The topic "${topic}" has no searchable words; use a few plain words.`);
      if (left < needed) {
        throw new Error(
          `Research on "${topic}" needs at least ${needed} YouTube quota units; only ${left} of this run's ${deps.quotaUnits} are left.`,
        );
      }
      const result = await runYoutubeResearch(
        {
          topic,
          count,
          quotaBudgetUnits: left,
          // 0 means no minimum; passing it would drop channels that hide their count.
          ...(min_subscribers === undefined || min_subscribers === 0 ? {} : { minSubscribers: min_subscribers }),
          ...(max_days_since_upload === undefined ? {} : { maxDaysSinceUpload: max_days_since_upload }),
        },
        { callTool: youtubeTool, now: deps.now() },
      );
      state.research = result;
      deps.onResearch?.(result);
      return {
        topic: result.topic,
        queries: result.queries,
        candidates_found: result.candidateCount,
        channels: result.channels.map(({ rank, channel, score, sampleVideo }) => ({
          rank,
          id: channel.id,
          title: channel.title,
          url: channelUrl(channel.id),
          ...(channel.customUrl === undefined ? {} : { handle: channel.customUrl }),
          subscribers: channel.subscriberCount ?? (channel.subscribersHidden ? 'hidden' : null),
          videos: channel.videoCount ?? null,
          score: score.score,
          reason: score.reason,
          ...(sampleVideo === undefined
            ? {}
            : { sample_video: { title: sampleVideo.title, url: videoUrl(sampleVideo.id) } }),
        })),
        excluded: result.excluded.length,
        notes: result.notes,
        quota_units_used: result.quotaUnitsUsed,
      };
    },
  };
  return { handlers, state };
}

/** `{type, text}` lines from a block list (Notion's block JSON), for the model to read. */
export function readableBlocks(data: unknown): { type: string; text: string; has_children?: true }[] {
  const results = isJsonObject(data) && Array.isArray(data['results']) ? (data['results'] as unknown[]) : [];
  return results.flatMap((block) => {
    if (!isJsonObject(block) || typeof block['type'] !== 'string') return [];
    const type = block['type'];
    const body = block[type];
    const items = isJsonObject(body) && Array.isArray(body['rich_text']) ? (body['rich_text'] as unknown[]) : [];
    const text = items
      .map((item) => {
        if (!isJsonObject(item)) return '';
        const plain = typeof item['plain_text'] === 'string' ? item['plain_text'] : '';
        const href = typeof item['href'] === 'string' && item['href'] !== plain ? ` (${item['href']})` : '';
        return plain + href;
      })
      .join('');
    return [{ type, text, ...(block['has_children'] === true ? { has_children: true as const } : {}) }];
  });
}
