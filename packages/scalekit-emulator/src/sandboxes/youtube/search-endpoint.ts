import type { JsonObject } from '../sandbox.js';
import { pageWindow, parseDateTime, parseEnum, parseMaxResults, parseParts, type ApiParams } from './request-params.js';
import {
  indexText,
  matchesEveryGroup,
  parseQuery,
  relevance,
  type IndexedText,
  type ParsedQuery,
  type SearchableText,
} from './search-query.js';
import type {
  ChannelRecord,
  GeneratedResources,
  PlaylistRecord,
  VideoRecord,
  YoutubeCatalogue,
} from './youtube-catalogue.js';
import { invalidEnum, invalidValue, youtubeError } from './youtube-errors.js';
import { SEARCH_PARTS, listResponse, searchResult, type SearchHit } from './youtube-resources.js';

const TYPES = ['video', 'channel', 'playlist'] as const;
type ResourceType = (typeof TYPES)[number];
export const SEARCH_ORDERS = ['date', 'rating', 'relevance', 'title', 'videoCount', 'viewCount'] as const;
type Order = (typeof SEARCH_ORDERS)[number];

/** Parameters that only make sense for videos: YouTube refuses them unless `type=video`. */
const VIDEO_ONLY_FILTERS = [
  'eventType',
  'videoCaption',
  'videoCategoryId',
  'videoDefinition',
  'videoDimension',
  'videoDuration',
  'videoEmbeddable',
  'videoLicense',
  'videoPaidProductPlacement',
  'videoSyndicated',
  'videoType',
] as const;

/** YouTube never pages past about 500 results for one query, whatever totalResults says. */
export const MAX_REACHABLE_RESULTS = 500;

/** Tokenised text per catalogue record, built on first search (records never change). */
const INDEX = new WeakMap<object, IndexedText>();

function indexed(record: object, text: () => SearchableText): IndexedText {
  let fields = INDEX.get(record);
  if (!fields) {
    fields = indexText(text());
    INDEX.set(record, fields);
  }
  return fields;
}

const videoText = (v: VideoRecord): IndexedText => indexed(v, () => v);
const channelText = (c: ChannelRecord): IndexedText =>
  indexed(c, () => ({ title: c.title, tags: c.keywords, channelTitle: c.title, description: c.description }));
const playlistText = (p: PlaylistRecord): IndexedText =>
  indexed(p, () => ({ title: p.title, tags: [], channelTitle: p.channelTitle, description: p.description }));

/** How many seeded videos and channels match every word of the query. */
export function fullMatchCount(catalogue: YoutubeCatalogue, query: ParsedQuery): number {
  let count = 0;
  for (const v of catalogue.videos) if (matchesEveryGroup(query, videoText(v))) count += 1;
  for (const c of catalogue.channels) if (matchesEveryGroup(query, channelText(c))) count += 1;
  return count;
}

interface ScoredHit {
  hit: SearchHit;
  score: number;
  publishedAt: string;
  title: string;
  views: number;
  rating: number;
  videoCount: number;
  id: string;
}

function parseTypes(params: ApiParams): Set<ResourceType> {
  const raw = params.get('type');
  if (raw === undefined) return new Set(TYPES);
  const types = new Set<ResourceType>();
  for (const entry of raw
    .split(',')
    .map((t) => t.trim())
    .filter(Boolean)) {
    const found = TYPES.find((t) => t === entry.toLowerCase());
    if (!found) throw invalidEnum('type', entry, TYPES);
    types.add(found);
  }
  return types.size > 0 ? types : new Set(TYPES);
}

interface VideoFilters {
  duration?: 'any' | 'short' | 'medium' | 'long';
  definition?: 'any' | 'high' | 'standard';
  caption?: 'any' | 'closedCaption' | 'none';
  categoryId?: string;
}

function parseVideoFilters(params: ApiParams, types: ReadonlySet<ResourceType>): VideoFilters {
  const given = VIDEO_ONLY_FILTERS.filter((name) => params.has(name));
  if (given.length > 0 && (types.size !== 1 || !types.has('video'))) {
    throw youtubeError(
      400,
      'invalidSearchFilter',
      `The request contains an invalid combination of search filters and/or restrictions: ${given.join(', ')} require type=video.`,
      { domain: 'youtube.search' },
    );
  }
  const filters: VideoFilters = {};
  const duration = parseEnum(params, 'videoDuration', ['any', 'long', 'medium', 'short'] as const);
  if (duration) filters.duration = duration;
  const definition = parseEnum(params, 'videoDefinition', ['any', 'high', 'standard'] as const);
  if (definition) filters.definition = definition;
  const caption = parseEnum(params, 'videoCaption', ['any', 'closedCaption', 'none'] as const);
  if (caption) filters.caption = caption;
  const category = params.get('videoCategoryId');
  if (category !== undefined) filters.categoryId = category;
  return filters;
}

/** YouTube's duration buckets: short < 4 min, medium 4-20 min, long > 20 min. */
function durationBucket(seconds: number): 'short' | 'medium' | 'long' {
  if (seconds < 240) return 'short';
  return seconds <= 1200 ? 'medium' : 'long';
}

function videoPasses(
  filters: VideoFilters,
  v: { durationSeconds: number; definition: string; caption: boolean; categoryId: string },
): boolean {
  if (filters.duration && filters.duration !== 'any' && durationBucket(v.durationSeconds) !== filters.duration)
    return false;
  if (filters.definition === 'high' && v.definition !== 'hd') return false;
  if (filters.definition === 'standard' && v.definition !== 'sd') return false;
  if (filters.caption === 'closedCaption' && !v.caption) return false;
  if (filters.caption === 'none' && v.caption) return false;
  if (filters.categoryId !== undefined && v.categoryId !== filters.categoryId) return false;
  return true;
}

