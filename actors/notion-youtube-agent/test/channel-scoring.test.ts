import { describe, expect, it } from 'vitest';
import {
  formatCount,
  formatDaysAgo,
  quotedList,
  rankChannels,
  SCORE_WEIGHTS,
  scoreChannel,
  type ChannelRecord,
  type ScoredChannel,
} from '../src/research/index.js';

const now = new Date('2024-06-10T12:00:00Z');
const daysAgo = (days: number): string => new Date(now.getTime() - days * 86_400_000).toISOString();

function channel(overrides: Partial<ChannelRecord> = {}): ChannelRecord {
  return { id: 'UC1', title: 'Some Channel', description: '', subscribersHidden: false, ...overrides };
}

describe('scoreChannel', () => {
  const python = channel({
    title: 'Python Tutorials by Corey',
    description: 'Programming videos',
    subscriberCount: 1_234_567,
    videoCount: 340,
  });

  it('explains the score with the figures behind it', () => {
    const result = scoreChannel(python, {
      topicTerms: ['python', 'tutorial'],
      now,
      recentVideos: [{ title: 'Decorators', publishedAt: daysAgo(5) }],
    });
    expect(result.reason).toBe(
      "1.2M subscribers, last upload 5 days ago, 340 videos, title matches 'python' and 'tutorial'",
    );
    expect(result.daysSinceLastUpload).toBe(5);
    expect(result.matchedTerms).toEqual(['python', 'tutorial']);
  });

  it('combines rounded components with the documented weights', () => {
    const { score, components } = scoreChannel(python, {
      topicTerms: ['python', 'tutorial'],
      now,
      recentVideos: [{ title: 'x', publishedAt: daysAgo(5) }],
    });
    expect(components.relevance).toBe(10);
    expect(components.audience).toBeCloseTo(7.7, 5); // (log10(1,234,567) - 3) / 4 * 10 = 7.73
    const expected =
      SCORE_WEIGHTS.relevance * components.relevance +
      SCORE_WEIGHTS.audience * components.audience +
      SCORE_WEIGHTS.activity * components.activity;
    expect(score).toBe(Math.round(expected * 10) / 10);
    expect(Number.isInteger(score * 10)).toBe(true);
    expect(score).toBeGreaterThanOrEqual(0);
    expect(score).toBeLessThanOrEqual(10);
  });

  it('ranks title matches above video-title matches above description matches', () => {
    const terms = ['python'];
    const inTitle = scoreChannel(channel({ title: 'Python Hub' }), { topicTerms: terms, now });
    const inVideos = scoreChannel(channel(), {
      topicTerms: terms,
      now,
      recentVideos: [{ title: 'Python in 10 minutes' }],
    });
    const inDescription = scoreChannel(channel({ description: 'We teach python.' }), { topicTerms: terms, now });
    const nowhere = scoreChannel(channel(), { topicTerms: terms, now });
    expect(inTitle.components.relevance).toBeGreaterThan(inVideos.components.relevance);
    expect(inVideos.components.relevance).toBeGreaterThan(inDescription.components.relevance);
    expect(nowhere.components.relevance).toBe(0);
    expect(inVideos.reason).toContain("recent videos mention 'python'");
    expect(inDescription.reason).toContain("description mentions 'python'");
    expect(nowhere.reason).toContain('no topic terms');
  });

  it('weighs the subject above intent words', () => {
    const subjectOnly = scoreChannel(channel({ title: 'Python' }), { topicTerms: ['python', 'tutorial'], now });
    const intentOnly = scoreChannel(channel({ title: 'Tutorial' }), { topicTerms: ['python', 'tutorial'], now });
    expect(subjectOnly.components.relevance).toBeGreaterThan(intentOnly.components.relevance);
  });

  it('matches plurals and ignores case and accents', () => {
    const result = scoreChannel(channel({ title: 'TUTORIALS Café' }), { topicTerms: ['tutorial', 'cafe'], now });
    expect(result.matchedTerms).toEqual(['tutorial', 'cafe']);
  });

  it('scales audience logarithmically and clamps it to 0-10', () => {
    const audience = (subscriberCount: number): number =>
      scoreChannel(channel({ subscriberCount }), { topicTerms: [], now }).components.audience;
    expect(audience(500)).toBe(0);
    expect(audience(100_000)).toBe(5);
    expect(audience(10_000_000)).toBe(10);
    expect(audience(200_000_000)).toBe(10);
  });

  it('falls back to views for a hidden subscriber count and says so', () => {
    const result = scoreChannel(channel({ subscribersHidden: true, viewCount: 10_000_000 }), { topicTerms: [], now });
    expect(result.components.audience).toBe(5);
    expect(result.reason).toMatch(/^subscriber count hidden \(10M views\)/);
  });

  it('rewards recent uploads and punishes dormant or unknown activity', () => {
    const activity = (days?: number): number =>
      scoreChannel(channel({ videoCount: 100 }), {
        topicTerms: [],
        now,
        ...(days === undefined ? {} : { recentVideos: [{ title: 'v', publishedAt: daysAgo(days) }] }),
      }).components.activity;
    expect(activity(1)).toBeGreaterThan(activity(60));
    expect(activity(60)).toBeGreaterThan(activity(400));
    expect(activity(undefined)).toBeLessThan(activity(400));
    const unknown = scoreChannel(channel(), { topicTerms: [], now });
    expect(unknown.reason).toContain('no recent upload found');
    expect(unknown).not.toHaveProperty('daysSinceLastUpload');
  });

  it('uses the latest of the recent videos and ignores unparseable dates', () => {
    const result = scoreChannel(channel(), {
      topicTerms: [],
      now,
      recentVideos: [
        { title: 'a', publishedAt: daysAgo(30) },
        { title: 'b', publishedAt: 'garbage' },
        { title: 'c', publishedAt: daysAgo(2) },
      ],
    });
    expect(result.daysSinceLastUpload).toBe(2);
    expect(result.reason).toContain('last upload 2 days ago');
  });

  it('gives neutral relevance when there are no topic terms', () => {
    expect(scoreChannel(channel(), { topicTerms: [], now }).components.relevance).toBe(5);
  });
});

