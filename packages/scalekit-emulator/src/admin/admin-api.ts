import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AccountRecord, AccountStatus } from '../accounts/account-store.js';
import type { AuthPattern } from '../accounts/connections.js';
import { tokenState, type ApiTokenRecord, type TokenState } from '../api-keys/api-token-store.js';
import { ScriptFormatError, parseScriptPayload } from '../anthropic/script-parsing.js';
import type { ScriptedAnthropic } from '../anthropic/scripted-anthropic.js';
import type { Environment } from '../environment.js';
import type { FaultRule } from '../faults/fault-injector.js';
import type { CallKind } from '../observability/call-log.js';
import { readBody, sendJson } from '../transport/http-io.js';
import { isObject } from '../json-object.js';

/** An account as the admin API shows it: status and metadata, never credentials. */
export interface AccountView {
  id: string;
  connector: string;
  identifier: string;
  provider: string;
  auth: AuthPattern;
  status: AccountStatus;
  organizationId: string | null;
  userId: string | null;
  hasCredentials: boolean;
  tokenExpiresAt: string | null;
  createdAt: string;
  updatedAt: string;
  lastUsedAt: string | null;
}

export function accountView(a: AccountRecord): AccountView {
  return {
    id: a.id,
    connector: a.connector,
    identifier: a.identifier,
    provider: a.provider,
    auth: a.auth,
    status: a.status,
    organizationId: a.organizationId ?? null,
    userId: a.userId ?? null,
    hasCredentials: a.credentials.kind !== 'none',
    tokenExpiresAt: a.tokenExpiresAt?.toISOString() ?? null,
    createdAt: a.createdAt.toISOString(),
    updatedAt: a.updatedAt.toISOString(),
    lastUsedAt: a.lastUsedAt?.toISOString() ?? null,
  };
}

/** An API token as the admin API shows it: metadata and state, never the key or its hash. */
export interface ApiTokenView {
  tokenId: string;
  organizationId: string;
  userId: string | null;
  customClaims: Record<string, string>;
  description: string | null;
  suffix: string;
  state: TokenState;
  expiresAt: string | null;
  createdAt: string;
  invalidatedAt: string | null;
}

export function apiTokenView(t: ApiTokenRecord, now: number): ApiTokenView {
  return {
    tokenId: t.tokenId,
    organizationId: t.organizationId,
    userId: t.userId ?? null,
    customClaims: { ...t.customClaims },
    description: t.description ?? null,
    suffix: t.suffix,
    state: tokenState(t, now),
    expiresAt: t.expiresAt?.toISOString() ?? null,
    createdAt: t.createdAt.toISOString(),
    invalidatedAt: t.invalidatedAt?.toISOString() ?? null,
  };
}

const STATUSES: readonly AccountStatus[] = [
  'ACTIVE',
  'EXPIRED',
  'PENDING_AUTH',
  'PENDING_VERIFICATION',
  'DISCONNECTED',
];
const AUTH_PATTERNS: readonly AuthPattern[] = ['OAUTH', 'API_KEY', 'BASIC', 'BEARER'];

class AdminInputError extends Error {}

const PARAM_SLOTS: Record<string, number[]> = { accounts: [1], faults: [1], sandboxes: [1, 2], 'api-tokens': [1] };

async function jsonBody(req: IncomingMessage): Promise<Record<string, unknown>> {
  const text = await readBody(req);
  if (text === '') return {};
  try {
    const parsed = JSON.parse(text) as unknown;
    if (isObject(parsed)) return parsed;
  } catch {
    // fall through to the error below
  }
  throw new AdminInputError('body must be a JSON object');
}

function isFaultRule(value: Record<string, unknown>): value is Record<string, unknown> & FaultRule {
  const effect = value['effect'] as Record<string, unknown> | undefined;
  const type = effect?.['type'];
  if (!isObject(value['match'])) throw new AdminInputError('fault needs a match object');
  if (type === 'latency' && typeof effect?.['ms'] === 'number') return true;
  if (type === 'error' && typeof effect?.['code'] === 'string') return true;
  if (type === 'rate_limit' && typeof effect?.['retryAfterSeconds'] === 'number') return true;
  throw new AdminInputError(
    'fault effect must be {type:"latency",ms}, {type:"error",code} or {type:"rate_limit",retryAfterSeconds}',
  );
}

