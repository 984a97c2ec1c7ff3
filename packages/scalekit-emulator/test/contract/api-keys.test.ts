import { ScalekitNotFoundException } from '@scalekit-sdk/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectRejection } from '../support/core.js';
import { contractTarget, type ContractTarget } from './target.js';

let target: ContractTarget;
beforeAll(async () => {
  target = await contractTarget();
});
afterAll(() => target.close());

/** An organization for this test, deleted when it ends: the SDK's own test setup does the same. */
async function testOrganization(): Promise<string> {
  const { client } = target;
  const { organization } = await client.organization.createOrganization(target.unique('Keys Org '), {
    externalId: target.unique('ext'),
  });
  const id = organization!.id;
  target.cleanup(() => client.organization.deleteOrganization(id));
  return id;
}

describe('API keys belong to an organization that exists', () => {
  it('createToken for an organization that does not exist (or no longer does) is NotFound', async () => {
    const { client } = target;
    const organizationId = await testOrganization();
    await client.organization.deleteOrganization(organizationId);

    await expectRejection(client.token.createToken(organizationId, { description: 'gone' }), ScalekitNotFoundException);
  });

  it('a user-scoped key for a member of the organization validates with that user', async () => {
    const { client } = target;
    const organizationId = await testOrganization();
    const { user } = await client.user.createUserAndMembership(organizationId, {
      email: `${target.unique('contract.user.')}@example.com`,
      sendInvitationEmail: false,
    });
    target.cleanup(() => client.user.deleteUser(user!.id));

    const created = await client.token.createToken(organizationId, { userId: user!.id, description: 'member key' });
    target.cleanup(() => client.token.invalidateToken(created.tokenId));

    const { tokenInfo } = await client.token.validateToken(created.token);
    expect(tokenInfo).toMatchObject({ organizationId, userId: user!.id });
  });
});

describe('updateToken', () => {
  it('replaces the custom claims (the SDK method documentation) and the description', async () => {
    const { client } = target;
    const organizationId = await testOrganization();
    const created = await client.token.createToken(organizationId, {
      customClaims: { env: 'test', scope: 'read' },
      description: 'before',
    });
    target.cleanup(() => client.token.invalidateToken(created.tokenId));

    const { tokenInfo } = await client.token.updateToken(created.tokenId, {
      customClaims: { plan: 'pro' },
      description: 'after',
    });

    expect(tokenInfo?.customClaims).toEqual({ plan: 'pro' });
    expect(tokenInfo?.description).toBe('after');
    expect((await client.token.validateToken(created.token)).tokenInfo?.customClaims).toEqual({ plan: 'pro' });
  });
});
