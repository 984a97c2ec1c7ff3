import { setTimeout as delay } from 'node:timers/promises';
import type { AccountInfo, ScalekitGateway } from '../scalekit/scalekit-gateway.js';
import type { CircuitBreaker } from './circuit-breaker.js';
import { ConnectorHandle, type ConnectedHandles } from './connector-handle.js';
import type { ConnectorSpec, PerUserConnector } from './connectors.js';
import type { LimiterPool } from './limiter-pool.js';
import type { GateMetrics } from './metrics.js';
import type { RetryPolicy } from './retry-policy.js';

/** What the accounts of one identity share with every other identity of the same gate. */
export interface AccountsContext<K extends string> {
  connectors: Record<K, ConnectorSpec>;
  gateway: ScalekitGateway;
  metrics: GateMetrics;
  policy: RetryPolicy;
  limiters: LimiterPool<K>;
}

// Methods, not function properties: a gate of some keys is usable where a gate of any keys is.
/** How the accounts of one identity (a run's user, an API caller) behave when a call needs more. */
export interface AccountsOwner<K extends string> {
  /** The identifier of this identity's own account of a per-user connector (may throw when it has none). */
  perUserIdentifier(key: K, spec: PerUserConnector): string;
  /**
   * An account stopped being ACTIVE mid-run: renew it (consent again) or throw what to do.
   * `current` is the account as the status call that found the loss saw it (undefined: none).
   */
  reconnect(key: K, status: AccountInfo['status'], current: AccountInfo | undefined): Promise<AccountInfo>;
  /** Pay-per-event and the like, after each successful tool call. */
  onToolCall?: (() => Promise<void>) | undefined;
  /** One breaker per connector shared by the handles of a run; a handle of its own when undefined. */
  breaker?(key: K): CircuitBreaker | undefined;
}

/**
 * Connector resolution and handle creation, the same for a normal run and a Standby caller: which
 * Scalekit connection and identifier a connector key means for one identity, one lookup per
 * connector, and handles with the gate's retries, limits and breaker.
 */
export class ConnectedAccounts<K extends string> {
  constructor(
    private readonly ctx: AccountsContext<K>,
    private readonly owner: AccountsOwner<K>,
  ) {}

  spec(key: K): ConnectorSpec {
    const spec = this.ctx.connectors[key];
    if (!spec) throw new Error(`connector "${key}" is not configured in this gate`);
    return spec;
  }

  /** The Scalekit connection name: the spec's, else the key. */
  connection(key: K): string {
    return this.spec(key).connection ?? key;
  }

  /** Shared connectors use their fixed identifier; per-user ones this identity's. */
  identifierFor(key: K): string {
    const spec = this.spec(key);
    return spec.kind === 'shared' ? spec.identifier : this.owner.perUserIdentifier(key, spec);
  }

  /**
   * One lookup per connector, in parallel. Every identifier is resolved first, so an identity
   * that cannot use a connector fails before any round trip.
   */
  async lookup<S extends K>(keys: readonly S[]): Promise<(readonly [S, AccountInfo])[]> {
    const targets = keys.map((key) => [key, this.connection(key), this.identifierFor(key)] as const);
    return Promise.all(
      targets.map(
        async ([key, connection, identifier]) => [key, await this.ctx.gateway.lookup(connection, identifier)] as const,
      ),
    );
  }

  /** Handles for ACTIVE accounts, by key. */
  handles<S extends K>(accounts: readonly (readonly [S, AccountInfo])[]): ConnectedHandles<S> {
    return Object.fromEntries(
      accounts.map(([key, account]) => [key, this.handle(key, account)]),
    ) as ConnectedHandles<S>;
  }

  handle(key: K, account: AccountInfo): ConnectorHandle {
    return new ConnectorHandle({
      key,
      connection: this.connection(key),
      identifier: account.identifier,
      account,
      gateway: this.ctx.gateway,
      metrics: this.ctx.metrics,
      policy: this.ctx.policy,
      limiter: this.ctx.limiters.limiterFor(key, account.identifier),
      reconnect: (k, status, current) => this.owner.reconnect(k as K, status, current),
      onToolCall: this.owner.onToolCall,
      sleep: (ms) => delay(ms),
      breaker: this.owner.breaker?.(key),
    });
  }
}
