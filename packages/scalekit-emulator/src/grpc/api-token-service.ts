import type { ServiceImpl } from '@connectrpc/connect';
import { timestampDate, timestampFromDate } from '@bufbuild/protobuf/wkt';
import type { ApiTokenRecord } from '../api-keys/api-token-store.js';
import { tokenPage } from '../api-keys/token-pages.js';
import { checkClaims, checkDescription, checkOrganizationId, checkPageSize } from '../api-keys/token-rules.js';
import type { Environment } from '../environment.js';
import type { ApiTokenService } from '../sdk-protocol.js';
import { invalidArgument, notFound } from './errors.js';

/** Token metadata as the service returns it: never the key, never its hash. */
function toTokenInfo(t: ApiTokenRecord) {
  return {
    tokenId: t.tokenId,
    organizationId: t.organizationId,
    organizationExternalId: '',
    ...(t.userId === undefined ? {} : { userId: t.userId }),
    customClaims: { ...t.customClaims },
    ...(t.expiresAt ? { expiry: timestampFromDate(t.expiresAt) } : {}),
    createdAt: timestampFromDate(t.createdAt),
    ...(t.description === undefined ? {} : { description: t.description }),
    tokenSuffix: t.suffix,
    roles: [],
  };
}

function requireToken(value: string): string {
  if (!value) throw invalidArgument('token is required', 'token');
  return value;
}

/**
 * Unknown, revoked and expired keys get the same NotFound (the descriptor documents "404 Not Found -
 * invalid or expired token"), so the answer tells a prober nothing about which keys once existed.
 * NotFound is also the SDK-meaningful code: it becomes ScalekitValidateTokenFailureException at
 * once, whereas Unauthenticated would make the SDK re-authenticate and retry three times first.
 */
function activeToken(env: Environment, keyOrId: string): ApiTokenRecord {
  const record = env.apiTokens.resolve(requireToken(keyOrId));
  if (!record || env.apiTokens.state(record) !== 'active') throw notFound('invalid or expired token');
  return record;
}

/**
 * API keys are issued for an organization, and optionally one of its users, that exist (Scalekit's
 * SDK tests create both first). In `implicit` mode an unknown organization id is created instead,
 * and user ids are not checked, so suites with fixed ids keep working.
 */
function requireKeyHolder(env: Environment, organizationId: string, userId: string | undefined): void {
  const org = env.directory.organization({ id: organizationId });
  if (env.config.organizations === 'implicit') {
    if (!org) env.directory.createOrganization({ displayName: organizationId }, organizationId);
    return;
  }
  if (!org) throw notFound('organization not found');
  if (userId !== undefined && !env.directory.user({ id: userId })?.memberships.has(organizationId)) {
    throw notFound('user not found in this organization');
  }
}

export function apiTokenService(env: Environment): Partial<ServiceImpl<typeof ApiTokenService>> {
  return {
    createToken(req) {
      const spec = req.token;
      if (!spec) throw invalidArgument('token is required', 'token');
      const organizationId = checkOrganizationId(spec.organizationId, 'token.organization_id');
      requireKeyHolder(env, organizationId, spec.userId || undefined);
      checkClaims(spec.customClaims, 'token.custom_claims');
      const expiresAt = spec.expiry ? timestampDate(spec.expiry) : undefined;
      if (expiresAt && expiresAt.getTime() <= env.clock.now())
        throw invalidArgument('expiry must be in the future', 'token.expiry');
      const { key, record } = env.apiTokens.create({
        organizationId,
        userId: spec.userId || undefined,
        customClaims: spec.customClaims,
        description: checkDescription(spec.description, 'token.description'),
        expiresAt,
      });
      return { token: key, tokenId: record.tokenId, tokenInfo: toTokenInfo(record) };
    },

    validateToken(req) {
      return { tokenInfo: toTokenInfo(activeToken(env, req.token)) };
    },

    /** Idempotent: an already revoked or expired token is fine; only an unknown one is NotFound. */
    invalidateToken(req) {
      const record = env.apiTokens.resolve(requireToken(req.token));
      if (!record) throw notFound('token not found');
      env.apiTokens.invalidate(record);
      return {};
    },

    listTokens(req) {
      const organizationId = checkOrganizationId(req.organizationId, 'organization_id');
      const size = checkPageSize(req.pageSize);
      const visible = env.apiTokens.listActive({ organizationId, userId: req.userId || undefined });
      const page = tokenPage(env.apiTokens.all(), visible, size, req.pageToken);
      return {
        tokens: page.items.map(toTokenInfo),
        totalCount: visible.length,
        nextPageToken: page.next,
        prevPageToken: page.prev,
      };
    },

    updateToken(req) {
      const record = activeToken(env, req.token);
      // The SDK's method documentation: custom claims, when given, replace the whole map. An empty
      // map cannot be told apart from "not given" on the wire, so it keeps the claims.
      if (Object.keys(req.customClaims).length > 0) {
        checkClaims(req.customClaims, 'custom_claims');
        record.customClaims = { ...req.customClaims };
      }
      if (req.description !== undefined) record.description = checkDescription(req.description, 'description');
      return { tokenInfo: toTokenInfo(record) };
    },
  };
}
