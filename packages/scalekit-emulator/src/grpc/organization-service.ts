import { Code, type ServiceImpl } from '@connectrpc/connect';
import type { Environment } from '../environment.js';
import { DirectoryConflict, type DirectoryKey, type OrganizationRecord } from '../organizations/directory.js';
import type { OrganizationService } from '../sdk-protocol.js';
import { toOrganization } from './directory-mapper.js';
import { invalidArgument, notFound, pageWindow, scalekitError } from './errors.js';

type Identities = { case: 'id' | 'externalId'; value: string } | { case: undefined; value?: undefined };

/** The `identities` oneof of Get/Update/DeleteOrganization: Scalekit's id or the caller's external id. */
export function directoryKey(identities: Identities, what: string): DirectoryKey {
  if (identities.case === 'id' && identities.value) return { id: identities.value };
  if (identities.case === 'externalId' && identities.value) return { externalId: identities.value };
  throw invalidArgument(`${what} id or external_id is required`, 'id');
}

export function requireOrganization(env: Environment, key: DirectoryKey): OrganizationRecord {
  const org = env.directory.organization(key);
  if (!org) throw notFound('organization not found');
  return org;
}

/** A refused directory change (a taken external id or email) is AlreadyExists. */
export function conflictToStatus<T>(change: () => T): T {
  try {
    return change();
  } catch (error) {
    if (error instanceof DirectoryConflict) throw scalekitError(Code.AlreadyExists, 'ALREADY_EXISTS', error.message);
    throw error;
  }
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value === '' ? undefined : value;
}

export function organizationService(env: Environment): Partial<ServiceImpl<typeof OrganizationService>> {
  return {
    createOrganization(req) {
      const spec = req.organization;
      if (!spec?.displayName) throw invalidArgument('display_name is required', 'organization.display_name');
      const org = conflictToStatus(() =>
        env.directory.createOrganization({
          displayName: spec.displayName,
          externalId: nonEmpty(spec.externalId),
          slug: nonEmpty(spec.slug),
          logoUrl: nonEmpty(spec.logoUrl),
          metadata: spec.metadata,
        }),
      );
      return { organization: toOrganization(org) };
    },

    getOrganization(req) {
      return { organization: toOrganization(requireOrganization(env, directoryKey(req.identities, 'organization'))) };
    },

    listOrganization(req) {
      const externalId = nonEmpty(req.externalId);
      const all = env.directory.organizations().filter((o) => externalId === undefined || o.externalId === externalId);
      const page = pageWindow(all.length, req.pageSize, req.pageToken, { default: 10, max: 100 });
      return {
        organizations: all.slice(page.start, page.end).map(toOrganization),
        totalSize: all.length,
        nextPageToken: page.next,
        prevPageToken: page.prev,
      };
    },

    updateOrganization(req) {
      const org = requireOrganization(env, directoryKey(req.identities, 'organization'));
      const spec = req.organization;
      if (spec?.displayName === '') throw invalidArgument('display_name may not be empty', 'organization.display_name');
      conflictToStatus(() =>
        env.directory.updateOrganization(org, {
          displayName: spec?.displayName,
          externalId: nonEmpty(spec?.externalId),
          slug: nonEmpty(spec?.slug),
          logoUrl: nonEmpty(spec?.logoUrl),
          metadata: spec && Object.keys(spec.metadata).length > 0 ? spec.metadata : undefined,
        }),
      );
      return { organization: toOrganization(org) };
    },

    deleteOrganization(req) {
      env.directory.deleteOrganization(requireOrganization(env, directoryKey(req.identities, 'organization')));
      return {};
    },
  };
}
