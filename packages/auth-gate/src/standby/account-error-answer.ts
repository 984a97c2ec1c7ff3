import { AuthGateError, SharedConnectorNotConnectedError } from '../core/errors.js';
import {
  ConnectorAuthorizationRequiredError,
  OperatorOnlyConnectorError,
  UntrustedCallerError,
  UserKeyRequiredError,
} from './api-key-errors.js';

/** An HTTP answer to a caller whose request failed on its connected accounts. */
export interface AccountErrorAnswer {
  status: 403 | 409 | 503;
  body: { error: string; message: string; [more: string]: unknown };
  headers: Record<string, string>;
  /** For the server's log: what the operator must see (the caller gets `body` only). */
  log: { level: 'warning' | 'error'; message: string } | undefined;
}

export interface AccountErrorOptions {
  /** Where a caller asks for a consent link for a connector, e.g. `/connect/notion`. */
  connectPath: (connector: string) => string;
  /** Retry-After for answers that are the service's trouble, not the caller's. */
  retryAfterSecs: number;
}

/**
 * The status, body and log line for an auth-gate error of a Standby request: 409 when the caller
 * must connect (with where to get a link), 403 when this key cannot do it, 503 when the operator
 * must act or Scalekit is unavailable (its detail goes to the log, not to the caller).
 * Undefined for an error that is not about accounts.
 */
export function accountErrorAnswer(error: unknown, options: AccountErrorOptions): AccountErrorAnswer | undefined {
  if (error instanceof ConnectorAuthorizationRequiredError) {
    const first = error.connectors[0]?.connector;
    return {
      status: 409,
      body: {
        error: 'authorization_required',
        message: error.message,
        ...(first === undefined ? {} : { connect: options.connectPath(first) }),
        connectors: error.connectors,
      },
      headers: {},
      log: undefined,
    };
  }
  if (
    error instanceof UserKeyRequiredError ||
    error instanceof OperatorOnlyConnectorError ||
    error instanceof UntrustedCallerError
  ) {
    return {
      status: 403,
      body: { error: error.code.toLowerCase(), message: error.message },
      headers: {},
      log: undefined,
    };
  }
  if (error instanceof SharedConnectorNotConnectedError) {
    return {
      status: 503,
      body: { error: 'shared_connector_not_connected', message: error.message },
      headers: {},
      log: { level: 'warning', message: error.message },
    };
  }
  if (error instanceof AuthGateError) {
    // Scalekit unreachable, credentials refused, a connection missing: the operator's to fix.
    return {
      status: 503,
      body: {
        error: 'service_unavailable',
        message: 'The accounts service is not available right now; try again shortly.',
      },
      headers: { 'retry-after': String(options.retryAfterSecs) },
      log: { level: 'error', message: `Scalekit: ${error.message}` },
    };
  }
  return undefined;
}
