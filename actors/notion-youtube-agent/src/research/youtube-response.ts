// Tolerant readers for YouTube Data API v3 list responses as they come back from Scalekit
// tools. The tool `data` is free-form JSON (a list response, possibly wrapped, possibly a JSON
// string), and YouTube sends every count as a string, so nothing here trusts a shape.

import { isJsonObject } from '@repo/auth-gate';

export interface SearchHit {
  kind: 'channel' | 'video';
  channelId: string;
  /** Present for video hits. */
  videoId?: string;
  /** Video title for video hits, channel title for channel hits. */
  title: string;
  channelTitle: string;
  description: string;
  /** ISO 8601; for a video hit, when the video was published. */
  publishedAt?: string;
}

export interface ChannelRecord {
  id: string;
  title: string;
  description: string;
  /** The handle ("@name") or legacy custom URL, as YouTube returns it. */
  customUrl?: string;
  publishedAt?: string;
  country?: string;
  /** Undefined when the channel hides it or the response lacks it. */
  subscriberCount?: number;
  subscribersHidden: boolean;
  videoCount?: number;
  viewCount?: number;
  /** The channel's uploads playlist, for cheap (1 unit) latest-upload lookups. */
  uploadsPlaylistId?: string;
}

export interface VideoRecord {
  id: string;
  channelId?: string;
  title: string;
  publishedAt?: string;
  viewCount?: number;
  likeCount?: number;
  commentCount?: number;
}

type JsonObject = Record<string, unknown>;

const MAX_SEARCH_DEPTH = 6;

/**
 * The `items` array of a list response wherever it sits: at the top, under `data`, or deeper
 * (breadth-first, so the outermost list wins). A JSON string is parsed first. Returns [] when
 * there is no such array.
 */
export function findItems(result: unknown): unknown[] {
  let level: unknown[] = [parseIfJsonText(result)];
  for (let depth = 0; depth < MAX_SEARCH_DEPTH && level.length > 0; depth += 1) {
    const next: unknown[] = [];
    for (const node of level) {
      if (!isJsonObject(node)) continue;
      if (Array.isArray(node.items)) return node.items;
      for (const value of Object.values(node)) {
        const parsed = parseIfJsonText(value);
        if (isJsonObject(parsed)) next.push(parsed);
      }
    }
    level = next;
  }
  return [];
}

/** search.list results (channel and video hits); playlists and unreadable items are skipped. */
export function parseSearchResults(result: unknown): SearchHit[] {
  const hits: SearchHit[] = [];
  for (const item of findItems(result)) {
    if (!isJsonObject(item)) continue;
    const snippet = objectAt(item, 'snippet');
    const id = item.id;
    const idObject = isJsonObject(id) ? id : undefined;
    const videoId = stringAt(idObject, 'videoId');
    const channelId = stringAt(idObject, 'channelId') ?? stringAt(snippet, 'channelId');
    if (channelId === undefined) continue;
    const isVideo = videoId !== undefined;
    if (!isVideo && stringAt(idObject, 'playlistId') !== undefined) continue;
    const title = stringAt(snippet, 'title') ?? '';
    const channelTitle = stringAt(snippet, 'channelTitle') ?? (isVideo ? '' : title);
    hits.push({
      kind: isVideo ? 'video' : 'channel',
      channelId,
      ...(isVideo ? { videoId } : {}),
      title,
      channelTitle,
      description: stringAt(snippet, 'description') ?? '',
      ...optional('publishedAt', isoDateAt(snippet, 'publishedAt')),
    });
  }
  return hits;
}

