import {
  ScalekitBadRequestException,
  ScalekitNotFoundException,
  ScalekitToolException,
  isToolException,
} from '@scalekit-sdk/node';
import { describe, expect, it } from 'vitest';
import { ConnectorStatus } from '../src/sdk-protocol.js';
import { connectAccount } from './support/connected-client.js';
import { approveStatic, expectRejection, fixture } from './support/core.js';

const ACME_TOOLS = [
  'acme_echo',
  'acme_resource_create',
  'acme_resource_list',
  'acme_resource_get',
  'acme_resource_delete',
];

describe('executeTool', () => {
  it('runs by connector + identifier and returns plain JSON data and an executionId', async () => {
    const { emulator, client } = await fixture();
    await connectAccount(client, 'acme', 'tool-user');

    const result = await client.actions.executeTool({
      toolName: 'acme_echo',
      toolInput: { text: 'hi', n: 3, nested: { list: [1, true, null] } },
      connector: 'acme',
      identifier: 'tool-user',
    });

    expect(result.executionId).toMatch(/^exec_/);
    expect(result.data).toEqual({
      echo: { text: 'hi', n: 3, nested: { list: [1, true, null] } },
      identifier: 'tool-user',
      auth: { pattern: 'OAUTH', scheme: 'Bearer', credential_present: true },
    });
    const tools = await emulator.admin.calls({ kind: 'tool' });
    expect(tools).toHaveLength(1);
    expect(tools[0]).toMatchObject({ name: 'acme_echo', connector: 'acme', identifier: 'tool-user', status: 'ok' });
    // Running a tool marks the account as used.
    const account = await client.actions.getConnectedAccount({ connectionName: 'acme', identifier: 'tool-user' });
    expect(account.connectedAccount?.lastUsedAt).toBeDefined();
  });

  it('runs by connectedAccountId, also through tools.executeTool', async () => {
    const { client } = await fixture();
    const id = await connectAccount(client, 'acme', 'by-id');

    const viaActions = await client.actions.executeTool({
      toolName: 'acme_resource_create',
      toolInput: { name: 'r1' },
      connectedAccountId: id,
    });
    const viaTools = await client.tools.executeTool({
      toolName: 'acme_resource_get',
      params: { id: viaActions.data!['id'] },
      connectedAccountId: id,
    });

    expect(viaActions.data).toMatchObject({ id: 'res_1', name: 'r1', data: {} });
    expect(viaTools.data).toMatchObject({ id: 'res_1', name: 'r1' });
    expect(viaTools.executionId).not.toBe(viaActions.executionId);
  });

  it('infers the connector from the tool-name prefix when it is omitted', async () => {
    const { emulator, client } = await fixture();
    await connectAccount(client, 'beta', 'prefix-user');

    const result = await client.actions.executeTool({
      toolName: 'beta_echo',
      toolInput: { x: 1 },
      identifier: 'prefix-user',
    });

    expect(result.data).toMatchObject({ echo: { x: 1 }, identifier: 'prefix-user' });
    const tools = await emulator.admin.calls({ kind: 'tool' });
    expect(tools[0]).toMatchObject({ name: 'beta_echo', connector: 'beta' });
  });

  it('an unknown tool is a ScalekitNotFoundException, with or without a connector', async () => {
    const { client } = await fixture();
    await connectAccount(client, 'acme', 'u');

    const withConnector = await expectRejection(
      client.actions.executeTool({ toolName: 'acme_no_such_tool', toolInput: {}, connector: 'acme', identifier: 'u' }),
      ScalekitNotFoundException,
    );
    const inferred = await expectRejection(
      client.actions.executeTool({ toolName: 'zzz_no_provider', toolInput: {}, identifier: 'u' }),
      ScalekitNotFoundException,
    );

    expect(isToolException(withConnector)).toBe(false);
    expect(withConnector.message).toContain('acme_no_such_tool');
    expect(inferred.message).toContain('zzz_no_provider');
    // Another connector's tool through the wrong connector is not found either.
    await expectRejection(
      client.actions.executeTool({ toolName: 'beta_echo', toolInput: {}, connector: 'acme', identifier: 'u' }),
      ScalekitNotFoundException,
    );
  });

  it('a missing account is NotFound; a missing identifier is BadRequest', async () => {
    const { client } = await fixture();

    await expectRejection(
      client.actions.executeTool({ toolName: 'acme_echo', toolInput: {}, connector: 'acme', identifier: 'nobody' }),
      ScalekitNotFoundException,
    );
    await expectRejection(
      client.actions.executeTool({ toolName: 'acme_echo', toolInput: {}, connectedAccountId: 'ca_nobody' }),
      ScalekitNotFoundException,
    );
    await expectRejection(
      client.actions.executeTool({ toolName: 'acme_echo', toolInput: {}, connector: 'acme' }),
      ScalekitBadRequestException,
    );
  });

  it('a provider error is a tool exception with isToolError, toolErrorCode and executionId, and is not retried', async () => {
    const { emulator, client } = await fixture();
    await connectAccount(client, 'acme', 'err-user');
    await emulator.admin.resetCalls();

    const error = await expectRejection(
      client.actions.executeTool({
        toolName: 'acme_resource_get',
        toolInput: { id: 'res_404' },
        connector: 'acme',
        identifier: 'err-user',
      }),
      ScalekitToolException,
    );

    expect(isToolException(error)).toBe(true);
    expect(error.isToolError).toBe(true);
    expect(error.toolErrorCode).toBe('not_found');
    expect(error.toolErrorMessage).toContain('res_404');
    expect(error.executionId).toMatch(/^exec_/);
    expect(error.errorCode).toBe('TOOL_ERROR');
    expect(error.httpStatus).toBe(404);
    // One call, logged once: TOOL_ERROR is never retried.
    expect((await emulator.admin.calls({ kind: 'rpc' })).map((c) => [c.name, c.status])).toEqual([]);
    expect((await emulator.admin.calls({ kind: 'tool' })).map((c) => [c.name, c.status])).toEqual([
      ['acme_resource_get', 'tool_error:404'],
    ]);
  });

  it('a validation error from the provider keeps its code', async () => {
    const { client } = await fixture();
    await connectAccount(client, 'acme', 'v');

    const error = await expectRejection(
      client.actions.executeTool({
        toolName: 'acme_resource_create',
        toolInput: { name: '' },
        connector: 'acme',
        identifier: 'v',
      }),
      ScalekitToolException,
    );

    expect(error.toolErrorCode).toBe('validation_error');
    expect(error.httpStatus).toBe(400);
  });
});

