import type { JsonObject } from '../sandbox.js';
import {
  pageWindow,
  parseBoolean,
  parseEnum,
  parseIdList,
  parseMaxResults,
  parseParts,
  type ApiParams,
} from './request-params.js';
import type { ChannelRecord, VideoRecord, YoutubeCatalogue } from './youtube-catalogue.js';
import { incompatibleParameters, invalidValue, missingFilter, youtubeError } from './youtube-errors.js';
import {
  CHANNEL_PARTS,
  PLAYLIST_ITEM_PARTS,
  PLAYLIST_PARTS,
  VIDEO_PARTS,
  channelResource,
  listResponse,
  playlistItemResource,
  playlistResource,
  videoResource,
  type PlaylistEntry,
} from './youtube-resources.js';

/**
 * The one filter a list call must name. Boolean filters only count when true (`mine=false` is no
 * filter), as YouTube treats them.
 */
function chooseFilter(params: ApiParams, filters: readonly string[], booleans: readonly string[] = []): string {
  const given = filters.filter((name) =>
    booleans.includes(name) ? parseBoolean(params, name) === true : params.has(name),
  );
  if (given.length === 0) throw missingFilter(filters);
  if (given.length > 1) throw incompatibleParameters(given);
  return given[0]!;
}

/** Id lookups answer every id found, in request order, without paging. */
function byIds<T>(ids: readonly string[], lookup: (id: string) => T | undefined): T[] {
  return ids.map(lookup).filter((x): x is T => x !== undefined);
}

function paged<T>(
  params: ApiParams,
  all: readonly T[],
  limits: { min: number; max: number; fallback: number },
  reachable?: number,
): {
  items: T[];
  page: { nextPageToken?: string; prevPageToken?: string; totalResults: number; resultsPerPage: number };
} {
  const size = parseMaxResults(params, limits);
  const window = pageWindow(params, all.length, size, reachable);
  return {
    items: all.slice(window.start, window.end),
    page: { ...window, totalResults: all.length, resultsPerPage: size },
  };
}

const CHANNEL_FILTERS = [
  'categoryId',
  'forHandle',
  'forUsername',
  'id',
  'managedByMe',
  'mine',
  'mySubscribers',
] as const;

/** `GET /youtube/v3/channels` (channels.list). */
export function channelsList(catalogue: YoutubeCatalogue, params: ApiParams): JsonObject {
  const parts = parseParts(params, CHANNEL_PARTS);
  const filter = chooseFilter(params, CHANNEL_FILTERS, ['managedByMe', 'mine', 'mySubscribers']);
  const limits = { min: 0, max: 50, fallback: 5 };
  let found: ChannelRecord[];
  switch (filter) {
    case 'id': {
      found = byIds(parseIdList(params, 'id') ?? [], (id) => catalogue.channelById.get(id));
      parseMaxResults(params, limits);
      const items = found.map((c) => channelResource(c, parts));
      return listResponse(
        'youtube#channelListResponse',
        items,
        { totalResults: items.length, resultsPerPage: items.length },
        {},
        true,
      );
    }
    case 'forHandle':
      found = [catalogue.channelByHandle(params.get('forHandle')!)].filter((c): c is ChannelRecord => c !== undefined);
      break;
    case 'forUsername':
      found = [catalogue.channelByUsername(params.get('forUsername')!)].filter(
        (c): c is ChannelRecord => c !== undefined,
      );
      break;
    case 'mine':
      found = [catalogue.channelById.get(catalogue.ownChannelId)!];
      break;
    default:
      // managedByMe (content owners only), mySubscribers and the deprecated categoryId: nothing to list.
      found = [];
  }
  const { items, page } = paged(params, found, limits);
  return listResponse(
    'youtube#channelListResponse',
    items.map((c) => channelResource(c, parts)),
    page,
    {},
    true,
  );
}

/** A "trending" score: views per day since upload, so recent hits outrank old classics. */
function trending(video: VideoRecord, now: Date): number {
  const days = Math.max(1, (now.getTime() - Date.parse(video.publishedAt)) / 86_400_000);
  return video.viewCount / days;
}

/** The mostPopular chart holds at most 200 videos. */
const CHART_SIZE = 200;

/** `GET /youtube/v3/videos` (videos.list). */
export function videosList(catalogue: YoutubeCatalogue, params: ApiParams): JsonObject {
  const parts = parseParts(params, VIDEO_PARTS);
  const filter = chooseFilter(params, ['chart', 'id', 'myRating']);
  const region = params.get('regionCode');
  if (region !== undefined && !/^[A-Za-z]{2}$/.test(region))
    throw invalidValue('regionCode', region, 'Expected an ISO 3166-1 alpha-2 country code.');
  const limits = { min: 1, max: 50, fallback: 5 };
  if (filter === 'id') {
    const found = byIds(parseIdList(params, 'id') ?? [], (id) => catalogue.videoById.get(id));
    const items = found.map((v) => videoResource(v, parts));
    return listResponse('youtube#videoListResponse', items, {
      totalResults: items.length,
      resultsPerPage: items.length,
    });
  }
  let videos: VideoRecord[];
  if (filter === 'chart') {
    parseEnum(params, 'chart', ['mostPopular'] as const);
    const category = params.get('videoCategoryId');
    videos = catalogue.videos
      .filter((v) => category === undefined || v.categoryId === category)
      .map((v) => ({ v, score: trending(v, catalogue.now) }))
      .sort((a, b) => b.score - a.score || a.v.id.localeCompare(b.v.id))
      .slice(0, CHART_SIZE)
      .map((x) => x.v);
  } else {
    const rating = parseEnum(params, 'myRating', ['dislike', 'like'] as const);
    videos = rating === 'like' ? byIds(catalogue.likedVideoIds, (id) => catalogue.videoById.get(id)) : [];
  }
  const { items, page } = paged(params, videos, limits);
  return listResponse(
    'youtube#videoListResponse',
    items.map((v) => videoResource(v, parts)),
    page,
  );
}

