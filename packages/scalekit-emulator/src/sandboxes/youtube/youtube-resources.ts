import { createHash } from 'node:crypto';
import { escapeHtml } from '../../html/escape.js';
import { CHANNEL_TOPICS } from './channel-topics.js';
import type { ChannelRecord, PlaylistRecord, VideoRecord, YoutubeCatalogue } from './youtube-catalogue.js';
import { uploadsPlaylistId } from './youtube-ids.js';
import type { JsonObject } from '../sandbox.js';

/** Parts each resource accepts; parts not modelled here are accepted and left out of the answer. */
export const CHANNEL_PARTS = [
  'auditDetails',
  'brandingSettings',
  'contentDetails',
  'contentOwnerDetails',
  'id',
  'localizations',
  'snippet',
  'statistics',
  'status',
  'topicDetails',
] as const;
export const VIDEO_PARTS = [
  'contentDetails',
  'fileDetails',
  'id',
  'liveStreamingDetails',
  'localizations',
  'paidProductPlacementDetails',
  'player',
  'processingDetails',
  'recordingDetails',
  'snippet',
  'statistics',
  'status',
  'suggestions',
  'topicDetails',
] as const;
export const PLAYLIST_PARTS = ['contentDetails', 'id', 'localizations', 'player', 'snippet', 'status'] as const;
export const PLAYLIST_ITEM_PARTS = ['contentDetails', 'id', 'snippet', 'status'] as const;
export const SEARCH_PARTS = ['id', 'snippet'] as const;

/** A 27-character etag derived from the content, so unchanged data keeps its etag. */
export function etagOf(value: unknown): string {
  return createHash('sha1').update(JSON.stringify(value)).digest('base64url').slice(0, 27);
}

function withEtag(kind: string, id: string | JsonObject, body: JsonObject): JsonObject {
  return { kind, etag: etagOf([kind, id, body]), id, ...body };
}

/** `PT1H2M3S`, the ISO 8601 form `contentDetails.duration` uses. */
export function isoDuration(totalSeconds: number): string {
  if (totalSeconds <= 0) return 'P0D';
  const h = Math.floor(totalSeconds / 3600);
  const m = Math.floor((totalSeconds % 3600) / 60);
  const s = totalSeconds % 60;
  return `PT${h ? `${h}H` : ''}${m ? `${m}M` : ''}${s ? `${s}S` : ''}`;
}

/** Subscriber counts are public only rounded down to three significant figures. */
export function roundSubscribers(count: number): number {
  if (count < 1000) return count;
  const scale = 10 ** (Math.floor(Math.log10(count)) - 2);
  return Math.floor(count / scale) * scale;
}

function videoThumbnails(id: string, all: boolean): JsonObject {
  const base = `https://i.ytimg.com/vi/${id}`;
  const thumbs: JsonObject = {
    default: { url: `${base}/default.jpg`, width: 120, height: 90 },
    medium: { url: `${base}/mqdefault.jpg`, width: 320, height: 180 },
    high: { url: `${base}/hqdefault.jpg`, width: 480, height: 360 },
  };
  if (all) {
    thumbs['standard'] = { url: `${base}/sddefault.jpg`, width: 640, height: 480 };
    thumbs['maxres'] = { url: `${base}/maxresdefault.jpg`, width: 1280, height: 720 };
  }
  return thumbs;
}

function channelThumbnails(id: string): JsonObject {
  const token = etagOf(['avatar', id]);
  const at = (size: number) => ({
    url: `https://yt3.ggpht.com/ytc/${token}=s${size}-c-k-c0x00ffffff-no-rj`,
    width: size,
    height: size,
  });
  return { default: at(88), medium: at(240), high: at(800) };
}

function topicCategories(topicKey: string): string[] {
  return CHANNEL_TOPICS.find((t) => t.key === topicKey)?.topicCategories ?? [];
}

/** Brand keywords are one string, multi-word keywords in double quotes. */
function keywordString(keywords: readonly string[]): string {
  return keywords.map((k) => (k.includes(' ') ? `"${k}"` : k)).join(' ');
}

