import { ScalekitNotFoundException } from '@scalekit-sdk/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectRejection } from '../support/core.js';
import { contractTarget, type ContractTarget } from './target.js';

let target: ContractTarget;
beforeAll(async () => {
  target = await contractTarget();
});
afterAll(() => target.close());

describe('organizations', () => {
  it('are created (with an external id), got by id and external id, listed, updated and deleted', async () => {
    const { client } = target;
    const name = target.unique('Contract Org ');
    const externalId = target.unique('ext');

    const { organization } = await client.organization.createOrganization(name, { externalId });
    const id = organization!.id;
    target.cleanup(() => client.organization.deleteOrganization(id));
    expect(organization).toMatchObject({ displayName: name, externalId });
    expect(id).toMatch(/^org_/);

    expect((await client.organization.getOrganization(id)).organization?.displayName).toBe(name);
    expect((await client.organization.getOrganizationByExternalId(externalId)).organization?.id).toBe(id);
    const listed: string[] = [];
    let pageToken: string | undefined;
    do {
      const page = await client.organization.listOrganization({ pageSize: 100, ...(pageToken ? { pageToken } : {}) });
      listed.push(...page.organizations.map((o) => o.id));
      pageToken = page.nextPageToken || undefined;
    } while (pageToken);
    expect(listed).toContain(id);

    const renamed = `${name} renamed`;
    const updated = await client.organization.updateOrganization(id, { displayName: renamed });
    expect(updated.organization?.displayName).toBe(renamed);
    expect((await client.organization.getOrganization(id)).organization?.displayName).toBe(renamed);

    await client.organization.deleteOrganization(id);
    await expectRejection(client.organization.getOrganization(id), ScalekitNotFoundException);
  });
});

describe('users of an organization', () => {
  it('are created with a membership, got, listed with the organization and deleted', async () => {
    const { client } = target;
    const { organization } = await client.organization.createOrganization(target.unique('Users Org '));
    const organizationId = organization!.id;
    target.cleanup(() => client.organization.deleteOrganization(organizationId));
    const email = `${target.unique('contract.user.')}@example.com`;

    const { user } = await client.user.createUserAndMembership(organizationId, {
      email,
      userProfile: { firstName: 'Test', lastName: 'User' },
      metadata: { source: 'test' },
      sendInvitationEmail: false,
    });
    const userId = user!.id;
    target.cleanup(() => client.user.deleteUser(userId));
    expect(userId).toMatch(/^usr_/);
    expect(user).toMatchObject({ email, metadata: { source: 'test' } });
    expect(user?.memberships.map((m) => m.organizationId)).toContain(organizationId);

    const got = await client.user.getUser(userId);
    expect(got.user?.email).toBe(email);
    const members = await client.user.listOrganizationUsers(organizationId, { pageSize: 10 });
    expect(members.users.map((u) => u.id)).toContain(userId);

    await client.user.deleteUser(userId);
    await expectRejection(client.user.getUser(userId), ScalekitNotFoundException);
  });
});
