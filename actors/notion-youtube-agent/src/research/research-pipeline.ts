// The whole research run behind the `youtube_research` tool and the structured (no-LLM) mode:
// variations -> searches within a quota budget -> unique channels -> statistics in batches of
// 50 -> latest uploads of the promising ones -> scores -> ranking. The only I/O is the injected
// `callTool`, so the pipeline is tested with canned YouTube responses.

import { type ChannelCandidate, dedupeChannels } from './channel-candidates.js';
import { rankChannels, type ExcludedChannel, type RankedChannel, type ScoredChannel } from './channel-ranking.js';
import { scoreChannel } from './channel-scoring.js';
import { chunk, YOUTUBE_MAX_IDS_PER_CALL } from './chunk.js';
import { keywordVariations } from './keyword-variations.js';
import { detailUnitsEstimate, planSearches, YOUTUBE_QUOTA_COST } from './quota-plan.js';
import { topicTerms } from './topic-terms.js';
import {
  parseChannels,
  parseSearchResults,
  parseVideos,
  type ChannelRecord,
  type SearchHit,
  type VideoRecord,
} from './youtube-response.js';
import {
  youtubeChannelsListInput,
  youtubeSearchInput,
  youtubeUploadsInput,
  YOUTUBE_TOOLS,
} from './youtube-tool-inputs.js';

export interface ResearchRequest {
  topic: string;
  /** How many channels to return. */
  count: number;
  minSubscribers?: number;
  maxDaysSinceUpload?: number;
  /** Units this run may spend (default 1,000: a tenth of a default project's daily quota). */
  quotaBudgetUnits?: number;
  /** At most this many searches (default 8). */
  maxSearches?: number;
  /** Results per search, 1-50 (default 25). */
  resultsPerSearch?: number;
}

export type YoutubeToolCall = (toolName: string, input: Record<string, unknown>) => Promise<unknown>;

export interface ResearchDeps {
  callTool: YoutubeToolCall;
  now: Date;
  onProgress?: (message: string) => void;
}

export interface SampleVideo {
  id: string;
  title: string;
  publishedAt?: string;
}

export interface ResearchChannel extends ScoredChannel {
  sampleVideo?: SampleVideo;
}

export interface ResearchResult {
  topic: string;
  topicTerms: string[];
  queries: string[];
  skippedQueries: string[];
  quotaUnitsUsed: number;
  /** Unique channels the searches found, before filters. */
  candidateCount: number;
  channels: RankedChannel<ResearchChannel>[];
  excluded: ExcludedChannel[];
  /** Partial failures and other facts worth telling the user. */
  notes: string[];
}

export const DEFAULT_RESEARCH_QUOTA_UNITS = 1000;
const DEFAULT_MAX_SEARCHES = 8;
const DEFAULT_RESULTS_PER_SEARCH = 25;
/** Latest uploads are looked up for this many channels per requested result. */
const UPLOAD_LOOKUPS_PER_RESULT = 2;
const UPLOADS_PER_LOOKUP = 5;

