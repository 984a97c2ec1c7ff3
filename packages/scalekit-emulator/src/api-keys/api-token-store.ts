import { createHash } from 'node:crypto';
import type { EmulatorClock } from '../clock.js';
import { resourceId, secretToken } from '../ids.js';

/**
 * One API token (an "API key" in Scalekit's docs). The plain key is returned once at creation and
 * never kept: only its SHA-256 is stored (keys are 32 random bytes, so a fast hash is enough).
 */
export interface ApiTokenRecord {
  /** `apit_…`: the public handle used to list, update and revoke; not a secret. */
  tokenId: string;
  hash: string;
  /** Last characters of the plain key, so a person can tell keys apart in a list. */
  suffix: string;
  organizationId: string;
  userId: string | undefined;
  customClaims: Record<string, string>;
  description: string | undefined;
  expiresAt: Date | undefined;
  createdAt: Date;
  /** Set by InvalidateToken (a soft delete, as Scalekit keeps the record for audit). */
  invalidatedAt: Date | undefined;
}

export type TokenState = 'active' | 'expired' | 'revoked';

/** The emulator's own key format (Scalekit's is undocumented; clients must treat keys as opaque). */
const KEY_PREFIX = 'sk_apikey_';
const TOKEN_ID_PREFIX = 'apit_';
const SUFFIX_LENGTH = 4;

export function hashKey(plain: string): string {
  return createHash('sha256').update(plain, 'utf8').digest('hex');
}

export function tokenState(record: ApiTokenRecord, now: number): TokenState {
  if (record.invalidatedAt) return 'revoked';
  if (record.expiresAt && record.expiresAt.getTime() <= now) return 'expired';
  return 'active';
}

export interface NewToken {
  organizationId: string;
  userId?: string | undefined;
  customClaims?: Record<string, string> | undefined;
  description?: string | undefined;
  expiresAt?: Date | undefined;
}

export class ApiTokenStore {
  /** Insertion order is creation order; list pagination relies on it. */
  readonly #byId = new Map<string, ApiTokenRecord>();
  readonly #byHash = new Map<string, string>();

  constructor(private readonly clock: EmulatorClock) {}

  /** A token's state now, on the emulator's clock. */
  state(record: ApiTokenRecord): TokenState {
    return tokenState(record, this.clock.now());
  }

  /** Creates a token and returns the plain key: the only time it exists outside the caller. */
  create(input: NewToken): { key: string; record: ApiTokenRecord } {
    const key = secretToken(KEY_PREFIX);
    const record: ApiTokenRecord = {
      tokenId: resourceId('apit'),
      hash: hashKey(key),
      suffix: key.slice(-SUFFIX_LENGTH),
      organizationId: input.organizationId,
      userId: input.userId,
      customClaims: { ...(input.customClaims ?? {}) },
      description: input.description,
      expiresAt: input.expiresAt,
      createdAt: new Date(this.clock.now()),
      invalidatedAt: undefined,
    };
    this.#add(record);
    return { key, record };
  }

  /** Puts back a token saved by the persistence layer (hash only, as it was stored). */
  restore(record: ApiTokenRecord): void {
    if (this.#byId.has(record.tokenId) || this.#byHash.has(record.hash))
      throw new Error(`token ${record.tokenId} exists`);
    this.#add(record);
  }

  /** A plain key or a token id, as ValidateToken, InvalidateToken and UpdateToken accept either. */
  resolve(keyOrId: string): ApiTokenRecord | undefined {
    if (keyOrId.startsWith(TOKEN_ID_PREFIX)) {
      const byId = this.#byId.get(keyOrId);
      if (byId) return byId;
    }
    const id = this.#byHash.get(hashKey(keyOrId));
    return id === undefined ? undefined : this.#byId.get(id);
  }

  invalidate(record: ApiTokenRecord): void {
    record.invalidatedAt ??= new Date(this.clock.now());
  }

  /** For tests and fault injection: the token is past its expiry from now on. */
  expireNow(record: ApiTokenRecord): void {
    record.expiresAt = new Date(this.clock.now() - 1);
  }

  /** Active tokens of an organization (optionally one user), in creation order. */
  listActive(filter: { organizationId: string; userId?: string | undefined }): ApiTokenRecord[] {
    const now = this.clock.now();
    return this.all().filter(
      (t) =>
        t.organizationId === filter.organizationId &&
        (filter.userId === undefined || t.userId === filter.userId) &&
        tokenState(t, now) === 'active',
    );
  }

  /** Every token, revoked and expired ones included (persistence, admin views). */
  all(): ApiTokenRecord[] {
    return [...this.#byId.values()];
  }

  #add(record: ApiTokenRecord): void {
    this.#byId.set(record.tokenId, record);
    this.#byHash.set(record.hash, record.tokenId);
  }
}
