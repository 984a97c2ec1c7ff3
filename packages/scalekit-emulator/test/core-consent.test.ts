import { ScalekitBadRequestException, ScalekitForbiddenException, ScalekitNotFoundException } from '@scalekit-sdk/node';
import { timestampDate } from '@bufbuild/protobuf/wkt';
import { describe, expect, it } from 'vitest';
import { ConnectorStatus } from '../src/sdk-protocol.js';
import { approveLink, connectAccount } from './support/connected-client.js';
import { expectRejection, fixture, locationOf } from './support/core.js';

function approve(link: string, fields: Record<string, string> = {}): Promise<Response> {
  return fetch(link, {
    method: 'POST',
    body: new URLSearchParams({ decision: 'approve', ...fields }),
    redirect: 'manual',
  });
}

function deny(link: string): Promise<Response> {
  return fetch(link, { method: 'POST', body: new URLSearchParams({ decision: 'deny' }), redirect: 'manual' });
}

describe('magic link', () => {
  it('is issued for a missing account, creating it PENDING_AUTH, on the emulator’s own origin with an expiry', async () => {
    const { emulator, client } = await fixture();

    const { link, expiry } = await client.actions.getAuthorizationLink({
      connectionName: 'acme',
      identifier: 'new-user',
    });

    expect(link.startsWith(`${emulator.envUrl}/magicLink/`)).toBe(true);
    expect(expiry).toBeDefined();
    expect(timestampDate(expiry!).getTime()).toBeGreaterThan(Date.now());
    const account = await client.actions.getConnectedAccount({ connectionName: 'acme', identifier: 'new-user' });
    expect(account.connectedAccount?.status).toBe(ConnectorStatus.PENDING_AUTH);
    // Each request gives a fresh link.
    const second = await client.actions.getAuthorizationLink({ connectionName: 'acme', identifier: 'new-user' });
    expect(second.link).not.toBe(link);
    expect(await emulator.admin.accounts({ connector: 'acme' })).toHaveLength(1);
  });

  it('can be issued by connectedAccountId, and refuses an unknown connector or a bad userVerifyUrl', async () => {
    const { client } = await fixture();
    const created = await client.actions.getOrCreateConnectedAccount({ connectionName: 'acme', identifier: 'by-id' });

    const { link } = await client.actions.getAuthorizationLink({ connectedAccountId: created.connectedAccount!.id });
    expect((await approveLink(link)).status).toBe(200);
    const account = await client.actions.getConnectedAccount({ connectedAccountId: created.connectedAccount!.id });
    expect(account.connectedAccount?.status).toBe(ConnectorStatus.ACTIVE);

    await expectRejection(
      client.actions.getAuthorizationLink({ connectionName: 'nope', identifier: 'x' }),
      ScalekitNotFoundException,
    );
    await expectRejection(
      client.actions.getAuthorizationLink({
        connectionName: 'acme',
        identifier: 'x',
        userVerifyUrl: 'javascript:alert(1)',
      }),
      ScalekitBadRequestException,
    );
    await expectRejection(
      client.actions.getAuthorizationLink({ connectedAccountId: 'ca_missing' }),
      ScalekitNotFoundException,
    );
  });

  it('opens a consent page that names the connector and the identifier, escaped', async () => {
    const { client } = await fixture();
    const identifier = '<script>alert("x")</script>&co';
    const { link } = await client.actions.getAuthorizationLink({ connectionName: 'acme', identifier });

    const page = await fetch(link);
    const html = await page.text();

    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toContain('text/html');
    expect(html).toContain('<span data-testid="connector">acme</span>');
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&amp;co');
    expect(html).not.toContain('<script>alert');
    expect(html).toContain('value="approve"');
    expect(html).toContain('value="deny"');
    expect(html).toContain('acme.read');
  });

  it('Approve without userVerifyUrl makes the account ACTIVE with OAuth tokens', async () => {
    const { emulator, client } = await fixture();
    const { link } = await client.actions.getAuthorizationLink({ connectionName: 'acme', identifier: 'u1' });

    const response = await approveLink(link);

    expect(response.status).toBe(200);
    expect(await response.text()).toContain('data-testid="connected"');
    const account = (await client.actions.getConnectedAccount({ connectionName: 'acme', identifier: 'u1' }))
      .connectedAccount!;
    expect(account.status).toBe(ConnectorStatus.ACTIVE);
    expect(account.tokenExpiresAt).toBeDefined();
    const details = account.authorizationDetails?.details;
    expect(details?.case).toBe('oauthToken');
    if (details?.case !== 'oauthToken') throw new Error('unreachable');
    expect(details.value.accessToken).toMatch(/^acme_at_/);
    expect(details.value.refreshToken).toMatch(/^acme_rt_/);
    expect(details.value.scopes).toEqual(['acme.read']);
    const consent = await emulator.admin.calls({ kind: 'consent' });
    expect(consent.map((c) => [c.name, c.status, c.identifier])).toEqual([
      ['GET /magicLink', '200', 'u1'],
      ['POST /magicLink', 'approved', 'u1'],
    ]);
  });

  it('Deny leaves the account PENDING_AUTH and spends the link', async () => {
    const { client } = await fixture();
    const { link } = await client.actions.getAuthorizationLink({ connectionName: 'acme', identifier: 'denier' });

    const response = await deny(link);

    expect(response.status).toBe(200);
    expect(await response.text()).toContain('data-testid="denied"');
    const account = await client.actions.getConnectedAccount({ connectionName: 'acme', identifier: 'denier' });
    expect(account.connectedAccount?.status).toBe(ConnectorStatus.PENDING_AUTH);
    expect(account.connectedAccount?.authorizationDetails?.details.case).toBeUndefined();
    expect((await fetch(link)).status).toBe(410);
    expect((await approve(link)).status).toBe(410);
  });

  it('with userVerifyUrl: redirects with auth_request_id and state, then verifyConnectedAccountUser activates', async () => {
    const { emulator, client } = await fixture();
    const userVerifyUrl = 'https://app.example.com/connect/verify?tenant=t1&lang=en';
    const { link } = await client.actions.getAuthorizationLink({
      connectionName: 'acme',
      identifier: 'verified-user',
      userVerifyUrl,
      state: 'csrf-state-123',
    });
    expect(await (await fetch(link)).text()).toContain('confirms it is really you');

    const location = locationOf(await approve(link));

    expect(location.origin + location.pathname).toBe('https://app.example.com/connect/verify');
    expect(location.searchParams.get('tenant')).toBe('t1');
    expect(location.searchParams.get('lang')).toBe('en');
    expect(location.searchParams.get('state')).toBe('csrf-state-123');
    const authRequestId = location.searchParams.get('auth_request_id');
    expect(authRequestId).toBeTruthy();
    const pending = (await client.actions.getConnectedAccount({ connectionName: 'acme', identifier: 'verified-user' }))
      .connectedAccount!;
    expect(pending.status).toBe(ConnectorStatus.PENDING_VERIFICATION);
    // The tokens are held back until the user is verified.
    expect(pending.authorizationDetails?.details.case).toBeUndefined();

    const mismatch = await expectRejection(
      client.actions.verifyConnectedAccountUser({ authRequestId: authRequestId!, identifier: 'someone-else' }),
      ScalekitForbiddenException,
    );
    expect(mismatch.errorCode).toBe('PERMISSION_DENIED');
    const still = await client.actions.getConnectedAccount({ connectionName: 'acme', identifier: 'verified-user' });
    expect(still.connectedAccount?.status).toBe(ConnectorStatus.PENDING_VERIFICATION);

    const verified = await client.actions.verifyConnectedAccountUser({
      authRequestId: authRequestId!,
      identifier: 'verified-user',
    });

    expect(verified.postUserVerifyRedirectUrl).toBe(`${emulator.envUrl}/connect/success`);
    const success = await fetch(verified.postUserVerifyRedirectUrl);
    expect(success.status).toBe(200);
    const active = (await client.actions.getConnectedAccount({ connectionName: 'acme', identifier: 'verified-user' }))
      .connectedAccount!;
    expect(active.status).toBe(ConnectorStatus.ACTIVE);
    expect(active.authorizationDetails?.details.case).toBe('oauthToken');

    // Single use: a replay is NotFound, as is a forged id.
    await expectRejection(
      client.actions.verifyConnectedAccountUser({ authRequestId: authRequestId!, identifier: 'verified-user' }),
      ScalekitNotFoundException,
    );
    await expectRejection(
      client.actions.verifyConnectedAccountUser({
        authRequestId: 'forged-auth-request-id',
        identifier: 'verified-user',
      }),
      ScalekitNotFoundException,
    );
  });

  it('with userVerifyUrl and no state: the redirect carries no state parameter', async () => {
    const { client } = await fixture();
    const { link } = await client.actions.getAuthorizationLink({
      connectionName: 'acme',
      identifier: 'no-state',
      userVerifyUrl: 'http://localhost:9999/verify',
    });

    const location = locationOf(await approve(link));

    expect(location.searchParams.has('state')).toBe(false);
    expect(location.searchParams.get('auth_request_id')).toBeTruthy();
  });

  it('an expired link answers 410, GET and POST, and leaves the account alone', async () => {
    const { emulator, client } = await fixture();
    const { link } = await client.actions.getAuthorizationLink({ connectionName: 'acme', identifier: 'late' });

    expect(await emulator.admin.expireMagicLinks()).toEqual({ expired: 1 });

    const page = await fetch(link);
    expect(page.status).toBe(410);
    expect(await page.text()).toContain('data-testid="link-expired"');
    expect((await approve(link)).status).toBe(410);
    const account = await client.actions.getConnectedAccount({ connectionName: 'acme', identifier: 'late' });
    expect(account.connectedAccount?.status).toBe(ConnectorStatus.PENDING_AUTH);
    // A new link works.
    const { link: fresh } = await client.actions.getAuthorizationLink({ connectionName: 'acme', identifier: 'late' });
    expect((await approveLink(fresh)).status).toBe(200);
  });

  it('a link past its magicLinkTtlSeconds is expired', async () => {
    const { client } = await fixture({ magicLinkTtlSeconds: 0 });
    const { link } = await client.actions.getAuthorizationLink({ connectionName: 'acme', identifier: 'ttl' });

    expect((await fetch(link)).status).toBe(410);
  });

  it('a used link answers 410; an unknown link 404', async () => {
    const { emulator, client } = await fixture();
    const { link } = await client.actions.getAuthorizationLink({ connectionName: 'acme', identifier: 'once' });
    expect((await approveLink(link)).status).toBe(200);

    const reused = await fetch(link);
    const reapproved = await approve(link);
    const unknown = await fetch(`${emulator.envUrl}/magicLink/this-link-was-never-issued`);

    expect(reused.status).toBe(410);
    expect(await reused.text()).toContain('data-testid="link-used"');
    expect(reapproved.status).toBe(410);
    expect(unknown.status).toBe(404);
    expect(await unknown.text()).toContain('data-testid="link-unknown"');
  });

  it('a link whose account was deleted no longer works', async () => {
    const { client } = await fixture();
    const { link } = await client.actions.getAuthorizationLink({ connectionName: 'acme', identifier: 'deleted' });

    await client.actions.deleteConnectedAccount({ connectionName: 'acme', identifier: 'deleted' });

    expect((await fetch(link)).status).toBe(404);
    await expectRejection(
      client.actions.getConnectedAccount({ connectionName: 'acme', identifier: 'deleted' }),
      ScalekitNotFoundException,
    );
  });

  it('a static-auth connection shows a credentials form, refuses an empty submit with 400 and accepts a filled one', async () => {
    const { client } = await fixture();
    const { link } = await client.actions.getAuthorizationLink({ connectionName: 'acme-key', identifier: 'key-user' });

    const page = await (await fetch(link)).text();
    expect(page).toContain('name="api_key"');
    expect(page).toContain('type="password"');

    const empty = await approve(link, { api_key: '' });
    expect(empty.status).toBe(400);
    expect(await empty.text()).toContain('Please fill in: api_key');
    const stillPending = await client.actions.getConnectedAccount({
      connectionName: 'acme-key',
      identifier: 'key-user',
    });
    expect(stillPending.connectedAccount?.status).toBe(ConnectorStatus.PENDING_AUTH);

    // The refused submit did not spend the link.
    const filled = await approve(link, { api_key: 'key-from-the-form' });
    expect(filled.status).toBe(200);
    const account = (await client.actions.getConnectedAccount({ connectionName: 'acme-key', identifier: 'key-user' }))
      .connectedAccount!;
    expect(account.status).toBe(ConnectorStatus.ACTIVE);
    expect(account.authorizationDetails?.details).toMatchObject({
      case: 'staticAuth',
      value: { details: { api_key: 'key-from-the-form' } },
    });
    expect((await fetch(link)).status).toBe(410);
  });

  it('an OAuth consent page has no credentials form', async () => {
    const { client } = await fixture();
    const { link } = await client.actions.getAuthorizationLink({ connectionName: 'acme', identifier: 'oauth-user' });

    const page = await (await fetch(link)).text();

    expect(page).not.toContain('<input');
  });

  it('re-authorizes an EXPIRED account through a new link', async () => {
    const { emulator, client } = await fixture();
    const id = await connectAccount(client, 'acme', 'reauth');
    const before = await client.actions.getConnectedAccount({ connectedAccountId: id });
    await emulator.admin.setAccountStatus(id, 'EXPIRED');

    const { link } = await client.actions.getAuthorizationLink({ connectionName: 'acme', identifier: 'reauth' });
    expect((await approveLink(link)).status).toBe(200);

    const after = (await client.actions.getConnectedAccount({ connectedAccountId: id })).connectedAccount!;
    expect(after.status).toBe(ConnectorStatus.ACTIVE);
    const tokenOf = (d: typeof after.authorizationDetails) =>
      d?.details.case === 'oauthToken' ? d.details.value.accessToken : '';
    expect(tokenOf(after.authorizationDetails)).not.toBe(tokenOf(before.connectedAccount?.authorizationDetails));
  });
});

