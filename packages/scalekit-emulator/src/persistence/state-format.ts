import type { AccountStatus, Credentials } from '../accounts/account-store.js';
import type { AuthPattern } from '../accounts/connections.js';
import type { JsonObject } from '../sandboxes/sandbox.js';
import { isObject } from '../json-object.js';

/** Marks a file as ours, so a stray JSON file is refused with a clear message. */
export const STATE_FORMAT = 'scalekit-emulator-state';
/** Bump when the shape changes incompatibly; an older or newer file is then refused, not misread. */
export const STATE_VERSION = 1;

export interface SavedConnection {
  name: string;
  provider: string;
  auth: AuthPattern;
  scopes: string[];
}

/** An account record with dates as ISO strings (or null). */
export interface SavedAccount {
  id: string;
  connector: string;
  identifier: string;
  organizationId: string | null;
  userId: string | null;
  provider: string;
  auth: AuthPattern;
  status: AccountStatus;
  credentials: Credentials;
  pendingCredentials: Credentials | null;
  apiConfig: JsonObject | null;
  tokenExpiresAt: string | null;
  createdAt: string;
  updatedAt: string;
  lastUsedAt: string | null;
}

export interface SavedSandbox {
  connector: string;
  identifier: string;
  /** The sandbox's `exportState()`, or null when it has none (it is re-seeded on restore). */
  state: JsonObject | null;
}

/**
 * An API token: its SHA-256 and metadata, never the plain key (which exists only in the
 * CreateToken answer). Revoked tokens are kept, so revoking stays idempotent after a restart.
 */
export interface SavedApiToken {
  tokenId: string;
  hash: string;
  suffix: string;
  organizationId: string;
  userId: string | null;
  customClaims: Record<string, string>;
  description: string | null;
  expiresAt: string | null;
  createdAt: string;
  invalidatedAt: string | null;
}

export interface SavedState {
  format: typeof STATE_FORMAT;
  version: typeof STATE_VERSION;
  /** Only connections added at runtime; configured ones come from the options of each start. */
  connections: SavedConnection[];
  accounts: SavedAccount[];
  sandboxes: SavedSandbox[];
  /**
   * Added without a version bump: omitted when there are none, so files without API tokens keep
   * their earlier shape, and files written before tokens existed read as having none.
   */
  apiTokens?: SavedApiToken[];
}

/** A state file that cannot be used; the message names the file and how to recover. */
export class StateFileError extends Error {
  constructor(
    readonly path: string,
    problem: string,
  ) {
    super(
      `Cannot restore the Scalekit emulator state from "${path}": ${problem}. ` +
        'Delete that file to start with a fresh state (or point persistPath / --state at another file).',
    );
    this.name = 'StateFileError';
  }
}

const STATUSES: readonly string[] = ['ACTIVE', 'EXPIRED', 'PENDING_AUTH', 'PENDING_VERIFICATION', 'DISCONNECTED'];
const AUTH_PATTERNS: readonly string[] = ['OAUTH', 'API_KEY', 'BASIC', 'BEARER'];

/** Thrown by the checks below; `parseState` turns it into a StateFileError. */
class ShapeError extends Error {}

type Fields = Record<string, unknown>;

function object(value: unknown, where: string): Fields {
  if (!isObject(value)) throw new ShapeError(`${where} must be an object`);
  return value;
}

function array(value: unknown, where: string): unknown[] {
  if (!Array.isArray(value)) throw new ShapeError(`${where} must be an array`);
  return value;
}

function string(value: unknown, where: string): string {
  if (typeof value !== 'string') throw new ShapeError(`${where} must be a string`);
  return value;
}

function nullableString(value: unknown, where: string): string | null {
  return value === null ? null : string(value, where);
}

function oneOf<T extends string>(value: unknown, allowed: readonly string[], where: string): T {
  if (typeof value !== 'string' || !allowed.includes(value))
    throw new ShapeError(`${where} must be one of ${allowed.join(', ')}`);
  return value as T;
}

function date(value: unknown, where: string): string {
  const text = string(value, where);
  if (Number.isNaN(Date.parse(text))) throw new ShapeError(`${where} must be an ISO date`);
  return text;
}

function nullableDate(value: unknown, where: string): string | null {
  return value === null ? null : date(value, where);
}

function credentials(value: unknown, where: string): Credentials {
  const c = object(value, where);
  switch (c['kind']) {
    case 'oauth':
      return {
        kind: 'oauth',
        accessToken: string(c['accessToken'], `${where}.accessToken`),
        refreshToken: string(c['refreshToken'], `${where}.refreshToken`),
        scopes: array(c['scopes'], `${where}.scopes`).map((s, i) => string(s, `${where}.scopes[${i}]`)),
      };
    case 'static':
      return { kind: 'static', details: object(c['details'], `${where}.details`) };
    case 'none':
      return { kind: 'none' };
    default:
      throw new ShapeError(`${where}.kind must be oauth, static or none`);
  }
}