function scored(
  id: string,
  score: number,
  extra: { subscribers?: number; days?: number; hidden?: boolean } = {},
): ScoredChannel {
  return {
    channel: channel({
      id,
      title: id,
      subscribersHidden: extra.hidden === true,
      ...(extra.subscribers === undefined ? {} : { subscriberCount: extra.subscribers }),
    }),
    score: {
      score,
      reason: '',
      components: { relevance: 0, audience: 0, activity: 0 },
      matchedTerms: [],
      ...(extra.days === undefined ? {} : { daysSinceLastUpload: extra.days }),
    },
  };
}

describe('rankChannels', () => {
  it('orders by score and keeps the top N with ranks', () => {
    const { ranked } = rankChannels([scored('a', 5), scored('b', 9), scored('c', 7)], { topN: 2 });
    expect(ranked.map((r) => [r.channel.id, r.rank])).toEqual([
      ['b', 1],
      ['c', 2],
    ]);
  });

  it('breaks ties by subscribers, then recency, then id, whatever the input order', () => {
    const entries = [
      scored('z', 8, { subscribers: 100, days: 3 }),
      scored('y', 8, { subscribers: 100, days: 1 }),
      scored('x', 8, { subscribers: 500, days: 90 }),
      scored('w', 8, { subscribers: 100, days: 1 }),
    ];
    const expected = ['x', 'w', 'y', 'z'];
    expect(rankChannels(entries, { topN: 10 }).ranked.map((r) => r.channel.id)).toEqual(expected);
    expect(rankChannels([...entries].reverse(), { topN: 10 }).ranked.map((r) => r.channel.id)).toEqual(expected);
  });

  it('filters by subscribers and upload age, explaining each exclusion', () => {
    const { ranked, excluded } = rankChannels(
      [
        scored('small', 9, { subscribers: 2_300, days: 1 }),
        scored('hidden', 9, { hidden: true, days: 1 }),
        scored('stale', 9, { subscribers: 50_000, days: 120 }),
        scored('undated', 9, { subscribers: 50_000 }),
        scored('ok', 4, { subscribers: 50_000, days: 10 }),
      ],
      { topN: 5, minSubscribers: 10_000, maxDaysSinceUpload: 90 },
    );
    expect(ranked.map((r) => r.channel.id)).toEqual(['ok']);
    expect(excluded).toEqual([
      { channelId: 'small', title: 'small', reason: '2.3K subscribers, below the 10K minimum' },
      { channelId: 'hidden', title: 'hidden', reason: 'subscriber count hidden, cannot check the 10K minimum' },
      { channelId: 'stale', title: 'stale', reason: 'last upload 120 days ago, over the 90-day limit' },
      { channelId: 'undated', title: 'undated', reason: 'no upload date found, cannot check the 90-day limit' },
    ]);
  });

  it('keeps one entry per channel, the better-scored one', () => {
    const { ranked } = rankChannels([scored('a', 3), scored('a', 6), scored('b', 5)], { topN: 5 });
    expect(ranked.map((r) => [r.channel.id, r.score.score])).toEqual([
      ['a', 6],
      ['b', 5],
    ]);
  });

  it('preserves extra fields of the entries', () => {
    const { ranked } = rankChannels([{ ...scored('a', 1), sampleVideo: { id: 'v', title: 't' } }], { topN: 1 });
    expect(ranked[0]?.sampleVideo).toEqual({ id: 'v', title: 't' });
  });
});

describe('formatting', () => {
  it('formats counts like YouTube', () => {
    expect(
      [0, 950, 999, 1000, 1234, 12_345, 999_999, 1_234_567, 12_300_000, 999_950_000, 2_500_000_000].map(formatCount),
    ).toEqual(['0', '950', '999', '1K', '1.2K', '12K', '1M', '1.2M', '12M', '1B', '2.5B']);
  });

  it('formats days and lists', () => {
    expect([0, 1, 5].map(formatDaysAgo)).toEqual(['today', '1 day ago', '5 days ago']);
    expect(quotedList(['a'])).toBe("'a'");
    expect(quotedList(['a', 'b', 'c'])).toBe("'a', 'b' and 'c'");
  });
});
