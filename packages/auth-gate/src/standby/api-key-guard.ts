import type { IncomingMessage, ServerResponse } from 'node:http';
import { credentialsFromEnv, type ScalekitCredentials } from '../core/credentials.js';
import { AuthGateError } from '../core/errors.js';
import { PREFIX_VARIABLE } from '../core/connectors.js';
import { emptyMetrics } from '../core/metrics.js';
import { ScalekitGateway } from '../scalekit/scalekit-gateway.js';
import { issueCaller, type ApiKeyCaller } from './api-key-caller.js';
import { ApiKeyCheckUnavailableError, IdentifierPrefixTooLongError } from './api-key-errors.js';
import { parseBearer } from './bearer.js';
import { callerPrefixFits, MAX_CALLER_PREFIX_CHARS } from './caller-identifier.js';

export interface ApiKeyGuardOptions {
  /** Defaults to the SCALEKIT_* environment variables. */
  credentials?: ScalekitCredentials;
  /**
   * Prepended to a user key's identifier (`<prefix>apikey:<org>:<user>`). Defaults to
   * AUTH_GATE_IDENTIFIER_PREFIX, the prefix Actor runs use, so one Scalekit environment can serve
   * several products. At most 53 characters (Scalekit's identifiers hold 100).
   */
  userIdentifierPrefix?: string;
}

export interface ApiKeyRefusalBody {
  error: 'missing_api_key' | 'malformed_api_key' | 'invalid_api_key' | 'api_key_check_unavailable';
  message: string;
}

/**
 * 401: the caller's key is missing, malformed, unknown, expired or revoked (one answer for the
 * last three, so probing tells nothing). 503: Scalekit could not be asked; `error` is for the
 * server's own log (its message holds no secret) and must not be sent to the caller.
 */
export type ApiKeyRefusal =
  | { ok: false; status: 401; body: ApiKeyRefusalBody }
  | { ok: false; status: 503; body: ApiKeyRefusalBody; error: ApiKeyCheckUnavailableError };

export type ApiKeyGuardResult = { ok: true; caller: ApiKeyCaller } | ApiKeyRefusal;

export type ApiKeyGuard = (req: IncomingMessage) => Promise<ApiKeyGuardResult>;

const MESSAGES = {
  missing_api_key: 'Send your API key in the header "Authorization: Bearer <key>".',
  malformed_api_key: 'The Authorization header must be "Bearer <key>" with one API key (a token id is not a key).',
  invalid_api_key: 'The API key is invalid, expired or revoked. Ask the operator for a new key.',
} as const;

/** A new object each time, so a server that decorates one refusal cannot change the next. */
function refused(error: keyof typeof MESSAGES): ApiKeyRefusal {
  return { ok: false, status: 401, body: { error, message: MESSAGES[error] } };
}

/** A fresh error with the reason only: the original's cause chain may hold SDK request details. */
function unavailable(error: unknown): ApiKeyRefusal {
  const reason =
    error instanceof AuthGateError ? error.message : `unexpected ${error instanceof Error ? error.name : 'failure'}`;
  return {
    ok: false,
    status: 503,
    body: {
      error: 'api_key_check_unavailable',
      message: 'The API key could not be checked right now; try again shortly.',
    },
    error: new ApiKeyCheckUnavailableError(reason),
  };
}

/**
 * A request guard for Node HTTP servers (e.g. an Actor in Standby mode): reads the bearer key and
 * asks Scalekit about it on every request, without caching, so a revoked key is refused at once.
 */
export function createApiKeyGuard(options: ApiKeyGuardOptions = {}): ApiKeyGuard {
  const gateway = new ScalekitGateway(options.credentials ?? credentialsFromEnv(), emptyMetrics());
  const prefix = options.userIdentifierPrefix ?? process.env[PREFIX_VARIABLE] ?? '';
  // A configuration error, so at start and not as a 503 on every request.
  if (!callerPrefixFits(prefix)) throw new IdentifierPrefixTooLongError([...prefix].length, MAX_CALLER_PREFIX_CHARS);
  return async (req) => {
    const bearer = parseBearer(req.headers.authorization);
    if (bearer.kind === 'missing') return refused('missing_api_key');
    if (bearer.kind === 'malformed') return refused('malformed_api_key');
    try {
      const info = await gateway.validateApiKey(bearer.key);
      return info ? { ok: true, caller: issueCaller(info, prefix) } : refused('invalid_api_key');
    } catch (error) {
      return unavailable(error);
    }
  };
}

/** Writes a refusal as JSON, with the RFC 6750 challenge on 401s and no caching anywhere. */
export function writeApiKeyRefusal(res: ServerResponse, refusal: ApiKeyRefusal): void {
  const headers: Record<string, string> = {
    'content-type': 'application/json; charset=utf-8',
    'cache-control': 'no-store',
  };
  if (refusal.status === 401) {
    headers['www-authenticate'] = refusal.body.error === 'missing_api_key' ? 'Bearer' : 'Bearer error="invalid_token"';
  } else {
    headers['retry-after'] = '5';
  }
  res.writeHead(refusal.status, headers).end(JSON.stringify(refusal.body));
}
