import { inspect } from 'node:util';
import { timestampDate, timestampFromDate } from '@bufbuild/protobuf/wkt';
import {
  ScalekitBadRequestException,
  ScalekitNotFoundException,
  ScalekitValidateTokenFailureException,
  type ScalekitClient,
} from '@scalekit-sdk/node';
import { describe, expect, it } from 'vitest';
import type { RunningEmulator } from '../src/index.js';
import { ApiTokenService } from '../src/sdk-protocol.js';
import { expectRejection, fixture, rawGrpcCall } from './support/core.js';

const ORG = 'org_acme';

/** Every RPC the emulator logged, minus the SDK's first bearer-less attempt. */
async function rpcs(emulator: RunningEmulator): Promise<[string, string][]> {
  return (await emulator.admin.calls({ kind: 'rpc' }))
    .filter((c) => c.status !== 'unauthenticated')
    .map((c) => [c.name, c.status]);
}

async function allPages(client: ScalekitClient, options: { userId?: string; pageSize: number }): Promise<string[][]> {
  const pages: string[][] = [];
  let pageToken: string | undefined;
  do {
    const page = await client.token.listTokens(ORG, { ...options, ...(pageToken ? { pageToken } : {}) });
    pages.push(page.tokens.map((t) => t.tokenId));
    pageToken = page.nextPageToken || undefined;
  } while (pageToken);
  return pages;
}

