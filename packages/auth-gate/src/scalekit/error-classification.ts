import {
  ScalekitBadRequestException,
  ScalekitException,
  ScalekitForbiddenException,
  ScalekitGatewayTimeoutException,
  ScalekitInternalServerException,
  ScalekitNotFoundException,
  ScalekitServerException,
  ScalekitServiceUnavailableException,
  ScalekitTooManyRequestsException,
  ScalekitUnauthorizedException,
  isToolException,
} from '@scalekit-sdk/node';
import { parseRetryAfter, proxyErrorHeaders } from './proxy-error-headers.js';

export type FailureKind =
  /** Worth retrying: outages, timeouts, 5xx, dropped connections. */
  | 'transient'
  /** The provider or Scalekit asks us to slow down. */
  | 'rate_limited'
  /** The connected account is no longer usable (expired, revoked, provider refuses the token). */
  | 'account'
  /** The client credentials are wrong. */
  | 'credentials'
  /**
   * The request provably never reached Scalekit (connection refused, no route, name not resolved,
   * HTTP/2 stream refused before processing): safe to retry for every method, POST included.
   */
  | 'unreachable'
  /** Anything else: bad input, not found, ... Retrying would not help. */
  | 'permanent';

export interface Classified {
  kind: FailureKind;
  /** HTTP-like status when known. */
  status: number | undefined;
  /** Provider or Scalekit error code (`validation_error`, `CONNECTED_ACCOUNT_NOT_ACTIVE`, ...). */
  code: string | undefined;
  /** A one-line description safe to show (never a token or link). */
  detail: string;
  retryAfterSeconds: number | undefined;
  body: unknown;
  executionId: string | undefined;
}

const NETWORK_CODES = new Set([
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'ECONNABORTED',
  'EAI_AGAIN',
  'ERR_HTTP2_STREAM_ERROR',
]);
const UNREACHABLE_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EHOSTUNREACH']);

/**
 * The SDK keeps only the message of a network failure (the proxy wraps the axios error in a bare
 * ScalekitException; gRPC failures become ScalekitServiceUnavailableException with connect-node's
 * `[unavailable] ...` message), so the message is all there is to read. Node names the syscall
 * that failed: a `connect` or `getaddrinfo` error happened before the connection existed, so not a
 * byte of the request was sent. An HTTP/2 REFUSED_STREAM means the server did not process the
 * stream (RFC 9113 §8.7). Resets after the connection was made ("socket hang up", "read
 * ECONNRESET") are left out: the request may have arrived.
 */
const NEVER_SENT =
  /^(?:\[[a-z_]+\] )?(?:connect (ECONNREFUSED|ECONNRESET|ETIMEDOUT|EHOSTUNREACH|ENETUNREACH|EADDRNOTAVAIL)|getaddrinfo (ENOTFOUND|EAI_AGAIN))\b|REFUSED_STREAM/;

function neverSentCode(message: string): string | undefined {
  const match = NEVER_SENT.exec(message);
  if (!match) return undefined;
  return match[1] ?? match[2] ?? 'REFUSED_STREAM';
}

interface AxiosLike {
  isAxiosError: true;
  code?: string;
  response?: { status: number; data?: unknown; config?: { url?: string } };
  config?: { url?: string };
}

function isAxiosLike(error: unknown): error is AxiosLike {
  return typeof error === 'object' && error !== null && (error as { isAxiosError?: unknown }).isAxiosError === true;
}

function errorCodeOf(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 4 && typeof current === 'object' && current !== null; depth += 1) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    current = (current as { cause?: unknown }).cause ?? (current as { error?: unknown }).error;
  }
  return undefined;
}

/**
 * Retry-After of a failed proxy call: its header, read by the interceptor the gateway installs
 * (the SDK drops headers), else a value some providers put in the body.
 */
function retryAfterFrom(body: unknown): number | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const header = parseRetryAfter(proxyErrorHeaders(body)?.['retry-after']);
  if (header !== undefined) return header;
  const record = body as Record<string, unknown>;
  for (const key of ['retry_after', 'retryAfter', 'retry_after_seconds']) {
    const value = Number(record[key]);
    if (Number.isFinite(value) && value >= 0) return value;
  }
  return undefined;
}

function bodyCode(body: unknown): string | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const record = body as Record<string, unknown>;
  const nested = record['error'];
  if (typeof record['code'] === 'string') return record['code'];
  if (typeof nested === 'string') return nested;
  if (typeof nested === 'object' && nested !== null) {
    const n = nested as Record<string, unknown>;
    if (typeof n['status'] === 'string') return n['status'];
    if (typeof n['code'] === 'string') return n['code'];
  }
  return undefined;
}

function bodyMessage(body: unknown): string | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const record = body as Record<string, unknown>;
  if (typeof record['message'] === 'string') return record['message'];
  const nested = record['error'];
  if (
    typeof nested === 'object' &&
    nested !== null &&
    typeof (nested as Record<string, unknown>)['message'] === 'string'
  ) {
    return (nested as Record<string, unknown>)['message'] as string;
  }
  return undefined;
}

