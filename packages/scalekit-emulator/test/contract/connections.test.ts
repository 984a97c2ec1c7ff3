import { create } from '@bufbuild/protobuf';
import { ScalekitNotFoundException } from '@scalekit-sdk/node';
import {
  AuthorizationDetailsSchema,
  OauthTokenSchema,
} from '@scalekit-sdk/node/lib/pkg/grpc/scalekit/v1/connected_accounts/connected_accounts_pb.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectRejection } from '../support/core.js';
import { contractTarget, type ContractTarget } from './target.js';

let target: ContractTarget;
beforeAll(async () => {
  target = await contractTarget();
});
afterAll(() => target.close());

function byoToken() {
  return create(AuthorizationDetailsSchema, {
    details: { case: 'oauthToken', value: create(OauthTokenSchema, { accessToken: 'contract-test-token' }) },
  });
}

/** `GMAIL-test` -> `gmail-TEST`: the same letters in the other case. */
function swapCase(name: string): string {
  return [...name].map((c) => (c === c.toUpperCase() ? c.toLowerCase() : c.toUpperCase())).join('');
}

describe('an unknown connection name', () => {
  it('is NotFound saying "connection not found" on create and magic link, NotFound on lookup, tool and proxy', async () => {
    const { client } = target;
    const connectionName = target.unique('no-such-connection-');
    const identifier = target.unique('user-');

    for (const refused of [
      client.actions.createConnectedAccount({ connectionName, identifier, authorizationDetails: byoToken() }),
      client.actions.getAuthorizationLink({ connectionName, identifier }),
      client.actions.getOrCreateConnectedAccount({ connectionName, identifier }),
    ]) {
      const error = await expectRejection(refused, ScalekitNotFoundException);
      expect(error.message).toMatch(/connection not found/i);
    }
    await expectRejection(
      client.actions.getConnectedAccount({ connectionName, identifier }),
      ScalekitNotFoundException,
    );
    await expectRejection(
      client.actions.executeTool({
        toolName: 'gmail_fetch_mails',
        toolInput: {},
        connector: connectionName,
        identifier,
      }),
      ScalekitNotFoundException,
    );
    await expectRejection(
      client.actions.request({ connectionName, identifier, path: '/gmail/v1/users/me/profile' }),
      ScalekitNotFoundException,
    );
  });
});

describe('connection names', () => {
  it('may have capitals, and an account on such a connection is created, found, listed and deleted by it', async () => {
    const { client, connection } = target;
    const identifier = target.unique('capitals-');

    const created = await client.actions.createConnectedAccount({
      connectionName: connection,
      identifier,
      authorizationDetails: byoToken(),
    });
    target.cleanup(() => client.actions.deleteConnectedAccount({ connectionName: connection, identifier }));

    expect(created.connectedAccount).toMatchObject({ connector: connection, identifier });
    const found = await client.actions.getConnectedAccount({ connectionName: connection, identifier });
    expect(found.connectedAccount?.id).toBe(created.connectedAccount?.id);
    const listed = await client.actions.listConnectedAccounts({ connectionName: connection, identifier });
    expect(listed.connectedAccounts.map((a) => a.id)).toEqual([created.connectedAccount?.id]);
    await client.actions.deleteConnectedAccount({ connectionName: connection, identifier });
    await expectRejection(
      client.actions.getConnectedAccount({ connectionName: connection, identifier }),
      ScalekitNotFoundException,
    );
  });

  it('are matched exactly: the same name in another case is an unknown connection', async () => {
    const { client } = target;
    const otherCase = swapCase(target.connection);
    expect(otherCase).not.toBe(target.connection);

    const error = await expectRejection(
      client.actions.createConnectedAccount({
        connectionName: otherCase,
        identifier: target.unique('case-'),
        authorizationDetails: byoToken(),
      }),
      ScalekitNotFoundException,
    );
    expect(error.message).toMatch(/connection not found/i);
  });
});
