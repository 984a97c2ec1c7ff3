import { ScalekitServerException, type ScalekitClient } from '@scalekit-sdk/node';
import type { EmulatorOptions } from '../src/index.js';
import type { JsonObject } from '../src/sandboxes/sandbox.js';
import { connectAccount, startWithClient, type EmulatorFixture } from './support/connected-client.js';

/** Every YouTube test anchors its catalogue here, so dates are stable across runs. */
export const NOW = '2025-06-01T12:00:00Z';

/** The parts of YouTube responses the tests read. */
export interface ListResponse<T> {
  kind: string;
  etag: string;
  nextPageToken?: string;
  prevPageToken?: string;
  regionCode?: string;
  pageInfo: { totalResults: number; resultsPerPage: number };
  items?: T[];
}
export interface SearchItem {
  kind: string;
  id: { kind: string; videoId?: string; channelId?: string; playlistId?: string };
  snippet?: {
    publishedAt: string;
    channelId: string;
    title: string;
    description: string;
    channelTitle: string;
    liveBroadcastContent: string;
    publishTime: string;
    thumbnails: Record<string, { url: string; width: number; height: number }>;
  };
}
export interface ChannelItem {
  kind: string;
  id: string;
  snippet?: { title: string; description: string; customUrl: string; publishedAt: string; country?: string };
  statistics?: { viewCount: string; subscriberCount?: string; hiddenSubscriberCount: boolean; videoCount: string };
  contentDetails?: { relatedPlaylists: { uploads: string; likes: string } };
  brandingSettings?: { channel: { title: string; keywords: string } };
}
export interface VideoItem {
  kind: string;
  id: string;
  snippet?: {
    title: string;
    description: string;
    tags?: string[];
    publishedAt: string;
    channelId: string;
    channelTitle: string;
  };
  statistics?: { viewCount: string; likeCount?: string; favoriteCount: string; commentCount?: string };
  contentDetails?: { duration: string; definition: string; caption: string };
}
export interface PlaylistItemItem {
  snippet?: { position: number; resourceId: { videoId: string }; playlistId: string };
  contentDetails?: { videoId: string; videoPublishedAt: string };
}
export interface GoogleError {
  error: {
    code: number;
    message: string;
    errors: { message: string; domain: string; reason: string; location?: string }[];
  };
}
export interface YoutubeSnapshot {
  ownChannelId: string;
  quota: { dailyLimit: number; used: number; remaining: number; day: string; calls: Record<string, number> };
  channels: {
    id: string;
    title: string;
    handle: string;
    own: boolean;
    videoCount: number;
    lastUploadAt: string | null;
    hiddenSubscriberCount: boolean;
    videos: { id: string; title: string; publishedAt: string; viewCount: number }[];
  }[];
}

export interface YoutubeFixture extends EmulatorFixture {
  /** `GET /youtube/v3/<resource>` through `actions.request` (the `/proxy` path). */
  rest<T>(
    identifier: string,
    resource: string,
    query: Record<string, string | number | boolean>,
  ): Promise<ListResponse<T>>;
  /** A Scalekit tool call; `data` is the YouTube list response. */
  tool<T>(identifier: string, toolName: string, input: JsonObject): Promise<ListResponse<T>>;
  snapshot(identifier: string): Promise<YoutubeSnapshot>;
}

/** An emulator with a connected YouTube account per identifier given. */
export async function startYoutube(
  youtube: JsonObject = {},
  identifiers: readonly string[] = ['researcher'],
  options: EmulatorOptions = {},
): Promise<YoutubeFixture> {
  const fixture = await startWithClient({ seed: 7, ...options, sandboxes: { youtube: { now: NOW, ...youtube } } });
  for (const identifier of identifiers) await connectAccount(fixture.client, 'youtube', identifier);
  return {
    ...fixture,
    rest: async <T>(identifier: string, resource: string, query: Record<string, string | number | boolean>) =>
      (await restCall(fixture.client, identifier, resource, query)).data as ListResponse<T>,
    tool: async <T>(identifier: string, toolName: string, input: JsonObject) =>
      (await fixture.client.actions.executeTool({ toolName, identifier, toolInput: input }))
        .data as unknown as ListResponse<T>,
    snapshot: (identifier: string) => fixture.emulator.admin.sandbox<YoutubeSnapshot>('youtube', identifier),
  };
}

export async function restCall(
  client: ScalekitClient,
  identifier: string,
  resource: string,
  query: Record<string, string | number | boolean>,
): Promise<{ status: number; data: unknown }> {
  const response = await client.actions.request({
    connectionName: 'youtube',
    identifier,
    path: `/youtube/v3/${resource}`,
    queryParams: query,
  });
  return { status: response.status, data: response.data };
}

/** The Google error body a refused REST call carried (the SDK puts the response body in errDetails). */
export async function restError(
  call: Promise<unknown>,
): Promise<{ exception: ScalekitServerException; body: GoogleError }> {
  try {
    await call;
  } catch (error) {
    if (error instanceof ScalekitServerException) return { exception: error, body: error.errDetails as GoogleError };
    throw error;
  }
  throw new Error('the call succeeded; an error was expected');
}

/** Every page of a search, following nextPageToken. */
export async function allPages<T>(
  fetchPage: (pageToken: string | undefined) => Promise<ListResponse<T>>,
): Promise<{ items: T[]; pages: number }> {
  const items: T[] = [];
  let token: string | undefined;
  let pages = 0;
  do {
    const page = await fetchPage(token);
    items.push(...(page.items ?? []));
    token = page.nextPageToken;
    pages += 1;
  } while (token && pages < 200);
  return { items, pages };
}