const STATUS_BY_GRPC: Record<number, number> = {
  3: 400,
  5: 404,
  6: 409,
  7: 403,
  8: 429,
  9: 400,
  13: 500,
  14: 503,
  16: 401,
  4: 504,
};

/**
 * Scalekit's answer for a connection name the environment does not have: NotFound saying
 * "connection not found" (the SDK's own tests match that wording), from the connected-account RPCs,
 * magic links, tools and the proxy alike. A missing connected account is NotFound too, so the
 * wording is what tells the two apart.
 */
export function isUnknownConnection(failure: Classified): boolean {
  return failure.status === 404 && /\bconnection not found\b/i.test(failure.detail);
}

/** Turns whatever the SDK threw into a decision: retry, slow down, re-authorize, or give up. */
export function classifyFailure(error: unknown): Classified {
  const base = { retryAfterSeconds: undefined, body: undefined, executionId: undefined };
  if (isAxiosLike(error)) {
    // Only the token call escapes the SDK as a raw AxiosError.
    const status = error.response?.status;
    if (status === 401 || status === 400) {
      return { ...base, kind: 'credentials', status, code: 'invalid_client', detail: 'client credentials refused' };
    }
    const code = error.code;
    if (status === undefined && code && UNREACHABLE_CODES.has(code)) {
      return { ...base, kind: 'unreachable', status, code, detail: `network error ${code}` };
    }
    return { ...base, kind: 'transient', status, code, detail: `token request failed${status ? ` (${status})` : ''}` };
  }
  if (error instanceof ScalekitServerException && !isToolException(error)) {
    const unsent = neverSentCode(error.message);
    if (unsent !== undefined)
      return { ...base, kind: 'unreachable', status: undefined, code: unsent, detail: `network error ${unsent}` };
  }
  if (error instanceof ScalekitServerException) {
    const grpc = error.grpcStatus as number;
    const details: unknown = error.errDetails;
    const isProxy = !Array.isArray(details);
    // For proxy failures the SDK derived grpcStatus from the HTTP status, so this maps it back.
    const status = STATUS_BY_GRPC[grpc];
    const tool = isToolException(error) ? error : undefined;
    const code = tool?.toolErrorCode ?? (isProxy ? bodyCode(details) : (error.errorCode ?? undefined));
    const detail =
      tool?.toolErrorMessage ??
      (isProxy ? bodyMessage(details) : undefined) ??
      error.message.replace(/^\[[a-z_]+\]\s*/, '');
    const common = {
      status,
      code,
      detail,
      body: isProxy ? details : undefined,
      executionId: tool?.executionId,
      retryAfterSeconds: isProxy ? retryAfterFrom(details) : undefined,
    };
    if (error instanceof ScalekitTooManyRequestsException) return { ...common, kind: 'rate_limited' };
    if (
      error instanceof ScalekitServiceUnavailableException ||
      error instanceof ScalekitGatewayTimeoutException ||
      (error instanceof ScalekitInternalServerException && !tool)
    ) {
      return { ...common, kind: 'transient' };
    }
    if (tool && (grpc === 13 || grpc === 14)) return { ...common, kind: 'transient' };
    const inactive =
      code === 'CONNECTED_ACCOUNT_NOT_ACTIVE' ||
      code === 'connected_account_not_active' ||
      error.errorCode === 'CONNECTED_ACCOUNT_NOT_ACTIVE';
    if (inactive) return { ...common, kind: 'account' };
    // A provider refusing the stored token (tool 401) means the grant is gone.
    if (tool && error instanceof ScalekitUnauthorizedException) return { ...common, kind: 'account' };
    if (!tool && error instanceof ScalekitUnauthorizedException && !isProxy) {
      return { ...common, kind: 'credentials' };
    }
    if (isProxy && error instanceof ScalekitUnauthorizedException) return { ...common, kind: 'account' };
    if (
      error instanceof ScalekitBadRequestException ||
      error instanceof ScalekitNotFoundException ||
      error instanceof ScalekitForbiddenException
    ) {
      return { ...common, kind: 'permanent' };
    }
    return { ...common, kind: 'permanent' };
  }
  const code = errorCodeOf(error);
  if (code && UNREACHABLE_CODES.has(code))
    return { ...base, kind: 'unreachable', status: undefined, code, detail: `network error ${code}` };
  if (code && NETWORK_CODES.has(code))
    return { ...base, kind: 'transient', status: undefined, code, detail: `network error ${code}` };
  if (error instanceof ScalekitException) {
    const unsent = neverSentCode(error.message);
    if (unsent !== undefined)
      return { ...base, kind: 'unreachable', status: undefined, code: unsent, detail: `network error ${unsent}` };
    return { ...base, kind: 'transient', status: undefined, code, detail: 'connection to Scalekit failed' };
  }
  return {
    ...base,
    kind: 'permanent',
    status: undefined,
    code,
    detail: error instanceof Error ? error.message : String(error),
  };
}
