import { describe, expect, it } from 'vitest';
import { findItems, parseChannels, parseCount, parseSearchResults, parseVideos } from '../src/research/index.js';
import { channelsResponse, scalekitWrapped, searchResponse, uploadsResponse } from './fixtures/youtube-responses.js';

const video = {
  videoId: 'vid1',
  channelId: 'UCaaaaaaaaaaaaaaaaaaaaaa',
  channelTitle: 'Corey',
  title: 'Python Tutorial',
  publishedAt: '2024-05-01T10:00:00Z',
};

describe('findItems', () => {
  it('finds items at the top, under data, deeper, or inside a JSON string', () => {
    const response = searchResponse([video]);
    expect(findItems(response)).toHaveLength(1);
    expect(findItems(scalekitWrapped(response))).toHaveLength(1);
    expect(findItems({ result: { data: response } })).toHaveLength(1);
    expect(findItems(scalekitWrapped(JSON.stringify(response)))).toHaveLength(1);
  });

  it('returns [] for shapes without items', () => {
    expect(findItems(undefined)).toEqual([]);
    expect(findItems('not json')).toEqual([]);
    expect(findItems({ data: { items: 'nope' } })).toEqual([]);
    expect(findItems([1, 2])).toEqual([]);
  });
});

describe('parseSearchResults', () => {
  it('reads video and channel hits', () => {
    const hits = parseSearchResults(
      scalekitWrapped(searchResponse([video], [{ id: 'UCbbbbbbbbbbbbbbbbbbbbbb', title: 'Tech With Tim' }])),
    );
    expect(hits).toEqual([
      {
        kind: 'video',
        channelId: 'UCaaaaaaaaaaaaaaaaaaaaaa',
        videoId: 'vid1',
        title: 'Python Tutorial',
        channelTitle: 'Corey',
        description: 'About Python Tutorial',
        publishedAt: '2024-05-01T10:00:00.000Z',
      },
      expect.objectContaining({
        kind: 'channel',
        channelId: 'UCbbbbbbbbbbbbbbbbbbbbbb',
        channelTitle: 'Tech With Tim',
      }),
    ]);
  });

  it('skips playlists, items without a channel, and drops unparseable dates', () => {
    const hits = parseSearchResults({
      items: [
        { id: { kind: 'youtube#playlist', playlistId: 'PL1' }, snippet: { channelId: 'UCx', title: 'A playlist' } },
        { id: { videoId: 'v2' }, snippet: { title: 'No channel' } },
        { id: { videoId: 'v3' }, snippet: { channelId: 'UCy', title: 'Bad date', publishedAt: 'yesterday' } },
        null,
        'junk',
      ],
    });
    expect(hits).toHaveLength(1);
    expect(hits[0]).not.toHaveProperty('publishedAt');
    expect(hits[0]?.videoId).toBe('v3');
  });
});

describe('parseChannels', () => {
  it('turns string statistics into numbers and keeps the uploads playlist', () => {
    const [channel] = parseChannels(
      scalekitWrapped(
        channelsResponse([
          {
            id: 'UCaaaaaaaaaaaaaaaaaaaaaa',
            title: 'Corey Schafer',
            customUrl: '@coreyms',
            subscribers: '1234567',
            videos: '232',
            views: '98765432',
          },
        ]),
      ),
    );
    expect(channel).toEqual({
      id: 'UCaaaaaaaaaaaaaaaaaaaaaa',
      title: 'Corey Schafer',
      description: '',
      customUrl: '@coreyms',
      publishedAt: '2012-03-04T05:06:07.000Z',
      country: 'US',
      subscriberCount: 1234567,
      subscribersHidden: false,
      videoCount: 232,
      viewCount: 98765432,
      uploadsPlaylistId: 'UUaaaaaaaaaaaaaaaaaaaaaa',
    });
  });

  it('treats a hidden subscriber count as unknown, not zero', () => {
    const [hidden] = parseChannels({
      items: [
        {
          id: 'UChidden',
          snippet: { title: 'Shy' },
          statistics: { subscriberCount: '0', hiddenSubscriberCount: true, videoCount: '5' },
        },
      ],
    });
    expect(hidden?.subscribersHidden).toBe(true);
    expect(hidden?.subscriberCount).toBeUndefined();
    expect(hidden?.videoCount).toBe(5);
  });

  it('tolerates missing parts and bad counts', () => {
    const channels = parseChannels({
      items: [
        { id: 'UCbare' },
        { snippet: { title: 'no id' } },
        { id: 'UCbad', statistics: { subscriberCount: '12abc', videoCount: -3 } },
      ],
    });
    expect(channels.map((c) => c.id)).toEqual(['UCbare', 'UCbad']);
    expect(channels[0]).toMatchObject({ title: '', subscribersHidden: false });
    expect(channels[1]?.subscriberCount).toBeUndefined();
    expect(channels[1]?.videoCount).toBeUndefined();
  });
});

describe('parseVideos', () => {
  it('reads the video id of playlist items, not the playlist item id', () => {
    const videos = parseVideos(
      uploadsResponse('UCaaaaaaaaaaaaaaaaaaaaaa', [
        { videoId: 'up1', title: 'Newest', publishedAt: '2024-06-01T00:00:00Z' },
      ]),
    );
    expect(videos).toEqual([
      { id: 'up1', channelId: 'UCaaaaaaaaaaaaaaaaaaaaaa', title: 'Newest', publishedAt: '2024-06-01T00:00:00.000Z' },
    ]);
  });

  it('reads videos.list items with statistics', () => {
    const videos = parseVideos({
      items: [
        {
          kind: 'youtube#video',
          id: 'abc',
          snippet: { title: 'T', channelId: 'UCz', publishedAt: '2024-01-02T03:04:05Z' },
          statistics: { viewCount: '1500', likeCount: '20' },
        },
      ],
    });
    expect(videos[0]).toMatchObject({ id: 'abc', channelId: 'UCz', viewCount: 1500, likeCount: 20 });
    expect(videos[0]).not.toHaveProperty('commentCount');
  });
});

describe('parseCount', () => {
  it('accepts digit strings and non-negative numbers only', () => {
    expect(parseCount('42')).toBe(42);
    expect(parseCount(' 7 ')).toBe(7);
    expect(parseCount(3.9)).toBe(3);
    expect(parseCount('1e3')).toBeUndefined();
    expect(parseCount('')).toBeUndefined();
    expect(parseCount(-1)).toBeUndefined();
    expect(parseCount('99999999999999999999')).toBeUndefined();
  });
});