/** `GET /youtube/v3/playlists` (playlists.list). */
export function playlistsList(catalogue: YoutubeCatalogue, params: ApiParams): JsonObject {
  const parts = parseParts(params, PLAYLIST_PARTS);
  const filter = chooseFilter(params, ['channelId', 'id', 'mine'], ['mine']);
  const limits = { min: 0, max: 50, fallback: 5 };
  if (filter === 'id') {
    const found = byIds(parseIdList(params, 'id') ?? [], (id) => catalogue.playlistById.get(id));
    const items = found.map((p) => playlistResource(p, parts));
    return listResponse('youtube#playlistListResponse', items, {
      totalResults: items.length,
      resultsPerPage: items.length,
    });
  }
  const owner = filter === 'mine' ? catalogue.ownChannelId : params.get('channelId')!;
  const { items, page } = paged(params, catalogue.playlistsByChannel.get(owner) ?? [], limits);
  return listResponse(
    'youtube#playlistListResponse',
    items.map((p) => playlistResource(p, parts)),
    page,
  );
}

/** Entries of a playlist: a real one, a channel's uploads (`UU…`) or the account's likes (`LL`). */
function playlistEntries(catalogue: YoutubeCatalogue, playlistId: string): PlaylistEntry[] | undefined {
  const playlist = catalogue.playlistById.get(playlistId);
  if (playlist) {
    return byIds(playlist.videoIds, (id) => catalogue.videoById.get(id)).map((video, position) => ({
      playlistId,
      channelId: playlist.channelId,
      channelTitle: playlist.channelTitle,
      video,
      position,
      addedAt: playlist.publishedAt > video.publishedAt ? playlist.publishedAt : video.publishedAt,
    }));
  }
  if (playlistId.startsWith('UU')) {
    const channel = catalogue.channelById.get(`UC${playlistId.slice(2)}`);
    if (!channel) return undefined;
    return catalogue.uploadsOf(channel.id).map((video, position) => ({
      playlistId,
      channelId: channel.id,
      channelTitle: channel.title,
      video,
      position,
      addedAt: video.publishedAt,
    }));
  }
  if (playlistId === 'LL') {
    const own = catalogue.channelById.get(catalogue.ownChannelId)!;
    return byIds(catalogue.likedVideoIds, (id) => catalogue.videoById.get(id)).map((video, position) => ({
      playlistId,
      channelId: own.id,
      channelTitle: own.title,
      video,
      position,
      addedAt: video.publishedAt,
    }));
  }
  return undefined;
}

/** Playlist item ids encode `<playlistId>.<videoId>`, so an id lookup finds its playlist again. */
function entriesForItemIds(catalogue: YoutubeCatalogue, ids: readonly string[]): PlaylistEntry[] {
  return ids.flatMap((id) => {
    const [playlistId = '', videoId = ''] = Buffer.from(id, 'base64').toString('utf8').split('.');
    return (playlistEntries(catalogue, playlistId) ?? []).filter((e) => e.video.id === videoId);
  });
}

/** `GET /youtube/v3/playlistItems` (playlistItems.list). */
export function playlistItemsList(catalogue: YoutubeCatalogue, params: ApiParams): JsonObject {
  const parts = parseParts(params, PLAYLIST_ITEM_PARTS);
  const filter = chooseFilter(params, ['id', 'playlistId']);
  const limits = { min: 0, max: 50, fallback: 5 };
  if (filter === 'id') {
    const items = entriesForItemIds(catalogue, parseIdList(params, 'id') ?? []).map((e) =>
      playlistItemResource(e, parts),
    );
    return listResponse('youtube#playlistItemListResponse', items, {
      totalResults: items.length,
      resultsPerPage: items.length,
    });
  }
  const entries = playlistEntries(catalogue, params.get('playlistId')!);
  if (!entries) {
    throw youtubeError(
      404,
      'playlistNotFound',
      "The playlist identified with the request's playlistId parameter cannot be found.",
      {
        domain: 'youtube.playlistItem',
        location: 'playlistId',
      },
    );
  }
  const videoId = params.get('videoId');
  const selected = videoId === undefined ? entries : entries.filter((e) => e.video.id === videoId);
  const { items, page } = paged(params, selected, limits);
  return listResponse(
    'youtube#playlistItemListResponse',
    items.map((e) => playlistItemResource(e, parts)),
    page,
  );
}