export async function runYoutubeResearch(request: ResearchRequest, deps: ResearchDeps): Promise<ResearchResult> {
  const progress = deps.onProgress ?? (() => undefined);
  const count = Math.max(1, Math.floor(request.count));
  const resultsPerSearch = Math.min(
    50,
    Math.max(1, Math.floor(request.resultsPerSearch ?? DEFAULT_RESULTS_PER_SEARCH)),
  );
  const maxSearches = Math.max(1, Math.floor(request.maxSearches ?? DEFAULT_MAX_SEARCHES));
  const budget = request.quotaBudgetUnits ?? DEFAULT_RESEARCH_QUOTA_UNITS;
  const terms = topicTerms(request.topic);
  const variations = keywordVariations(request.topic, { max: maxSearches });
  if (variations.length === 0) throw new Error(`The topic "${request.topic}" has no searchable words.`);

  const uploadLookups = count * UPLOAD_LOOKUPS_PER_RESULT;
  const reserveUnits = reserveFor(variations.length, resultsPerSearch, count);
  const plan = planSearches(variations, { quotaBudgetUnits: budget, reserveUnits, maxSearches });
  if (plan.queries.length === 0) {
    throw new Error(
      `A quota budget of ${budget} units does not cover one search (${YOUTUBE_QUOTA_COST.search} units) plus ${reserveUnits} units for channel details.`,
    );
  }

  const notes: string[] = [];
  let unitsUsed = 0;

  // 1. Searches: one failing search is a note, all failing is an error.
  const hits: SearchHit[] = [];
  const failures: string[] = [];
  for (const [index, query] of plan.queries.entries()) {
    progress(`Searching YouTube (${index + 1}/${plan.queries.length}): ${query}`);
    unitsUsed += YOUTUBE_QUOTA_COST.search;
    try {
      const result = await deps.callTool(
        YOUTUBE_TOOLS.search,
        youtubeSearchInput({ query, type: 'video', maxResults: resultsPerSearch }),
      );
      hits.push(...parseSearchResults(result));
    } catch (error) {
      failures.push(`search "${query}" failed: ${errorText(error)}`);
    }
  }
  if (failures.length === plan.queries.length) throw new Error(`Every YouTube search failed; ${failures[0] ?? ''}`);
  notes.push(...failures);
  if (plan.skipped.length > 0)
    notes.push(`${plan.skipped.length} search variation(s) skipped to stay within ${budget} quota units.`);

  const candidates = dedupeChannels(hits);
  const base = {
    topic: request.topic,
    topicTerms: terms,
    queries: plan.queries,
    skippedQueries: plan.skipped,
    candidateCount: candidates.length,
  };
  if (candidates.length === 0) {
    notes.push('The searches returned no channels.');
    return { ...base, quotaUnitsUsed: unitsUsed, channels: [], excluded: [], notes };
  }

  // 2. Statistics in batches of 50; without them nothing can be scored, so failures propagate.
  const candidateById = new Map(candidates.map((candidate) => [candidate.channelId, candidate]));
  const batches = chunk([...candidateById.keys()], YOUTUBE_MAX_IDS_PER_CALL);
  const channels: ChannelRecord[] = [];
  for (const [index, ids] of batches.entries()) {
    progress(`Reading channel statistics (${index + 1}/${batches.length})`);
    unitsUsed += YOUTUBE_QUOTA_COST.list;
    channels.push(...parseChannels(await deps.callTool(YOUTUBE_TOOLS.channelsList, youtubeChannelsListInput(ids))));
  }
  const missing = candidates.length - new Set(channels.map((channel) => channel.id)).size;
  if (missing > 0) notes.push(`${missing} channel(s) found by search returned no details (deleted or private).`);

  // 3. A first score from search evidence picks which channels deserve an uploads lookup.
  const preliminary = channels
    .filter((channel) => candidateById.has(channel.id))
    .map((channel) => {
      const candidate = candidateById.get(channel.id)!;
      return {
        channel,
        candidate,
        score: scoreChannel(channel, { topicTerms: terms, now: deps.now, recentVideos: candidate.videos }),
      };
    })
    .filter(
      (entry) =>
        request.minSubscribers === undefined || (entry.channel.subscriberCount ?? -1) >= request.minSubscribers,
    )
    .sort((a, b) => b.score.score - a.score.score);

  const uploadsByChannel = new Map<string, VideoRecord[]>();
  let uploadFailures = 0;
  for (const entry of preliminary.slice(0, uploadLookups)) {
    const playlistId = entry.channel.uploadsPlaylistId;
    if (playlistId === undefined) continue;
    unitsUsed += YOUTUBE_QUOTA_COST.list;
    try {
      uploadsByChannel.set(
        entry.channel.id,
        parseVideos(
          await deps.callTool(YOUTUBE_TOOLS.playlistItemsList, youtubeUploadsInput(playlistId, UPLOADS_PER_LOOKUP)),
        ),
      );
    } catch {
      uploadFailures += 1;
    }
  }
  if (uploadFailures > 0)
    notes.push(
      `Latest uploads could not be read for ${uploadFailures} channel(s); their activity uses search results only.`,
    );
  progress('Scoring channels');

  // 4. Final scores with every video known for each channel, then filters and ranking.
  const scored: ResearchChannel[] = channels
    .filter((channel) => candidateById.has(channel.id))
    .map((channel) => {
      const candidate = candidateById.get(channel.id)!;
      const uploads = uploadsByChannel.get(channel.id) ?? [];
      const recentVideos = mergeVideos(candidate, uploads);
      const sampleVideo = pickSampleVideo(candidate, uploads);
      return {
        channel,
        score: scoreChannel(channel, { topicTerms: terms, now: deps.now, recentVideos }),
        ...(sampleVideo === undefined ? {} : { sampleVideo }),
      };
    });
  const { ranked, excluded } = rankChannels(scored, {
    topN: count,
    ...(request.minSubscribers === undefined ? {} : { minSubscribers: request.minSubscribers }),
    ...(request.maxDaysSinceUpload === undefined ? {} : { maxDaysSinceUpload: request.maxDaysSinceUpload }),
  });
  return { ...base, quotaUnitsUsed: unitsUsed, channels: ranked, excluded, notes };
}

/**
 * The smallest quota budget with which a request runs at least one search: the units kept back
 * for channel details plus one search. 0 when the topic has no searchable words.
 */
export function minimumResearchUnits(
  request: Pick<ResearchRequest, 'topic' | 'count' | 'maxSearches' | 'resultsPerSearch'>,
): number {
  const variations = keywordVariations(request.topic, {
    max: Math.max(1, Math.floor(request.maxSearches ?? DEFAULT_MAX_SEARCHES)),
  });
  if (variations.length === 0) return 0;
  const resultsPerSearch = Math.min(
    50,
    Math.max(1, Math.floor(request.resultsPerSearch ?? DEFAULT_RESULTS_PER_SEARCH)),
  );
  return (
    reserveFor(variations.length, resultsPerSearch, Math.max(1, Math.floor(request.count))) + YOUTUBE_QUOTA_COST.search
  );
}

function reserveFor(variationCount: number, resultsPerSearch: number, count: number): number {
  return detailUnitsEstimate(variationCount * resultsPerSearch, count * UPLOAD_LOOKUPS_PER_RESULT);
}

function mergeVideos(candidate: ChannelCandidate, uploads: readonly VideoRecord[]): SampleVideo[] {
  const byId = new Map<string, SampleVideo>();
  for (const hit of candidate.videos) {
    if (hit.videoId !== undefined) byId.set(hit.videoId, toSample(hit.videoId, hit.title, hit.publishedAt));
  }
  for (const video of uploads)
    if (!byId.has(video.id)) byId.set(video.id, toSample(video.id, video.title, video.publishedAt));
  return [...byId.values()];
}

// The top search hit shows why the channel matched the topic; the latest upload is the fallback.
function pickSampleVideo(candidate: ChannelCandidate, uploads: readonly VideoRecord[]): SampleVideo | undefined {
  const hit = candidate.videos.find((video) => video.videoId !== undefined);
  if (hit?.videoId !== undefined) return toSample(hit.videoId, hit.title, hit.publishedAt);
  const upload = uploads[0];
  return upload === undefined ? undefined : toSample(upload.id, upload.title, upload.publishedAt);
}

function toSample(id: string, title: string, publishedAt: string | undefined): SampleVideo {
  return publishedAt === undefined ? { id, title } : { id, title, publishedAt };
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
