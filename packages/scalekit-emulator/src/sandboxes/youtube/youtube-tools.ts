import type { JsonObject, JsonValue, ToolDefinition } from '../sandbox.js';
import type { ApiParams } from './request-params.js';
import type { YoutubeMethod } from './quota-meter.js';
import { SEARCH_ORDERS } from './search-endpoint.js';
import { requiredParameter, youtubeError } from './youtube-errors.js';

type ParamKind = 'string' | 'integer' | 'boolean' | 'list';

interface ToolParam {
  /** The REST query parameter it becomes. */
  api: string;
  kind: ParamKind;
  description: string;
  enum?: readonly string[];
  minimum?: number;
  maximum?: number;
}

interface ToolSpec {
  name: string;
  method: YoutubeMethod;
  description: string;
  params: Record<string, ToolParam>;
  required: readonly string[];
  /** REST parameters the tool always sends (search's part=snippet). */
  fixed?: Record<string, string>;
  /** REST defaults that differ from the API's own (search: 10 results instead of 5). */
  defaults?: Record<string, string>;
}

const part = (resource: string): ToolParam => ({
  api: 'part',
  kind: 'list',
  description: `Comma-separated ${resource} resource parts to include, e.g. snippet,statistics.`,
});
const maxResults = (min: number): ToolParam => ({
  api: 'maxResults',
  kind: 'integer',
  description: 'Maximum number of items per page.',
  minimum: min,
  maximum: 50,
});
const pageToken: ToolParam = {
  api: 'pageToken',
  kind: 'string',
  description: 'nextPageToken or prevPageToken of a previous response.',
};
const ids = (resource: string): ToolParam => ({
  api: 'id',
  kind: 'list',
  description: `Comma-separated ${resource} ids (at most 50).`,
});
const mine = (what: string): ToolParam => ({
  api: 'mine',
  kind: 'boolean',
  description: `The authenticated user's ${what}.`,
});

export const YOUTUBE_TOOL_SPECS: readonly ToolSpec[] = [
  {
    name: 'youtube_search',
    method: 'search.list',
    description:
      'Search YouTube for videos, channels and playlists (YouTube Data API search.list; costs 100 quota units).',
    fixed: { part: 'snippet' },
    defaults: { maxResults: '10' },
    required: [],
    params: {
      q: { api: 'q', kind: 'string', description: 'Query terms; supports -exclusion and a|b alternatives.' },
      type: { api: 'type', kind: 'list', description: 'Comma-separated resource types: video, channel, playlist.' },
      order: { api: 'order', kind: 'string', description: 'Sort order.', enum: SEARCH_ORDERS },
      max_results: { ...maxResults(0), description: 'Maximum number of results (0-50, default 10).' },
      page_token: pageToken,
      channel_id: { api: 'channelId', kind: 'string', description: 'Only resources of this channel.' },
      published_after: {
        api: 'publishedAfter',
        kind: 'string',
        description: 'RFC 3339 date-time; only resources published at or after it.',
      },
      published_before: {
        api: 'publishedBefore',
        kind: 'string',
        description: 'RFC 3339 date-time; only resources published before it.',
      },
      safe_search: {
        api: 'safeSearch',
        kind: 'string',
        description: 'Restricted content filtering.',
        enum: ['moderate', 'none', 'strict'],
      },
      video_duration: {
        api: 'videoDuration',
        kind: 'string',
        description: 'Video length bucket (requires type=video): short < 4 min, medium 4-20 min, long > 20 min.',
        enum: ['any', 'long', 'medium', 'short'],
      },
    },
  },
  {
    name: 'youtube_channels_list',
    method: 'channels.list',
    description:
      'Get YouTube channels with snippet, statistics, contentDetails or brandingSettings (channels.list; 1 quota unit).',
    required: ['part'],
    params: {
      part: part('channel'),
      id: ids('channel'),
      mine: mine('channel'),
      for_handle: { api: 'forHandle', kind: 'string', description: 'A channel handle, with or without the leading @.' },
      for_username: { api: 'forUsername', kind: 'string', description: 'A legacy YouTube username.' },
      managed_by_me: { api: 'managedByMe', kind: 'boolean', description: 'Channels managed by the content owner.' },
      max_results: maxResults(0),
      page_token: pageToken,
    },
  },
  {
    name: 'youtube_videos_list',
    method: 'videos.list',
    description:
      'Get YouTube videos with snippet, statistics or contentDetails, by id or from a chart (videos.list; 1 quota unit).',
    required: ['part'],
    params: {
      part: part('video'),
      id: ids('video'),
      chart: { api: 'chart', kind: 'string', description: 'A chart to list.', enum: ['mostPopular'] },
      my_rating: { api: 'myRating', kind: 'string', description: 'Videos the user rated.', enum: ['dislike', 'like'] },
      max_results: maxResults(1),
      page_token: pageToken,
      region_code: { api: 'regionCode', kind: 'string', description: 'ISO 3166-1 alpha-2 region of the chart.' },
      video_category_id: { api: 'videoCategoryId', kind: 'string', description: 'Category of the chart.' },
    },
  },
  {
    name: 'youtube_playlists_list',
    method: 'playlists.list',
    description: "List a channel's playlists or playlists by id (playlists.list; 1 quota unit).",
    required: ['part'],
    params: {
      part: part('playlist'),
      channel_id: { api: 'channelId', kind: 'string', description: 'The channel whose playlists to list.' },
      id: ids('playlist'),
      mine: mine('playlists'),
      max_results: maxResults(0),
      page_token: pageToken,
    },
  },
  {
    name: 'youtube_playlist_items_list',
    method: 'playlistItems.list',
    description:
      "List the videos of a playlist, including a channel's uploads playlist (playlistItems.list; 1 quota unit).",
    required: ['part', 'playlist_id'],
    params: {
      part: part('playlistItem'),
      playlist_id: {
        api: 'playlistId',
        kind: 'string',
        description: 'Playlist id (a channel uploads playlist starts with UU).',
      },
      video_id: { api: 'videoId', kind: 'string', description: 'Only entries of this video.' },
      max_results: maxResults(0),
      page_token: pageToken,
    },
  },
];

