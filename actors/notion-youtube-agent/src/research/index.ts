export { dedupeChannels, type ChannelCandidate } from './channel-candidates.js';
export {
  rankChannels,
  type ExcludedChannel,
  type RankOptions,
  type RankResult,
  type RankedChannel,
  type ScoredChannel,
} from './channel-ranking.js';
export {
  quotedList,
  SCORE_WEIGHTS,
  scoreChannel,
  type ChannelScore,
  type ScoreComponents,
  type ScoreOptions,
} from './channel-scoring.js';
export { chunk, YOUTUBE_MAX_IDS_PER_CALL } from './chunk.js';
export { daysBetween, formatCount, formatDaysAgo } from './count-format.js';
export { keywordVariations, type KeywordVariationOptions } from './keyword-variations.js';
export {
  DAILY_QUOTA_STORE,
  DAILY_UNITS_VARIABLE,
  DailyQuotaLedger,
  dailyQuotaKey,
  dailyUnitsLimit,
  DEFAULT_DAILY_UNITS_PER_USER,
  grantRunUnits,
  utcDay,
  type QuotaStore,
  type RunGrant,
} from './daily-quota.js';
export {
  detailUnitsEstimate,
  planSearches,
  YOUTUBE_QUOTA_COST,
  type SearchPlan,
  type SearchPlanOptions,
} from './quota-plan.js';
export {
  DEFAULT_RESEARCH_QUOTA_UNITS,
  minimumResearchUnits,
  runYoutubeResearch,
  type ResearchChannel,
  type ResearchDeps,
  type ResearchRequest,
  type ResearchResult,
  type SampleVideo,
  type YoutubeToolCall,
} from './research-pipeline.js';
export { containsTerm, tokenize, topicTerms } from './topic-terms.js';
export {
  findItems,
  parseChannels,
  parseCount,
  parseSearchResults,
  parseVideos,
  type ChannelRecord,
  type SearchHit,
  type VideoRecord,
} from './youtube-response.js';
export {
  youtubeChannelsListInput,
  youtubeSearchInput,
  youtubeUploadsInput,
  YOUTUBE_TOOLS,
  type YoutubeSearchOrder,
  type YoutubeSearchParams,
  type YoutubeSearchType,
} from './youtube-tool-inputs.js';
export { channelUrl, handleUrl, videoUrl } from './youtube-links.js';
