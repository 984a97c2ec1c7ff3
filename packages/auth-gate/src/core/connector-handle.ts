import {
  AuthorizationLostError,
  ConnectorOutageError,
  ProviderRequestError,
  RateLimitedError,
  ScalekitUnreachableError,
  ToolCallError,
} from './errors.js';
import type { GateMetrics } from './metrics.js';
import { classifyFailure, type Classified } from '../scalekit/error-classification.js';
import type { AccountInfo, ProxyCall, ProxyResult, ScalekitGateway } from '../scalekit/scalekit-gateway.js';
import { CircuitBreaker, type AttemptOutcome } from './circuit-breaker.js';
import type { RateLimiter } from './rate-limiter.js';
import { backoffDelay, type RetryPolicy } from './retry-policy.js';

const NON_IDEMPOTENT = new Set(['POST', 'PATCH']);

export interface ToolResult<T = Record<string, unknown>> {
  data: T;
  executionId: string;
}

/** The handles of connected connectors, by the key the code refers to them with. */
export type ConnectedHandles<K extends string> = { [P in K]: ConnectorHandle };

export interface HandleContext {
  key: string;
  connection: string;
  identifier: string;
  account: AccountInfo;
  gateway: ScalekitGateway;
  metrics: GateMetrics;
  policy: RetryPolicy;
  limiter: RateLimiter | undefined;
  /**
   * Renews the account when it stopped being ACTIVE mid-run (consent again when a person can act);
   * resolves to the renewed account or throws a clear error. Concurrent calls of one handle share
   * one renewal; the gate also shares it between handles of the same connector. `current` is what
   * the status call that found the loss returned, so the renewal need not ask again.
   */
  reconnect: (key: string, status: AccountInfo['status'], current: AccountInfo | undefined) => Promise<AccountInfo>;
  onToolCall: (() => Promise<void>) | undefined;
  sleep: (ms: number) => Promise<void>;
  /** Shared by every handle of this connector in the run; a handle of its own when omitted. */
  breaker?: CircuitBreaker | undefined;
  /** Milliseconds on a monotonic clock, for the retry budgets (performance.now by default). */
  now?: (() => number) | undefined;
}

/** What the breaker learns from one failed attempt. */
function outcomeOf(failure: Classified): AttemptOutcome {
  switch (failure.kind) {
    case 'transient':
      return {
        type: 'failure',
        signature: String(failure.status ?? failure.code ?? 'network error'),
        detail: failure.detail,
      };
    case 'permanent':
      // A 4xx is the service answering about this one request; an unknown 5xx is its trouble.
      return failure.status !== undefined && failure.status >= 500
        ? { type: 'failure', signature: String(failure.status), detail: failure.detail }
        : { type: 'answered' };
    default:
      // 429s, lost authorizations and refused connections have their own budgets and errors.
      return { type: 'neutral' };
  }
}

/**
 * A ready connected account. Calls use the cached account id (no lookup per call), retry
 * transient failures with backoff, respect the connector's rate limit, wait out 429s (with the
 * provider's Retry-After when it gives one), ride out short Scalekit outages, stop calling a
 * connector that keeps failing (circuit breaker), and re-authorize once, for all concurrent calls.
 */
export class ConnectorHandle {
  #account: AccountInfo;
  #reconnected = false;
  /** The renewal in flight: concurrent calls that lost the account wait for this one. */
  #renewal: Promise<void> | undefined;
  readonly #breaker: CircuitBreaker;
  readonly #now: () => number;

  constructor(private readonly ctx: HandleContext) {
    this.#account = ctx.account;
    this.#breaker = ctx.breaker ?? new CircuitBreaker(ctx.policy.breakerThreshold);
    this.#now = ctx.now ?? (() => performance.now());
  }

  get connection(): string {
    return this.ctx.connection;
  }

  get identifier(): string {
    return this.ctx.identifier;
  }

  get accountId(): string {
    return this.#account.id;
  }