function schemaFor(spec: ToolSpec): JsonObject {
  const properties: JsonObject = {};
  for (const [name, p] of Object.entries(spec.params)) {
    const schema: JsonObject = { type: p.kind === 'list' ? 'string' : p.kind, description: p.description };
    if (p.enum) schema['enum'] = [...p.enum];
    if (p.minimum !== undefined) schema['minimum'] = p.minimum;
    if (p.maximum !== undefined) schema['maximum'] = p.maximum;
    properties[name] = schema;
  }
  // No `additionalProperties: false`: Scalekit's schemas never forbid extra arguments (see tool-arguments.ts).
  return { type: 'object', properties, required: [...spec.required] };
}

export function youtubeToolDefinitions(): ToolDefinition[] {
  return YOUTUBE_TOOL_SPECS.map((spec) => ({
    name: spec.name,
    description: spec.description,
    inputSchema: schemaFor(spec),
  }));
}

function badType(name: string, expected: string): never {
  throw youtubeError(400, 'invalidParameter', `Invalid value for ${name}: expected ${expected}.`, { location: name });
}

/** A tool argument as the REST query string would carry it; undefined = not given. */
function asQueryValue(name: string, kind: ParamKind, value: JsonValue): string | undefined {
  if (value === null || value === '') return undefined;
  switch (kind) {
    case 'string':
      return typeof value === 'string' ? value : badType(name, 'a string');
    case 'integer':
      if (typeof value === 'number' && Number.isInteger(value)) return String(value);
      return typeof value === 'string' && /^-?\d+$/.test(value.trim()) ? value.trim() : badType(name, 'an integer');
    case 'boolean':
      if (typeof value === 'boolean') return String(value);
      return value === 'true' || value === 'false' ? value : badType(name, 'a boolean');
    case 'list':
      if (typeof value === 'string') return value;
      if (Array.isArray(value) && value.every((v) => typeof v === 'string')) return value.join(',');
      return badType(name, 'a comma-separated string or an array of strings');
  }
}

/** A tool call as the REST call it stands for: same method, same parameters, same checks. */
export function toolCall(name: string, input: JsonObject): { method: YoutubeMethod; params: ApiParams } | undefined {
  const spec = YOUTUBE_TOOL_SPECS.find((s) => s.name === name);
  if (!spec) return undefined;
  const params = new Map<string, string>(Object.entries(spec.defaults ?? {}));
  for (const [key, value] of Object.entries(input)) {
    const param = spec.params[key];
    // An argument the tool does not declare is ignored, as on every tool (the call log lists it).
    if (!param) continue;
    const text = asQueryValue(key, param.kind, value);
    if (text !== undefined) params.set(param.api, text);
  }
  for (const required of spec.required) {
    if (!params.has(spec.params[required]!.api)) throw requiredParameter(required);
  }
  for (const [key, value] of Object.entries(spec.fixed ?? {})) params.set(key, value);
  return { method: spec.method, params };
}
