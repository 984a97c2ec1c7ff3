import { daysBetween, formatCount, formatDaysAgo } from './count-format.js';
import { containsTerm, isIntentWord, tokenize } from './topic-terms.js';
import type { ChannelRecord, VideoRecord } from './youtube-response.js';

/**
 * The score is a weighted sum of three 0-10 components. Relevance weighs most because an
 * off-topic channel is useless whatever its size; audience next because reach is what people
 * research channels for; activity least, but enough to push dormant channels down.
 */
export const SCORE_WEIGHTS = { relevance: 0.45, audience: 0.35, activity: 0.2 } as const;

/** Where a topic term was found, and how much that counts towards relevance. */
const MATCH_STRENGTH = { title: 1, videos: 0.8, description: 0.6 } as const;
type MatchSource = keyof typeof MATCH_STRENGTH;

/** Subject words ("python") count twice as much as intent words ("tutorial"). */
const SUBJECT_TERM_WEIGHT = 2;
const INTENT_TERM_WEIGHT = 1;

/** Relevance when there are no topic terms to match: neither rewarded nor punished. */
const NEUTRAL_RELEVANCE = 5;

/** Audience: log10 scale, 1K subscribers = 0 and 10M = 10 (2.5 points per tenfold). */
const SUBSCRIBERS_FLOOR_LOG = 3;
const SUBSCRIBERS_SPAN_LOG = 4;
/** With a hidden subscriber count, total views stand in: 100K views = 0, 1B = 10. */
const VIEWS_FLOOR_LOG = 5;
const VIEWS_SPAN_LOG = 4;

/** Activity: recency halves every 60 days since the latest upload; unknown recency = 0. */
const RECENCY_HALF_LIFE_DAYS = 60;
/** Upload volume on a log scale: 1000 videos or more = 10. */
const VOLUME_FULL_LOG = 3;
const ACTIVITY_RECENCY_SHARE = 0.7;
const ACTIVITY_VOLUME_SHARE = 0.3;

export interface ScoreComponents {
  relevance: number;
  audience: number;
  activity: number;
}

export interface ChannelScore {
  /** 0-10, one decimal, computed from the rounded components so anyone can recompute it. */
  score: number;
  /** A readable sentence citing the figures behind the score. */
  reason: string;
  components: ScoreComponents;
  /** Topic terms found anywhere (title, description, video titles). */
  matchedTerms: string[];
  daysSinceLastUpload?: number;
  lastUploadAt?: string;
}

export interface ScoreOptions {
  topicTerms: readonly string[];
  now: Date;
  /** Recent videos of the channel (search hits, latest uploads): titles and dates. */
  recentVideos?: readonly Pick<VideoRecord, 'title' | 'publishedAt'>[];
}

export function scoreChannel(channel: ChannelRecord, options: ScoreOptions): ChannelScore {
  const videos = options.recentVideos ?? [];
  const matches = matchTerms(channel, videos, options.topicTerms);
  const lastUploadAt = latestDate(videos);
  const daysSinceLastUpload = lastUploadAt === undefined ? undefined : daysBetween(lastUploadAt, options.now);

  const components: ScoreComponents = {
    relevance: round1(relevanceScore(matches, options.topicTerms)),
    audience: round1(audienceScore(channel)),
    activity: round1(activityScore(daysSinceLastUpload, channel.videoCount)),
  };
  const score = round1(
    SCORE_WEIGHTS.relevance * components.relevance +
      SCORE_WEIGHTS.audience * components.audience +
      SCORE_WEIGHTS.activity * components.activity,
  );
  return {
    score,
    reason: scoreReason(channel, matches, daysSinceLastUpload),
    components,
    matchedTerms: [...matches.keys()],
    ...(daysSinceLastUpload === undefined ? {} : { daysSinceLastUpload }),
    ...(lastUploadAt === undefined ? {} : { lastUploadAt }),
  };
}

// The strongest place each term was found; terms found nowhere are absent.
function matchTerms(
  channel: ChannelRecord,
  videos: readonly Pick<VideoRecord, 'title'>[],
  terms: readonly string[],
): Map<string, MatchSource> {
  const titleTokens = new Set(tokenize(`${channel.title} ${channel.customUrl ?? ''}`));
  const videoTokens = new Set(videos.flatMap((video) => tokenize(video.title)));
  const descriptionTokens = new Set(tokenize(channel.description));
  const matches = new Map<string, MatchSource>();
  for (const term of terms) {
    if (containsTerm(titleTokens, term)) matches.set(term, 'title');
    else if (containsTerm(videoTokens, term)) matches.set(term, 'videos');
    else if (containsTerm(descriptionTokens, term)) matches.set(term, 'description');
  }
  return matches;
}

