import { ScalekitTooManyRequestsException, ScalekitToolRateLimitException } from '@scalekit-sdk/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientToken, rejectionOf } from './support/core.js';
import { gmailErrorOf, startGmail, type GmailFixture, type GmailList } from './gmail-fixture.js';

/**
 * The per-user quota: 10 units per second here, so two messages.list calls (5 units each) fill the
 * window and the next call in the same second is refused. Calls take milliseconds, so a refusal
 * comes within a few tries; the loops only bound how many.
 */
describe('Gmail per-user quota', () => {
  let fx: GmailFixture;
  beforeAll(async () => {
    fx = await startGmail({ gmail: { quotaUnitsPerSecond: 10, messages: 20 } });
  });
  afterAll(() => fx.close());

  it('answers 429 rateLimitExceeded once the units of the second are spent; the SDK raises ScalekitTooManyRequestsException', async () => {
    const user = await fx.user('quota-rest');
    let refused: Promise<unknown> | undefined;
    for (let i = 0; i < 20 && refused === undefined; i++) {
      const call = user.get<GmailList>('/messages', { maxResults: 1 });
      if (
        await call.then(
          () => false,
          () => true,
        )
      )
        refused = call;
    }
    expect(refused).toBeDefined();
    const refusal = await gmailErrorOf(refused!);
    expect(refusal.exception).toBeInstanceOf(ScalekitTooManyRequestsException);
    expect(refusal.body.error).toMatchObject({
      code: 429,
      status: 'RESOURCE_EXHAUSTED',
      errors: [{ domain: 'usageLimits', reason: 'rateLimitExceeded' }],
    });
    expect(refusal.body.error.message).toMatch(/^User-rate limit exceeded\.\s+Retry after \d{4}-\d{2}-\d{2}T/);
  });

  it('sends Retry-After in whole seconds (seen over raw HTTP)', async () => {
    await fx.user('quota-raw');
    const token = await clientToken(fx.emulator);
    let limited: Response | undefined;
    for (let i = 0; i < 20 && !limited; i++) {
      const response = await fetch(`${fx.emulator.envUrl}/proxy/gmail/v1/users/me/messages?maxResults=1`, {
        headers: { authorization: `Bearer ${token}`, connection_name: 'gmail', identifier: 'quota-raw' },
      });
      if (response.status === 429) limited = response;
      else expect(response.status).toBe(200);
    }
    expect(limited).toBeDefined();
    const retryAfter = Number(limited!.headers.get('retry-after'));
    expect(Number.isInteger(retryAfter)).toBe(true);
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(2);
  });

  it('counts tools against the same quota; a limited tool raises ScalekitToolRateLimitException', async () => {
    const user = await fx.user('quota-tools');
    // One fetch of 5 full messages costs 5 + 5 x 5 units: more than the window holds, so whatever follows
    // in the same second is refused, tool or REST.
    await user.tool('gmail_fetch_mails', { max_results: 5 });
    const error = await rejectionOf(user.tool('gmail_get_profile'));
    expect(error).toBeInstanceOf(ScalekitToolRateLimitException);
    expect((error as ScalekitToolRateLimitException).toolErrorCode).toBe('rateLimitExceeded');
  });

  it('keeps one quota per user', async () => {
    const busy = await fx.user('quota-busy');
    const calm = await fx.user('quota-calm');
    await busy.tool('gmail_fetch_mails', { max_results: 5 });
    await expect(busy.get('/profile')).rejects.toBeInstanceOf(ScalekitTooManyRequestsException);
    await expect(calm.get('/profile')).resolves.toMatchObject({ emailAddress: 'quota.calm@example.com' });
  });
});

describe('Gmail quota disabled', () => {
  it('never refuses with quotaUnitsPerSecond 0', async () => {
    const fx = await startGmail({ gmail: { quotaUnitsPerSecond: 0, messages: 10 } });
    try {
      const user = await fx.user('unlimited');
      for (let i = 0; i < 15; i++)
        await user.post('/messages/send', {
          raw: Buffer.from(`To: a@b.co\r\nSubject: ${i}\r\n\r\nx`).toString('base64url'),
        });
      expect((await user.get<{ messagesTotal: number }>('/profile')).messagesTotal).toBe(25);
    } finally {
      await fx.close();
    }
  });
});
