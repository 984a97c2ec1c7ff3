import { ScalekitNotFoundException } from '@scalekit-sdk/node';
import { describe, expect, it } from 'vitest';
import { connectAccount } from './support/connected-client.js';
import { expectRejection, fixture, locationOf } from './support/core.js';

describe('the call log', () => {
  it('counts each ExecuteTool once, as the tool call, also when it never reached the tool', async () => {
    const { emulator, client } = await fixture();
    const id = await connectAccount(client, 'acme', 'once');
    await emulator.admin.resetCalls();

    await client.actions.executeTool({ toolName: 'acme_echo', toolInput: { x: 1 }, connectedAccountId: id });
    await expectRejection(
      client.actions.executeTool({ toolName: 'acme_echo', toolInput: {}, connector: 'acme', identifier: 'nobody' }),
      ScalekitNotFoundException,
    );

    const calls = await emulator.admin.calls();
    expect(calls.map((c) => [c.kind, c.name, c.connector, c.identifier, c.status])).toEqual([
      ['tool', 'acme_echo', 'acme', 'once', 'ok'],
      ['tool', 'acme_echo', 'acme', 'nobody', 'not_found'],
    ]);
    expect((await emulator.admin.counters()).byName).toEqual({ 'tool:acme_echo': 2 });
  });

  it('names connector and identifier for calls that gave only an id, for verification and for spent links', async () => {
    const { emulator, client } = await fixture();
    const id = await connectAccount(client, 'acme', 'by-id');
    const { link } = await client.actions.getAuthorizationLink({
      connectionName: 'acme',
      identifier: 'verifier',
      userVerifyUrl: 'https://app.example.com/verify',
    });
    const approved = await fetch(link, {
      method: 'POST',
      body: new URLSearchParams({ decision: 'approve' }),
      redirect: 'manual',
    });
    const authRequestId = locationOf(approved).searchParams.get('auth_request_id')!;
    await emulator.admin.resetCalls();

    await client.actions.getConnectedAccount({ connectedAccountId: id });
    await client.actions.getAuthorizationLink({ connectedAccountId: id });
    await fetch(link); // used already
    await expectRejection(
      client.actions.verifyConnectedAccountUser({ authRequestId, identifier: 'someone-else' }),
      Error,
    );
    await client.actions.verifyConnectedAccountUser({ authRequestId, identifier: 'verifier' });
    await client.actions.deleteConnectedAccount({ connectedAccountId: id });

    const calls = await emulator.admin.calls();
    expect(calls.map((c) => [c.kind, c.name, c.connector, c.identifier, c.status])).toEqual([
      ['rpc', 'GetConnectedAccountAuth', 'acme', 'by-id', 'ok'],
      ['rpc', 'GetMagicLinkForConnectedAccount', 'acme', 'by-id', 'ok'],
      ['consent', 'GET /magicLink', 'acme', 'verifier', '410'],
      ['rpc', 'VerifyConnectedAccountUser', 'acme', 'someone-else', 'permission_denied'],
      ['rpc', 'VerifyConnectedAccountUser', 'acme', 'verifier', 'ok'],
      ['rpc', 'DeleteConnectedAccount', 'acme', 'by-id', 'ok'],
    ]);
  });
});