function relevanceScore(matches: ReadonlyMap<string, MatchSource>, terms: readonly string[]): number {
  if (terms.length === 0) return NEUTRAL_RELEVANCE;
  let weighted = 0;
  let total = 0;
  for (const term of new Set(terms)) {
    const weight = isIntentWord(term) ? INTENT_TERM_WEIGHT : SUBJECT_TERM_WEIGHT;
    const source = matches.get(term);
    total += weight;
    if (source !== undefined) weighted += weight * MATCH_STRENGTH[source];
  }
  return (10 * weighted) / total;
}

function audienceScore(channel: ChannelRecord): number {
  if (channel.subscriberCount !== undefined) {
    return logScale(channel.subscriberCount, SUBSCRIBERS_FLOOR_LOG, SUBSCRIBERS_SPAN_LOG);
  }
  if (channel.viewCount !== undefined) return logScale(channel.viewCount, VIEWS_FLOOR_LOG, VIEWS_SPAN_LOG);
  return 0;
}

function activityScore(daysSinceLastUpload: number | undefined, videoCount: number | undefined): number {
  const recency = daysSinceLastUpload === undefined ? 0 : 10 * 0.5 ** (daysSinceLastUpload / RECENCY_HALF_LIFE_DAYS);
  const volume = videoCount === undefined ? 0 : clamp((10 * Math.log10(videoCount + 1)) / VOLUME_FULL_LOG);
  return ACTIVITY_RECENCY_SHARE * recency + ACTIVITY_VOLUME_SHARE * volume;
}

function scoreReason(
  channel: ChannelRecord,
  matches: ReadonlyMap<string, MatchSource>,
  daysSinceLastUpload: number | undefined,
): string {
  const parts: string[] = [];
  if (channel.subscriberCount !== undefined) parts.push(`${formatCount(channel.subscriberCount)} subscribers`);
  else if (channel.subscribersHidden && channel.viewCount !== undefined) {
    parts.push(`subscriber count hidden (${formatCount(channel.viewCount)} views)`);
  } else parts.push(channel.subscribersHidden ? 'subscriber count hidden' : 'subscriber count unknown');

  parts.push(
    daysSinceLastUpload === undefined ? 'no recent upload found' : `last upload ${formatDaysAgo(daysSinceLastUpload)}`,
  );
  if (channel.videoCount !== undefined) parts.push(`${formatCount(channel.videoCount)} videos`);

  const bySource = (source: MatchSource): string[] =>
    [...matches].filter(([, s]) => s === source).map(([term]) => term);
  const title = bySource('title');
  const videos = bySource('videos');
  const description = bySource('description');
  if (title.length > 0) parts.push(`title matches ${quotedList(title)}`);
  if (videos.length > 0) parts.push(`recent videos mention ${quotedList(videos)}`);
  if (description.length > 0) parts.push(`description mentions ${quotedList(description)}`);
  if (matches.size === 0) parts.push('no topic terms in title, description or recent videos');
  return parts.join(', ');
}

/** "'a'", "'a' and 'b'", "'a', 'b' and 'c'". */
export function quotedList(items: readonly string[]): string {
  const quoted = items.map((item) => `'${item}'`);
  if (quoted.length <= 1) return quoted.join('');
  return `${quoted.slice(0, -1).join(', ')} and ${quoted.at(-1)!}`;
}

function latestDate(videos: readonly Pick<VideoRecord, 'publishedAt'>[]): string | undefined {
  let latest: string | undefined;
  for (const video of videos) {
    if (video.publishedAt === undefined || Number.isNaN(Date.parse(video.publishedAt))) continue;
    if (latest === undefined || Date.parse(video.publishedAt) > Date.parse(latest)) latest = video.publishedAt;
  }
  return latest;
}

function logScale(value: number, floorLog: number, spanLog: number): number {
  return clamp((10 * (Math.log10(Math.max(value, 1)) - floorLog)) / spanLog);
}

function clamp(value: number): number {
  return Math.min(10, Math.max(0, value));
}

function round1(value: number): number {
  return Math.round(value * 10) / 10;
}
