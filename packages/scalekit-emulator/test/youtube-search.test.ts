import { ScalekitBadRequestException, ScalekitToolException } from '@scalekit-sdk/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  allPages,
  restCall,
  restError,
  startYoutube,
  type ChannelItem,
  type SearchItem,
  type VideoItem,
  type YoutubeFixture,
} from './youtube-fixture.js';

const ME = 'researcher';
let yt: YoutubeFixture;

beforeAll(async () => {
  // A roomy quota: these tests are about results, youtube-quota.test.ts is about billing.
  yt = await startYoutube({ dailyQuota: 1_000_000 });
});
afterAll(() => yt.emulator.close());

const search = (query: Record<string, string | number | boolean>) =>
  yt.rest<SearchItem>(ME, 'search', { part: 'snippet', ...query });

async function videosById(ids: string[], part = 'snippet,statistics'): Promise<VideoItem[]> {
  return (await yt.rest<VideoItem>(ME, 'videos', { part, id: ids.join(',') })).items ?? [];
}

describe('search.list', () => {
  it('answers a video search with video results shaped like YouTube', async () => {
    const page = await search({ q: 'python tutorial', type: 'video', maxResults: 10 });
    expect(page.kind).toBe('youtube#searchListResponse');
    expect(page.regionCode).toBe('US');
    expect(page.pageInfo.resultsPerPage).toBe(10);
    expect(page.items).toHaveLength(10);
    for (const item of page.items!) {
      expect(item.kind).toBe('youtube#searchResult');
      expect(item.id.kind).toBe('youtube#video');
      expect(item.id.videoId).toMatch(/^[A-Za-z0-9_-]{11}$/);
      expect(item.snippet!.channelId).toMatch(/^UC[A-Za-z0-9_-]{22}$/);
      expect(item.snippet!.publishTime).toBe(item.snippet!.publishedAt);
      expect(Object.keys(item.snippet!.thumbnails)).toEqual(['default', 'medium', 'high']);
    }
    // The best match names both words in its title.
    expect(page.items![0]!.snippet!.title.toLowerCase()).toMatch(/python.*tutorial|tutorial.*python/);
  });

  it('finds only resources that contain the query term', async () => {
    const { items } = await allPages((pageToken) =>
      search({ q: 'sourdough', type: 'video', maxResults: 50, ...(pageToken ? { pageToken } : {}) }),
    );
    expect(items.length).toBeGreaterThan(0);
    const videos = await videosById(items.map((i) => i.id.videoId!));
    for (const v of videos) {
      const text = `${v.snippet!.title} ${v.snippet!.description} ${(v.snippet!.tags ?? []).join(' ')}`.toLowerCase();
      expect(text).toContain('sourdough');
    }
  });

  it('answers a channel search with channel ids and excludes -terms', async () => {
    const page = await search({ q: 'cooking', type: 'channel', maxResults: 50 });
    expect(page.items!.length).toBeGreaterThan(0);
    for (const item of page.items!) {
      expect(item.id).toEqual({
        kind: 'youtube#channel',
        channelId: expect.stringMatching(/^UC[A-Za-z0-9_-]{22}$/) as string,
      });
      expect(item.snippet!.channelTitle).toBe(item.snippet!.title);
    }
    const without = await search({ q: 'cooking -kitchen', type: 'channel', maxResults: 50 });
    const kept = new Set(without.items!.map((i) => i.id.channelId));
    const dropped = page.items!.map((i) => i.id.channelId!).filter((id) => !kept.has(id));
    expect(dropped.length).toBeGreaterThan(0);
    expect(without.items!.every((i) => page.items!.some((p) => p.id.channelId === i.id.channelId))).toBe(true);
    const droppedChannels = await yt.rest<ChannelItem>(ME, 'channels', {
      part: 'snippet,brandingSettings',
      id: dropped.join(','),
    });
    for (const c of droppedChannels.items!) {
      expect(
        `${c.snippet!.title} ${c.snippet!.description} ${c.brandingSettings!.channel.keywords}`.toLowerCase(),
      ).toContain('kitchen');
    }
  });

  it('orders by date and by view count', async () => {
    const byDate = await search({ q: 'javascript', type: 'video', order: 'date', maxResults: 20 });
    const dates = byDate.items!.map((i) => i.snippet!.publishedAt);
    expect(dates).toEqual([...dates].sort().reverse());

    const byViews = await search({ q: 'javascript', type: 'video', order: 'viewCount', maxResults: 20 });
    const videos = await videosById(byViews.items!.map((i) => i.id.videoId!));
    const views = videos.map((v) => Number(v.statistics!.viewCount));
    expect(views).toEqual([...views].sort((a, b) => b - a));
    expect(new Set(byViews.items!.map((i) => i.id.videoId))).not.toEqual(
      new Set(byDate.items!.map((i) => i.id.videoId)),
    );
  });

  it('pages with nextPageToken and prevPageToken and covers every result once', async () => {
    const first = await search({ q: 'travel', type: 'video', maxResults: 5 });
    expect(first.prevPageToken).toBeUndefined();
    expect(first.nextPageToken).toEqual(expect.any(String));
    const second = await search({ q: 'travel', type: 'video', maxResults: 5, pageToken: first.nextPageToken! });
    expect(second.prevPageToken).toEqual(expect.any(String));
    const ids = (p: typeof first) => p.items!.map((i) => i.id.videoId);
    expect(ids(second).some((id) => ids(first).includes(id))).toBe(false);
    const back = await search({ q: 'travel', type: 'video', maxResults: 5, pageToken: second.prevPageToken! });
    expect(ids(back)).toEqual(ids(first));

    const { items, pages } = await allPages((pageToken) =>
      search({ q: 'travel', type: 'video', maxResults: 7, ...(pageToken ? { pageToken } : {}) }),
    );
    expect(items).toHaveLength(first.pageInfo.totalResults);
    expect(new Set(items.map((i) => i.id.videoId)).size).toBe(items.length);
    expect(pages).toBe(Math.ceil(items.length / 7));
  });

  it('filters by publishedAfter and channelId', async () => {
    const after = '2025-01-01T00:00:00Z';
    const all = await search({ q: 'python', type: 'video', maxResults: 50 });
    const recent = await search({ q: 'python', type: 'video', maxResults: 50, publishedAfter: after });
    expect(recent.pageInfo.totalResults).toBeGreaterThan(0);
    expect(recent.pageInfo.totalResults).toBeLessThan(all.pageInfo.totalResults);
    expect(recent.items!.every((i) => i.snippet!.publishedAt >= after)).toBe(true);

    const channelId = all.items![0]!.snippet!.channelId;
    const own = await search({ channelId, type: 'video', maxResults: 50 });
    expect(own.items!.length).toBeGreaterThan(0);
    expect(own.items!.every((i) => i.snippet!.channelId === channelId)).toBe(true);
  });

  it('HTML-escapes snippet titles as YouTube does, while videos.list keeps them raw', async () => {
    const snapshot = await yt.snapshot(ME);
    const video = snapshot.channels
      .flatMap((c) => c.videos.map((v) => ({ ...v, channelId: c.id })))
      .find((v) => v.title.includes("'"));
    expect(video).toBeDefined();
    const found = await search({ channelId: video!.channelId, type: 'video', maxResults: 50 });
    const hit = found.items!.find((i) => i.id.videoId === video!.id);
    expect(hit!.snippet!.title).toBe(video!.title.replaceAll("'", '&#39;'));
    const [raw] = await videosById([video!.id], 'snippet');
    expect(raw!.snippet!.title).toBe(video!.title);
  });

  it('refuses bad parameters with Google error bodies', async () => {
    const cases: [Record<string, string | number>, string, string][] = [
      [{ q: 'x' }, 'required', 'global'],
      [{ part: 'snippet', order: 'loudest' }, 'invalidParameter', 'global'],
      [{ part: 'snippet', maxResults: 51 }, 'invalidParameter', 'global'],
      [{ part: 'snippet', publishedAfter: 'yesterday' }, 'invalidParameter', 'global'],
      [{ part: 'snippet', videoDuration: 'short' }, 'invalidSearchFilter', 'youtube.search'],
      [{ part: 'snippet', pageToken: 'not-a-token' }, 'invalidPageToken', 'youtube.parameter'],
      [{ part: 'statistics' }, 'unknownPart', 'youtube.part'],
    ];
    for (const [query, reason, domain] of cases) {
      const { exception, body } = await restError(restCall(yt.client, ME, 'search', query));
      expect(exception).toBeInstanceOf(ScalekitBadRequestException);
      expect(body.error.code).toBe(400);
      expect(body.error.errors[0]).toMatchObject({ reason, domain });
    }
  });
});

