import type { ApiKeyInfo } from '../scalekit/api-key-record.js';
import { callerIdentifier } from './caller-identifier.js';

/** Who sent a request, as Scalekit vouched for its API key. Immutable. */
export interface ApiKeyCaller {
  /** `user`: the key belongs to one user of the organization; `organization`: to the organization only. */
  readonly scope: 'user' | 'organization';
  /** The key's public handle (`apit_…`), for audit logs; not a secret. */
  readonly tokenId: string;
  readonly organizationId: string;
  readonly userId: string | undefined;
  /**
   * The per-user identifier of this caller's connected accounts: prefix, organization and user
   * (`<prefix>apikey:<org>:<user>`, see callerIdentifier), so equal user ids of two organizations
   * never share an account. Undefined for organization keys, which may use shared connectors only.
   */
  readonly identifier: string | undefined;
  readonly claims: Readonly<Record<string, string>>;
}

/**
 * Callers made by a guard from a validated key. Sessions accept only these, so no code path can
 * build a caller from request input (a query parameter naming a user, say) and act as that user.
 */
const issued = new WeakSet<ApiKeyCaller>();

export function issueCaller(info: ApiKeyInfo, userIdentifierPrefix: string): ApiKeyCaller {
  const caller: ApiKeyCaller = Object.freeze({
    scope: info.userId ? 'user' : 'organization',
    tokenId: info.tokenId,
    organizationId: info.organizationId,
    userId: info.userId,
    identifier: info.userId ? callerIdentifier(userIdentifierPrefix, info.organizationId, info.userId) : undefined,
    claims: Object.freeze({ ...info.claims }),
  });
  issued.add(caller);
  return caller;
}

export function isIssuedCaller(caller: ApiKeyCaller): boolean {
  return issued.has(caller);
}
