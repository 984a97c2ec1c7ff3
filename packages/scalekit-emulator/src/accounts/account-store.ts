import { resourceId, secretToken } from '../ids.js';
import type { AuthPattern, Connection } from './connections.js';

export type AccountStatus = 'ACTIVE' | 'EXPIRED' | 'PENDING_AUTH' | 'PENDING_VERIFICATION' | 'DISCONNECTED';

/** Credentials held for an account, as the connector's auth pattern requires. */
export type Credentials =
  | { kind: 'oauth'; accessToken: string; refreshToken: string; scopes: string[] }
  | { kind: 'static'; details: Record<string, unknown> }
  | { kind: 'none' };

export interface AccountRecord {
  id: string;
  connector: string;
  identifier: string;
  organizationId: string | undefined;
  userId: string | undefined;
  connectionId: string;
  provider: string;
  auth: AuthPattern;
  status: AccountStatus;
  credentials: Credentials;
  /** Credentials issued by a consent flow but held back until the user is verified. */
  pendingCredentials: Credentials | undefined;
  apiConfig: Record<string, unknown> | undefined;
  tokenExpiresAt: Date | undefined;
  createdAt: Date;
  updatedAt: Date;
  lastUsedAt: Date | undefined;
}

/** Where an account is looked up: by id, or by connector and identifier. */
export type AccountSelector = { id: string } | { connector: string; identifier: string };

export interface AccountFilter {
  connector?: string | undefined;
  connectorNames?: string[] | undefined;
  identifier?: string | undefined;
  provider?: string | undefined;
  organizationId?: string | undefined;
  userId?: string | undefined;
  query?: string | undefined;
}

/** How long an issued provider access token lives before the emulator "refreshes" it. */
const ACCESS_TOKEN_TTL_MS = 60 * 60 * 1000;

function keyOf(connector: string, identifier: string): string {
  return `${connector}\u0000${identifier}`;
}

export class AccountStore {
  readonly #byId = new Map<string, AccountRecord>();
  readonly #byKey = new Map<string, string>();
  readonly #listeners = new Set<(account: AccountRecord, previous: AccountStatus | undefined) => void>();

  find(selector: AccountSelector): AccountRecord | undefined {
    if ('id' in selector) return this.#byId.get(selector.id);
    const id = this.#byKey.get(keyOf(selector.connector, selector.identifier));
    return id === undefined ? undefined : this.#byId.get(id);
  }

