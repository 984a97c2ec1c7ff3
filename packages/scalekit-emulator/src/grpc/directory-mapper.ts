import { timestampFromDate } from '@bufbuild/protobuf/wkt';
import type { OrganizationRecord, UserRecord } from '../organizations/directory.js';
import { MembershipStatus } from '../sdk-protocol.js';

/** The environment id users carry (Scalekit's `env_…`; one environment per emulator). */
export const ENVIRONMENT_ID = 'env_emulator';

export function toOrganization(o: OrganizationRecord) {
  return {
    id: o.id,
    createTime: timestampFromDate(o.createdAt),
    updateTime: timestampFromDate(o.updatedAt),
    displayName: o.displayName,
    metadata: { ...o.metadata },
    ...(o.externalId === undefined ? {} : { externalId: o.externalId }),
    ...(o.slug === undefined ? {} : { slug: o.slug }),
    ...(o.logoUrl === undefined ? {} : { logoUrl: o.logoUrl }),
  };
}

export function toUser(u: UserRecord) {
  const name = [u.givenName, u.familyName].filter((part) => part !== '').join(' ');
  return {
    id: u.id,
    environmentId: ENVIRONMENT_ID,
    createTime: timestampFromDate(u.createdAt),
    updateTime: timestampFromDate(u.updatedAt),
    email: u.email,
    ...(u.externalId === undefined ? {} : { externalId: u.externalId }),
    memberships: [...u.memberships].map(([organizationId, joinedAt]) => ({
      organizationId,
      joinTime: timestampFromDate(joinedAt),
      membershipStatus: MembershipStatus.ACTIVE,
    })),
    // The SDK reads first/last name (deprecated fields) as well as given/family name: fill both.
    userProfile: {
      id: u.id,
      givenName: u.givenName,
      familyName: u.familyName,
      firstName: u.givenName,
      lastName: u.familyName,
      name,
    },
    metadata: { ...u.metadata },
  };
}
