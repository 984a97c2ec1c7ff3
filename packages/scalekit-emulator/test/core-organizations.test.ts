import { create } from '@bufbuild/protobuf';
import { ScalekitConflictException, ScalekitNotFoundException } from '@scalekit-sdk/node';
import {
  AuthorizationDetailsSchema,
  OauthTokenSchema,
} from '@scalekit-sdk/node/lib/pkg/grpc/scalekit/v1/connected_accounts/connected_accounts_pb.js';
import { describe, expect, it } from 'vitest';
import { expectRejection, fixture } from './support/core.js';

describe('organizations and API keys', () => {
  it("organizations: 'required' refuses keys for an unknown organization and for a user outside it", async () => {
    const { client } = await fixture({ organizations: 'required' });
    const { organization } = await client.organization.createOrganization('Acme');
    const { organization: other } = await client.organization.createOrganization('Other');
    const { user } = await client.user.createUserAndMembership(other!.id, { email: 'outsider@example.com' });

    const missing = await expectRejection(client.token.createToken('org_acme'), ScalekitNotFoundException);
    expect(missing.message).toContain('organization not found');
    const outsider = await expectRejection(
      client.token.createToken(organization!.id, { userId: user!.id }),
      ScalekitNotFoundException,
    );
    expect(outsider.message).toContain('user not found in this organization');
    expect((await client.token.createToken(organization!.id)).tokenInfo?.organizationId).toBe(organization!.id);
  });

  it("by default ('implicit') an unknown org_ id is created on its first key, and then listed", async () => {
    const { client } = await fixture();

    await client.token.createToken('org_acme', { userId: 'usr_anyone' });

    const { organizations } = await client.organization.listOrganization();
    expect(organizations.map((o) => [o.id, o.displayName])).toEqual([['org_acme', 'org_acme']]);
  });

  it('external ids and emails are unique, memberships end, and deleting an organization keeps its users', async () => {
    const { client } = await fixture();
    const { organization } = await client.organization.createOrganization('One', { externalId: 'ext1' });
    const orgId = organization!.id;

    await expectRejection(
      client.organization.createOrganization('Two', { externalId: 'ext1' }),
      ScalekitConflictException,
    );
    const { user } = await client.user.createUserAndMembership(orgId, {
      email: 'Person@Example.com',
      userProfile: { firstName: 'Pat', lastName: 'Doe' },
    });
    expect(user?.email).toBe('person@example.com');
    expect(user?.userProfile).toMatchObject({ givenName: 'Pat', familyName: 'Doe', firstName: 'Pat', lastName: 'Doe' });
    await expectRejection(
      client.user.createUserAndMembership(orgId, { email: 'person@example.com' }),
      ScalekitConflictException,
    );

    await client.user.deleteMembership(orgId, user!.id);
    expect((await client.user.listOrganizationUsers(orgId)).users).toEqual([]);
    await expectRejection(client.user.deleteMembership(orgId, user!.id), ScalekitNotFoundException);
    await client.organization.deleteOrganization(orgId);
    expect((await client.user.getUser(user!.id)).user?.memberships).toEqual([]);
    await expectRejection(client.organization.deleteOrganization(orgId), ScalekitNotFoundException);
  });
});

describe('listTools filters by the accounts it names', () => {
  it('organizationId, userId and connectedAccountId select ACTIVE accounts; an unknown id lists no tool', async () => {
    const { client } = await fixture();
    const token = create(AuthorizationDetailsSchema, {
      details: { case: 'oauthToken', value: create(OauthTokenSchema, { accessToken: 'byo' }) },
    });
    await client.actions.createConnectedAccount({
      connectionName: 'acme',
      identifier: 'in-org',
      organizationId: 'org_a',
      userId: 'usr_a',
      authorizationDetails: token,
    });
    await client.actions.createConnectedAccount({
      connectionName: 'beta',
      identifier: 'in-org',
      organizationId: 'org_b',
      authorizationDetails: token,
    });
    const providers = async (filter: Record<string, string>) =>
      [...new Set((await client.tools.listTools({ filter })).tools.map((t) => t.provider))].sort();

    expect(await providers({ identifier: 'in-org' })).toEqual(['ACME', 'BETA']);
    expect(await providers({ organizationId: 'org_a' })).toEqual(['ACME']);
    expect(await providers({ identifier: 'in-org', organizationId: 'org_b' })).toEqual(['BETA']);
    expect(await providers({ userId: 'usr_a' })).toEqual(['ACME']);
    expect(await providers({ userId: 'usr_b' })).toEqual([]);
    expect(await providers({ connectedAccountId: 'ca_unknown' })).toEqual([]);
  });
});
