import { create } from '@bufbuild/protobuf';
import {
  ScalekitBadRequestException,
  ScalekitConflictException,
  ScalekitForbiddenException,
  ScalekitNotFoundException,
} from '@scalekit-sdk/node';
import { AuthorizationDetailsSchema } from '@scalekit-sdk/node/lib/pkg/grpc/scalekit/v1/connected_accounts/connected_accounts_pb.js';
import { describe, expect, it } from 'vitest';
import { ConnectorStatus, ConnectorType } from '../src/sdk-protocol.js';
import { connectAccount } from './support/connected-client.js';
import { expectRejection, fixture } from './support/core.js';

const emptyOauth = () => create(AuthorizationDetailsSchema, { details: { case: 'oauthToken', value: {} } });

describe('connected accounts', () => {
  it('getOrCreateConnectedAccount creates a PENDING_AUTH account once, then returns the same one', async () => {
    const { emulator, client } = await fixture();

    const first = await client.actions.getOrCreateConnectedAccount({ connectionName: 'acme', identifier: 'user-1' });
    const second = await client.actions.getOrCreateConnectedAccount({ connectionName: 'acme', identifier: 'user-1' });

    const account = first.connectedAccount!;
    expect(account.status).toBe(ConnectorStatus.PENDING_AUTH);
    expect(account.status).toBe(3);
    expect(account).toMatchObject({
      connector: 'acme',
      identifier: 'user-1',
      provider: 'ACME',
      authorizationType: ConnectorType.OAUTH,
    });
    expect(account.id).toMatch(/^ca_/);
    expect(account.connectionId).toMatch(/^conn_/);
    expect(account.authorizationDetails?.details.case).toBeUndefined();
    expect(second.connectedAccount!.id).toBe(account.id);
    const rpcs = (await emulator.admin.calls({ kind: 'rpc' })).filter((c) => c.status !== 'unauthenticated');
    expect(rpcs.map((c) => [c.name, c.status])).toEqual([
      ['GetConnectedAccountAuth', 'not_found'],
      ['CreateConnectedAccount', 'ok'],
      ['GetConnectedAccountAuth', 'ok'],
    ]);
    expect(await emulator.admin.accounts({ connector: 'acme' })).toHaveLength(1);
  });

  it('getOrCreateConnectedAccount works for a static-auth connection (the SDK sends an empty OAuth token by default)', async () => {
    const { client } = await fixture();

    const created = await client.actions.getOrCreateConnectedAccount({
      connectionName: 'acme-key',
      identifier: 'user-1',
    });

    expect(created.connectedAccount).toMatchObject({
      status: ConnectorStatus.PENDING_AUTH,
      authorizationType: ConnectorType.API_KEY,
      provider: 'ACMEKEY',
    });
  });

  it('createConnectedAccount refuses a duplicate with ScalekitConflictException', async () => {
    const { client } = await fixture();
    await client.actions.createConnectedAccount({
      connectionName: 'acme',
      identifier: 'dup',
      authorizationDetails: emptyOauth(),
    });

    const error = await expectRejection(
      client.actions.createConnectedAccount({
        connectionName: 'acme',
        identifier: 'dup',
        authorizationDetails: emptyOauth(),
      }),
      ScalekitConflictException,
    );

    expect(error.httpStatus).toBe(409);
    expect(error.errorCode).toBe('ALREADY_EXISTS');
  });

  it('createConnectedAccount with an unknown connector is NotFound ("connection not found"), as on Scalekit', async () => {
    const { client } = await fixture();

    const error = await expectRejection(
      client.actions.createConnectedAccount({
        connectionName: 'nope',
        identifier: 'u',
        authorizationDetails: emptyOauth(),
      }),
      ScalekitNotFoundException,
    );

    expect(error.message).toMatch(/connection not found/i);
    expect(error.message).toContain('"nope"');
    expect(error.errorCode).toBe('NOT_FOUND');
  });

  it('createConnectedAccount with OAuth tokens makes an ACTIVE account carrying them', async () => {
    const { client } = await fixture();

    const created = await client.actions.createConnectedAccount({
      connectionName: 'acme',
      identifier: 'with-tokens',
      authorizationDetails: create(AuthorizationDetailsSchema, {
        details: { case: 'oauthToken', value: { accessToken: 'at-given', refreshToken: 'rt-given', scopes: ['s1'] } },
      }),
    });

    expect(created.connectedAccount?.status).toBe(ConnectorStatus.ACTIVE);
    const got = await client.actions.getConnectedAccount({ connectionName: 'acme', identifier: 'with-tokens' });
    expect(got.connectedAccount?.authorizationDetails?.details).toMatchObject({
      case: 'oauthToken',
      value: { accessToken: 'at-given', refreshToken: 'rt-given', scopes: ['s1'] },
    });
  });

  it('getConnectedAccount for an unknown account is a ScalekitNotFoundException', async () => {
    const { client } = await fixture();

    const error = await expectRejection(
      client.actions.getConnectedAccount({ connectionName: 'acme', identifier: 'nobody' }),
      ScalekitNotFoundException,
    );
    await expectRejection(
      client.actions.getConnectedAccount({ connectedAccountId: 'ca_doesnotexist' }),
      ScalekitNotFoundException,
    );

    expect(error.errorCode).toBe('NOT_FOUND');
  });

  it('updateConnectedAccount with static credentials activates an API_KEY account', async () => {
    const { client } = await fixture();
    const created = await client.actions.getOrCreateConnectedAccount({
      connectionName: 'acme-key',
      identifier: 'key-user',
    });
    expect(created.connectedAccount?.status).toBe(ConnectorStatus.PENDING_AUTH);

    const updated = await client.actions.updateConnectedAccount({
      connectionName: 'acme-key',
      identifier: 'key-user',
      authorizationDetails: create(AuthorizationDetailsSchema, {
        details: { case: 'staticAuth', value: { details: { api_key: 'k-123' } } },
      }),
    });

    expect(updated.connectedAccount?.status).toBe(ConnectorStatus.ACTIVE);
    const got = await client.actions.getConnectedAccount({ connectionName: 'acme-key', identifier: 'key-user' });
    expect(got.connectedAccount?.status).toBe(ConnectorStatus.ACTIVE);
    expect(got.connectedAccount?.authorizationDetails?.details).toMatchObject({
      case: 'staticAuth',
      value: { details: { api_key: 'k-123' } },
    });
  });

  it('updateConnectedAccount refuses credentials that do not fit the connection', async () => {
    const { client } = await fixture();
    await client.actions.getOrCreateConnectedAccount({ connectionName: 'acme-key', identifier: 'u' });
    await client.actions.getOrCreateConnectedAccount({ connectionName: 'acme', identifier: 'u' });

    await expectRejection(
      client.actions.updateConnectedAccount({
        connectionName: 'acme-key',
        identifier: 'u',
        authorizationDetails: create(AuthorizationDetailsSchema, {
          details: { case: 'staticAuth', value: { details: {} } },
        }),
      }),
      ScalekitBadRequestException,
    );
    await expectRejection(
      client.actions.updateConnectedAccount({
        connectionName: 'acme',
        identifier: 'u',
        authorizationDetails: create(AuthorizationDetailsSchema, {
          details: { case: 'staticAuth', value: { details: { api_key: 'k' } } },
        }),
      }),
      ScalekitBadRequestException,
    );
    const account = await client.actions.getConnectedAccount({ connectionName: 'acme-key', identifier: 'u' });
    expect(account.connectedAccount?.status).toBe(ConnectorStatus.PENDING_AUTH);
  });

  it('updateConnectedAccount with OAuth tokens activates an OAuth account, found by id', async () => {
    const { client } = await fixture();
    const created = await client.actions.getOrCreateConnectedAccount({
      connectionName: 'acme',
      identifier: 'oauth-user',
    });
    const id = created.connectedAccount!.id;

    const updated = await client.actions.updateConnectedAccount({
      connectedAccountId: id,
      authorizationDetails: create(AuthorizationDetailsSchema, {
        details: { case: 'oauthToken', value: { accessToken: 'at-1', refreshToken: 'rt-1', scopes: ['read'] } },
      }),
    });

    expect(updated.connectedAccount).toMatchObject({ id, status: ConnectorStatus.ACTIVE });
    expect(updated.connectedAccount?.tokenExpiresAt).toBeDefined();
    const got = await client.actions.getConnectedAccount({ connectedAccountId: id });
    expect(got.connectedAccount?.authorizationDetails?.details).toMatchObject({
      case: 'oauthToken',
      value: { accessToken: 'at-1' },
    });
  });

  it('upsert (getOrCreate with details) on an existing account updates it', async () => {
    const { client } = await fixture();
    const created = await client.actions.getOrCreateConnectedAccount({ connectionName: 'acme', identifier: 'upsert' });

    const upserted = await client.actions.upsertConnectedAccount({
      connectionName: 'acme',
      identifier: 'upsert',
      authorizationDetails: create(AuthorizationDetailsSchema, {
        details: { case: 'oauthToken', value: { accessToken: 'at-up', refreshToken: 'rt-up' } },
      }),
    });

    expect(upserted.connectedAccount).toMatchObject({
      id: created.connectedAccount!.id,
      status: ConnectorStatus.ACTIVE,
    });
  });

  it('deleteConnectedAccount removes the account; a second delete or a get is NotFound', async () => {
    const { emulator, client } = await fixture();
    const created = await client.actions.getOrCreateConnectedAccount({ connectionName: 'acme', identifier: 'gone' });

    await client.actions.deleteConnectedAccount({ connectionName: 'acme', identifier: 'gone' });

    await expectRejection(
      client.actions.getConnectedAccount({ connectionName: 'acme', identifier: 'gone' }),
      ScalekitNotFoundException,
    );
    await expectRejection(
      client.actions.getConnectedAccount({ connectedAccountId: created.connectedAccount!.id }),
      ScalekitNotFoundException,
    );
    await expectRejection(
      client.actions.deleteConnectedAccount({ connectionName: 'acme', identifier: 'gone' }),
      ScalekitNotFoundException,
    );
    await expectRejection(
      client.actions.deleteConnectedAccount({ connectedAccountId: 'ca_unknown' }),
      ScalekitNotFoundException,
    );
    expect(await emulator.admin.accounts()).toEqual([]);
    // The name is free again.
    const again = await client.actions.getOrCreateConnectedAccount({ connectionName: 'acme', identifier: 'gone' });
    expect(again.connectedAccount!.id).not.toBe(created.connectedAccount!.id);
  });

  it('deleteConnectedAccount by id', async () => {
    const { client } = await fixture();
    const created = await client.actions.getOrCreateConnectedAccount({ connectionName: 'beta', identifier: 'by-id' });

    await client.actions.deleteConnectedAccount({ connectedAccountId: created.connectedAccount!.id });

    await expectRejection(
      client.actions.getConnectedAccount({ connectionName: 'beta', identifier: 'by-id' }),
      ScalekitNotFoundException,
    );
  });

  it('getConnectedAccount by connectedAccountId returns the full account', async () => {
    const { client } = await fixture();
    const id = await connectAccount(client, 'acme', 'by-id-user');

    const got = await client.actions.getConnectedAccount({ connectedAccountId: id });

    expect(got.connectedAccount).toMatchObject({
      id,
      connector: 'acme',
      identifier: 'by-id-user',
      status: ConnectorStatus.ACTIVE,
    });
    expect(got.connectedAccount?.authorizationDetails?.details.case).toBe('oauthToken');
  });

  it('scopes lookups by organizationId and userId when given: another scope is PermissionDenied, as creation would be', async () => {
    const { client } = await fixture();
    await client.actions.getOrCreateConnectedAccount({
      connectionName: 'acme',
      identifier: 'scoped',
      organizationId: 'org_1',
      userId: 'usr_1',
    });

    const same = await client.actions.getConnectedAccount({
      connectionName: 'acme',
      identifier: 'scoped',
      organizationId: 'org_1',
    });
    expect(same.connectedAccount?.identifier).toBe('scoped');
    await expectRejection(
      client.actions.getConnectedAccount({ connectionName: 'acme', identifier: 'scoped', organizationId: 'org_2' }),
      ScalekitForbiddenException,
    );
    await expectRejection(
      client.actions.getConnectedAccount({ connectionName: 'acme', identifier: 'scoped', userId: 'usr_2' }),
      ScalekitForbiddenException,
    );
    // getOrCreate agrees: the lookup does not say NotFound, so no create runs into AlreadyExists.
    const other = await expectRejection(
      client.actions.getOrCreateConnectedAccount({
        connectionName: 'acme',
        identifier: 'scoped',
        organizationId: 'org_2',
      }),
      ScalekitForbiddenException,
    );
    expect(other.message).toContain('organization_id');
  });
});