  /** Runs a Scalekit tool (e.g. `notion_page_search`) on this account. */
  async tool<T = Record<string, unknown>>(name: string, input: Record<string, unknown> = {}): Promise<ToolResult<T>> {
    const result = await this.#withPolicy(
      (account) => this.ctx.gateway.executeTool(account.id, name, input),
      (failure, cause) =>
        new ToolCallError(this.ctx.key, name, failure.code, failure.detail, failure.executionId, { cause }),
    );
    if (this.ctx.onToolCall) await this.ctx.onToolCall();
    return result as ToolResult<T>;
  }

  /**
   * Calls the provider's own REST API through Scalekit's proxy (works for custom connectors too).
   * POST and PATCH are not idempotent: after a failure the provider may already have acted (a page
   * created, blocks appended), so they are retried only when the request provably was not done:
   * 429, 503, or a connection to Scalekit that was refused before anything was sent.
   */
  request<T = unknown>(call: ProxyCall): Promise<ProxyResult<T>> {
    const method = (call.method ?? 'GET').toUpperCase();
    const summary = `${method} ${call.path}`;
    return this.#withPolicy(
      () => this.ctx.gateway.request<T>(this.ctx.connection, this.ctx.identifier, call),
      (failure, cause) =>
        new ProviderRequestError(this.ctx.key, failure.status, failure.body, `${summary} (${failure.detail})`, {
          cause,
        }),
      call.idempotent ?? !NON_IDEMPOTENT.has(method),
    );
  }

  #refuseIfOpen(): void {
    const trip = this.#breaker.trip;
    if (trip) throw new ConnectorOutageError(this.ctx.key, trip.signature, trip.failures, trip.detail);
  }

  async #withPolicy<R>(
    attempt: (account: AccountInfo) => Promise<R>,
    toError: (failure: Classified, cause: unknown) => Error,
    idempotent = true,
  ): Promise<R> {
    const { policy, metrics } = this.ctx;
    let attempts = 0;
    let rateLimitWaited = 0;
    let rateLimitRetries = 0;
    let unreachableSince: number | undefined;
    let unreachableRetries = 0;
    let renewedHere = false;
    for (;;) {
      this.#refuseIfOpen();
      if (this.#renewal) await this.#renewal;
      if (this.ctx.limiter) metrics.rateLimitWaitMs += await this.ctx.limiter.acquire();
      // Checked again after waiting: the breaker may have opened meanwhile, and nothing is sent then.
      this.#refuseIfOpen();
      const account = this.#account;
      try {
        const result = await attempt(account);
        this.#breaker.record({ type: 'success' });
        return result;
      } catch (error) {
        const failure = classifyFailure(error);
        if (this.#breaker.record(outcomeOf(failure))) metrics.breakerTrips += 1;
        if (failure.kind === 'account') {
          await this.#renew(account, renewedHere);
          renewedHere = true;
          continue;
        }
        if (failure.kind === 'unreachable') {
          // Never reached Scalekit: safe to repeat for every method, for as long as the budget lasts.
          const now = this.#now();
          unreachableSince ??= now;
          if (now - unreachableSince >= policy.unreachableBudgetMs) {
            throw new ScalekitUnreachableError(this.ctx.gateway.credentials.envUrl, {
              cause: error,
              networkError: failure.detail,
              waitedSeconds: Math.round((now - unreachableSince) / 1000),
            });
          }
          metrics.retries += 1;
          metrics.unreachableRetries += 1;
          await this.ctx.sleep(Math.min(backoffDelay(policy, unreachableRetries), policy.unreachableBudgetMs));
          unreachableRetries += 1;
          continue;
        }
        if (failure.kind === 'rate_limited') {
          this.ctx.limiter?.penalize();
          metrics.rateLimited += 1;
          const waitMs =
            failure.retryAfterSeconds !== undefined
              ? failure.retryAfterSeconds * 1000
              : backoffDelay(policy, Math.min(rateLimitRetries, 6));
          if (waitMs > policy.maxRetryAfterMs || rateLimitWaited + waitMs > policy.rateLimitBudgetMs) {
            throw new RateLimitedError(this.ctx.key, failure.retryAfterSeconds);
          }
          rateLimitRetries += 1;
          rateLimitWaited += waitMs;
          metrics.retries += 1;
          metrics.rateLimitWaitMs += waitMs;
          await this.ctx.sleep(waitMs);
          continue;
        }
        attempts += 1;
        const retryable = idempotent || failure.status === 503;
        if (failure.kind === 'transient' && retryable && attempts < policy.maxAttempts && !this.#breaker.isOpen) {
          metrics.retries += 1;
          await this.ctx.sleep(backoffDelay(policy, attempts - 1));
          continue;
        }
        if (this.#breaker.isOpen) this.#refuseIfOpen();
        throw toError(failure, error);
      }
    }
  }

  /**
   * The account stopped working. Calls that were in flight together share one renewal; a call
   * that failed with an account already replaced just retries. One renewal per handle: a second
   * loss in the same run fails clearly rather than looping.
   */
  async #renew(used: AccountInfo, renewedHere: boolean): Promise<void> {
    if (this.#renewal) return this.#renewal;
    if (this.#account !== used) return;
    const renewal = this.#renewOnce(renewedHere);
    this.#renewal = renewal;
    try {
      await renewal;
    } finally {
      if (this.#renewal === renewal) this.#renewal = undefined;
    }
  }

  async #renewOnce(renewedHere: boolean): Promise<void> {
    const current = await this.ctx.gateway.status(this.ctx.connection, this.ctx.identifier);
    // Renewed elsewhere (another handle, the operator), or ACTIVE after all (e.g. a refused bearer
    // that the status call refreshed): retry once with it before asking a person again.
    if (current?.status === 'ACTIVE' && (current.id !== this.#account.id || !renewedHere)) {
      this.#account = current;
      return;
    }
    const status = current?.status ?? 'UNKNOWN';
    if (this.#reconnected) throw new AuthorizationLostError(this.ctx.key, status);
    this.#reconnected = true;
    this.ctx.metrics.reconnects += 1;
    this.#account = await this.ctx.reconnect(this.ctx.key, status === 'ACTIVE' ? 'UNKNOWN' : status, current);
  }
}