export function channelResource(channel: ChannelRecord, parts: ReadonlySet<string>): JsonObject {
  const body: JsonObject = {};
  if (parts.has('snippet')) {
    const snippet: JsonObject = {
      title: channel.title,
      description: channel.description,
      customUrl: `@${channel.handle}`,
      publishedAt: channel.publishedAt,
      thumbnails: channelThumbnails(channel.id),
      localized: { title: channel.title, description: channel.description },
    };
    if (channel.country) snippet['country'] = channel.country;
    body['snippet'] = snippet;
  }
  if (parts.has('contentDetails')) {
    body['contentDetails'] = {
      relatedPlaylists: { likes: channel.own ? 'LL' : '', uploads: uploadsPlaylistId(channel.id) },
    };
  }
  if (parts.has('statistics')) {
    // Counts are strings (uint64 in JSON); a hidden subscriber count is left out.
    const statistics: JsonObject = { viewCount: String(channel.viewCount) };
    if (!channel.hiddenSubscriberCount)
      statistics['subscriberCount'] = String(roundSubscribers(channel.subscriberCount));
    statistics['hiddenSubscriberCount'] = channel.hiddenSubscriberCount;
    statistics['videoCount'] = String(channel.videoCount);
    body['statistics'] = statistics;
  }
  if (parts.has('brandingSettings')) {
    const brand: JsonObject = {
      title: channel.title,
      description: channel.description,
      keywords: keywordString(channel.keywords),
    };
    if (channel.country) brand['country'] = channel.country;
    body['brandingSettings'] = {
      channel: brand,
      image: { bannerExternalUrl: `https://yt3.googleusercontent.com/${etagOf(['banner', channel.id])}` },
    };
  }
  if (parts.has('status')) {
    body['status'] = {
      privacyStatus: 'public',
      isLinked: true,
      longUploadsStatus: 'longUploadsUnspecified',
      madeForKids: false,
    };
  }
  if (parts.has('topicDetails')) body['topicDetails'] = { topicCategories: topicCategories(channel.topic) };
  return withEtag('youtube#channel', channel.id, body);
}

export function videoResource(video: VideoRecord, parts: ReadonlySet<string>): JsonObject {
  const body: JsonObject = {};
  if (parts.has('snippet')) {
    body['snippet'] = {
      publishedAt: video.publishedAt,
      channelId: video.channelId,
      title: video.title,
      description: video.description,
      thumbnails: videoThumbnails(video.id, video.definition === 'hd'),
      channelTitle: video.channelTitle,
      tags: video.tags,
      categoryId: video.categoryId,
      liveBroadcastContent: 'none',
      defaultAudioLanguage: 'en',
      localized: { title: video.title, description: video.description },
    };
  }
  if (parts.has('contentDetails')) {
    body['contentDetails'] = {
      duration: isoDuration(video.durationSeconds),
      dimension: '2d',
      definition: video.definition,
      caption: String(video.caption),
      licensedContent: video.licensedContent,
      contentRating: {},
      projection: 'rectangular',
    };
  }
  if (parts.has('statistics')) {
    const statistics: JsonObject = { viewCount: String(video.viewCount) };
    if (video.likeCount !== null) statistics['likeCount'] = String(video.likeCount);
    statistics['favoriteCount'] = '0';
    if (video.commentCount !== null) statistics['commentCount'] = String(video.commentCount);
    body['statistics'] = statistics;
  }
  if (parts.has('status')) {
    body['status'] = {
      uploadStatus: 'processed',
      privacyStatus: 'public',
      license: 'youtube',
      embeddable: true,
      publicStatsViewable: true,
      madeForKids: false,
    };
  }
  if (parts.has('player')) {
    body['player'] = {
      embedHtml: `<iframe width="480" height="270" src="//www.youtube.com/embed/${video.id}" frameborder="0" allow="accelerometer; autoplay; clipboard-write; encrypted-media; gyroscope; picture-in-picture; web-share" referrerpolicy="strict-origin-when-cross-origin" allowfullscreen></iframe>`,
    };
  }
  if (parts.has('topicDetails')) body['topicDetails'] = { topicCategories: topicCategories(video.topic) };
  return withEtag('youtube#video', video.id, body);
}

export function playlistResource(playlist: PlaylistRecord, parts: ReadonlySet<string>): JsonObject {
  const body: JsonObject = {};
  const cover = playlist.videoIds[0] ?? '';
  if (parts.has('snippet')) {
    body['snippet'] = {
      publishedAt: playlist.publishedAt,
      channelId: playlist.channelId,
      title: playlist.title,
      description: playlist.description,
      thumbnails: videoThumbnails(cover, true),
      channelTitle: playlist.channelTitle,
      localized: { title: playlist.title, description: playlist.description },
    };
  }
  if (parts.has('status')) body['status'] = { privacyStatus: 'public' };
  if (parts.has('contentDetails')) body['contentDetails'] = { itemCount: playlist.videoIds.length };
  if (parts.has('player')) {
    body['player'] = {
      embedHtml: `<iframe width="640" height="360" src="http://www.youtube.com/embed/videoseries?list=${playlist.id}" frameborder="0" allow="accelerometer; autoplay; clipboard-write; encrypted-media; gyroscope; picture-in-picture; web-share" referrerpolicy="strict-origin-when-cross-origin" allowfullscreen></iframe>`,
    };
  }
  return withEtag('youtube#playlist', playlist.id, body);
}

