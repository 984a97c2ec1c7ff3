import { setTimeout as sleep } from 'node:timers/promises';
import { ConnectorHandle, type ConnectedHandles } from '../core/connector-handle.js';
import type { RetryPolicy } from '../core/retry-policy.js';
import { labelOf, type ConnectorSpec } from '../core/connectors.js';
import { SharedConnectorNotConnectedError } from '../core/errors.js';
import type { GateMetrics } from '../core/metrics.js';
import type { AccountInfo, ScalekitGateway } from '../scalekit/scalekit-gateway.js';
import { isIssuedCaller, type ApiKeyCaller } from './api-key-caller.js';
import {
  ConnectorAuthorizationRequiredError,
  OperatorOnlyConnectorError,
  UntrustedCallerError,
  UserKeyRequiredError,
} from './api-key-errors.js';
import type { LimiterPool } from '../core/limiter-pool.js';
import type { LinkVerifications } from './link-verifications.js';

/** What every session of one Standby gate shares; nothing in it belongs to a single caller. */
export interface SessionContext<K extends string> {
  connectors: Record<K, ConnectorSpec>;
  gateway: ScalekitGateway;
  metrics: GateMetrics;
  policy: RetryPolicy;
  limiters: LimiterPool<K>;
  verifications: LinkVerifications;
  userVerifyUrl: string | undefined;
}

/** A fresh magic link for one connector of one caller: hand it to that caller only, never log it. */
export interface AuthorizationLink {
  connector: string;
  url: string;
}


/**
 * Connected accounts acting for one API caller. Its identity is fixed at creation, from the key
 * Scalekit validated; sessions of different callers share nothing but the SDK client and limits.
 * There is no consent page: a connector that is not ACTIVE is an error the caller can act on.
 */
export class CallerSession<K extends string> {
  constructor(
    readonly caller: ApiKeyCaller,
    private readonly ctx: SessionContext<K>,
  ) {
    if (!isIssuedCaller(caller)) throw new UntrustedCallerError('it was not produced by an API key guard from a validated key.');
    const sharedIds = Object.values<ConnectorSpec>(ctx.connectors).filter((s) => s.kind === 'shared').map((s) => s.identifier);
    // Caller identifiers are `<prefix>apikey:…`, but a shared identifier is the operator's free text:
    // one spelled like a caller's would hand the operator's shared account to that caller as "its own".
    if (caller.identifier !== undefined && sharedIds.includes(caller.identifier)) {
      throw new UntrustedCallerError('its identifier equals the identifier of a shared account.');
    }
  }

  #spec(key: K): ConnectorSpec {
    const spec = this.ctx.connectors[key];
    if (!spec) throw new Error(`connector "${key}" is not configured in this gate`);
    return spec;
  }

  #connection(key: K): string {
    return this.#spec(key).connection ?? key;
  }

  /** The identifier a connector uses for this caller; organization keys get shared ones only. */
  #identifierFor(key: K): string {
    const spec = this.#spec(key);
    if (spec.kind === 'shared') return spec.identifier;
    if (this.caller.identifier === undefined) throw new UserKeyRequiredError(labelOf(key, spec));
    return this.caller.identifier;
  }

  /**
   * One lookup per connector, in parallel. All ACTIVE: handles with the usual retries and limits.
   * Otherwise a typed error: UserKeyRequiredError (before any lookup), SharedConnectorNotConnectedError
   * (the operator must act) or ConnectorAuthorizationRequiredError (ask for a link).
   */
  async connect<S extends K>(keys: readonly S[]): Promise<ConnectedHandles<S>> {
    const identifiers = keys.map((key) => [key, this.#identifierFor(key)] as const);
    const accounts = await Promise.all(
      identifiers.map(async ([key, identifier]) => [key, await this.ctx.gateway.lookup(this.#connection(key), identifier)] as const),
    );
    const sharedMissing = accounts.find(([key, account]) => account.status !== 'ACTIVE' && this.#spec(key).kind === 'shared');
    if (sharedMissing) throw new SharedConnectorNotConnectedError(this.#connection(sharedMissing[0]));
    const pending = accounts
      .filter(([, account]) => account.status !== 'ACTIVE')
      .map(([key, account]) => ({ connector: key, status: account.status }));
    if (pending.length > 0) throw new ConnectorAuthorizationRequiredError(pending);
    return Object.fromEntries(accounts.map(([key, account]) => [key, this.#handle(key, account)])) as ConnectedHandles<S>;
  }

  /** A fresh magic link (links expire, so one per request) for a per-user connector of this caller. */
  async authorizationLink(key: K): Promise<AuthorizationLink> {
    if (this.#spec(key).kind === 'shared') throw new OperatorOnlyConnectorError(this.#connection(key));
    const identifier = this.#identifierFor(key);
    const connection = this.#connection(key);
    const state = this.ctx.verifications.bind({ connector: key, connection, identifier });
    const url = await this.ctx.gateway.authorizationLink(connection, identifier, { state, userVerifyUrl: this.ctx.userVerifyUrl });
    return { connector: key, url };
  }

  #handle(key: K, account: AccountInfo): ConnectorHandle {
    return new ConnectorHandle({
      key,
      connection: this.#connection(key),
      identifier: account.identifier,
      account,
      gateway: this.ctx.gateway,
      metrics: this.ctx.metrics,
      policy: this.ctx.policy,
      limiter: this.ctx.limiters.limiterFor(key, account.identifier),
      // No one to show a consent page to mid-request: the caller learns what to do instead.
      reconnect: (_k, status) =>
        Promise.reject(
          this.#spec(key).kind === 'shared'
            ? new SharedConnectorNotConnectedError(this.#connection(key))
            : new ConnectorAuthorizationRequiredError([{ connector: key, status }]),
        ),
      onToolCall: undefined,
      sleep,
    });
  }
}