  create(input: {
    connection: Connection;
    identifier: string;
    organizationId?: string | undefined;
    userId?: string | undefined;
    credentials?: Credentials | undefined;
    apiConfig?: Record<string, unknown> | undefined;
  }): AccountRecord {
    const key = keyOf(input.connection.name, input.identifier);
    if (this.#byKey.has(key)) throw new Error('account exists');
    const now = new Date();
    const credentials = input.credentials ?? { kind: 'none' };
    // Credentials given at creation (static ones, or bring-your-own OAuth tokens) make the account
    // usable at once, as update() does.
    const usable = credentials.kind === 'static' || (credentials.kind === 'oauth' && credentials.accessToken !== '');
    const status: AccountStatus = usable ? 'ACTIVE' : 'PENDING_AUTH';
    const account: AccountRecord = {
      id: resourceId('ca'),
      connector: input.connection.name,
      identifier: input.identifier,
      organizationId: input.organizationId,
      userId: input.userId,
      connectionId: input.connection.id,
      provider: input.connection.provider,
      auth: input.connection.auth,
      status,
      credentials,
      pendingCredentials: undefined,
      apiConfig: input.apiConfig,
      tokenExpiresAt:
        usable && credentials.kind === 'oauth' ? new Date(now.getTime() + ACCESS_TOKEN_TTL_MS) : undefined,
      createdAt: now,
      updatedAt: now,
      lastUsedAt: undefined,
    };
    this.#byId.set(account.id, account);
    this.#byKey.set(key, account.id);
    this.#emit(account, undefined);
    return account;
  }

  /** Puts back an account saved by the persistence layer, keeping its id, status and credentials. */
  restore(record: AccountRecord): void {
    const key = keyOf(record.connector, record.identifier);
    if (this.#byKey.has(key) || this.#byId.has(record.id)) throw new Error(`account ${record.id} exists`);
    this.#byId.set(record.id, record);
    this.#byKey.set(key, record.id);
  }

  update(
    account: AccountRecord,
    changes: { credentials?: Credentials | undefined; apiConfig?: Record<string, unknown> | undefined },
  ): AccountRecord {
    if (changes.credentials !== undefined) {
      account.credentials = changes.credentials;
      if (changes.credentials.kind === 'static') this.setStatus(account, 'ACTIVE');
      if (changes.credentials.kind === 'oauth' && changes.credentials.accessToken !== '') {
        account.tokenExpiresAt = new Date(Date.now() + ACCESS_TOKEN_TTL_MS);
        this.setStatus(account, 'ACTIVE');
      }
    }
    if (changes.apiConfig !== undefined) account.apiConfig = changes.apiConfig;
    account.updatedAt = new Date();
    return account;
  }

  delete(account: AccountRecord): void {
    this.#byId.delete(account.id);
    this.#byKey.delete(keyOf(account.connector, account.identifier));
  }

  list(filter: AccountFilter = {}): AccountRecord[] {
    const query = filter.query?.toLowerCase();
    return [...this.#byId.values()].filter(
      (a) =>
        (filter.connector === undefined || a.connector === filter.connector) &&
        (filter.connectorNames === undefined || filter.connectorNames.includes(a.connector)) &&
        (filter.identifier === undefined || a.identifier === filter.identifier) &&
        (filter.provider === undefined || a.provider === filter.provider.toUpperCase()) &&
        (filter.organizationId === undefined || a.organizationId === filter.organizationId) &&
        (filter.userId === undefined || a.userId === filter.userId) &&
        (query === undefined ||
          a.identifier.toLowerCase().includes(query) ||
          a.connector.toLowerCase().includes(query)),
    );
  }

  setStatus(account: AccountRecord, status: AccountStatus): void {
    const previous = account.status;
    account.status = status;
    account.updatedAt = new Date();
    if (status === 'DISCONNECTED') {
      account.credentials = { kind: 'none' };
      account.tokenExpiresAt = undefined;
    }
    if (previous !== status) this.#emit(account, previous);
  }

  /** Issues fresh provider tokens, as the provider's OAuth consent would. */
  issueOauthCredentials(connection: Connection): Credentials {
    return {
      kind: 'oauth',
      accessToken: secretToken(`${connection.provider.toLowerCase()}_at_`),
      refreshToken: secretToken(`${connection.provider.toLowerCase()}_rt_`),
      scopes: [...connection.scopes],
    };
  }

  /** Marks the account ACTIVE with the given credentials (consent approved and, if asked, verified). */
  activate(account: AccountRecord, credentials: Credentials): void {
    account.credentials = credentials;
    account.pendingCredentials = undefined;
    account.tokenExpiresAt = credentials.kind === 'oauth' ? new Date(Date.now() + ACCESS_TOKEN_TTL_MS) : undefined;
    this.setStatus(account, 'ACTIVE');
  }

  /**
   * Before a call, Scalekit refreshes an access token that is about to expire; an account whose
   * refresh token was revoked is EXPIRED instead and the call must fail.
   */
  refreshIfDue(account: AccountRecord): void {
    if (account.status !== 'ACTIVE' || account.credentials.kind !== 'oauth') return;
    const due = account.tokenExpiresAt === undefined || account.tokenExpiresAt.getTime() - Date.now() < 5 * 60 * 1000;
    if (!due) return;
    account.credentials = { ...account.credentials, accessToken: secretToken(`${account.provider.toLowerCase()}_at_`) };
    account.tokenExpiresAt = new Date(Date.now() + ACCESS_TOKEN_TTL_MS);
    account.updatedAt = new Date();
  }

  touch(account: AccountRecord): void {
    account.lastUsedAt = new Date();
  }

  onStatusChange(listener: (account: AccountRecord, previous: AccountStatus | undefined) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  #emit(account: AccountRecord, previous: AccountStatus | undefined): void {
    for (const listener of this.#listeners) listener(account, previous);
  }
}