describe('tool listing', () => {
  it('listTools filters by provider and tool name, and summary returns names only', async () => {
    const { client } = await fixture();

    const acme = await client.tools.listTools({ filter: { provider: 'ACME' } });
    expect(acme.tools.map((t) => t.definition?.['name']).sort()).toEqual([...ACME_TOOLS].sort());
    expect(acme.totalSize).toBe(5);
    const echo = acme.tools.find((t) => t.definition?.['name'] === 'acme_echo')!;
    expect(echo.provider).toBe('ACME');
    expect(echo.definition).toMatchObject({
      description: expect.any(String) as string,
      input_schema: { type: 'object' },
    });

    const byName = await client.tools.listTools({ filter: { toolName: ['acme_resource_get', 'beta_echo'] } });
    expect(byName.tools.map((t) => t.definition?.['name']).sort()).toEqual(['acme_resource_get', 'beta_echo']);

    const summary = await client.tools.listTools({ filter: { provider: 'ACME', summary: true } });
    expect(summary.tools).toEqual([]);
    expect([...summary.toolNames].sort()).toEqual([...ACME_TOOLS].sort());

    const all = await client.tools.listTools();
    expect(all.totalSize).toBeGreaterThan(acme.totalSize);
    const allNames = all.tools.map((t) => t.definition?.['name']);
    for (const name of [...ACME_TOOLS, 'beta_echo', 'acmekey_echo']) expect(allNames).toContain(name);
  });

  it('listTools pages', async () => {
    const { client } = await fixture();

    const page1 = await client.tools.listTools({ filter: { provider: 'ACME' }, pageSize: 2 });
    const page2 = await client.tools.listTools({
      filter: { provider: 'ACME' },
      pageSize: 2,
      pageToken: page1.nextPageToken,
    });
    const page3 = await client.tools.listTools({
      filter: { provider: 'ACME' },
      pageSize: 2,
      pageToken: page2.nextPageToken,
    });

    expect([page1, page2, page3].map((p) => p.tools.length)).toEqual([2, 2, 1]);
    expect(page1.totalSize).toBe(5);
    expect(page3.nextPageToken).toBe('');
    expect(page2.prevPageToken).not.toBe('');
    const names = [page1, page2, page3].flatMap((p) => p.tools.map((t) => t.definition?.['name']));
    expect(names.sort()).toEqual([...ACME_TOOLS].sort());
  });

  it('listScopedTools lists only the tools of the identifier’s ACTIVE accounts', async () => {
    const { emulator, client } = await fixture();
    const acmeId = await connectAccount(client, 'acme', 'scoped');
    await client.actions.getOrCreateConnectedAccount({ connectionName: 'beta', identifier: 'scoped' });
    await approveStatic(client, 'acme-key', 'someone-else', { api_key: 'k' });

    const scoped = await client.tools.listScopedTools('scoped', { filter: {} });

    expect(scoped.tools.map((t) => t.tool?.definition?.['name']).sort()).toEqual([...ACME_TOOLS].sort());
    expect(scoped.totalSize).toBe(5);
    for (const t of scoped.tools) expect(t).toMatchObject({ identifier: 'scoped', connectedAccountId: acmeId });

    const filtered = await client.tools.listScopedTools('scoped', { filter: { toolNames: ['acme_echo'] } });
    expect(filtered.tools.map((t) => t.tool?.definition?.['name'])).toEqual(['acme_echo']);
    const byConnection = await client.tools.listScopedTools('scoped', { filter: { connectionNames: ['beta'] } });
    expect(byConnection.tools).toEqual([]);
    const paged = await client.tools.listScopedTools('scoped', { filter: {}, pageSize: 3 });
    expect(paged.tools).toHaveLength(3);
    expect(paged.nextPageToken).not.toBe('');

    // Once the account is no longer ACTIVE its tools drop out of scope.
    await emulator.admin.setAccountStatus(acmeId, 'EXPIRED');
    expect((await client.tools.listScopedTools('scoped', { filter: {} })).tools).toEqual([]);
  });

  it('listAvailableTools lists the tools of every ACTIVE connection of the identifier', async () => {
    const { client } = await fixture();
    await connectAccount(client, 'acme', 'avail');
    await connectAccount(client, 'beta', 'avail');
    await client.actions.getOrCreateConnectedAccount({ connectionName: 'acme-key', identifier: 'avail' });

    const available = await client.tools.listAvailableTools('avail');
    const names = available.tools.map((t) => t.definition?.['name']);

    expect(names).toContain('acme_echo');
    expect(names).toContain('beta_echo');
    expect(names).not.toContain('acmekey_echo');
    expect(available.totalSize).toBe(10);
    expect((await client.tools.listAvailableTools('nobody')).tools).toEqual([]);
  });

  it('actions.listConnections returns the default notion/gmail/youtube connections plus custom ones', async () => {
    const { client } = await fixture();

    const result = await client.actions.listConnections();

    const byName = new Map(result.connections.map((c) => [c.connectionName, c]));
    expect([...byName.keys()].sort()).toEqual(['acme', 'acme-key', 'beta', 'gmail', 'notion', 'youtube']);
    expect(result.totalSize).toBe(6);
    for (const [name, provider] of [
      ['notion', 'NOTION'],
      ['gmail', 'GMAIL'],
      ['youtube', 'YOUTUBE'],
      ['acme', 'ACME'],
      ['acme-key', 'ACMEKEY'],
    ] as const) {
      expect(byName.get(name)?.provider.toUpperCase()).toBe(provider);
    }
    expect(byName.get('acme')).toMatchObject({ type: 'OAUTH', status: 'COMPLETED', enabled: true });
    expect(byName.get('acme-key')?.type).toBe('API_KEY');
    expect(byName.get('notion')?.id).toMatch(/^conn_/);

    const gmailOnly = await client.actions.listConnections({ provider: 'GMAIL' });
    expect(gmailOnly.connections.map((c) => c.connectionName)).toEqual(['gmail']);
    const paged = await client.actions.listConnections({ pageSize: 4 });
    expect(paged.connections).toHaveLength(4);
    const rest = await client.actions.listConnections({ pageSize: 4, pageToken: paged.nextPageToken });
    expect(rest.connections).toHaveLength(2);
  });

  it('the account status of an ACTIVE connection is reported as such for tool listings by identifier', async () => {
    const { client } = await fixture();
    await connectAccount(client, 'beta', 'ident');

    const result = await client.tools.listTools({ filter: { identifier: 'ident' } });
    const account = await client.actions.getConnectedAccount({ connectionName: 'beta', identifier: 'ident' });

    expect(account.connectedAccount?.status).toBe(ConnectorStatus.ACTIVE);
    expect(result.tools.map((t) => t.provider)).toEqual(['BETA', 'BETA', 'BETA', 'BETA', 'BETA']);
  });
});
