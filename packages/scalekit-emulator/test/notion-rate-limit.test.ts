import { ScalekitTooManyRequestsException, ScalekitToolRateLimitException } from '@scalekit-sdk/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TokenBucket } from '../src/sandboxes/notion/rate-limiter.js';
import { notionErrorOf, startNotion, type NotionFixture } from './notion-fixture.js';
import { clientToken, rejectionOf } from './support/core.js';

describe('Notion rate limit (token bucket per account)', () => {
  let fx: NotionFixture;
  beforeAll(async () => {
    // One token every 20 s after a burst of 2: the third call in a row is always limited.
    fx = await startNotion({ notion: { rateLimitPerSecond: 0.05, burst: 2 } });
  });
  afterAll(() => fx.close());

  it('answers 429 rate_limited with Retry-After once the burst is spent; the SDK raises ScalekitTooManyRequestsException', async () => {
    const user = await fx.user('limited-proxy');
    await user.request('GET', '/v1/users/me');
    await user.request('POST', '/v1/search', { page_size: 1 });

    const { exception, body } = await notionErrorOf(user.request('GET', '/v1/users/me'));
    expect(exception).toBeInstanceOf(ScalekitTooManyRequestsException);
    expect(body).toEqual({
      object: 'error',
      status: 429,
      code: 'rate_limited',
      message: 'You have been rate limited. Please try again in a few minutes.',
    });

    // The header, seen over raw HTTP: whole seconds until the next token.
    const response = await fetch(`${fx.emulator.envUrl}/proxy/v1/users/me`, {
      headers: {
        authorization: `Bearer ${await clientToken(fx.emulator)}`,
        connection_name: 'notion',
        identifier: 'limited-proxy',
        'notion-version': '2022-06-28',
      },
    });
    expect(response.status).toBe(429);
    const retryAfter = Number(response.headers.get('retry-after'));
    expect(Number.isInteger(retryAfter)).toBe(true);
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(20);
  });

  it('shares one bucket between proxy requests and tools; a limited tool raises ScalekitToolRateLimitException', async () => {
    const user = await fx.user('limited-tools');
    await user.tool('notion_user_get_self');
    await user.request('GET', '/v1/users/me');
    const error = await rejectionOf(user.tool('notion_user_get_self'));
    expect(error).toBeInstanceOf(ScalekitToolRateLimitException);
    expect((error as Error).message).toContain('rate limited');
  });

  it('limits each account on its own', async () => {
    const busy = await fx.user('limited-busy');
    const calm = await fx.user('limited-calm');
    await busy.request('GET', '/v1/users/me');
    await busy.request('GET', '/v1/users/me');
    await expect(busy.request('GET', '/v1/users/me')).rejects.toBeInstanceOf(ScalekitTooManyRequestsException);
    await expect(calm.request('GET', '/v1/users/me')).resolves.toMatchObject({ object: 'user' });
  });

  it('serves any number of calls when rateLimitPerSecond is 0', async () => {
    const open = await startNotion({ notion: { rateLimitPerSecond: 0 } });
    try {
      const user = await open.user('unlimited');
      for (let i = 0; i < 30; i += 1) await user.request('GET', '/v1/users/me');
    } finally {
      await open.close();
    }
  });
});

describe('TokenBucket arithmetic (time passed in, no clock)', () => {
  it('allows the burst at once, then one call per 1/rate seconds, and says how long to wait', () => {
    const bucket = new TokenBucket(3, 3, 0);
    expect([bucket.take(0), bucket.take(0), bucket.take(0)].every((r) => r.ok)).toBe(true);
    expect(bucket.take(0)).toEqual({ ok: false, retryAfterSeconds: 1 });
    expect(bucket.take(200).ok).toBe(false);
    expect(bucket.take(340).ok).toBe(true);
    expect(bucket.take(340).ok).toBe(false);
    // A long pause refills only up to the burst.
    const refilled = [10_000, 10_000, 10_000, 10_000].map((t) => bucket.take(t).ok);
    expect(refilled).toEqual([true, true, true, false]);
  });

  it('rounds Retry-After up to whole seconds for slow rates', () => {
    const bucket = new TokenBucket(0.25, 1, 0);
    expect(bucket.take(0).ok).toBe(true);
    expect(bucket.take(0)).toEqual({ ok: false, retryAfterSeconds: 4 });
    expect(bucket.take(1_500)).toEqual({ ok: false, retryAfterSeconds: 3 });
    expect(bucket.take(2_500)).toEqual({ ok: false, retryAfterSeconds: 2 });
    expect(bucket.take(4_000).ok).toBe(true);
  });
});