describe('status transitions via the admin API', () => {
  it('EXPIRED and DISCONNECTED show through getConnectedAccount and listConnectedAccounts', async () => {
    const { emulator, client } = await fixture();
    const id = await connectAccount(client, 'acme', 'status-user');

    await emulator.admin.setAccountStatus(id, 'EXPIRED');
    const expired = await client.actions.getConnectedAccount({ connectedAccountId: id });
    expect(expired.connectedAccount?.status).toBe(ConnectorStatus.EXPIRED);
    expect(expired.connectedAccount?.status).toBe(2);

    await emulator.admin.setAccountStatus(id, 'DISCONNECTED');
    const disconnected = await client.actions.getConnectedAccount({ connectedAccountId: id });
    expect(disconnected.connectedAccount?.status).toBe(5);
    // A disconnected account has lost its credentials.
    expect(disconnected.connectedAccount?.authorizationDetails?.details.case).toBeUndefined();
    const listed = await client.actions.listConnectedAccounts({ identifier: 'status-user' });
    expect(listed.connectedAccounts.map((a) => a.status)).toEqual([ConnectorStatus.DISCONNECTED]);

    // It cannot be forced back to ACTIVE without credentials.
    await expect(emulator.admin.setAccountStatus(id, 'ACTIVE')).rejects.toThrow(/400/);
  });

  it('a non-ACTIVE account fails executeTool (CONNECTED_ACCOUNT_NOT_ACTIVE) and the proxy (403 connected_account_not_active)', async () => {
    const { emulator, client } = await fixture();
    const id = await connectAccount(client, 'acme', 'inactive');
    await client.actions.executeTool({
      toolName: 'acme_echo',
      toolInput: {},
      connector: 'acme',
      identifier: 'inactive',
    });

    for (const status of ['EXPIRED', 'DISCONNECTED', 'PENDING_VERIFICATION', 'PENDING_AUTH'] as const) {
      await emulator.admin.setAccountStatus(id, status);

      const toolError = await expectRejection(
        client.actions.executeTool({ toolName: 'acme_echo', toolInput: {}, connector: 'acme', identifier: 'inactive' }),
        ScalekitBadRequestException,
      );
      expect(toolError.errorCode).toBe('CONNECTED_ACCOUNT_NOT_ACTIVE');
      expect(toolError.message).toContain(status);

      const proxyError = await expectRejection(
        client.actions.request({ connectionName: 'acme', identifier: 'inactive', path: '/echo' }),
        ScalekitForbiddenException,
      );
      expect(proxyError.errDetails).toMatchObject({ error: 'connected_account_not_active', status });
    }
  });

  it('an account never authorized (PENDING_AUTH) cannot run tools', async () => {
    const { client } = await fixture();
    await client.actions.getOrCreateConnectedAccount({ connectionName: 'acme', identifier: 'pending' });

    const error = await expectRejection(
      client.actions.executeTool({ toolName: 'acme_echo', toolInput: {}, connector: 'acme', identifier: 'pending' }),
      ScalekitBadRequestException,
    );

    expect(error.errorCode).toBe('CONNECTED_ACCOUNT_NOT_ACTIVE');
  });
});