/** The JSON admin API under `/admin`. Loopback only, like the rest of the emulator. */
export async function handleAdmin(
  env: Environment,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  anthropic?: ScriptedAnthropic,
): Promise<void> {
  const method = req.method ?? 'GET';
  const parts = url.pathname.split('/').filter(Boolean).slice(1).map(decodeURIComponent);
  // Path parameters become ':' so each route is one switch case.
  const paramSlots = PARAM_SLOTS[parts[0] ?? ''] ?? [];
  const route = `${method} /${parts.map((p, i) => (paramSlots.includes(i) ? ':' : p)).join('/')}`;
  try {
    switch (route) {
      case 'GET /health':
        return sendJson(res, 200, { ok: true });
      case 'GET /connections':
        return sendJson(res, 200, {
          connections: env.connections
            .list()
            .map((c) => ({ name: c.name, provider: c.provider, auth: c.auth, id: c.id })),
        });
      case 'POST /connections': {
        const body = await jsonBody(req);
        const auth = (body['auth'] ?? 'OAUTH') as AuthPattern;
        if (typeof body['name'] !== 'string') throw new AdminInputError('connection needs a name');
        if (!AUTH_PATTERNS.includes(auth)) throw new AdminInputError(`auth must be one of ${AUTH_PATTERNS.join(', ')}`);
        let connection;
        try {
          connection = env.connections.add({
            name: body['name'],
            provider: typeof body['provider'] === 'string' ? body['provider'] : body['name'],
            auth,
            scopes: Array.isArray(body['scopes']) ? body['scopes'].map(String) : [],
          });
        } catch (error) {
          // A duplicate or malformed name is the caller's mistake, not an emulator error.
          throw new AdminInputError((error as Error).message);
        }
        return sendJson(res, 201, {
          name: connection.name,
          provider: connection.provider,
          auth: connection.auth,
          id: connection.id,
        });
      }
      case 'GET /accounts': {
        const q = url.searchParams;
        const accounts = env.accounts.list({
          connector: q.get('connector') ?? undefined,
          identifier: q.get('identifier') ?? undefined,
        });
        return sendJson(res, 200, { accounts: accounts.map(accountView) });
      }
      case 'GET /accounts/:':
      case 'POST /accounts/:/status':
      case 'DELETE /accounts/:': {
        const account = env.accounts.find({ id: parts[1]! });
        if (!account) return sendJson(res, 404, { error: 'account not found' });
        if (method === 'GET') return sendJson(res, 200, accountView(account));
        if (method === 'DELETE') {
          env.accounts.delete(account);
          env.authRequests.forgetAccount(account.id);
          return sendJson(res, 200, { deleted: account.id });
        }
        const status = (await jsonBody(req))['status'] as AccountStatus;
        if (!STATUSES.includes(status)) throw new AdminInputError(`status must be one of ${STATUSES.join(', ')}`);
        if (status === 'ACTIVE' && account.credentials.kind === 'none') {
          throw new AdminInputError('an account without credentials cannot be ACTIVE; approve its magic link instead');
        }
        env.accounts.setStatus(account, status);
        return sendJson(res, 200, accountView(account));
      }
      case 'GET /api-tokens': {
        const organizationId = url.searchParams.get('organizationId');
        const tokens = env.apiTokens
          .all()
          .filter((t) => organizationId === null || t.organizationId === organizationId);
        return sendJson(res, 200, { tokens: tokens.map((t) => apiTokenView(t, env.clock.now())) });
      }
      case 'POST /api-tokens/:/expire': {
        // Fault injection: a key that reaches its expiry now, without waiting for the clock.
        const token = env.apiTokens.resolve(parts[1]!);
        if (!token || !parts[1]!.startsWith('apit_')) return sendJson(res, 404, { error: 'token not found' });
        env.apiTokens.expireNow(token);
        return sendJson(res, 200, apiTokenView(token, env.clock.now()));
      }
      case 'GET /calls': {
        const kind = url.searchParams.get('kind') as CallKind | null;
        const since = url.searchParams.get('since');
        return sendJson(res, 200, {
          calls: env.calls.entries({
            ...(kind ? { kind } : {}),
            ...(url.searchParams.get('identifier') ? { identifier: url.searchParams.get('identifier')! } : {}),
            ...(since ? { since: Number(since) } : {}),
          }),
        });
      }
      case 'GET /counters':
        return sendJson(res, 200, env.calls.counters());
      case 'POST /clock/advance': {
        // Moves the emulator's clock (expiries of keys, links, verifications) instead of sleeping.
        const ms = (await jsonBody(req))['ms'];
        if (typeof ms !== 'number' || !Number.isFinite(ms) || ms < 0)
          throw new AdminInputError('clock advance needs { ms: a number >= 0 }');
        return sendJson(res, 200, { now: new Date(env.clock.advance(ms)).toISOString() });
      }
      case 'POST /calls/reset':
        env.calls.reset();
        return sendJson(res, 200, { reset: true });
      case 'GET /faults':
        return sendJson(res, 200, { faults: env.faults.list() });
      case 'POST /faults': {
        const body = await jsonBody(req);
        if (!isFaultRule(body)) throw new AdminInputError('invalid fault');
        try {
          return sendJson(res, 201, env.faults.add(body));
        } catch (error) {
          throw new AdminInputError((error as Error).message);
        }
      }
      case 'DELETE /faults':
        env.faults.clear();
        return sendJson(res, 200, { cleared: true });
      case 'DELETE /faults/:':
        return env.faults.remove(parts[1]!)
          ? sendJson(res, 200, { deleted: parts[1] })
          : sendJson(res, 404, { error: 'fault not found' });
      case 'POST /client-tokens/expire':
        return sendJson(res, 200, { expired: env.clientTokens.expireAll() });
      case 'POST /magic-links/expire':
        return sendJson(res, 200, { expired: env.authRequests.expireAllLinks() });
      case 'GET /sandboxes':
        return sendJson(res, 200, {
          sandboxes: env.sandboxes.entries().map(({ connector, identifier }) => ({ connector, identifier })),
        });
      case 'GET /sandboxes/:/:': {
        const sandbox = env.sandboxes.find(parts[1]!, parts[2]!);
        return sandbox ? sendJson(res, 200, sandbox.snapshot()) : sendJson(res, 404, { error: 'sandbox not found' });
      }
      case 'POST /anthropic/script':
      case 'GET /anthropic/script':
      case 'DELETE /anthropic/script':
      case 'GET /anthropic/requests':
      case 'DELETE /anthropic/requests': {
        if (!anthropic) return sendJson(res, 404, { error: 'the Anthropic stand-in is not enabled' });
        if (route === 'POST /anthropic/script') {
          const script = parseScriptPayload(await jsonBody(req));
          if (script.replace) anthropic.clearScript();
          anthropic.enqueue(...script.answers);
          for (const rule of script.rules) anthropic.addRule(rule);
          return sendJson(res, 201, anthropic.status());
        }
        if (route === 'GET /anthropic/script') return sendJson(res, 200, anthropic.status());
        if (route === 'DELETE /anthropic/script') {
          anthropic.clearScript();
          return sendJson(res, 200, anthropic.status());
        }
        if (route === 'DELETE /anthropic/requests') {
          anthropic.clearRequests();
          return sendJson(res, 200, { cleared: true });
        }
        return sendJson(res, 200, { requests: anthropic.requests() });
      }
      default:
        return sendJson(res, 404, { error: `no admin route ${method} ${url.pathname}` });
    }
  } catch (error) {
    if (error instanceof AdminInputError || error instanceof ScriptFormatError)
      return sendJson(res, 400, { error: error.message });
    throw error;
  }
}
