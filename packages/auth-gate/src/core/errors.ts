/**
 * Typed errors. Every message says what to do next, and none ever contains a token, a client
 * secret or a magic link: they end up in logs, status messages and OUTPUT records.
 */
export abstract class AuthGateError extends Error {
  abstract readonly code: string;

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

/**
 * A failure an Actor raises that its user can act on (bad input, a page that is not shared, a
 * refused key): `reportFailure` shows the message as it is, without a stack trace, like the gate's
 * own expected failures.
 */
export class ActionableError extends AuthGateError {
  constructor(
    readonly code: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

export class MissingCredentialsError extends AuthGateError {
  readonly code = 'MISSING_CREDENTIALS';
  constructor(readonly missing: string[]) {
    super(
      `Scalekit is not configured: set ${missing.join(', ')} (Actor environment variables on Apify; ` +
        'the values are in the Scalekit dashboard under Developers > Settings > API credentials).',
    );
  }
}

export class InvalidCredentialsError extends AuthGateError {
  readonly code = 'INVALID_CREDENTIALS';
  constructor(envUrl: string, options?: { cause?: unknown }) {
    super(
      `Scalekit at ${envUrl} refused the client credentials: check SCALEKIT_CLIENT_ID and SCALEKIT_CLIENT_SECRET ` +
        'belong to this environment (SCALEKIT_ENV_URL).',
      options,
    );
  }
}

/**
 * Scalekit refused connections (or could not be found) for longer than the retry budget: nothing
 * that was not sent is lost, but the run cannot go on.
 */
export class ScalekitUnreachableError extends AuthGateError {
  readonly code = 'SCALEKIT_UNREACHABLE';
  constructor(
    readonly envUrl: string,
    options?: { cause?: unknown; waitedSeconds?: number; networkError?: string },
  ) {
    const how = options?.networkError
      ? ` (${options.networkError}` + (options.waitedSeconds ? ` for ${options.waitedSeconds}s)` : ')')
      : '';
    super(
      `Scalekit at ${envUrl} is unreachable${how}: check SCALEKIT_ENV_URL and the network, or whether Scalekit is ` +
        'having an outage, then run again. Nothing was half-done: the calls that failed never reached Scalekit.',
      options,
    );
  }
}

/**
 * A connector's calls kept failing the same way (e.g. ten 503s in a row): auth-gate stopped calling
 * it for the rest of the run (circuit breaker) rather than sending more useless requests.
 */
export class ConnectorOutageError extends AuthGateError {
  readonly code = 'CONNECTOR_OUTAGE';
  constructor(
    readonly connector: string,
    readonly failure: string,
    readonly failures: number,
    detail: string,
  ) {
    super(
      `Stopped calling ${connector}: its last ${failures} calls in a row failed with ${failure} (${detail}). ` +
        `${connector} or Scalekit seems to be having an outage; run the Actor again later (what was written is kept).`,
    );
  }
}

export class ConnectorNotConfiguredError extends AuthGateError {
  readonly code = 'CONNECTOR_NOT_CONFIGURED';
  constructor(readonly connector: string) {
    super(
      `The Scalekit environment has no connection named "${connector}": create it in the Scalekit dashboard ` +
        '(AgentKit > Connections) with exactly this name, or fix the connector name in the Actor.',
    );
  }
}

export class IdentityUnavailableError extends AuthGateError {
  readonly code = 'IDENTITY_UNAVAILABLE';
  constructor(detail: string) {
    super(`Cannot tell which user this run belongs to: ${detail}`);
  }
}

export class AuthorizationTimeoutError extends AuthGateError {
  readonly code = 'AUTHORIZATION_TIMEOUT';
  constructor(
    readonly connectors: string[],
    readonly pageUrl: string,
    readonly waitedSeconds: number,
  ) {
    // Read by people and by automated callers (schedules, API, Apify's daily Store test): say that
    // a person must act, where, and that later runs need nothing; this run's page closes with it.
    const many = connectors.length > 1;
    super(
      `Authorization needed: nobody connected ${connectors.join(', ')} within ${waitedSeconds}s, so the run stopped. ` +
        `A person must approve access once: start the Actor from Apify Console, open the run's Live View tab and click Connect${many ? ' for each account' : ''}. ` +
        `Once ${many ? 'they are' : 'it is'} connected, scheduled, API and automated runs need no consent. (This run's Live View, closed now: ${pageUrl})`,
    );
  }
}

export class SharedConnectorNotConnectedError extends AuthGateError {
  readonly code = 'SHARED_CONNECTOR_NOT_CONNECTED';
  constructor(readonly connector: string) {
    super(
      `The Actor's operator has not connected the shared "${connector}" account yet (or it needs reconnecting). ` +
        'This is not something you can fix: please contact the Actor author.',
    );
  }
}

export class VerificationFailedError extends AuthGateError {
  readonly code = 'VERIFICATION_FAILED';
  constructor(
    readonly connector: string,
    reason: string,
  ) {
    super(
      `Connecting ${connector} could not be verified (${reason}). Start the connection again from the Live View page.`,
    );
  }
}

export class AuthorizationLostError extends AuthGateError {
  readonly code = 'AUTHORIZATION_LOST';
  constructor(
    readonly connector: string,
    status: string,
  ) {
    super(
      `The ${connector} connection stopped working during the run (status ${status}) and could not be renewed. ` +
        'Run the Actor again and reconnect it from the Live View page.',
    );
  }
}

export class RateLimitedError extends AuthGateError {
  readonly code = 'RATE_LIMITED';
  constructor(
    readonly connector: string,
    readonly retryAfterSeconds: number | undefined,
  ) {
    super(
      `${connector} is rate limiting this account` +
        (retryAfterSeconds === undefined ? '' : ` (it asks to wait ${retryAfterSeconds}s)`) +
        ". Try again later or lower the Actor's request volume.",
    );
  }
}

export class ToolCallError extends AuthGateError {
  readonly code = 'TOOL_FAILED';
  constructor(
    readonly connector: string,
    readonly tool: string,
    readonly providerCode: string | undefined,
    detail: string,
    readonly executionId?: string,
    options?: { cause?: unknown },
  ) {
    super(`${connector} call ${tool} failed: ${detail}`, options);
  }
}

export class ProviderRequestError extends AuthGateError {
  readonly code = 'REQUEST_FAILED';
  constructor(
    readonly connector: string,
    readonly status: number | undefined,
    readonly body: unknown,
    summary: string,
    options?: { cause?: unknown },
  ) {
    super(`${connector} request ${summary} failed${status === undefined ? '' : ` with status ${status}`}.`, options);
  }
}

export class ScalekitCallError extends AuthGateError {
  readonly code = 'SCALEKIT_ERROR';
  constructor(operation: string, detail: string, options?: { cause?: unknown }) {
    super(`Scalekit ${operation} failed: ${detail}`, options);
  }
}

/**
 * Failures after which a run cannot usefully go on (Scalekit unreachable, a connector in outage,
 * authorization lost or never given, bad credentials): an Actor stops its work at the first one and
 * fails with its message, instead of failing every remaining item with it.
 */
export function isRunFatal(error: unknown): boolean {
  return (
    error instanceof ScalekitUnreachableError ||
    error instanceof ConnectorOutageError ||
    error instanceof AuthorizationLostError ||
    error instanceof AuthorizationTimeoutError ||
    error instanceof InvalidCredentialsError ||
    error instanceof SharedConnectorNotConnectedError ||
    error instanceof MissingCredentialsError
  );
}
