import { ScalekitBadRequestException, ScalekitToolException } from '@scalekit-sdk/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  restCall,
  restError,
  startYoutube,
  type ChannelItem,
  type PlaylistItemItem,
  type VideoItem,
  type YoutubeFixture,
  type YoutubeSnapshot,
} from './youtube-fixture.js';

const ME = 'researcher';
let yt: YoutubeFixture;
let snapshot: YoutubeSnapshot;

beforeAll(async () => {
  yt = await startYoutube({ channels: 80, dailyQuota: 1_000_000 });
  // The sandbox exists from the account's first call on.
  await yt.rest(ME, 'channels', { part: 'id', mine: true });
  snapshot = await yt.snapshot(ME);
});
afterAll(() => yt.emulator.close());

const publicChannels = () => snapshot.channels.filter((c) => !c.own);
const allVideoIds = () => snapshot.channels.flatMap((c) => c.videos.map((v) => v.id));

/** A count YouTube shows rounded down to three significant figures. */
const threeSignificant = (value: string) => /^\d{1,3}0*$/.test(value);

describe('channels.list', () => {
  it('returns 50 channels by id in request order, with statistics as strings', async () => {
    const ids = publicChannels()
      .slice(0, 50)
      .map((c) => c.id);
    const page = await yt.rest<ChannelItem>(ME, 'channels', {
      part: 'snippet,statistics,contentDetails',
      id: ids.join(','),
    });
    expect(page.kind).toBe('youtube#channelListResponse');
    expect(page.items!.map((c) => c.id)).toEqual(ids);
    expect(page.pageInfo.totalResults).toBe(50);
    for (const channel of page.items!) {
      const stats = channel.statistics!;
      expect(stats.viewCount).toMatch(/^\d+$/);
      expect(stats.videoCount).toMatch(/^\d+$/);
      expect(typeof stats.hiddenSubscriberCount).toBe('boolean');
      if (stats.hiddenSubscriberCount) expect(stats.subscriberCount).toBeUndefined();
      else expect(threeSignificant(stats.subscriberCount!)).toBe(true);
      expect(channel.snippet!.customUrl).toMatch(/^@[a-z0-9]+$/);
      expect(channel.contentDetails!.relatedPlaylists.uploads).toBe(`UU${channel.id.slice(2)}`);
      const known = snapshot.channels.find((c) => c.id === channel.id)!;
      expect(Number(stats.videoCount)).toBe(known.videoCount);
    }
  });

  it('refuses 51 ids over REST and through the tool', async () => {
    const ids = publicChannels()
      .slice(0, 51)
      .map((c) => c.id)
      .join(',');
    const { exception, body } = await restError(restCall(yt.client, ME, 'channels', { part: 'snippet', id: ids }));
    expect(exception).toBeInstanceOf(ScalekitBadRequestException);
    expect(body.error.errors[0]).toMatchObject({ reason: 'invalidParameter', location: 'id' });
    const error = await yt.tool(ME, 'youtube_channels_list', { part: 'snippet', id: ids }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ScalekitToolException);
    expect((error as ScalekitToolException).toolErrorCode).toBe('invalidParameter');
  });

  it('finds channels by handle (with or without @), by username and the own channel with mine', async () => {
    const target = publicChannels()[3]!;
    for (const handle of [target.handle, target.handle.slice(1), target.handle.toUpperCase()]) {
      const page = await yt.tool<ChannelItem>(ME, 'youtube_channels_list', { part: 'snippet', for_handle: handle });
      expect(page.items!.map((c) => c.id)).toEqual([target.id]);
    }
    const mine = await yt.rest<ChannelItem>(ME, 'channels', { part: 'snippet,contentDetails', mine: true });
    expect(mine.items!.map((c) => c.id)).toEqual([snapshot.ownChannelId]);
    expect(mine.items![0]!.contentDetails!.relatedPlaylists.likes).toBe('LL');
    expect(mine.items![0]!.snippet!.title).toBe('Researcher');
  });

  it('leaves items out when nothing matches, as YouTube does', async () => {
    const page = await yt.rest<ChannelItem>(ME, 'channels', { part: 'snippet', forUsername: 'nobody-has-this-name' });
    expect(page.items).toBeUndefined();
    expect(page.pageInfo.totalResults).toBe(0);
  });

  it('refuses a missing filter, two filters and unknown parts', async () => {
    const cases: [Record<string, string | boolean>, string][] = [
      [{ part: 'snippet' }, 'missingRequiredParameter'],
      [{ part: 'snippet', mine: true, forHandle: '@x' }, 'incompatibleParameters'],
      [{ part: 'snippet,popularity', mine: true }, 'unknownPart'],
      [{ mine: true }, 'required'],
    ];
    for (const [query, reason] of cases) {
      const { body } = await restError(restCall(yt.client, ME, 'channels', query));
      expect(body.error.errors[0]!.reason).toBe(reason);
    }
  });
});

