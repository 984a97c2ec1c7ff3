import type { ServiceImpl } from '@connectrpc/connect';
import type { Environment } from '../environment.js';
import type { UserRecord } from '../organizations/directory.js';
import type { UserService } from '../sdk-protocol.js';
import { toUser } from './directory-mapper.js';
import { invalidArgument, notFound, pageWindow } from './errors.js';
import { conflictToStatus, directoryKey, requireOrganization } from './organization-service.js';

function requireUser(env: Environment, identities: Parameters<typeof directoryKey>[0]): UserRecord {
  const user = env.directory.user(directoryKey(identities, 'user'));
  if (!user) throw notFound('user not found');
  return user;
}

/** What the SDK's test setup and API keys need of users: create in an organization, get, list, delete. */
export function userService(env: Environment): Partial<ServiceImpl<typeof UserService>> {
  return {
    createUserAndMembership(req) {
      if (!req.organizationId) throw invalidArgument('organization_id is required', 'organization_id');
      const org = requireOrganization(env, { id: req.organizationId });
      const spec = req.user;
      if (!spec?.email) throw invalidArgument('email is required', 'user.email');
      if (!/^[^@\s]+@[^@\s]+$/.test(spec.email)) throw invalidArgument('email is not an email address', 'user.email');
      const profile = spec.userProfile;
      const user = conflictToStatus(() =>
        env.directory.createUser(org, {
          email: spec.email,
          externalId: spec.externalId || undefined,
          // The SDK sends first/last name in the deprecated fields; newer clients send given/family name.
          givenName: profile?.givenName || profile?.firstName || undefined,
          familyName: profile?.familyName || profile?.lastName || undefined,
          metadata: spec.metadata,
        }),
      );
      return { user: toUser(user) };
    },

    getUser(req) {
      return { user: toUser(requireUser(env, req.identities)) };
    },

    listOrganizationUsers(req) {
      if (!req.organizationId) throw invalidArgument('organization_id is required', 'organization_id');
      requireOrganization(env, { id: req.organizationId });
      const members = env.directory.members(req.organizationId);
      const page = pageWindow(members.length, req.pageSize, req.pageToken, { default: 10, max: 100 });
      return {
        users: members.slice(page.start, page.end).map(toUser),
        totalSize: members.length,
        nextPageToken: page.next,
        prevPageToken: page.prev,
      };
    },

    deleteUser(req) {
      env.directory.deleteUser(requireUser(env, req.identities));
      return {};
    },

    deleteMembership(req) {
      if (!req.organizationId) throw invalidArgument('organization_id is required', 'organization_id');
      const org = requireOrganization(env, { id: req.organizationId });
      const user = requireUser(env, req.identities);
      if (!env.directory.deleteMembership(org.id, user)) throw notFound('membership not found');
      return {};
    },
  };
}
