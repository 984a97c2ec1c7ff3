import { ScalekitNotFoundException } from '@scalekit-sdk/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectRejection } from '../support/core.js';
import { contractTarget, type ContractTarget } from './target.js';

let target: ContractTarget;
beforeAll(async () => {
  target = await contractTarget();
});
afterAll(() => target.close());

describe('verifyConnectedAccountUser', () => {
  it('an auth_request_id that was never issued is NotFound: "auth request not found or no longer valid"', async () => {
    const error = await expectRejection(
      target.client.actions.verifyConnectedAccountUser({
        authRequestId: '00000000-0000-0000-0000-000000000000',
        identifier: target.unique('user-'),
      }),
      ScalekitNotFoundException,
    );
    expect(error.message).toMatch(/auth request not found or no longer valid/i);
  });
});

describe('getOrCreateConnectedAccount with an organizationId', () => {
  it('creates the account in the organization, and the same call then finds that very account', async () => {
    const { client, connection } = target;
    const { organization } = await client.organization.createOrganization(target.unique('Contract Org '));
    const organizationId = organization!.id;
    target.cleanup(() => client.organization.deleteOrganization(organizationId));
    const identifier = target.unique('org-user-');
    const args = { connectionName: connection, identifier, organizationId };

    const first = await client.actions.getOrCreateConnectedAccount(args);
    target.cleanup(() => client.actions.deleteConnectedAccount({ connectionName: connection, identifier }));
    const second = await client.actions.getOrCreateConnectedAccount(args);

    expect(first.connectedAccount?.id).toBeTruthy();
    expect(second.connectedAccount?.id).toBe(first.connectedAccount?.id);
    const got = await client.actions.getConnectedAccount(args);
    expect(got.connectedAccount?.id).toBe(first.connectedAccount?.id);
  });
});