describe('videos.list', () => {
  it('returns 50 videos by id with string statistics and ISO 8601 durations; 51 are refused', async () => {
    const ids = allVideoIds().slice(0, 51);
    const page = await yt.tool<VideoItem>(ME, 'youtube_videos_list', {
      part: 'snippet,statistics,contentDetails',
      id: ids.slice(0, 50),
    });
    expect(page.kind).toBe('youtube#videoListResponse');
    expect(page.items!.map((v) => v.id)).toEqual(ids.slice(0, 50));
    for (const video of page.items!) {
      expect(video.statistics!.viewCount).toMatch(/^\d+$/);
      expect(video.statistics!.favoriteCount).toBe('0');
      if (video.statistics!.likeCount !== undefined) expect(video.statistics!.likeCount).toMatch(/^\d+$/);
      expect(video.contentDetails!.duration).toMatch(/^PT(\d+H)?(\d+M)?(\d+S)?$/);
      expect(video.snippet!.tags!.length).toBeGreaterThan(0);
    }
    const { body } = await restError(restCall(yt.client, ME, 'videos', { part: 'snippet', id: ids.join(',') }));
    expect(body.error.code).toBe(400);
  });

  it('pages the mostPopular chart and lists the liked videos', async () => {
    const first = await yt.rest<VideoItem>(ME, 'videos', { part: 'statistics', chart: 'mostPopular', maxResults: 10 });
    expect(first.items).toHaveLength(10);
    expect(first.pageInfo.totalResults).toBe(Math.min(200, allVideoIds().length));
    const second = await yt.rest<VideoItem>(ME, 'videos', {
      part: 'statistics',
      chart: 'mostPopular',
      maxResults: 10,
      pageToken: first.nextPageToken!,
    });
    expect(second.items!.some((v) => first.items!.some((f) => f.id === v.id))).toBe(false);

    const liked = await yt.tool<VideoItem>(ME, 'youtube_videos_list', {
      part: 'snippet',
      my_rating: 'like',
      max_results: 50,
    });
    expect(liked.items!.length).toBeGreaterThan(0);
    expect(liked.items!.every((v) => v.snippet!.channelId !== snapshot.ownChannelId)).toBe(true);
  });
});

describe('playlistItems.list', () => {
  it("lists a channel's uploads playlist newest first, matching its videoCount", async () => {
    const channel = publicChannels().find((c) => c.videoCount > 6)!;
    const page = await yt.tool<PlaylistItemItem>(ME, 'youtube_playlist_items_list', {
      part: 'snippet,contentDetails',
      playlist_id: `UU${channel.id.slice(2)}`,
      max_results: 50,
    });
    expect(page.pageInfo.totalResults).toBe(channel.videoCount);
    const dates = page.items!.map((i) => i.contentDetails!.videoPublishedAt);
    expect(dates).toEqual([...dates].sort().reverse());
    expect(page.items!.map((i) => i.snippet!.position)).toEqual(page.items!.map((_, i) => i));
    const unknown = await restError(
      restCall(yt.client, ME, 'playlistItems', { part: 'snippet', playlistId: 'PLdoesnotexist' }),
    );
    expect(unknown.body.error).toMatchObject({
      code: 404,
      errors: [{ reason: 'playlistNotFound', domain: 'youtube.playlistItem' }],
    });
  });
});
