import {
  ScalekitBadRequestException,
  ScalekitClient,
  ScalekitNotFoundException,
  ScalekitUnauthorizedException,
} from '@scalekit-sdk/node';
import { describe, expect, it } from 'vitest';
import { connectAccount } from './support/connected-client.js';
import { approveStatic, clientToken, expectRejection, fixture } from './support/core.js';

interface Resource {
  id: string;
  name: string;
  data: Record<string, unknown>;
}

interface ResourcePage {
  results: Resource[];
  next_page_token: string | null;
  has_more: boolean;
}

describe('proxy (actions.request)', () => {
  it('GET /echo shows method, path and query, and how the upstream call would be authenticated', async () => {
    const { emulator, client } = await fixture();
    await connectAccount(client, 'acme', 'proxy-user');

    const response = await client.actions.request({
      connectionName: 'acme',
      identifier: 'proxy-user',
      path: 'echo/deep/path',
      queryParams: { q: 'search term', page: 2 },
    });

    expect(response.status).toBe(200);
    expect(response.data).toEqual({
      method: 'GET',
      path: '/echo/deep/path',
      query: { q: 'search term', page: '2' },
      body: null,
      identifier: 'proxy-user',
      auth: { pattern: 'OAUTH', scheme: 'Bearer', credential_present: true },
    });
    const proxied = await emulator.admin.calls({ kind: 'proxy' });
    expect(proxied).toHaveLength(1);
    expect(proxied[0]).toMatchObject({
      name: '/echo/deep/path',
      connector: 'acme',
      identifier: 'proxy-user',
      status: '200',
    });
  });

  it('POST and DELETE /echo carry the method and the JSON body', async () => {
    const { client } = await fixture();
    await connectAccount(client, 'acme', 'proxy-user');

    const posted = await client.actions.request({
      connectionName: 'acme',
      identifier: 'proxy-user',
      path: '/echo',
      method: 'post',
      body: { title: 'x', tags: ['a', 'b'], n: 1.5 },
      headers: { 'Notion-Version': '2022-06-28' },
    });
    const deleted = await client.actions.request({
      connectionName: 'acme',
      identifier: 'proxy-user',
      path: '/echo/1',
      method: 'DELETE',
    });

    expect(posted.data).toMatchObject({
      method: 'POST',
      path: '/echo',
      body: { title: 'x', tags: ['a', 'b'], n: 1.5 },
    });
    expect(deleted.data).toMatchObject({ method: 'DELETE', path: '/echo/1', body: null });
  });

  it('a static-auth account is proxied with its pattern', async () => {
    const { client } = await fixture();
    await approveStatic(client, 'acme-key', 'k-user', { api_key: 'secret-key' });

    const response = await client.actions.request({ connectionName: 'acme-key', identifier: 'k-user', path: '/echo' });

    expect(response.data).toMatchObject({
      auth: { pattern: 'API_KEY', scheme: 'X-API-Key', credential_present: true },
    });
    expect(JSON.stringify(response.data)).not.toContain('secret-key');
  });

  it('/resources supports create, paginated list, get and delete', async () => {
    const { client } = await fixture();
    await connectAccount(client, 'acme', 'crud');
    const call = (
      path: string,
      extra: { method?: string; body?: unknown; queryParams?: Record<string, unknown> } = {},
    ) => client.actions.request({ connectionName: 'acme', identifier: 'crud', path, ...extra });

    const created: Resource[] = [];
    for (const name of ['one', 'two', 'three']) {
      const response = await call('/resources', { method: 'POST', body: { name, data: { n: name.length } } });
      expect(response.status).toBe(201);
      created.push(response.data as Resource);
    }
    expect(created.map((r) => r.id)).toEqual(['res_1', 'res_2', 'res_3']);
    expect(created[0]).toMatchObject({ name: 'one', data: { n: 3 } });

    const page1 = (await call('/resources', { queryParams: { page_size: 2 } })).data as ResourcePage;
    expect(page1.results.map((r) => r.name)).toEqual(['one', 'two']);
    expect(page1.has_more).toBe(true);
    const page2 = (await call('/resources', { queryParams: { page_size: 2, page_token: page1.next_page_token } }))
      .data as ResourcePage;
    expect(page2.results.map((r) => r.name)).toEqual(['three']);
    expect(page2).toMatchObject({ has_more: false, next_page_token: null });

    const got = await call('/resources/res_2');
    expect(got.data).toMatchObject({ id: 'res_2', name: 'two' });

    const removed = await call('/resources/res_2', { method: 'DELETE' });
    expect(removed.status).toBe(204);
    const missing = await expectRejection(call('/resources/res_2'), ScalekitNotFoundException);
    expect(missing.errDetails).toMatchObject({ error: { code: 'not_found' } });
    const after = (await call('/resources')).data as ResourcePage;
    expect(after.results.map((r) => r.id)).toEqual(['res_1', 'res_3']);

    // Provider-side validation surfaces with its status.
    const invalid = await expectRejection(
      call('/resources', { method: 'POST', body: { data: {} } }),
      ScalekitBadRequestException,
    );
    expect(invalid.errDetails).toMatchObject({ error: { code: 'validation_error' } });
    await expectRejection(call('/nowhere'), ScalekitNotFoundException);
  });

  it('tools and the proxy see the same sandbox', async () => {
    const { client } = await fixture();
    await connectAccount(client, 'acme', 'shared');

    await client.actions.executeTool({
      toolName: 'acme_resource_create',
      toolInput: { name: 'via-tool' },
      identifier: 'shared',
    });
    await client.actions.request({
      connectionName: 'acme',
      identifier: 'shared',
      path: '/resources',
      method: 'POST',
      body: { name: 'via-proxy' },
    });

    const listed = (await client.actions.request({ connectionName: 'acme', identifier: 'shared', path: '/resources' }))
      .data as ResourcePage;
    const viaTool = await client.actions.executeTool({
      toolName: 'acme_resource_list',
      toolInput: {},
      identifier: 'shared',
    });
    expect(listed.results.map((r) => r.name)).toEqual(['via-tool', 'via-proxy']);
    expect((viaTool.data as unknown as ResourcePage).results.map((r) => r.name)).toEqual(['via-tool', 'via-proxy']);
  });

  it('without the connection_name / identifier headers is 400', async () => {
    const { emulator } = await fixture();
    const token = await clientToken(emulator);

    const none = await fetch(`${emulator.envUrl}/proxy/echo`, { headers: { authorization: `Bearer ${token}` } });
    const onlyConnection = await fetch(`${emulator.envUrl}/proxy/echo`, {
      headers: { authorization: `Bearer ${token}`, connection_name: 'acme' },
    });

    expect(none.status).toBe(400);
    expect(await none.json()).toMatchObject({
      error: 'invalid_request',
      message: expect.stringContaining('connection_name') as string,
    });
    expect(onlyConnection.status).toBe(400);
  });

  it('without a valid bearer is 401, whatever the headers', async () => {
    const { emulator } = await fixture();

    const response = await fetch(`${emulator.envUrl}/proxy/echo`, {
      headers: { authorization: 'Bearer forged', connection_name: 'acme', identifier: 'x' },
    });

    expect(response.status).toBe(401);
  });

  it('an unknown connection or account is 404 (ScalekitNotFoundException)', async () => {
    const { client } = await fixture();
    await connectAccount(client, 'acme', 'known');

    const noConnection = await expectRejection(
      client.actions.request({ connectionName: 'no-such-connection', identifier: 'known', path: '/echo' }),
      ScalekitNotFoundException,
    );
    const noAccount = await expectRejection(
      client.actions.request({ connectionName: 'acme', identifier: 'unknown-user', path: '/echo' }),
      ScalekitNotFoundException,
    );

    expect(noConnection.errDetails).toMatchObject({ error: 'connection_not_found' });
    expect((noConnection.errDetails as unknown as { message: string }).message).toMatch(/connection not found/i);
    expect(noAccount.errDetails).toMatchObject({ error: 'connected_account_not_found' });
  });

  it('a fresh client without a token gets ScalekitUnauthorizedException (request() does not re-authenticate)', async () => {
    const { emulator, client } = await fixture();
    await connectAccount(client, 'acme', 'fresh');
    const fresh = new ScalekitClient(emulator.envUrl, emulator.clientId, emulator.clientSecret);
    await emulator.admin.resetCalls();

    const error = await expectRejection(
      fresh.actions.request({ connectionName: 'acme', identifier: 'fresh', path: '/echo' }),
      ScalekitUnauthorizedException,
    );

    expect(error.errDetails).toMatchObject({ error: 'unauthenticated' });
    const calls = await emulator.admin.calls();
    expect(calls.map((c) => [c.kind, c.status])).toEqual([['proxy', '401']]);

    // After any gRPC call the client holds a token and the same request works.
    await fresh.actions.listConnections();
    const ok = await fresh.actions.request({ connectionName: 'acme', identifier: 'fresh', path: '/echo' });
    expect(ok.status).toBe(200);
  });
});

