import { describe, expect, it } from 'vitest';
import {
  minimumResearchUnits,
  runYoutubeResearch,
  YOUTUBE_TOOLS,
  type YoutubeToolCall,
} from '../src/research/index.js';
import {
  channelsResponse,
  scalekitWrapped,
  searchResponse,
  uploadsResponse,
  type FakeChannel,
  type FakeVideo,
} from './fixtures/youtube-responses.js';

const now = new Date('2024-06-10T12:00:00Z');
const daysAgo = (days: number): string => new Date(now.getTime() - days * 86_400_000).toISOString();
const id = (n: number): string => `UC${String(n).padStart(22, '0')}`;

interface FakeYoutube {
  callTool: YoutubeToolCall;
  calls: { name: string; input: Record<string, unknown> }[];
}

/** A scripted YouTube behind Scalekit: searches return `videosFor(query)`, channels come from `channels`. */
function fakeYoutube(options: {
  videosFor: (query: string) => FakeVideo[];
  channels: FakeChannel[];
  uploads?: Record<string, { videoId: string; title: string; publishedAt: string }[]>;
  failSearch?: (query: string) => boolean;
  failUploads?: boolean;
}): FakeYoutube {
  const calls: FakeYoutube['calls'] = [];
  const callTool: YoutubeToolCall = (name, input) => {
    calls.push({ name, input });
    if (name === YOUTUBE_TOOLS.search) {
      const query = String(input.q);
      if (options.failSearch?.(query) === true) return Promise.reject(new Error('quotaExceeded'));
      return Promise.resolve(scalekitWrapped(searchResponse(options.videosFor(query))));
    }
    if (name === YOUTUBE_TOOLS.channelsList) {
      const ids = String(input.id).split(',');
      return Promise.resolve(scalekitWrapped(channelsResponse(options.channels.filter((c) => ids.includes(c.id)))));
    }
    if (name === YOUTUBE_TOOLS.playlistItemsList) {
      if (options.failUploads === true) return Promise.reject(new Error('playlistNotFound'));
      const channelId = `UC${String(input.playlist_id).slice(2)}`;
      return Promise.resolve(scalekitWrapped(uploadsResponse(channelId, options.uploads?.[channelId] ?? [])));
    }
    return Promise.reject(new Error(`unexpected tool ${name}`));
  };
  return { callTool, calls };
}

const corey: FakeChannel = {
  id: id(1),
  title: 'Corey Schafer',
  customUrl: '@coreyms',
  description: 'Python tutorials',
  subscribers: '1300000',
  videos: '232',
};
const tim: FakeChannel = {
  id: id(2),
  title: 'Tech With Tim',
  description: 'Python and more',
  subscribers: '1700000',
  videos: '900',
};
const tiny: FakeChannel = { id: id(3), title: 'Python Newbie', subscribers: '800', videos: '12' };
const baking: FakeChannel = { id: id(4), title: 'Bread Lab', subscribers: '5000000', videos: '300' };

const videosByChannel = (channel: FakeChannel, title: string, days: number, n = 1): FakeVideo => ({
  videoId: `${channel.id}-v${n}`,
  channelId: channel.id,
  channelTitle: channel.title,
  title,
  publishedAt: daysAgo(days),
});