describe('listConnectedAccounts', () => {
  it('filters by connectionName, identifier, provider and connectionNames, without credentials', async () => {
    const { client } = await fixture();
    await connectAccount(client, 'acme', 'alice');
    await client.actions.getOrCreateConnectedAccount({ connectionName: 'beta', identifier: 'alice' });
    await client.actions.getOrCreateConnectedAccount({ connectionName: 'acme', identifier: 'bob' });
    await client.actions.getOrCreateConnectedAccount({ connectionName: 'acme-key', identifier: 'carol' });

    const pairs = (r: { connectedAccounts: { connector: string; identifier: string }[] }) =>
      r.connectedAccounts.map((a) => `${a.connector}/${a.identifier}`).sort();

    const all = await client.actions.listConnectedAccounts();
    expect(all.totalSize).toBe(4);
    expect(pairs(all)).toEqual(['acme-key/carol', 'acme/alice', 'acme/bob', 'beta/alice']);
    expect(pairs(await client.actions.listConnectedAccounts({ connectionName: 'acme' }))).toEqual([
      'acme/alice',
      'acme/bob',
    ]);
    expect(pairs(await client.actions.listConnectedAccounts({ identifier: 'alice' }))).toEqual([
      'acme/alice',
      'beta/alice',
    ]);
    expect(pairs(await client.actions.listConnectedAccounts({ provider: 'BETA' }))).toEqual(['beta/alice']);
    expect(pairs(await client.actions.listConnectedAccounts({ provider: 'ACMEKEY' }))).toEqual(['acme-key/carol']);
    expect(pairs(await client.actions.listConnectedAccounts({ connectionNames: ['beta', 'acme-key'] }))).toEqual([
      'acme-key/carol',
      'beta/alice',
    ]);
    expect(pairs(await client.actions.listConnectedAccounts({ connectionName: 'acme', identifier: 'bob' }))).toEqual([
      'acme/bob',
    ]);
    expect(pairs(await client.actions.listConnectedAccounts({ query: 'CAR' }))).toEqual(['acme-key/carol']);
    const none = await client.actions.listConnectedAccounts({ connectionName: 'notion' });
    expect(none).toMatchObject({ connectedAccounts: [], totalSize: 0, nextPageToken: '' });

    const active = all.connectedAccounts.find((a) => a.connector === 'acme' && a.identifier === 'alice');
    expect(active?.status).toBe(ConnectorStatus.ACTIVE);
    // The list form has no authorization_details field at all.
    expect(Object.keys(active ?? {})).not.toContain('authorizationDetails');
  });

  it('pages with nextPageToken / prevPageToken and reports totalSize', async () => {
    const { client } = await fixture();
    for (let i = 1; i <= 5; i += 1) {
      await client.actions.getOrCreateConnectedAccount({ connectionName: 'acme', identifier: `page-user-${i}` });
    }

    const page1 = await client.actions.listConnectedAccounts({ connectionName: 'acme', pageSize: 2 });
    const page2 = await client.actions.listConnectedAccounts({
      connectionName: 'acme',
      pageSize: 2,
      pageToken: page1.nextPageToken,
    });
    const page3 = await client.actions.listConnectedAccounts({
      connectionName: 'acme',
      pageSize: 2,
      pageToken: page2.nextPageToken,
    });
    const back = await client.actions.listConnectedAccounts({
      connectionName: 'acme',
      pageSize: 2,
      pageToken: page3.prevPageToken,
    });

    expect([page1, page2, page3].map((p) => p.connectedAccounts.length)).toEqual([2, 2, 1]);
    expect([page1, page2, page3].map((p) => p.totalSize)).toEqual([5, 5, 5]);
    expect(page1.prevPageToken).toBe('');
    expect(page1.nextPageToken).not.toBe('');
    expect(page2.prevPageToken).not.toBe('');
    expect(page3.nextPageToken).toBe('');
    const ids = [page1, page2, page3].flatMap((p) => p.connectedAccounts.map((a) => a.identifier));
    expect(new Set(ids).size).toBe(5);
    expect(ids.sort()).toEqual(['page-user-1', 'page-user-2', 'page-user-3', 'page-user-4', 'page-user-5']);
    expect(back.connectedAccounts.map((a) => a.id)).toEqual(page2.connectedAccounts.map((a) => a.id));
  });

  it('rejects a garbage page token and an oversized page', async () => {
    const { client } = await fixture();

    await expectRejection(
      client.actions.listConnectedAccounts({ pageToken: 'not-a-token' }),
      ScalekitBadRequestException,
    );
    await expectRejection(client.actions.listConnectedAccounts({ pageSize: 1000 }), ScalekitBadRequestException);
  });
});