function collectHits(
  catalogue: YoutubeCatalogue,
  corpus: GeneratedResources,
  types: ReadonlySet<ResourceType>,
  query: ParsedQuery,
  channelId: string | undefined,
  window: { after?: number; before?: number },
  filters: VideoFilters,
): ScoredHit[] {
  const inWindow = (iso: string): boolean => {
    if (window.after === undefined && window.before === undefined) return true;
    const t = Date.parse(iso);
    return (window.after === undefined || t >= window.after) && (window.before === undefined || t < window.before);
  };
  const hits: ScoredHit[] = [];
  const popularity = (views: number) => Math.log10(views + 10) / 10;
  if (types.has('video')) {
    for (const v of corpus.videos) {
      if ((channelId && v.channelId !== channelId) || !inWindow(v.publishedAt) || !videoPasses(filters, v)) continue;
      const score = relevance(query, videoText(v));
      if (score === null) continue;
      hits.push({
        hit: { type: 'video', video: v },
        score: score + popularity(v.viewCount),
        publishedAt: v.publishedAt,
        title: v.title,
        views: v.viewCount,
        rating: v.likeCount ?? 0,
        videoCount: 0,
        id: v.id,
      });
    }
  }
  if (types.has('channel')) {
    for (const c of corpus.channels) {
      if ((channelId && c.id !== channelId) || !inWindow(c.publishedAt)) continue;
      const score = relevance(query, channelText(c));
      if (score === null) continue;
      hits.push({
        hit: { type: 'channel', channel: c },
        score: score + popularity(c.subscriberCount),
        publishedAt: c.publishedAt,
        title: c.title,
        views: c.viewCount,
        rating: c.subscriberCount,
        videoCount: c.videoCount,
        id: c.id,
      });
    }
  }
  if (types.has('playlist')) {
    for (const p of corpus.playlists) {
      if ((channelId && p.channelId !== channelId) || !inWindow(p.publishedAt)) continue;
      const score = relevance(query, playlistText(p));
      if (score === null) continue;
      const views = p.videoIds.reduce((sum, id) => sum + (catalogue.videoById.get(id)?.viewCount ?? 0), 0);
      hits.push({
        hit: { type: 'playlist', playlist: p },
        score: score + popularity(views),
        publishedAt: p.publishedAt,
        title: p.title,
        views,
        rating: 0,
        videoCount: p.videoIds.length,
        id: p.id,
      });
    }
  }
  return hits;
}

function comparator(order: Order): (a: ScoredHit, b: ScoredHit) => number {
  const byRelevance = (a: ScoredHit, b: ScoredHit) => b.score - a.score || a.id.localeCompare(b.id);
  switch (order) {
    case 'date':
      return (a, b) => b.publishedAt.localeCompare(a.publishedAt) || byRelevance(a, b);
    case 'viewCount':
      return (a, b) => b.views - a.views || byRelevance(a, b);
    case 'rating':
      return (a, b) => b.rating - a.rating || byRelevance(a, b);
    case 'title':
      return (a, b) => a.title.localeCompare(b.title, 'en') || byRelevance(a, b);
    case 'videoCount':
      return (a, b) => b.videoCount - a.videoCount || byRelevance(a, b);
    case 'relevance':
      return byRelevance;
  }
}

export interface SearchDefaults {
  maxResults: number;
}

/** Resources a query adds to the seeded catalogue (for queries it has too little on), or none. */
export type QueryExtras = (query: ParsedQuery) => GeneratedResources | undefined;

/** `GET /youtube/v3/search` (search.list). */
export function searchList(
  catalogue: YoutubeCatalogue,
  params: ApiParams,
  defaults: SearchDefaults = { maxResults: 5 },
  extras: QueryExtras = () => undefined,
): JsonObject {
  const parts = parseParts(params, SEARCH_PARTS);
  const types = parseTypes(params);
  const order = parseEnum(params, 'order', SEARCH_ORDERS, 'relevance');
  const maxResults = parseMaxResults(params, { min: 0, max: 50, fallback: defaults.maxResults });
  const after = parseDateTime(params, 'publishedAfter');
  const before = parseDateTime(params, 'publishedBefore');
  parseEnum(params, 'safeSearch', ['moderate', 'none', 'strict'] as const);
  const filters = parseVideoFilters(params, types);
  const region = params.get('regionCode');
  if (region !== undefined && !/^[A-Za-z]{2}$/.test(region))
    throw invalidValue('regionCode', region, 'Expected an ISO 3166-1 alpha-2 country code.');

  const query = parseQuery(params.get('q'));
  const extra = extras(query);
  const corpus: GeneratedResources = extra
    ? {
        channels: [...catalogue.channels, ...extra.channels],
        videos: [...catalogue.videos, ...extra.videos],
        playlists: [...catalogue.playlists, ...extra.playlists],
      }
    : catalogue;
  const hits = collectHits(catalogue, corpus, types, query, params.get('channelId'), { after, before }, filters);
  hits.sort(comparator(order));
  const page = pageWindow(params, hits.length, maxResults, MAX_REACHABLE_RESULTS);
  const items = hits.slice(page.start, page.end).map((h) => searchResult(h.hit, parts, catalogue));
  return listResponse(
    'youtube#searchListResponse',
    items,
    { ...page, totalResults: hits.length, resultsPerPage: maxResults },
    { regionCode: (region ?? 'US').toUpperCase() },
  );
}