describe('API tokens: create and validate', () => {
  it('creates an organization key: the plain key once, an apit_ id, and only a hash kept', async () => {
    const { emulator, client } = await fixture();

    const created = await client.token.createToken(ORG, { description: 'CI' });

    expect(created.tokenId).toMatch(/^apit_/);
    expect(created.token.length).toBeGreaterThan(40);
    expect(created.tokenInfo).toMatchObject({
      tokenId: created.tokenId,
      organizationId: ORG,
      description: 'CI',
      customClaims: {},
    });
    expect(created.tokenInfo?.userId).toBeUndefined();
    expect(created.tokenInfo?.tokenSuffix).toBe(created.token.slice(-4));
    const stored = emulator.environment.apiTokens.all();
    expect(stored).toHaveLength(1);
    expect(inspect(stored, { depth: 5 })).not.toContain(created.token);
    expect(stored[0]!.hash).toMatch(/^[0-9a-f]{64}$/);
    const views = await emulator.admin.apiTokens();
    expect(views[0]).toMatchObject({ tokenId: created.tokenId, state: 'active', suffix: created.token.slice(-4) });
    expect(JSON.stringify(views)).not.toContain(stored[0]!.hash);
  });

  it('validates a user key: organization, user, custom claims and expiry come back', async () => {
    const { client } = await fixture();
    const expiry = new Date(Date.now() + 3_600_000);
    const created = await client.token.createToken(ORG, {
      userId: 'usr_alice',
      customClaims: { plan: 'pro', env: 'test' },
      expiry: timestampFromDate(expiry),
    });

    const { tokenInfo } = await client.token.validateToken(created.token);

    expect(tokenInfo).toMatchObject({
      tokenId: created.tokenId,
      organizationId: ORG,
      userId: 'usr_alice',
      customClaims: { plan: 'pro', env: 'test' },
    });
    expect(timestampDate(tokenInfo!.expiry!).getTime()).toBe(expiry.getTime());
  });

  it('validates by token id too, as the real service does (which is why guards must refuse ids)', async () => {
    const { client } = await fixture();
    const created = await client.token.createToken(ORG);

    const { tokenInfo } = await client.token.validateToken(created.tokenId);

    expect(tokenInfo?.tokenId).toBe(created.tokenId);
  });

  it('refuses an unknown key with one NotFound: ScalekitValidateTokenFailureException, no re-authentication loop', async () => {
    const { emulator, client } = await fixture();
    await client.token.createToken(ORG);
    await emulator.admin.resetCalls();

    const error = await expectRejection(
      client.token.validateToken('sk_apikey_not-a-real-key'),
      ScalekitValidateTokenFailureException,
    );

    expect(error.message).toContain('invalid or expired token');
    expect(await rpcs(emulator)).toEqual([['ValidateToken', 'not_found']]);
    expect(await emulator.admin.calls({ kind: 'token' })).toEqual([]);
  });

  it('refuses a key at once after it is revoked; revoking again, by key or by id, succeeds', async () => {
    const { emulator, client } = await fixture();
    const created = await client.token.createToken(ORG, { userId: 'usr_bob' });
    await client.token.validateToken(created.token);

    await client.token.invalidateToken(created.token);

    await expectRejection(client.token.validateToken(created.token), ScalekitValidateTokenFailureException);
    await expectRejection(client.token.validateToken(created.tokenId), ScalekitValidateTokenFailureException);
    await client.token.invalidateToken(created.token);
    await client.token.invalidateToken(created.tokenId);
    expect((await emulator.admin.apiTokens())[0]).toMatchObject({ state: 'revoked' });
    expect((await client.token.listTokens(ORG)).tokens).toEqual([]);
  });

  it('revokes by token id as well', async () => {
    const { client } = await fixture();
    const created = await client.token.createToken(ORG);

    await client.token.invalidateToken(created.tokenId);

    await expectRejection(client.token.validateToken(created.token), ScalekitValidateTokenFailureException);
  });

  it('answers NotFound when revoking a key or id it never issued', async () => {
    const { client } = await fixture();

    await expectRejection(client.token.invalidateToken('apit_000000'), ScalekitNotFoundException);
    await expectRejection(client.token.invalidateToken('sk_apikey_unknown'), ScalekitNotFoundException);
  });

  it('refuses a key once its expiry has passed (and the admin API can expire one now)', async () => {
    const { emulator, client } = await fixture();
    // An hour of validity: a loaded machine cannot let it lapse before the first check.
    const shortLived = await client.token.createToken(ORG, {
      expiry: timestampFromDate(new Date(Date.now() + 3_600_000)),
    });
    const other = await client.token.createToken(ORG);
    await client.token.validateToken(shortLived.token);

    await emulator.admin.advanceClock(3_600_001);
    await emulator.admin.expireApiToken(other.tokenId);

    await expectRejection(client.token.validateToken(shortLived.token), ScalekitValidateTokenFailureException);
    await expectRejection(client.token.validateToken(other.token), ScalekitValidateTokenFailureException);
    expect((await emulator.admin.apiTokens()).map((t) => t.state)).toEqual(['expired', 'expired']);
    // Expired tokens are not "active", so they leave the list; revoking one is still fine.
    expect((await client.token.listTokens(ORG)).totalCount).toBe(0);
    await client.token.invalidateToken(other.tokenId);
  });

  it('checks create input: organization id shape, claim limits, description length, future expiry', async () => {
    const { client } = await fixture();
    const tooMany = Object.fromEntries(Array.from({ length: 21 }, (_, i) => [`k${i}`, 'v']));

    const cases = [
      client.token.createToken('acme'),
      client.token.createToken(ORG, { customClaims: tooMany }),
      client.token.createToken(ORG, { customClaims: { ['k'.repeat(31)]: 'v' } }),
      client.token.createToken(ORG, { customClaims: { k: 'v'.repeat(257) } }),
      client.token.createToken(ORG, { description: 'd'.repeat(256) }),
      client.token.createToken(ORG, { expiry: timestampFromDate(new Date(Date.now() - 1_000)) }),
    ];

    for (const pending of cases) await expectRejection(pending, ScalekitBadRequestException);
  });

  it('updateToken replaces the custom claims (the SDK method documentation), keeps them for an empty map', async () => {
    const { client } = await fixture();
    const created = await client.token.createToken(ORG, { customClaims: { a: '1', b: '2' }, description: 'old' });

    const { tokenInfo } = await client.token.updateToken(created.tokenId, {
      customClaims: { c: '3' },
      description: 'new',
    });
    expect(tokenInfo).toMatchObject({ customClaims: { c: '3' }, description: 'new' });
    expect((await client.token.validateToken(created.token)).tokenInfo?.customClaims).toEqual({ c: '3' });

    const kept = await client.token.updateToken(created.tokenId, { customClaims: {}, description: 'newer' });
    expect(kept.tokenInfo).toMatchObject({ customClaims: { c: '3' }, description: 'newer' });
    await expectRejection(
      client.token.updateToken(created.tokenId, { customClaims: { c: '' } }),
      ScalekitBadRequestException,
    );
  });

  it('sits behind the same bearer check as every other RPC', async () => {
    const { emulator } = await fixture();

    const result = await rawGrpcCall(emulator.envUrl, `/${ApiTokenService.typeName}/ValidateToken`);

    expect(result.grpcStatus).toBe('16');
    expect((await emulator.admin.calls({ kind: 'rpc' })).map((c) => [c.name, c.status])).toEqual([
      ['ValidateToken', 'unauthenticated'],
    ]);
  });
});