function connection(value: unknown, where: string): SavedConnection {
  const c = object(value, where);
  return {
    name: string(c['name'], `${where}.name`),
    provider: string(c['provider'], `${where}.provider`),
    auth: oneOf<AuthPattern>(c['auth'], AUTH_PATTERNS, `${where}.auth`),
    scopes: array(c['scopes'], `${where}.scopes`).map((s, i) => string(s, `${where}.scopes[${i}]`)),
  };
}

function account(value: unknown, where: string): SavedAccount {
  const a = object(value, where);
  return {
    id: string(a['id'], `${where}.id`),
    connector: string(a['connector'], `${where}.connector`),
    identifier: string(a['identifier'], `${where}.identifier`),
    organizationId: nullableString(a['organizationId'], `${where}.organizationId`),
    userId: nullableString(a['userId'], `${where}.userId`),
    provider: string(a['provider'], `${where}.provider`),
    auth: oneOf<AuthPattern>(a['auth'], AUTH_PATTERNS, `${where}.auth`),
    status: oneOf<AccountStatus>(a['status'], STATUSES, `${where}.status`),
    credentials: credentials(a['credentials'], `${where}.credentials`),
    pendingCredentials:
      a['pendingCredentials'] === null ? null : credentials(a['pendingCredentials'], `${where}.pendingCredentials`),
    apiConfig: a['apiConfig'] === null ? null : (object(a['apiConfig'], `${where}.apiConfig`) as JsonObject),
    tokenExpiresAt: nullableDate(a['tokenExpiresAt'], `${where}.tokenExpiresAt`),
    createdAt: date(a['createdAt'], `${where}.createdAt`),
    updatedAt: date(a['updatedAt'], `${where}.updatedAt`),
    lastUsedAt: nullableDate(a['lastUsedAt'], `${where}.lastUsedAt`),
  };
}

function sandbox(value: unknown, where: string): SavedSandbox {
  const s = object(value, where);
  return {
    connector: string(s['connector'], `${where}.connector`),
    identifier: string(s['identifier'], `${where}.identifier`),
    state: s['state'] === null ? null : (object(s['state'], `${where}.state`) as JsonObject),
  };
}

function stringMap(value: unknown, where: string): Record<string, string> {
  const map = object(value, where);
  for (const [key, entry] of Object.entries(map)) string(entry, `${where}.${key}`);
  return map as Record<string, string>;
}

function apiToken(value: unknown, where: string): SavedApiToken {
  const t = object(value, where);
  const hash = string(t['hash'], `${where}.hash`);
  if (!/^[0-9a-f]{64}$/.test(hash)) throw new ShapeError(`${where}.hash must be a SHA-256 hex digest`);
  return {
    tokenId: string(t['tokenId'], `${where}.tokenId`),
    hash,
    suffix: string(t['suffix'], `${where}.suffix`),
    organizationId: string(t['organizationId'], `${where}.organizationId`),
    userId: nullableString(t['userId'], `${where}.userId`),
    customClaims: stringMap(t['customClaims'], `${where}.customClaims`),
    description: nullableString(t['description'], `${where}.description`),
    expiresAt: nullableDate(t['expiresAt'], `${where}.expiresAt`),
    createdAt: date(t['createdAt'], `${where}.createdAt`),
    invalidatedAt: nullableDate(t['invalidatedAt'], `${where}.invalidatedAt`),
  };
}

/** Checks the version before anything else, so a newer file says "newer", not "field x is wrong". */
function checkVersion(root: Fields): void {
  if (root['format'] !== STATE_FORMAT)
    throw new ShapeError(`it is not an emulator state file (no "format": "${STATE_FORMAT}")`);
  const version = root['version'];
  if (version === STATE_VERSION) return;
  if (typeof version !== 'number') throw new ShapeError('it has no numeric "version" field');
  throw new ShapeError(`it has state version ${version}, and this emulator reads version ${STATE_VERSION} only`);
}

/** Parses and checks a state file's text; any problem is a StateFileError naming the file. */
export function parseState(text: string, path: string): SavedState {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new StateFileError(path, `it is not valid JSON (${(error as Error).message})`);
  }
  try {
    const root = object(raw, 'the file');
    checkVersion(root);
    return {
      format: STATE_FORMAT,
      version: STATE_VERSION,
      connections: array(root['connections'], 'connections').map((c, i) => connection(c, `connections[${i}]`)),
      accounts: array(root['accounts'], 'accounts').map((a, i) => account(a, `accounts[${i}]`)),
      sandboxes: array(root['sandboxes'], 'sandboxes').map((s, i) => sandbox(s, `sandboxes[${i}]`)),
      apiTokens: array(root['apiTokens'] ?? [], 'apiTokens').map((t, i) => apiToken(t, `apiTokens[${i}]`)),
    };
  } catch (error) {
    if (error instanceof ShapeError) throw new StateFileError(path, error.message);
    throw error;
  }
}
