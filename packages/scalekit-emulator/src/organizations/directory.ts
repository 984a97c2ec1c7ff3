import type { EmulatorClock } from '../clock.js';
import { resourceId } from '../ids.js';

/** An organization (a B2B customer, "tenant") of the environment. */
export interface OrganizationRecord {
  id: string;
  displayName: string;
  externalId: string | undefined;
  slug: string | undefined;
  logoUrl: string | undefined;
  metadata: Record<string, string>;
  createdAt: Date;
  updatedAt: Date;
}

/** A user of the environment and the organizations it is a member of. */
export interface UserRecord {
  id: string;
  email: string;
  externalId: string | undefined;
  givenName: string;
  familyName: string;
  metadata: Record<string, string>;
  /** Organization id -> when the membership began. */
  memberships: Map<string, Date>;
  createdAt: Date;
  updatedAt: Date;
}

/** How an organization or a user is named in a request: Scalekit's id, or the caller's external id. */
export type DirectoryKey = { id: string } | { externalId: string };

export interface NewOrganization {
  displayName: string;
  externalId?: string | undefined;
  slug?: string | undefined;
  logoUrl?: string | undefined;
  metadata?: Record<string, string> | undefined;
}

export interface NewUser {
  email: string;
  externalId?: string | undefined;
  givenName?: string | undefined;
  familyName?: string | undefined;
  metadata?: Record<string, string> | undefined;
}

/** Why a directory change was refused; the gRPC layer maps it to a status code. */
export class DirectoryConflict extends Error {}

/**
 * Organizations and their users, as far as API keys and connected accounts need them: API keys are
 * issued for an organization (and optionally one of its users), so they must exist first.
 */
export class Directory {
  /** Insertion order is creation order (lists rely on it). */
  readonly #organizations = new Map<string, OrganizationRecord>();
  readonly #users = new Map<string, UserRecord>();

  constructor(private readonly clock: EmulatorClock) {}

  createOrganization(input: NewOrganization, id = resourceId('org')): OrganizationRecord {
    if (input.externalId !== undefined && this.organization({ externalId: input.externalId })) {
      throw new DirectoryConflict(`an organization with external_id "${input.externalId}" already exists`);
    }
    const now = new Date(this.clock.now());
    const record: OrganizationRecord = {
      id,
      displayName: input.displayName,
      externalId: input.externalId,
      slug: input.slug,
      logoUrl: input.logoUrl,
      metadata: { ...(input.metadata ?? {}) },
      createdAt: now,
      updatedAt: now,
    };
    this.#organizations.set(record.id, record);
    return record;
  }

  organization(key: DirectoryKey): OrganizationRecord | undefined {
    if ('id' in key) return this.#organizations.get(key.id);
    return this.organizations().find((o) => o.externalId === key.externalId);
  }

  organizations(): OrganizationRecord[] {
    return [...this.#organizations.values()];
  }

  updateOrganization(org: OrganizationRecord, changes: Partial<NewOrganization>): OrganizationRecord {
    if (changes.externalId !== undefined && changes.externalId !== org.externalId) {
      if (this.organization({ externalId: changes.externalId })) {
        throw new DirectoryConflict(`an organization with external_id "${changes.externalId}" already exists`);
      }
      org.externalId = changes.externalId;
    }
    if (changes.displayName !== undefined) org.displayName = changes.displayName;
    if (changes.slug !== undefined) org.slug = changes.slug;
    if (changes.logoUrl !== undefined) org.logoUrl = changes.logoUrl;
    if (changes.metadata !== undefined) org.metadata = { ...changes.metadata };
    org.updatedAt = new Date(this.clock.now());
    return org;
  }

  /** Deletes the organization and every membership in it; the users themselves stay. */
  deleteOrganization(org: OrganizationRecord): void {
    this.#organizations.delete(org.id);
    for (const user of this.#users.values()) user.memberships.delete(org.id);
  }

  /** A new user, a member of `organization` from now on. */
  createUser(organization: OrganizationRecord, input: NewUser): UserRecord {
    const email = input.email.toLowerCase();
    if (this.users().some((u) => u.email === email)) {
      throw new DirectoryConflict(`a user with email "${input.email}" already exists`);
    }
    if (input.externalId !== undefined && this.user({ externalId: input.externalId })) {
      throw new DirectoryConflict(`a user with external_id "${input.externalId}" already exists`);
    }
    const now = new Date(this.clock.now());
    const record: UserRecord = {
      id: resourceId('usr'),
      email,
      externalId: input.externalId,
      givenName: input.givenName ?? '',
      familyName: input.familyName ?? '',
      metadata: { ...(input.metadata ?? {}) },
      memberships: new Map([[organization.id, now]]),
      createdAt: now,
      updatedAt: now,
    };
    this.#users.set(record.id, record);
    return record;
  }

  user(key: DirectoryKey): UserRecord | undefined {
    if ('id' in key) return this.#users.get(key.id);
    return this.users().find((u) => u.externalId === key.externalId);
  }

  users(): UserRecord[] {
    return [...this.#users.values()];
  }

  /** Members of an organization, in the order they were created. */
  members(organizationId: string): UserRecord[] {
    return this.users().filter((u) => u.memberships.has(organizationId));
  }

  deleteUser(user: UserRecord): void {
    this.#users.delete(user.id);
  }

  /** Ends a membership; false when there was none. */
  deleteMembership(organizationId: string, user: UserRecord): boolean {
    return user.memberships.delete(organizationId);
  }
}
