import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { GENERATED_CHANNELS, labelOf, queryKey } from '../src/sandboxes/youtube/query-results.js';
import { parseQuery } from '../src/sandboxes/youtube/search-query.js';
import {
  allPages,
  restCall,
  restError,
  startYoutube,
  type ChannelItem,
  type PlaylistItemItem,
  type SearchItem,
  type VideoItem,
  type YoutubeFixture,
  type YoutubeSnapshot,
} from './youtube-fixture.js';

const ME = 'researcher';
const open: YoutubeFixture[] = [];
const dirs: string[] = [];

async function start(youtube: Record<string, number> = {}, options: { seed?: number; persistPath?: string } = {}) {
  const yt = await startYoutube({ dailyQuota: 1_000_000, ...youtube }, [ME], options);
  open.push(yt);
  return yt;
}
afterEach(async () => {
  await Promise.all(open.splice(0).map((yt) => yt.emulator.close()));
  await Promise.all(dirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

type Snapshot = YoutubeSnapshot & { generatedQueries: string[] };
const snapshotOf = async (yt: YoutubeFixture) => (await yt.snapshot(ME)) as Snapshot;

/** Every result of a search, all pages, as ids. */
async function allIds(yt: YoutubeFixture, q: string, type: 'video' | 'channel'): Promise<string[]> {
  const { items } = await allPages((pageToken) =>
    yt.rest<SearchItem>(ME, 'search', {
      part: 'snippet',
      q,
      type,
      maxResults: 50,
      ...(pageToken ? { pageToken } : {}),
    }),
  );
  return items.map((i) => (type === 'video' ? i.id.videoId! : i.id.channelId!));
}

describe('query keys and labels', () => {
  it('keys a query by its words, whatever the spelling, and labels it in title case', () => {
    expect(queryKey(parseQuery('Quantum  KNITTING'))).toBe('quantum knitting');
    expect(queryKey(parseQuery('"quantum knitting" -wool'))).toBe('quantum knitting');
    expect(queryKey(parseQuery('the art of bonsai'))).toBe('art bonsai');
    expect(queryKey(parseQuery('Crème brûlée|flan'))).toBe('creme brulee');
    expect(queryKey(parseQuery(''))).toBeUndefined();
    expect(labelOf('history of the ottoman empire')).toBe('History of the Ottoman Empire');
  });
});

describe('search for a query the seeded catalogue does not cover', () => {
  it('answers with plausible channels and videos built from the query words, findable by id', async () => {
    const yt = await start();
    const videos = await yt.tool<SearchItem>(ME, 'youtube_search', { q: 'quantum knitting', type: 'video' });
    expect(videos.items).toHaveLength(10);
    for (const item of videos.items!) {
      expect(item.id.kind).toBe('youtube#video');
      expect(item.snippet!.title.toLowerCase()).toMatch(/quantum knitting/);
      expect(item.snippet!.channelTitle.toLowerCase()).toContain('quantum knitting');
    }
    const channels = await yt.tool<SearchItem>(ME, 'youtube_search', {
      q: 'quantum knitting',
      type: 'channel',
      max_results: 50,
    });
    expect(channels.items).toHaveLength(GENERATED_CHANNELS);
    const channelIds = channels.items!.map((i) => i.id.channelId!);
    expect(new Set(videos.items!.map((i) => i.snippet!.channelId)).size).toBeGreaterThan(1);
    expect(videos.items!.every((i) => channelIds.includes(i.snippet!.channelId))).toBe(true);

    // The generated resources behave like seeded ones in every list endpoint.
    const listed = await yt.tool<ChannelItem>(ME, 'youtube_channels_list', {
      part: 'snippet,statistics,contentDetails',
      id: channelIds.join(','),
    });
    expect(listed.items!.map((c) => c.id)).toEqual(channelIds);
    for (const c of listed.items!) {
      expect(c.snippet!.title).toMatch(/Quantum Knitting/);
      expect(c.statistics!.videoCount).toMatch(/^[1-9]\d*$/);
    }
    const byHandle = await yt.tool<ChannelItem>(ME, 'youtube_channels_list', {
      part: 'snippet',
      for_handle: `@${listed.items![0]!.snippet!.customUrl.replace(/^@/, '')}`,
    });
    expect(byHandle.items!.map((c) => c.id)).toEqual([channelIds[0]]);
    const details = await yt.tool<VideoItem>(ME, 'youtube_videos_list', {
      part: 'snippet,statistics,contentDetails',
      id: videos.items!.map((i) => i.id.videoId!).join(','),
    });
    expect(details.items).toHaveLength(10);
    for (const v of details.items!) {
      expect(Number(v.statistics!.viewCount)).toBeGreaterThan(0);
      expect(v.contentDetails!.duration).toMatch(/^PT/);
      expect(
        `${v.snippet!.title}\n${v.snippet!.description}`.toLowerCase().split('quantum knitting').length,
      ).toBeGreaterThan(2);
    }
    const uploads = listed.items![0]!.contentDetails!.relatedPlaylists.uploads;
    const items = await yt.tool<PlaylistItemItem>(ME, 'youtube_playlist_items_list', {
      part: 'contentDetails',
      playlist_id: uploads,
      max_results: 50,
    });
    expect(items.items!.length).toBe(Number(listed.items![0]!.statistics!.videoCount));
    expect((await snapshotOf(yt)).generatedQueries).toEqual(['quantum knitting']);
  });

  it('is deterministic per catalogue seed: any spelling, any call order; another seed differs', async () => {
    const a = await start({}, { seed: 7 });
    const first = await allIds(a, 'quantum knitting', 'video');
    const b = await start({}, { seed: 7 });
    // Another query first, another spelling: the same results.
    await allIds(b, 'bonsai trees', 'channel');
    expect(await allIds(b, 'Quantum   Knitting', 'video')).toEqual(first);
    const c = await start({ catalogueSeed: 99 }, { seed: 7 });
    const other = await allIds(c, 'quantum knitting', 'video');
    expect(other.length).toBeGreaterThan(0);
    expect(other.filter((id) => first.includes(id))).toEqual([]);
  });

  it("never mixes one query's generated channels into another query's results", async () => {
    const yt = await start();
    const quantum = await allIds(yt, 'quantum knitting', 'channel');
    const knitting = await allIds(yt, 'knitting', 'channel');
    expect(knitting).toHaveLength(GENERATED_CHANNELS);
    expect(knitting.filter((id) => quantum.includes(id))).toEqual([]);
    expect((await snapshotOf(yt)).generatedQueries.sort()).toEqual(['knitting', 'quantum knitting']);
  });

  it('leaves queries the seeded catalogue covers untouched', async () => {
    const yt = await start();
    const page = await yt.rest<SearchItem>(ME, 'search', { part: 'snippet', q: 'python tutorial', maxResults: 50 });
    expect(page.items!.length).toBe(50);
    const seededChannels = new Set((await snapshotOf(yt)).channels.map((c) => c.id));
    expect(page.items!.every((i) => seededChannels.has(i.snippet!.channelId))).toBe(true);
    await yt.rest(ME, 'search', { part: 'snippet', maxResults: 5 });
    expect((await snapshotOf(yt)).generatedQueries).toEqual([]);
  });

  it("bills YouTube's documented quota costs: 100 per search page, 1 per list call, 1 for an invalid call", async () => {
    const yt = await start({ dailyQuota: 10_000 });
    const first = await yt.rest<SearchItem>(ME, 'search', {
      part: 'snippet',
      q: 'underwater basket weaving',
      maxResults: 5,
    });
    await yt.rest(ME, 'search', {
      part: 'snippet',
      q: 'underwater basket weaving',
      maxResults: 5,
      pageToken: first.nextPageToken!,
    });
    await yt.rest(ME, 'videos', { part: 'statistics', id: first.items!.flatMap((i) => i.id.videoId ?? []).join(',') });
    await yt.rest(ME, 'channels', { part: 'statistics', id: first.items![0]!.snippet!.channelId });
    const invalid = await restError(
      restCall(yt.client, ME, 'search', { part: 'snippet', q: 'ancient pottery kilns', maxResults: 99 }),
    );
    expect(invalid.body.error.errors[0]!.reason).toBe('invalidParameter');
    const snapshot = await snapshotOf(yt);
    expect(snapshot.quota).toMatchObject({
      used: 2 * 100 + 1 + 1 + 1,
      calls: { 'search.list': 3, 'videos.list': 1, 'channels.list': 1 },
    });
    // The refused search generated nothing.
    expect(snapshot.generatedQueries).toEqual(['underwater basket weaving']);
  });

  it('keeps generated ids resolvable across a restart with a state file', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'youtube-any-query-'));
    dirs.push(dir);
    const persistPath = join(dir, 'state.json');
    const before = await start({}, { persistPath });
    const found = await before.rest<SearchItem>(ME, 'search', {
      part: 'snippet',
      q: 'lunar gardening',
      type: 'channel',
    });
    const ids = found.items!.map((i) => i.id.channelId!);
    expect(ids.length).toBeGreaterThan(0);
    await before.emulator.close();
    open.splice(open.indexOf(before), 1);

    const after = await startYoutube({}, [], { seed: 7, persistPath });
    open.push(after);
    // The SDK's first call must be gRPC: request() alone would go out without a token.
    await after.client.actions.getConnectedAccount({ connectionName: 'youtube', identifier: ME });
    const listed = await after.rest<ChannelItem>(ME, 'channels', { part: 'snippet', id: ids.join(',') });
    expect(listed.items!.map((c) => c.id)).toEqual(ids);
    expect((await snapshotOf(after)).generatedQueries).toEqual(['lunar gardening']);
  });
});
