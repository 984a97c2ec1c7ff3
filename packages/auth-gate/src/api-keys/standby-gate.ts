import { DEFAULT_RETRY_POLICY, type RetryPolicy } from '../calls/retry-policy.js';
import { credentialsFromEnv, type ScalekitCredentials } from '../config/credentials.js';
import type { ConnectorSpec } from '../config/connectors.js';
import { PREFIX_VARIABLE } from '../identity/run-identity.js';
import { emptyMetrics, type GateMetrics } from '../metrics.js';
import { ScalekitGateway } from '../scalekit/scalekit-gateway.js';
import type { ApiKeyCaller } from './api-key-caller.js';
import { createApiKeyGuard, type ApiKeyGuard } from './api-key-guard.js';
import { CallerSession, type SessionContext } from './caller-session.js';
import { LimiterPool } from './limiter-pool.js';
import { LinkVerifications } from './link-verifications.js';

export interface StandbyGateOptions<K extends string> {
  /** The connectors the server uses, as for `createAuthGate`. */
  connectors: Record<K, ConnectorSpec>;
  /** Defaults to the SCALEKIT_* environment variables. */
  credentials?: ScalekitCredentials;
  /** Prefix of per-user identifiers; defaults to AUTH_GATE_IDENTIFIER_PREFIX, as for Actor runs. */
  userIdentifierPrefix?: string;
  retry?: Partial<RetryPolicy>;
  /**
   * Public address of this server's verify route (e.g. `${ACTOR_STANDBY_URL}/verify`), for Scalekit
   * environments with custom user verification. That route must call `gate.verify(...)`.
   */
  userVerifyUrl?: string;
}

export type StandbyVerifyOutcome =
  | { ok: true; connector: string; redirectUrl: string }
  | { ok: false; message: string };

/**
 * auth-gate for a long-lived HTTP server (an Actor in Standby mode) that serves many callers, each
 * identified by an API key: no live-view page, no run identity. One instance per process.
 */
export class StandbyGate<K extends string> {
  /** The request guard, with the same credentials and identifier prefix as the sessions. */
  readonly guard: ApiKeyGuard;
  readonly #ctx: SessionContext<K>;

  constructor(options: StandbyGateOptions<K>) {
    const credentials = options.credentials ?? credentialsFromEnv();
    const prefix = options.userIdentifierPrefix ?? process.env[PREFIX_VARIABLE] ?? '';
    const metrics = emptyMetrics();
    this.guard = createApiKeyGuard({ credentials, userIdentifierPrefix: prefix });
    this.#ctx = {
      connectors: options.connectors,
      gateway: new ScalekitGateway(credentials, metrics),
      metrics,
      policy: { ...DEFAULT_RETRY_POLICY, ...options.retry },
      limiters: new LimiterPool(options.connectors),
      verifications: new LinkVerifications(),
      userVerifyUrl: options.userVerifyUrl,
    };
  }

  /** The connected accounts of one caller (a guard's `caller`); create one per request. */
  forCaller(caller: ApiKeyCaller): CallerSession<K> {
    return new CallerSession(caller, this.#ctx);
  }

  /**
   * The verify route (`?auth_request_id=…&state=…`): completes user verification for the caller the
   * link was made for. The state is unguessable and known only to that caller's link; it binds the
   * consent to that caller's identifier (it cannot prove who is at the browser: hand links to the
   * authenticated caller only).
   */
  async verify(authRequestId: string, state: string): Promise<StandbyVerifyOutcome> {
    const binding = state ? this.#ctx.verifications.find(state) : undefined;
    if (!binding || !authRequestId) {
      return { ok: false, message: 'This verification link is unknown or expired. Request a new authorization link.' };
    }
    try {
      const redirectUrl = await this.#ctx.gateway.verifyUser(authRequestId, binding.identifier);
      this.#ctx.verifications.forget(state);
      return { ok: true, connector: binding.connector, redirectUrl };
    } catch {
      return { ok: false, message: `Scalekit refused to verify the ${binding.connector} connection. Request a new authorization link.` };
    }
  }

  metrics(): GateMetrics {
    return structuredClone(this.#ctx.metrics);
  }
}

/** Builds the Standby gate. Fails fast on missing SCALEKIT_* credentials; nothing listens. */
export function createStandbyGate<K extends string>(options: StandbyGateOptions<K>): StandbyGate<K> {
  return new StandbyGate(options);
}
