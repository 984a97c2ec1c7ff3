import { create } from '@bufbuild/protobuf';
import { AuthorizationDetailsSchema } from '@scalekit-sdk/node/lib/pkg/grpc/scalekit/v1/connected_accounts/connected_accounts_pb.js';
import { describe, expect, it } from 'vitest';
import { connectAccount } from './support/connected-client.js';
import { approveStatic, fixture } from './support/core.js';

async function adminFetch(
  adminUrl: string,
  path: string,
  init: RequestInit = {},
): Promise<{ status: number; text: string }> {
  const response = await fetch(`${adminUrl}${path}`, init);
  return { status: response.status, text: await response.text() };
}

function postJson(body: string): RequestInit {
  return { method: 'POST', headers: { 'content-type': 'application/json' }, body };
}

describe('admin API', () => {
  it('counts calls by kind and name, and counts errors', async () => {
    const { emulator, client } = await fixture();
    await connectAccount(client, 'acme', 'counted');
    await emulator.admin.resetCalls();
    expect(await emulator.admin.counters()).toEqual({ total: 0, byKind: {}, byName: {}, errors: 0 });

    await client.actions.listConnections();
    await client.actions.listConnections();
    await client.actions.executeTool({
      toolName: 'acme_echo',
      toolInput: {},
      connector: 'acme',
      identifier: 'counted',
    });
    await client.actions.request({ connectionName: 'acme', identifier: 'counted', path: '/echo' });
    await client.actions.getConnectedAccount({ connectionName: 'acme', identifier: 'missing' }).catch(() => undefined);

    const counters = await emulator.admin.counters();
    // Each call counts once: ExecuteTool is the tool call, not also an RPC.
    expect(counters.total).toBe(5);
    expect(counters.byKind).toEqual({ rpc: 3, tool: 1, proxy: 1 });
    expect(counters.byName).toEqual({
      'rpc:ListAppConnections': 2,
      'rpc:GetConnectedAccountAuth': 1,
      'tool:acme_echo': 1,
      'proxy:/echo': 1,
    });
    expect(counters.errors).toBe(1);
  });

  it('logs every kind of call with name, connector, identifier and status', async () => {
    const { emulator, client } = await fixture();

    await client.actions.getOrCreateConnectedAccount({ connectionName: 'acme', identifier: 'logged' });
    const { link } = await client.actions.getAuthorizationLink({ connectionName: 'acme', identifier: 'logged' });
    await fetch(link, { method: 'POST', body: new URLSearchParams({ decision: 'approve' }) });
    await client.actions.executeTool({ toolName: 'acme_echo', toolInput: {}, connector: 'acme', identifier: 'logged' });
    await client.actions.request({
      connectionName: 'acme',
      identifier: 'logged',
      path: '/echo',
      queryParams: { secret: 'x' },
    });

    const calls = await emulator.admin.calls();
    const view = calls.map((c) => [c.kind, c.name, c.connector ?? null, c.identifier ?? null, c.status]);
    expect(view).toEqual([
      ['rpc', 'GetConnectedAccountAuth', 'acme', 'logged', 'unauthenticated'],
      ['token', '/oauth/token', null, null, '200'],
      ['rpc', 'GetConnectedAccountAuth', 'acme', 'logged', 'not_found'],
      ['rpc', 'CreateConnectedAccount', 'acme', 'logged', 'ok'],
      ['rpc', 'GetMagicLinkForConnectedAccount', 'acme', 'logged', 'ok'],
      ['consent', 'POST /magicLink', 'acme', 'logged', 'approved'],
      ['tool', 'acme_echo', 'acme', 'logged', 'ok'],
      ['proxy', '/echo', 'acme', 'logged', '200'],
    ]);
    const seqs = calls.map((c) => c.seq);
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
    for (const c of calls) {
      expect(Number.isNaN(Date.parse(c.at))).toBe(false);
      expect(c.durationMs).toBeGreaterThanOrEqual(0);
    }

    // Filters: kind, identifier and since.
    expect((await emulator.admin.calls({ kind: 'token' })).map((c) => c.status)).toEqual(['200']);
    const since = calls[5]!.seq;
    expect((await emulator.admin.calls({ since })).map((c) => c.kind)).toEqual(['tool', 'proxy']);
    expect(await emulator.admin.calls({ identifier: 'somebody-else' })).toEqual([]);
  });

  it('never exposes account credentials: not in accounts, calls, counters, sandboxes or faults', async () => {
    const { emulator, client } = await fixture();
    const oauthId = await connectAccount(client, 'acme', 'secretive');
    await approveStatic(client, 'acme-key', 'secretive', { api_key: 'static-api-key-value-123' });
    await client.actions.createConnectedAccount({
      connectionName: 'beta',
      identifier: 'byo',
      authorizationDetails: create(AuthorizationDetailsSchema, {
        details: {
          case: 'oauthToken',
          value: { accessToken: 'byo-access-token-456', refreshToken: 'byo-refresh-token-789' },
        },
      }),
    });
    await client.actions.executeTool({
      toolName: 'acme_resource_create',
      toolInput: { name: 'r' },
      identifier: 'secretive',
    });
    await client.actions.request({ connectionName: 'acme-key', identifier: 'secretive', path: '/echo' });
    const details = (await client.actions.getConnectedAccount({ connectedAccountId: oauthId })).connectedAccount
      ?.authorizationDetails?.details;
    if (details?.case !== 'oauthToken') throw new Error('expected OAuth tokens');
    const secrets = [
      details.value.accessToken,
      details.value.refreshToken,
      'static-api-key-value-123',
      'byo-access-token-456',
      'byo-refresh-token-789',
      emulator.clientSecret,
    ];
    expect(details.value.accessToken.length).toBeGreaterThan(20);

    const accounts = await emulator.admin.accounts();
    expect(accounts).toHaveLength(3);
    for (const account of accounts) expect(account.hasCredentials).toBe(true);
    const bodies = await Promise.all(
      [
        '/accounts',
        `/accounts/${oauthId}`,
        '/calls',
        '/counters',
        '/faults',
        '/connections',
        '/sandboxes',
        '/sandboxes/acme/secretive',
        '/sandboxes/acme-key/secretive',
      ].map((p) => adminFetch(emulator.adminUrl, p)),
    );
    for (const body of bodies) {
      expect(body.status).toBe(200);
      for (const secret of secrets) expect(body.text).not.toContain(secret);
    }
    const single = JSON.parse(bodies[1]!.text) as Record<string, unknown>;
    expect(single).toMatchObject({
      id: oauthId,
      status: 'ACTIVE',
      connector: 'acme',
      identifier: 'secretive',
      hasCredentials: true,
    });
  });

  it('rejects bad fault bodies with 400 and a clear message', async () => {
    const { emulator } = await fixture();
    const cases: [string, RegExp][] = [
      ['not json', /body must be a JSON object/],
      ['[1, 2]', /body must be a JSON object/],
      [JSON.stringify({ effect: { type: 'latency', ms: 5 } }), /fault needs a match object/],
      [JSON.stringify({ match: [], effect: { type: 'latency', ms: 5 } }), /fault needs a match object/],
      [JSON.stringify({ match: {}, effect: { type: 'explode' } }), /fault effect must be/],
      [JSON.stringify({ match: {}, effect: { type: 'latency' } }), /fault effect must be/],
      [JSON.stringify({ match: {}, effect: { type: 'error' } }), /fault effect must be/],
      [
        JSON.stringify({ match: { kind: 'consent' }, effect: { type: 'latency', ms: 5 } }),
        /match\.kind must be one of/,
      ],
      [JSON.stringify({ match: {}, effect: { type: 'latency', ms: 5 }, rate: 2 }), /rate must be within 0\.\.1/],
      [JSON.stringify({ match: {}, effect: { type: 'latency', ms: 5 }, times: 0 }), /times must be a positive integer/],
    ];

    for (const [body, message] of cases) {
      const response = await adminFetch(emulator.adminUrl, '/faults', postJson(body));
      expect(response.status, body).toBe(400);
      expect((JSON.parse(response.text) as { error: string }).error, body).toMatch(message);
    }
    expect(await emulator.admin.faults()).toEqual([]);
  });

  it('rejects bad status changes and answers 404 for unknown accounts, sandboxes, faults and routes', async () => {
    const { emulator, client } = await fixture();
    const id = await connectAccount(client, 'acme', 'x');

    const badStatus = await adminFetch(
      emulator.adminUrl,
      `/accounts/${id}/status`,
      postJson(JSON.stringify({ status: 'BROKEN' })),
    );
    expect(badStatus.status).toBe(400);
    expect(badStatus.text).toContain('status must be one of');

    for (const [path, init] of [
      ['/nope', {}],
      ['/accounts/ca_missing', {}],
      ['/sandboxes/acme/nobody', {}],
      ['/faults/fault_missing', { method: 'DELETE' }],
      ['/accounts', { method: 'PUT' }],
    ] as const) {
      const response = await adminFetch(emulator.adminUrl, path, init);
      expect(response.status, path).toBe(404);
      expect(JSON.parse(response.text), path).toHaveProperty('error');
    }
    const unknown = await adminFetch(emulator.adminUrl, '/nope');
    expect(unknown.text).toContain('no admin route GET /admin/nope');
    const outside = await fetch(`${emulator.envUrl}/definitely/not/here`);
    expect(outside.status).toBe(404);
  });

  it('deletes accounts and adds connections', async () => {
    const { emulator, client } = await fixture();
    const id = await connectAccount(client, 'acme', 'doomed');

    await emulator.admin.deleteAccount(id);
    expect(await emulator.admin.accounts()).toEqual([]);

    const added = await emulator.admin.addConnection({ name: 'gamma', provider: 'GAMMA', auth: 'BEARER' });
    expect(added.id).toMatch(/^conn_/);
    const connections = await client.actions.listConnections();
    expect(connections.connections.find((c) => c.connectionName === 'gamma')?.type).toBe('BEARER');
    await approveStatic(client, 'gamma', 'g-user', { token: 'bearer-token' });
    const echoed = await client.actions.executeTool({ toolName: 'gamma_echo', toolInput: {}, identifier: 'g-user' });
    expect(echoed.data).toMatchObject({ auth: { pattern: 'BEARER', credential_present: true } });

    const duplicate = await adminFetch(
      emulator.adminUrl,
      '/connections',
      postJson(JSON.stringify({ name: 'gamma', auth: 'BEARER' })),
    );
    expect(duplicate.status).toBe(400);
    expect(duplicate.text).toContain('already exists');
    const badName = await adminFetch(
      emulator.adminUrl,
      '/connections',
      postJson(JSON.stringify({ name: 'Bad Name!' })),
    );
    expect(badName.status).toBe(400);
    expect(badName.text).toContain('must be letters, digits');
    const badAuth = await adminFetch(
      emulator.adminUrl,
      '/connections',
      postJson(JSON.stringify({ name: 'delta', auth: 'MAGIC' })),
    );
    expect(badAuth.status).toBe(400);
  });

  it('health answers ok', async () => {
    const { emulator } = await fixture();

    const health = await adminFetch(emulator.adminUrl, '/health');

    expect(health.status).toBe(200);
    expect(JSON.parse(health.text)).toEqual({ ok: true });
  });
});
