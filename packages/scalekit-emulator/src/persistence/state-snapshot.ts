import type { AccountRecord } from '../accounts/account-store.js';
import type { ApiTokenRecord } from '../api-keys/api-token-store.js';
import type { Connection } from '../accounts/connections.js';
import type { Environment } from '../environment.js';
import type { JsonObject } from '../sandboxes/sandbox.js';
import {
  STATE_FORMAT,
  STATE_VERSION,
  StateFileError,
  type SavedAccount,
  type SavedApiToken,
  type SavedState,
} from './state-format.js';

function saveAccount(a: AccountRecord): SavedAccount {
  return {
    id: a.id,
    connector: a.connector,
    identifier: a.identifier,
    organizationId: a.organizationId ?? null,
    userId: a.userId ?? null,
    provider: a.provider,
    auth: a.auth,
    status: a.status,
    credentials: a.credentials,
    pendingCredentials: a.pendingCredentials ?? null,
    apiConfig: (a.apiConfig as JsonObject | undefined) ?? null,
    tokenExpiresAt: a.tokenExpiresAt?.toISOString() ?? null,
    createdAt: a.createdAt.toISOString(),
    updatedAt: a.updatedAt.toISOString(),
    lastUsedAt: a.lastUsedAt?.toISOString() ?? null,
  };
}

function saveApiToken(t: ApiTokenRecord): SavedApiToken {
  return {
    tokenId: t.tokenId,
    hash: t.hash,
    suffix: t.suffix,
    organizationId: t.organizationId,
    userId: t.userId ?? null,
    customClaims: { ...t.customClaims },
    description: t.description ?? null,
    expiresAt: t.expiresAt?.toISOString() ?? null,
    createdAt: t.createdAt.toISOString(),
    invalidatedAt: t.invalidatedAt?.toISOString() ?? null,
  };
}

function restoreApiToken(env: Environment, saved: SavedApiToken, path: string): void {
  const date = (value: string | null): Date | undefined => (value === null ? undefined : new Date(value));
  try {
    env.apiTokens.restore({
      ...saved,
      userId: saved.userId ?? undefined,
      description: saved.description ?? undefined,
      expiresAt: date(saved.expiresAt),
      createdAt: new Date(saved.createdAt),
      invalidatedAt: date(saved.invalidatedAt),
    });
  } catch (error) {
    throw new StateFileError(path, `API token ${saved.tokenId} could not be restored (${(error as Error).message})`);
  }
}

/**
 * The state worth keeping across restarts. Client-credential bearer tokens, magic links and
 * pending verifications are left out on purpose: they are short-lived, and a client simply
 * asks for new ones. The call log and faults belong to one session and are left out too.
 */
export function captureState(env: Environment): SavedState {
  const configured = new Set(env.config.connections.map((c) => c.name));
  const tokens = env.apiTokens.all();
  return {
    format: STATE_FORMAT,
    version: STATE_VERSION,
    connections: env.connections
      .list()
      .filter((c) => !configured.has(c.name))
      .map((c) => ({ name: c.name, provider: c.provider, auth: c.auth, scopes: c.scopes })),
    accounts: env.accounts.list().map(saveAccount),
    sandboxes: env.sandboxes
      .entries()
      .map(({ connector, identifier, sandbox }) => ({ connector, identifier, state: sandbox.exportState?.() ?? null })),
    ...(tokens.length > 0 ? { apiTokens: tokens.map(saveApiToken) } : {}),
  };
}

/** The connection a saved account or sandbox belongs to; refusing beats silently dropping its data. */
function connectionFor(env: Environment, name: string, what: string, path: string): Connection {
  const connection = env.connections.get(name);
  if (connection) return connection;
  throw new StateFileError(path, `${what} belongs to connection "${name}", which this emulator was not started with`);
}

function restoreAccount(env: Environment, saved: SavedAccount, path: string): void {
  // Connection ids are issued afresh on each start, so the account takes its connection's current id.
  const connection = connectionFor(env, saved.connector, `account ${saved.id}`, path);
  try {
    env.accounts.restore({
      ...saved,
      connectionId: connection.id,
      organizationId: saved.organizationId ?? undefined,
      userId: saved.userId ?? undefined,
      pendingCredentials: saved.pendingCredentials ?? undefined,
      apiConfig: saved.apiConfig ?? undefined,
      tokenExpiresAt: saved.tokenExpiresAt === null ? undefined : new Date(saved.tokenExpiresAt),
      createdAt: new Date(saved.createdAt),
      updatedAt: new Date(saved.updatedAt),
      lastUsedAt: saved.lastUsedAt === null ? undefined : new Date(saved.lastUsedAt),
    });
  } catch (error) {
    throw new StateFileError(path, `account ${saved.id} could not be restored (${(error as Error).message})`);
  }
}

/** Puts a saved state into a fresh environment (before the server listens). */
export function restoreState(env: Environment, state: SavedState, path: string): void {
  for (const saved of state.connections) {
    if (env.connections.get(saved.name)) continue;
    try {
      env.connections.add(saved);
    } catch (error) {
      throw new StateFileError(path, `connection "${saved.name}" could not be restored (${(error as Error).message})`);
    }
  }
  for (const saved of state.accounts) restoreAccount(env, saved, path);
  for (const saved of state.sandboxes) {
    const what = `the sandbox of ${saved.connector}/${saved.identifier}`;
    const connection = connectionFor(env, saved.connector, what, path);
    try {
      env.sandboxes.restore(connection, saved.identifier, saved.state ?? undefined);
    } catch (error) {
      throw new StateFileError(path, `${what} could not be restored (${(error as Error).message})`);
    }
  }
  for (const saved of state.apiTokens ?? []) restoreApiToken(env, saved, path);
}
