import { formatCount } from './count-format.js';
import type { ChannelScore } from './channel-scoring.js';
import type { ChannelRecord } from './youtube-response.js';

export interface ScoredChannel {
  channel: ChannelRecord;
  score: ChannelScore;
}

export interface RankOptions {
  topN: number;
  /** Channels below this, or with a hidden count, are excluded (a hidden count cannot be checked). */
  minSubscribers?: number;
  /** Channels whose latest upload is older, or unknown, are excluded. */
  maxDaysSinceUpload?: number;
}

export interface ExcludedChannel {
  channelId: string;
  title: string;
  reason: string;
}

export type RankedChannel<T extends ScoredChannel = ScoredChannel> = T & { rank: number };

export interface RankResult<T extends ScoredChannel> {
  ranked: RankedChannel<T>[];
  /** Channels the filters removed, with why; channels merely below the top N are not listed. */
  excluded: ExcludedChannel[];
}

/**
 * Filter, then order by score; ties go to more subscribers, then the more recent upload, then
 * the channel id, so equal inputs always rank the same way.
 */
export function rankChannels<T extends ScoredChannel>(scored: readonly T[], options: RankOptions): RankResult<T> {
  const topN = Math.max(0, Math.floor(options.topN));
  const excluded: ExcludedChannel[] = [];
  const kept = new Map<string, T>();
  for (const entry of scored) {
    const reason = exclusionReason(entry, options);
    if (reason !== undefined) {
      excluded.push({ channelId: entry.channel.id, title: entry.channel.title, reason });
      continue;
    }
    // The same channel twice (e.g. found by two searches): keep the better-scored entry.
    const previous = kept.get(entry.channel.id);
    if (previous === undefined || compareEntries(entry, previous) < 0) kept.set(entry.channel.id, entry);
  }
  const ranked = [...kept.values()]
    .sort(compareEntries)
    .slice(0, topN)
    .map((entry, index) => ({ ...entry, rank: index + 1 }));
  return { ranked, excluded };
}

function exclusionReason(entry: ScoredChannel, options: RankOptions): string | undefined {
  const { minSubscribers, maxDaysSinceUpload } = options;
  if (minSubscribers !== undefined && minSubscribers > 0) {
    const subscribers = entry.channel.subscriberCount;
    if (subscribers === undefined) {
      return `subscriber count ${entry.channel.subscribersHidden ? 'hidden' : 'unknown'}, cannot check the ${formatCount(minSubscribers)} minimum`;
    }
    if (subscribers < minSubscribers) {
      return `${formatCount(subscribers)} subscribers, below the ${formatCount(minSubscribers)} minimum`;
    }
  }
  if (maxDaysSinceUpload !== undefined) {
    const days = entry.score.daysSinceLastUpload;
    if (days === undefined) return `no upload date found, cannot check the ${maxDaysSinceUpload}-day limit`;
    if (days > maxDaysSinceUpload) return `last upload ${days} days ago, over the ${maxDaysSinceUpload}-day limit`;
  }
  return undefined;
}

function compareEntries(a: ScoredChannel, b: ScoredChannel): number {
  return (
    b.score.score - a.score.score ||
    (b.channel.subscriberCount ?? -1) - (a.channel.subscriberCount ?? -1) ||
    (a.score.daysSinceLastUpload ?? Infinity) - (b.score.daysSinceLastUpload ?? Infinity) ||
    compareStrings(a.channel.id, b.channel.id)
  );
}

// Code-unit order, not locale order, so the result does not depend on the machine's locale.
function compareStrings(a: string, b: string): number {
  if (a === b) return 0;
  return a < b ? -1 : 1;
}