describe('youtube_search tool', () => {
  it('returns the same results as the REST search, with 10 results by default', async () => {
    const viaTool = await yt.tool<SearchItem>(ME, 'youtube_search', { q: 'machine learning', type: 'video' });
    expect(viaTool.kind).toBe('youtube#searchListResponse');
    expect(viaTool.items).toHaveLength(10);
    const viaRest = await search({ q: 'machine learning', type: 'video', maxResults: 10 });
    expect(viaTool.items!.map((i) => i.id.videoId)).toEqual(viaRest.items!.map((i) => i.id.videoId));

    const next = await yt.tool<SearchItem>(ME, 'youtube_search', {
      q: 'machine learning',
      type: 'video',
      max_results: 10,
      page_token: viaTool.nextPageToken!,
    });
    const restNext = await search({
      q: 'machine learning',
      type: 'video',
      maxResults: 10,
      pageToken: viaRest.nextPageToken!,
    });
    expect(next.items!.map((i) => i.id.videoId)).toEqual(restNext.items!.map((i) => i.id.videoId));
  });

  it('filters by video_duration and published_before', async () => {
    const short = await yt.tool<SearchItem>(ME, 'youtube_search', {
      type: 'video',
      video_duration: 'short',
      max_results: 50,
    });
    const details = await videosById(
      short.items!.map((i) => i.id.videoId!),
      'contentDetails',
    );
    // Short means under four minutes.
    for (const v of details) expect(v.contentDetails!.duration).toMatch(/^PT([0-3]M)?(\d{1,2}S)?$/);
    const before = await yt.tool<SearchItem>(ME, 'youtube_search', {
      q: 'history',
      published_before: '2022-01-01T00:00:00Z',
      max_results: 50,
    });
    expect(before.items!.every((i) => i.snippet!.publishedAt < '2022-01-01T00:00:00Z')).toBe(true);
  });

  it('refuses bad tool input with a tool error carrying the YouTube reason', async () => {
    const attempts: [Record<string, string | number>, string][] = [
      [{ max_results: 99 }, 'invalidParameter'],
      [{ video_duration: 'short', type: 'channel' }, 'invalidSearchFilter'],
    ];
    for (const [input, code] of attempts) {
      const error = await yt.tool(ME, 'youtube_search', input).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ScalekitToolException);
      expect((error as ScalekitToolException).toolErrorCode).toBe(code);
    }
  });

  it('lists the channels a search found, with string statistics', async () => {
    const found = await yt.tool<SearchItem>(ME, 'youtube_search', { q: 'fitness', type: 'channel', max_results: 5 });
    const ids = found.items!.map((i) => i.id.channelId!);
    const channels = await yt.tool<ChannelItem>(ME, 'youtube_channels_list', {
      part: 'snippet,statistics',
      id: ids.join(','),
    });
    expect(channels.items!.map((c) => c.id)).toEqual(ids);
    for (const c of channels.items!) {
      expect(c.statistics!.videoCount).toMatch(/^\d+$/);
      expect(c.statistics!.viewCount).toMatch(/^\d+$/);
    }
  });
});