describe('runYoutubeResearch', () => {
  it('searches, reads statistics, scores and ranks channels with reasons and samples', async () => {
    const youtube = fakeYoutube({
      videosFor: () => [
        videosByChannel(tim, 'Python Tutorial for Beginners', 400),
        videosByChannel(corey, 'Python Tutorial: Decorators', 900),
        videosByChannel(tiny, 'my first python tutorial', 3),
        videosByChannel(baking, 'Sourdough', 10),
      ],
      channels: [corey, tim, tiny, baking],
      uploads: {
        [corey.id]: [{ videoId: 'c-new', title: 'Python 3.13', publishedAt: daysAgo(4) }],
        [tim.id]: [{ videoId: 't-new', title: 'Django', publishedAt: daysAgo(2) }],
      },
    });
    const result = await runYoutubeResearch(
      { topic: 'python tutorial', count: 2, quotaBudgetUnits: 300, maxSearches: 8 },
      { callTool: youtube.callTool, now },
    );

    // 300 units: the reserve for details leaves room for two searches.
    expect(result.queries).toEqual(['python tutorial', 'python tutorial for beginners']);
    expect(result.skippedQueries.length).toBeGreaterThan(0);
    expect(result.candidateCount).toBe(4);
    expect(result.channels.map((c) => c.channel.title)).toEqual(['Tech With Tim', 'Corey Schafer']);
    expect(result.channels[0]?.rank).toBe(1);
    expect(result.channels[1]?.score.reason).toContain('last upload 4 days ago');
    expect(result.channels[1]?.sampleVideo).toEqual({
      id: `${corey.id}-v1`,
      title: 'Python Tutorial: Decorators',
      publishedAt: daysAgo(900),
    });
    expect(result.notes.some((note) => note.includes('skipped'))).toBe(true);

    const names = youtube.calls.map((call) => call.name);
    expect(names.filter((n) => n === YOUTUBE_TOOLS.search)).toHaveLength(2);
    expect(names.filter((n) => n === YOUTUBE_TOOLS.channelsList)).toHaveLength(1);
    // Uploads are looked up for at most 2 per requested channel.
    expect(names.filter((n) => n === YOUTUBE_TOOLS.playlistItemsList).length).toBeLessThanOrEqual(4);
    expect(result.quotaUnitsUsed).toBe(2 * 100 + youtube.calls.filter((c) => c.name !== YOUTUBE_TOOLS.search).length);
    expect(youtube.calls[0]?.input).toEqual({
      q: 'python tutorial',
      type: 'video',
      max_results: 25,
      order: 'relevance',
    });
    expect(youtube.calls.find((c) => c.name === YOUTUBE_TOOLS.channelsList)?.input).toEqual({
      part: 'snippet,statistics,contentDetails',
      id: [tim.id, corey.id, tiny.id, baking.id].join(','),
    });
    expect(youtube.calls.find((c) => c.name === YOUTUBE_TOOLS.playlistItemsList)?.input).toMatchObject({
      part: 'snippet,contentDetails',
      playlist_id: expect.stringMatching(/^UU/) as unknown,
    });
  });

  it('reads statistics in batches of 50 ids', async () => {
    const many = Array.from({ length: 60 }, (_, n): FakeChannel => ({
      id: id(100 + n),
      title: `Python ${n}`,
      subscribers: String(1000 * (n + 1)),
    }));
    const youtube = fakeYoutube({
      videosFor: () => many.map((c, n) => videosByChannel(c, 'python', n + 1)),
      channels: many,
    });
    const result = await runYoutubeResearch(
      { topic: 'python', count: 3, quotaBudgetUnits: 200, maxSearches: 1 },
      { callTool: youtube.callTool, now },
    );
    const batches = youtube.calls
      .filter((c) => c.name === YOUTUBE_TOOLS.channelsList)
      .map((c) => String(c.input.id).split(',').length);
    expect(batches).toEqual([50, 10]);
    expect(result.channels).toHaveLength(3);
  });

  it('applies subscriber and recency filters and reports exclusions', async () => {
    const youtube = fakeYoutube({
      videosFor: () => [videosByChannel(tiny, 'python tutorial', 1), videosByChannel(corey, 'python tutorial', 1)],
      channels: [tiny, corey],
    });
    const result = await runYoutubeResearch(
      {
        topic: 'python tutorial',
        count: 5,
        minSubscribers: 10_000,
        maxDaysSinceUpload: 30,
        quotaBudgetUnits: 200,
        maxSearches: 1,
      },
      { callTool: youtube.callTool, now },
    );
    expect(result.channels.map((c) => c.channel.id)).toEqual([corey.id]);
    expect(result.excluded).toEqual([
      { channelId: tiny.id, title: tiny.title, reason: '800 subscribers, below the 10K minimum' },
    ]);
  });

  it('keeps going when some searches or uploads lookups fail, and says so', async () => {
    const youtube = fakeYoutube({
      videosFor: () => [videosByChannel(corey, 'python tutorial', 1)],
      channels: [corey],
      failSearch: (query) => query !== 'python tutorial',
      failUploads: true,
    });
    const result = await runYoutubeResearch(
      { topic: 'python tutorial', count: 1, quotaBudgetUnits: 1000, maxSearches: 3 },
      { callTool: youtube.callTool, now },
    );
    expect(result.channels).toHaveLength(1);
    expect(result.notes.filter((note) => note.includes('failed: quotaExceeded'))).toHaveLength(2);
    expect(result.notes.some((note) => note.includes('Latest uploads could not be read for 1 channel'))).toBe(true);
  });

  it('fails clearly when every search fails or the budget is too small', async () => {
    const failing = fakeYoutube({ videosFor: () => [], channels: [], failSearch: () => true });
    await expect(
      runYoutubeResearch(
        { topic: 'python', count: 1, quotaBudgetUnits: 1000, maxSearches: 2 },
        { callTool: failing.callTool, now },
      ),
    ).rejects.toThrow(/Every YouTube search failed; search "python" failed: quotaExceeded/);
    const unused = fakeYoutube({ videosFor: () => [], channels: [] });
    await expect(
      runYoutubeResearch({ topic: 'python', count: 1, quotaBudgetUnits: 100 }, { callTool: unused.callTool, now }),
    ).rejects.toThrow(/does not cover one search/);
    expect(unused.calls).toEqual([]);
    await expect(runYoutubeResearch({ topic: '?!', count: 1 }, { callTool: unused.callTool, now })).rejects.toThrow(
      /no searchable words/,
    );
  });

  it('returns an empty result with a note when searches find nothing', async () => {
    const youtube = fakeYoutube({ videosFor: () => [], channels: [] });
    const result = await runYoutubeResearch(
      { topic: 'python', count: 1, quotaBudgetUnits: 200, maxSearches: 1 },
      { callTool: youtube.callTool, now },
    );
    expect(result.channels).toEqual([]);
    expect(result.notes).toContain('The searches returned no channels.');
    expect(youtube.calls.map((c) => c.name)).toEqual([YOUTUBE_TOOLS.search]);
  });

  it('notes channels that search found but channels.list did not return', async () => {
    const youtube = fakeYoutube({
      videosFor: () => [videosByChannel(corey, 'python', 1), videosByChannel(tim, 'python', 1)],
      channels: [corey],
    });
    const result = await runYoutubeResearch(
      { topic: 'python', count: 5, quotaBudgetUnits: 200, maxSearches: 1 },
      { callTool: youtube.callTool, now },
    );
    expect(result.channels.map((c) => c.channel.id)).toEqual([corey.id]);
    expect(result.notes).toContain('1 channel(s) found by search returned no details (deleted or private).');
  });

  it('minimumResearchUnits is exactly the budget that affords one search', async () => {
    const request = { topic: 'python tutorial', count: 5 };
    const minimum = minimumResearchUnits(request);
    const youtube = fakeYoutube({ videosFor: () => [videosByChannel(corey, 'Python Tutorial', 3)], channels: [corey] });
    const result = await runYoutubeResearch(
      { ...request, quotaBudgetUnits: minimum },
      { callTool: youtube.callTool, now },
    );
    expect(result.queries).toEqual(['python tutorial']);
    await expect(
      runYoutubeResearch({ ...request, quotaBudgetUnits: minimum - 1 }, { callTool: youtube.callTool, now }),
    ).rejects.toThrow('does not cover one search');
    expect(minimumResearchUnits({ topic: '!!!', count: 5 })).toBe(0);
  });
});
