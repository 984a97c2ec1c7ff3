// Inputs for the Scalekit YouTube tools (reference: scalekit.md §3.4). Kept in one place so
// the research pipeline and the agent's tool executor send the same shapes.

export const YOUTUBE_TOOLS = {
  search: 'youtube_search',
  channelsList: 'youtube_channels_list',
  playlistItemsList: 'youtube_playlist_items_list',
} as const;

export type YoutubeSearchType = 'video' | 'channel' | 'playlist';
export type YoutubeSearchOrder = 'relevance' | 'date' | 'viewCount' | 'rating' | 'title' | 'videoCount';

export interface YoutubeSearchParams {
  query: string;
  type?: YoutubeSearchType;
  /** 1-50 (YouTube's limit per page). */
  maxResults?: number;
  order?: YoutubeSearchOrder;
  /** RFC 3339, e.g. 2024-01-01T00:00:00Z. */
  publishedAfter?: string;
}

export function youtubeSearchInput(params: YoutubeSearchParams): Record<string, unknown> {
  return {
    q: params.query,
    type: params.type ?? 'video',
    max_results: Math.min(50, Math.max(1, Math.floor(params.maxResults ?? 10))),
    order: params.order ?? 'relevance',
    ...(params.publishedAfter === undefined ? {} : { published_after: params.publishedAfter }),
  };
}

/**
 * One channels.list call for up to 50 ids: titles, statistics and the uploads playlist. No
 * max_results: with an id filter every listed channel comes back on one page anyway.
 */
export function youtubeChannelsListInput(ids: readonly string[]): Record<string, unknown> {
  if (ids.length === 0 || ids.length > 50) throw new RangeError(`channels.list takes 1-50 ids, got ${ids.length}`);
  return { part: 'snippet,statistics,contentDetails', id: ids.join(',') };
}

/** The latest items of a channel's uploads playlist (newest first). */
export function youtubeUploadsInput(playlistId: string, maxResults: number): Record<string, unknown> {
  return {
    part: 'snippet,contentDetails',
    playlist_id: playlistId,
    max_results: Math.min(50, Math.max(1, Math.floor(maxResults))),
  };
}
