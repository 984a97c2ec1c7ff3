import { ScalekitForbiddenException, ScalekitToolForbiddenException } from '@scalekit-sdk/node';
import { afterEach, describe, expect, it } from 'vitest';
import { QUOTA_COSTS, QuotaMeter, pacificDay } from '../src/sandboxes/youtube/quota-meter.js';
import { restCall, restError, startYoutube, type SearchItem, type YoutubeFixture } from './youtube-fixture.js';

let yt: YoutubeFixture | undefined;
afterEach(async () => {
  await yt?.emulator.close();
  yt = undefined;
});

describe('daily quota', () => {
  it('bills tools and REST alike, then refuses every call with 403 quotaExceeded', async () => {
    yt = await startYoutube({ dailyQuota: 202 }, ['analyst', 'other']);
    await yt.rest('analyst', 'search', { part: 'snippet', q: 'python' });
    await yt.tool('analyst', 'youtube_search', { q: 'python' });
    await yt.rest('analyst', 'channels', { part: 'id', mine: true });
    // An invalid request still costs a unit.
    await restError(restCall(yt.client, 'analyst', 'videos', { part: 'snippet' }));

    const refused = await restError(restCall(yt.client, 'analyst', 'channels', { part: 'id', mine: true }));
    expect(refused.exception).toBeInstanceOf(ScalekitForbiddenException);
    expect(refused.body).toEqual({
      error: {
        code: 403,
        message: expect.stringContaining('exceeded your quota') as string,
        errors: [{ message: expect.any(String) as string, domain: 'youtube.quota', reason: 'quotaExceeded' }],
      },
    });
    const viaTool = await yt
      .tool('analyst', 'youtube_videos_list', { part: 'id', chart: 'mostPopular' })
      .catch((e: unknown) => e);
    expect(viaTool).toBeInstanceOf(ScalekitToolForbiddenException);
    expect((viaTool as ScalekitToolForbiddenException).toolErrorCode).toBe('quotaExceeded');

    const snapshot = await yt.snapshot('analyst');
    expect(snapshot.quota).toMatchObject({
      dailyLimit: 202,
      used: 202,
      remaining: 0,
      calls: { 'search.list': 2, 'channels.list': 1, 'videos.list': 1 },
    });

    // Another identifier is another account with its own quota.
    const page = await yt.rest<SearchItem>('other', 'search', { part: 'snippet', q: 'python' });
    expect(page.items!.length).toBeGreaterThan(0);
    expect((await yt.snapshot('other')).quota.used).toBe(100);
  });

  it('refuses a search that no longer fits while cheaper calls still pass', async () => {
    yt = await startYoutube({ dailyQuota: 150 });
    await yt.tool('researcher', 'youtube_search', { q: 'travel' });
    const search = await yt.tool('researcher', 'youtube_search', { q: 'travel' }).catch((e: unknown) => e);
    expect((search as ScalekitToolForbiddenException).toolErrorCode).toBe('quotaExceeded');
    const channels = await yt.tool('researcher', 'youtube_channels_list', { part: 'snippet', mine: true });
    expect(channels.items).toHaveLength(1);
    expect((await yt.snapshot('researcher')).quota.used).toBe(101);
  });
});

describe('QuotaMeter', () => {
  it('uses the documented costs', () => {
    expect(QUOTA_COSTS).toMatchObject({ 'search.list': 100, 'channels.list': 1, 'videos.list': 1 });
  });

  it('resets at midnight Pacific time, not UTC', () => {
    let now = new Date('2025-03-10T06:59:00Z'); // 23:59 on 9 March in Los Angeles (PDT)
    const meter = new QuotaMeter(100, () => now);
    meter.charge(100, 'search.list');
    expect(() => meter.ensure(1)).toThrow(expect.objectContaining({ status: 403, code: 'quotaExceeded' }));
    now = new Date('2025-03-10T06:59:59Z');
    expect(() => meter.ensure(1)).toThrow();
    now = new Date('2025-03-10T07:00:00Z');
    expect(() => meter.ensure(100)).not.toThrow();
    expect(meter.state()).toEqual({ day: '2025-03-10', used: 0, calls: {} });
  });

  it('names quota days in Pacific time across the DST change', () => {
    expect(pacificDay(new Date('2025-01-15T07:59:59Z'))).toBe('2025-01-14'); // PST, UTC-8
    expect(pacificDay(new Date('2025-01-15T08:00:00Z'))).toBe('2025-01-15');
    expect(pacificDay(new Date('2025-07-15T06:59:59Z'))).toBe('2025-07-14'); // PDT, UTC-7
    expect(pacificDay(new Date('2025-07-15T07:00:00Z'))).toBe('2025-07-15');
  });
});
