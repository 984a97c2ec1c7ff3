import { AuthGateError } from '../core/errors.js';
import type { AccountStatus } from '../scalekit/account-status.js';

/**
 * Errors of serving API callers (Standby). Like every auth-gate error, none carries a key, a token
 * or a magic link: messages may be logged and returned to callers as they are.
 */

/** An organization-scoped key asked for a per-user connector: only a user key says whose account. */
export class UserKeyRequiredError extends AuthGateError {
  readonly code = 'USER_KEY_REQUIRED';
  constructor(readonly connector: string) {
    super(
      `"${connector}" acts in each user's own account, so it needs a user-scoped API key; this key belongs to an ` +
        'organization only. Ask the operator for a key created with --user <your user id>.',
    );
  }
}

export interface PendingAuthorization {
  connector: string;
  status: AccountStatus;
}

/** Per-user connectors of this caller that are not ACTIVE; a fresh authorization link fixes them. */
export class ConnectorAuthorizationRequiredError extends AuthGateError {
  readonly code = 'AUTHORIZATION_REQUIRED';
  constructor(readonly connectors: PendingAuthorization[]) {
    const list = connectors.map((c) => `${c.connector} (${c.status})`).join(', ');
    super(
      `Not connected for this API key's user: ${list}. Request an authorization link for ` +
        `${connectors.length > 1 ? 'each' : 'it'}, open it in a browser and approve, then retry.`,
    );
  }
}

/** Shared connectors are authorized by the operator (`auth-gate connect`), never through an API caller. */
export class OperatorOnlyConnectorError extends AuthGateError {
  readonly code = 'OPERATOR_ONLY_CONNECTOR';
  constructor(readonly connector: string) {
    super(
      `"${connector}" is a shared account of this service, connected by its operator with ` +
        '`auth-gate connect`; API callers cannot authorize it.',
    );
  }
}

/** A caller object that did not come from an API key guard, or whose identity cannot be used. */
export class UntrustedCallerError extends AuthGateError {
  readonly code = 'UNTRUSTED_CALLER';
  constructor(reason: string) {
    super(`This caller cannot act on connected accounts: ${reason}`);
  }
}

/** Scalekit could not be asked about a key (outage, wrong client credentials): not the caller's fault. */
export class ApiKeyCheckUnavailableError extends AuthGateError {
  readonly code = 'API_KEY_CHECK_UNAVAILABLE';
  constructor(reason: string) {
    super(`API keys cannot be checked right now: ${reason}`);
  }
}

/** The identifier prefix leaves no room for callers' identifiers within Scalekit's 100 characters. */
export class IdentifierPrefixTooLongError extends AuthGateError {
  readonly code = 'IDENTIFIER_PREFIX_TOO_LONG';
  constructor(prefixChars: number, maxChars: number) {
    super(
      `The per-user identifier prefix (AUTH_GATE_IDENTIFIER_PREFIX or userIdentifierPrefix) is ${prefixChars} characters; ` +
        `API-key callers need it to be at most ${maxChars} so that their identifiers fit Scalekit's limit of 100. Shorten it.`,
    );
  }
}
