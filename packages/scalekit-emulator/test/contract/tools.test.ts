import { create } from '@bufbuild/protobuf';
import { ScalekitNotFoundException } from '@scalekit-sdk/node';
import {
  AuthorizationDetailsSchema,
  OauthTokenSchema,
} from '@scalekit-sdk/node/lib/pkg/grpc/scalekit/v1/connected_accounts/connected_accounts_pb.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contractTarget, type ContractTarget } from './target.js';

let target: ContractTarget;
beforeAll(async () => {
  target = await contractTarget();
});
afterAll(() => target.close());

describe('listTools with filter.connectedAccountId', () => {
  it("lists only that account's tools, and an unknown id does not list every tool", async () => {
    const { client, connection } = target;
    const identifier = target.unique('tools-');
    const { connectedAccount } = await client.actions.createConnectedAccount({
      connectionName: connection,
      identifier,
      authorizationDetails: create(AuthorizationDetailsSchema, {
        details: { case: 'oauthToken', value: create(OauthTokenSchema, { accessToken: 'contract-test-token' }) },
      }),
    });
    target.cleanup(() => client.actions.deleteConnectedAccount({ connectionName: connection, identifier }));

    const everything = await client.tools.listTools({ pageSize: 1000 });
    const own = await client.tools.listTools({ filter: { connectedAccountId: connectedAccount!.id }, pageSize: 1000 });

    expect(own.tools.length).toBeGreaterThan(0);
    expect(new Set(own.tools.map((t) => t.provider))).toEqual(new Set([connectedAccount!.provider]));
    expect(own.totalSize).toBeLessThan(everything.totalSize);

    // Scalekit may answer NotFound or an empty list; listing everything is the one wrong answer.
    try {
      const unknown = await client.tools.listTools({ filter: { connectedAccountId: 'ca_00000000000000000' } });
      expect(unknown.totalSize).toBeLessThan(everything.totalSize);
    } catch (error) {
      expect(error).toBeInstanceOf(ScalekitNotFoundException);
    }
  });
});