/** channels.list results with counts as numbers. */
export function parseChannels(result: unknown): ChannelRecord[] {
  const channels: ChannelRecord[] = [];
  for (const item of findItems(result)) {
    if (!isJsonObject(item)) continue;
    const id = typeof item.id === 'string' && item.id.length > 0 ? item.id : undefined;
    if (id === undefined) continue;
    const snippet = objectAt(item, 'snippet');
    const statistics = objectAt(item, 'statistics');
    const uploads = stringAt(objectAt(objectAt(item, 'contentDetails'), 'relatedPlaylists'), 'uploads');
    const hidden = statistics?.hiddenSubscriberCount === true || statistics?.hiddenSubscriberCount === 'true';
    channels.push({
      id,
      title: stringAt(snippet, 'title') ?? '',
      description: stringAt(snippet, 'description') ?? '',
      ...optional('customUrl', stringAt(snippet, 'customUrl')),
      ...optional('publishedAt', isoDateAt(snippet, 'publishedAt')),
      ...optional('country', stringAt(snippet, 'country')),
      // A hidden count comes back as "0" or not at all; either way it is unknown, not zero.
      ...optional('subscriberCount', hidden ? undefined : countAt(statistics, 'subscriberCount')),
      subscribersHidden: hidden,
      ...optional('videoCount', countAt(statistics, 'videoCount')),
      ...optional('viewCount', countAt(statistics, 'viewCount')),
      ...optional('uploadsPlaylistId', uploads),
    });
  }
  return channels;
}

/**
 * Videos from videos.list, playlistItems.list (a channel's uploads) or video hits of
 * search.list. A playlist item's own `id` is not a video id, so the video id is read from
 * `contentDetails.videoId` or `snippet.resourceId.videoId` first.
 */
export function parseVideos(result: unknown): VideoRecord[] {
  const videos: VideoRecord[] = [];
  for (const item of findItems(result)) {
    if (!isJsonObject(item)) continue;
    const snippet = objectAt(item, 'snippet');
    const details = objectAt(item, 'contentDetails');
    const statistics = objectAt(item, 'statistics');
    const id =
      stringAt(details, 'videoId') ??
      stringAt(objectAt(snippet, 'resourceId'), 'videoId') ??
      (isJsonObject(item.id) ? stringAt(item.id, 'videoId') : undefined) ??
      (typeof item.id === 'string' && item.kind !== 'youtube#playlistItem' ? item.id : undefined);
    if (id === undefined) continue;
    videos.push({
      id,
      // In an uploads playlist, snippet.channelId is the playlist owner, i.e. the uploader.
      ...optional('channelId', stringAt(snippet, 'videoOwnerChannelId') ?? stringAt(snippet, 'channelId')),
      title: stringAt(snippet, 'title') ?? '',
      ...optional('publishedAt', isoDateAt(details, 'videoPublishedAt') ?? isoDateAt(snippet, 'publishedAt')),
      ...optional('viewCount', countAt(statistics, 'viewCount')),
      ...optional('likeCount', countAt(statistics, 'likeCount')),
      ...optional('commentCount', countAt(statistics, 'commentCount')),
    });
  }
  return videos;
}

/** A non-negative integer from a YouTube count (a decimal string, or a number). */
export function parseCount(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) && value >= 0 ? Math.floor(value) : undefined;
  if (typeof value !== 'string' || !/^\s*\d+\s*$/.test(value)) return undefined;
  const parsed = Number(value);
  return Number.isSafeInteger(parsed) ? parsed : undefined;
}

function parseIfJsonText(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  const text = value.trim();
  if (!text.startsWith('{') && !text.startsWith('[')) return value;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return value;
  }
}

function objectAt(source: JsonObject | undefined, key: string): JsonObject | undefined {
  const value = source?.[key];
  return isJsonObject(value) ? value : undefined;
}

function stringAt(source: JsonObject | undefined, key: string): string | undefined {
  const value = source?.[key];
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}

function countAt(source: JsonObject | undefined, key: string): number | undefined {
  return parseCount(source?.[key]);
}

// Keep only timestamps that parse, normalised to ISO, so later date arithmetic never sees NaN.
function isoDateAt(source: JsonObject | undefined, key: string): string | undefined {
  const value = stringAt(source, key);
  if (value === undefined) return undefined;
  const time = Date.parse(value);
  return Number.isNaN(time) ? undefined : new Date(time).toISOString();
}

// Spread helper: omits the key instead of writing `key: undefined`, so records stay clean JSON.
function optional<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return value === undefined ? {} : ({ [key]: value } as { [P in K]?: V });
}
