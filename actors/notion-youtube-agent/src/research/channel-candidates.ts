import type { SearchHit } from './youtube-response.js';

/** One channel found by the searches, with the video hits that led to it. */
export interface ChannelCandidate {
  channelId: string;
  channelTitle: string;
  /** Video hits from this channel, in search order, without repeats. */
  videos: SearchHit[];
  /** How many search hits (channel or video) pointed at this channel. */
  hitCount: number;
}

/**
 * Unique channels from search hits in first-seen order (the order searches ranked them), so
 * later steps are deterministic. Video hits are kept per channel as evidence of relevance and
 * recency and as sample videos.
 */
export function dedupeChannels(hits: readonly SearchHit[]): ChannelCandidate[] {
  const byId = new Map<string, ChannelCandidate>();
  for (const hit of hits) {
    let candidate = byId.get(hit.channelId);
    if (candidate === undefined) {
      candidate = { channelId: hit.channelId, channelTitle: hit.channelTitle, videos: [], hitCount: 0 };
      byId.set(hit.channelId, candidate);
    }
    candidate.hitCount += 1;
    if (candidate.channelTitle === '' && hit.channelTitle !== '') candidate.channelTitle = hit.channelTitle;
    if (hit.kind === 'video' && !candidate.videos.some((video) => video.videoId === hit.videoId)) {
      candidate.videos.push(hit);
    }
  }
  return [...byId.values()];
}