describe('isolation between identifiers', () => {
  it('each identifier sees only its own sandbox, and the call log attributes every call', async () => {
    const { emulator, client } = await fixture();
    await connectAccount(client, 'acme', 'alice');
    await connectAccount(client, 'acme', 'bob');
    await emulator.admin.resetCalls();

    await client.actions.executeTool({
      toolName: 'acme_resource_create',
      toolInput: { name: 'alice-doc' },
      connector: 'acme',
      identifier: 'alice',
    });
    await client.actions.request({
      connectionName: 'acme',
      identifier: 'bob',
      path: '/resources',
      method: 'POST',
      body: { name: 'bob-doc' },
    });
    await client.actions.request({
      connectionName: 'acme',
      identifier: 'bob',
      path: '/resources',
      method: 'POST',
      body: { name: 'bob-doc-2' },
    });

    const aliceList = await client.actions.executeTool({
      toolName: 'acme_resource_list',
      toolInput: {},
      connector: 'acme',
      identifier: 'alice',
    });
    const bobList = (await client.actions.request({ connectionName: 'acme', identifier: 'bob', path: '/resources' }))
      .data as ResourcePage;
    expect((aliceList.data as unknown as ResourcePage).results.map((r) => r.name)).toEqual(['alice-doc']);
    expect(bobList.results.map((r) => r.name)).toEqual(['bob-doc', 'bob-doc-2']);
    // Ids are per sandbox, and one user's id does not reach the other's data.
    expect(bobList.results[0]?.id).toBe('res_1');
    const aliceRes = await client.actions.executeTool({
      toolName: 'acme_resource_get',
      toolInput: { id: 'res_1' },
      identifier: 'alice',
    });
    expect(aliceRes.data).toMatchObject({ name: 'alice-doc' });
    await expectRejection(
      client.actions.request({ connectionName: 'acme', identifier: 'alice', path: '/resources/res_2' }),
      ScalekitNotFoundException,
    );

    const aliceCalls = await emulator.admin.calls({ identifier: 'alice' });
    const bobCalls = await emulator.admin.calls({ identifier: 'bob' });
    expect(aliceCalls.filter((c) => c.kind === 'tool').map((c) => c.name)).toEqual([
      'acme_resource_create',
      'acme_resource_list',
      'acme_resource_get',
    ]);
    expect(aliceCalls.filter((c) => c.kind === 'proxy').map((c) => [c.name, c.status])).toEqual([
      ['/resources/res_2', '404'],
    ]);
    expect(bobCalls.map((c) => [c.kind, c.name, c.status])).toEqual([
      ['proxy', '/resources', '201'],
      ['proxy', '/resources', '201'],
      ['proxy', '/resources', '200'],
    ]);
    // Every entry names the connector, also the tool call that named only the identifier.
    for (const c of [...aliceCalls, ...bobCalls]) expect(c.connector).toBe('acme');
    expect(aliceCalls.filter((c) => c.kind === 'rpc')).toEqual([]);

    const snapshot = await emulator.admin.sandbox<{ resources: Resource[] }>('acme', 'bob');
    expect(snapshot.resources.map((r) => r.name)).toEqual(['bob-doc', 'bob-doc-2']);
  });

  it('the same identifier on two connections has two sandboxes', async () => {
    const { client } = await fixture();
    await connectAccount(client, 'acme', 'same');
    await connectAccount(client, 'beta', 'same');

    await client.actions.executeTool({
      toolName: 'acme_resource_create',
      toolInput: { name: 'in-acme' },
      identifier: 'same',
    });

    const beta = await client.actions.executeTool({
      toolName: 'beta_resource_list',
      toolInput: {},
      identifier: 'same',
    });
    expect((beta.data as unknown as ResourcePage).results).toEqual([]);
  });
});