export interface PlaylistEntry {
  playlistId: string;
  /** Owner of the playlist (for uploads: the video's channel). */
  channelId: string;
  channelTitle: string;
  video: VideoRecord;
  position: number;
  addedAt: string;
}

export function playlistItemResource(entry: PlaylistEntry, parts: ReadonlySet<string>): JsonObject {
  const { video } = entry;
  const body: JsonObject = {};
  if (parts.has('snippet')) {
    body['snippet'] = {
      publishedAt: entry.addedAt,
      channelId: entry.channelId,
      title: video.title,
      description: video.description,
      thumbnails: videoThumbnails(video.id, video.definition === 'hd'),
      channelTitle: entry.channelTitle,
      playlistId: entry.playlistId,
      position: entry.position,
      resourceId: { kind: 'youtube#video', videoId: video.id },
      videoOwnerChannelTitle: video.channelTitle,
      videoOwnerChannelId: video.channelId,
    };
  }
  if (parts.has('contentDetails')) body['contentDetails'] = { videoId: video.id, videoPublishedAt: video.publishedAt };
  if (parts.has('status')) body['status'] = { privacyStatus: 'public' };
  const id = Buffer.from(`${entry.playlistId}.${video.id}`).toString('base64');
  return withEtag('youtube#playlistItem', id, body);
}

/** Search snippets are HTML-escaped (`&#39;`, `&amp;`) and their descriptions cut short, as on YouTube. */
function searchText(text: string, limit?: number): string {
  const cut = limit !== undefined && text.length > limit ? text.slice(0, limit).trimEnd() : text;
  return escapeHtml(cut.replace(/\s*\n+\s*/g, ' '));
}

const SEARCH_DESCRIPTION_CHARS = 160;

export type SearchHit =
  | { type: 'video'; video: VideoRecord }
  | { type: 'channel'; channel: ChannelRecord }
  | { type: 'playlist'; playlist: PlaylistRecord };

export function searchResult(hit: SearchHit, parts: ReadonlySet<string>, catalogue: YoutubeCatalogue): JsonObject {
  let id: JsonObject;
  let snippet: JsonObject;
  if (hit.type === 'video') {
    const v = hit.video;
    id = { kind: 'youtube#video', videoId: v.id };
    snippet = {
      publishedAt: v.publishedAt,
      channelId: v.channelId,
      title: searchText(v.title),
      description: searchText(v.description, SEARCH_DESCRIPTION_CHARS),
      thumbnails: videoThumbnails(v.id, false),
      channelTitle: searchText(v.channelTitle),
      liveBroadcastContent: 'none',
      publishTime: v.publishedAt,
    };
  } else if (hit.type === 'channel') {
    const c = hit.channel;
    id = { kind: 'youtube#channel', channelId: c.id };
    snippet = {
      publishedAt: c.publishedAt,
      channelId: c.id,
      title: searchText(c.title),
      description: searchText(c.description, SEARCH_DESCRIPTION_CHARS),
      thumbnails: channelThumbnails(c.id),
      channelTitle: searchText(c.title),
      liveBroadcastContent: 'none',
      publishTime: c.publishedAt,
    };
  } else {
    const p = hit.playlist;
    id = { kind: 'youtube#playlist', playlistId: p.id };
    snippet = {
      publishedAt: p.publishedAt,
      channelId: p.channelId,
      title: searchText(p.title),
      description: searchText(p.description, SEARCH_DESCRIPTION_CHARS),
      thumbnails: videoThumbnails(p.videoIds[0] ?? '', false),
      channelTitle: searchText(catalogue.channelById.get(p.channelId)?.title ?? p.channelTitle),
      liveBroadcastContent: 'none',
      publishTime: p.publishedAt,
    };
  }
  const body: JsonObject = parts.has('snippet') ? { snippet } : {};
  return { kind: 'youtube#searchResult', etag: etagOf([id, body]), id, ...body };
}

/** The list envelope shared by every `*.list` response; YouTube drops an empty `items` on channels. */
export function listResponse(
  kind: string,
  items: JsonObject[],
  page: { nextPageToken?: string; prevPageToken?: string; totalResults: number; resultsPerPage: number },
  extra: JsonObject = {},
  omitEmptyItems = false,
): JsonObject {
  const response: JsonObject = { kind, etag: etagOf([kind, items.map((i) => i['etag'])]) };
  if (page.nextPageToken) response['nextPageToken'] = page.nextPageToken;
  if (page.prevPageToken) response['prevPageToken'] = page.prevPageToken;
  Object.assign(response, extra);
  response['pageInfo'] = { totalResults: page.totalResults, resultsPerPage: page.resultsPerPage };
  if (items.length > 0 || !omitEmptyItems) response['items'] = items;
  return response;
}