describe('API tokens: list', () => {
  it('pages through active tokens in creation order (default 10, at most 30) and never returns a key', async () => {
    const { client } = await fixture();
    const created = [];
    for (let i = 0; i < 23; i += 1) created.push(await client.token.createToken(ORG, { description: `key ${i}` }));
    await client.token.createToken('org_other');

    const first = await client.token.listTokens(ORG);
    const pages = await allPages(client, { pageSize: 10 });

    expect(first.tokens).toHaveLength(10);
    expect(first.totalCount).toBe(23);
    expect(first.prevPageToken).toBe('');
    expect(pages.map((p) => p.length)).toEqual([10, 10, 3]);
    expect(pages.flat()).toEqual(created.map((c) => c.tokenId));
    const listed = JSON.stringify(first, (_, v: unknown) => (typeof v === 'bigint' ? String(v) : v));
    for (const c of created) expect(listed).not.toContain(c.token);
    await expectRejection(client.token.listTokens(ORG, { pageSize: 31 }), ScalekitBadRequestException);
    await expectRejection(client.token.listTokens('not-an-org'), ScalekitBadRequestException);
  });

  it('follows prev and next tokens, and a revocation between pages neither skips nor repeats a token', async () => {
    const { client } = await fixture();
    const ids = [];
    for (let i = 0; i < 7; i += 1) ids.push((await client.token.createToken(ORG)).tokenId);

    const first = await client.token.listTokens(ORG, { pageSize: 3 });
    await client.token.invalidateToken(ids[1]!);
    await client.token.invalidateToken(ids[3]!);
    const second = await client.token.listTokens(ORG, { pageSize: 3, pageToken: first.nextPageToken });
    const back = await client.token.listTokens(ORG, { pageSize: 3, pageToken: second.prevPageToken });

    expect(first.tokens.map((t) => t.tokenId)).toEqual(ids.slice(0, 3));
    expect(second.tokens.map((t) => t.tokenId)).toEqual([ids[4], ids[5], ids[6]]);
    expect(second.nextPageToken).toBe('');
    expect(back.tokens.map((t) => t.tokenId)).toEqual([ids[0], ids[2], ids[4]]);
    await expectRejection(client.token.listTokens(ORG, { pageToken: 'bm9wZQ' }), ScalekitBadRequestException);
  });

  it('filters by user', async () => {
    const { client } = await fixture();
    const alice1 = await client.token.createToken(ORG, { userId: 'usr_alice' });
    await client.token.createToken(ORG, { userId: 'usr_bob' });
    await client.token.createToken(ORG);
    const alice2 = await client.token.createToken(ORG, { userId: 'usr_alice' });

    const alice = await client.token.listTokens(ORG, { userId: 'usr_alice' });
    const everyone = await client.token.listTokens(ORG);

    expect(alice.tokens.map((t) => t.tokenId)).toEqual([alice1.tokenId, alice2.tokenId]);
    expect(alice.tokens.every((t) => t.userId === 'usr_alice')).toBe(true);
    expect(alice.totalCount).toBe(2);
    expect(everyone.totalCount).toBe(4);
  });
});
