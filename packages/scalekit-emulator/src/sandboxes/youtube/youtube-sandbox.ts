import {
  ProviderError,
  type JsonObject,
  type ProxyRequest,
  type ProxyResponse,
  type Sandbox,
  type SandboxContext,
  type SandboxKind,
} from '../sandbox.js';
import { channelsList, playlistItemsList, playlistsList, videosList } from './list-endpoints.js';
import { INVALID_REQUEST_COST, QUOTA_COSTS, QuotaMeter, type YoutubeMethod } from './quota-meter.js';
import { paramsFromQuery, type ApiParams } from './request-params.js';
import { QueryResults } from './query-results.js';
import { searchList, type QueryExtras } from './search-endpoint.js';
import { deriveSeed } from '../seeded-random.js';
import { generateCatalogue, type YoutubeCatalogue } from './youtube-catalogue.js';
import { youtubeError } from './youtube-errors.js';
import { renderYoutubeHtml } from './youtube-html.js';
import { savedQuota, savedQueryKeys, youtubeSettings, type YoutubeSettings } from './youtube-options.js';
import { toolCall, youtubeToolDefinitions } from './youtube-tools.js';

const REST_PREFIX = '/youtube/v3/';

const ROUTES: Record<string, YoutubeMethod> = {
  search: 'search.list',
  channels: 'channels.list',
  videos: 'videos.list',
  playlists: 'playlists.list',
  playlistItems: 'playlistItems.list',
};

type Endpoint = (catalogue: YoutubeCatalogue, params: ApiParams, tool: boolean, extras: QueryExtras) => JsonObject;

const ENDPOINTS: Record<YoutubeMethod, Endpoint> = {
  // The search tool defaults to 10 results where the REST API defaults to 5 (Scalekit's catalogue).
  'search.list': (catalogue, params, tool, extras) =>
    searchList(catalogue, params, { maxResults: tool ? 10 : 5 }, extras),
  'channels.list': channelsList,
  'videos.list': videosList,
  'playlists.list': playlistsList,
  'playlistItems.list': playlistItemsList,
};

class YoutubeSandbox implements Sandbox {
  readonly #catalogue: YoutubeCatalogue;
  readonly #quota: QuotaMeter;
  readonly #queries: QueryResults;

  constructor(
    private readonly context: SandboxContext,
    private readonly settings: YoutubeSettings,
    saved?: JsonObject,
  ) {
    this.#catalogue = generateCatalogue({
      seed: settings.catalogueSeed,
      accountSeed: deriveSeed(context.seed, `own:${context.identifier}`),
      identifier: context.identifier,
      now: new Date(settings.now),
      channels: settings.channels,
      videosPerChannel: settings.videosPerChannel,
    });
    this.#quota = new QuotaMeter(settings.dailyQuota, () => new Date(), savedQuota(saved));
    this.#queries = new QueryResults(this.#catalogue, {
      seed: settings.catalogueSeed,
      videosPerChannel: settings.videosPerChannel,
    });
    this.#queries.restore(savedQueryKeys(saved));
  }

  /** One API call, billed like YouTube bills it: refused when over quota, invalid calls cost a unit. */
  #call(method: YoutubeMethod, params: ApiParams, tool: boolean): JsonObject {
    const cost = QUOTA_COSTS[method];
    this.#quota.ensure(cost);
    try {
      const result = ENDPOINTS[method](this.#catalogue, params, tool, (query) => this.#queries.for(query));
      this.#quota.charge(cost, method);
      return result;
    } catch (error) {
      if (error instanceof ProviderError) this.#quota.charge(INVALID_REQUEST_COST, method);
      throw error;
    }
  }

  executeTool(name: string, params: JsonObject): JsonObject {
    const call = toolCall(name, params);
    if (!call)
      throw new ProviderError(
        404,
        'tool_not_found',
        `tool ${name} is not available for ${this.context.connection.name}`,
      );
    return this.#call(call.method, call.params, true);
  }

  handleRequest(request: ProxyRequest): ProxyResponse {
    const resource = request.path.startsWith(REST_PREFIX)
      ? request.path.slice(REST_PREFIX.length).replace(/\/$/, '')
      : '';
    const method = Object.hasOwn(ROUTES, resource) ? ROUTES[resource] : undefined;
    if (!method) throw youtubeError(404, 'notFound', `Not Found: ${request.method} ${request.path}`);
    if (request.method !== 'GET') {
      throw youtubeError(
        405,
        'methodNotAllowed',
        `Method ${request.method} is not supported on ${request.path} by this emulator.`,
      );
    }
    return { status: 200, body: this.#call(method, paramsFromQuery(request.query), false) };
  }

  snapshot(): JsonObject {
    const c = this.#catalogue;
    return {
      kind: 'youtube',
      identifier: this.context.identifier,
      now: this.settings.now,
      quota: { ...this.#quota.summary() },
      ownChannelId: c.ownChannelId,
      channels: c.channels.map((ch) => ({
        id: ch.id,
        title: ch.title,
        handle: `@${ch.handle}`,
        topic: ch.topic,
        country: ch.country,
        publishedAt: ch.publishedAt,
        subscriberCount: ch.subscriberCount,
        hiddenSubscriberCount: ch.hiddenSubscriberCount,
        videoCount: ch.videoCount,
        viewCount: ch.viewCount,
        lastUploadAt: c.lastUploadAt(ch.id),
        own: ch.own,
        videos: c
          .uploadsOf(ch.id)
          .map((v) => ({ id: v.id, title: v.title, publishedAt: v.publishedAt, viewCount: v.viewCount })),
      })),
      playlists: c.playlists.length,
      /** Queries the seeded catalogue knew too little about, which got channels of their own. */
      generatedQueries: this.#queries.keys(),
    };
  }

  renderHtml(): string {
    return renderYoutubeHtml(this.#catalogue, this.context.identifier, this.#quota.summary());
  }

  /** The catalogue is rebuilt from its seed, so only the seed, sizes and quota need saving. */
  exportState(): JsonObject {
    const quota = this.#quota.state();
    return {
      version: 1,
      catalogueSeed: this.settings.catalogueSeed,
      now: this.settings.now,
      channels: this.settings.channels,
      videosPerChannel: this.settings.videosPerChannel,
      dailyQuota: this.settings.dailyQuota,
      quota: { day: quota.day, used: quota.used, calls: quota.calls },
      generatedQueries: this.#queries.keys(),
    };
  }
}

/**
 * YouTube Data API v3 for the `YOUTUBE` provider: a seeded catalogue of channels, videos and
 * playlists behind `/youtube/v3/{search,channels,videos,playlists,playlistItems}` and the matching
 * Scalekit tools, with YouTube's daily quota per account.
 */
export const youtubeSandboxKind: SandboxKind = {
  provider: 'YOUTUBE',
  tools: () => youtubeToolDefinitions(),
  create: (context, saved) => new YoutubeSandbox(context, youtubeSettings(context.seed, context.options, saved), saved),
};
