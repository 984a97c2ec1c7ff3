import {
  AuthorizationLostError,
  ProviderRequestError,
  RateLimitedError,
  ToolCallError,
} from '../errors.js';
import type { GateMetrics } from '../metrics.js';
import { classifyFailure, type Classified } from '../scalekit/error-classification.js';
import type { AccountInfo, ProxyCall, ProxyResult, ScalekitGateway } from '../scalekit/scalekit-gateway.js';
import type { RateLimiter } from './rate-limiter.js';
import { backoffDelay, type RetryPolicy } from './retry-policy.js';

const NON_IDEMPOTENT = new Set(['POST', 'PATCH']);

export interface ToolResult<T = Record<string, unknown>> {
  data: T;
  executionId: string;
}

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
   * resolves to the renewed account or throws a clear error.
   */
  reconnect: (key: string, status: AccountInfo['status']) => Promise<AccountInfo>;
  onToolCall: (() => Promise<void>) | undefined;
  sleep: (ms: number) => Promise<void>;
}

/**
 * A ready connected account. Calls use the cached account id (no lookup per call), retry
 * transient failures with backoff, respect the connector's rate limit, and re-authorize once.
 */
export class ConnectorHandle {
  #account: AccountInfo;
  #reconnected = false;

  constructor(private readonly ctx: HandleContext) {
    this.#account = ctx.account;
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
      () => this.ctx.gateway.executeTool(this.#account.id, name, input),
      (failure, cause) =>
        new ToolCallError(this.ctx.key, name, failure.code, failure.detail, failure.executionId, { cause }),
    );
    if (this.ctx.onToolCall) await this.ctx.onToolCall();
    return result as ToolResult<T>;
  }

  /**
   * Calls the provider's own REST API through Scalekit's proxy (works for custom connectors too).
   * POST and PATCH are not idempotent: after a failure the provider may already have acted (a page
   * created, blocks appended), so they are retried only on 429 and 503, which mean "not done".
   */
  request<T = unknown>(call: ProxyCall): Promise<ProxyResult<T>> {
    const method = (call.method ?? 'GET').toUpperCase();
    const summary = `${method} ${call.path}`;
    return this.#withPolicy(
      () => this.ctx.gateway.request<T>(this.ctx.connection, this.ctx.identifier, call),
      (failure, cause) => new ProviderRequestError(this.ctx.key, failure.status, failure.body, `${summary} (${failure.detail})`, { cause }),
      call.idempotent ?? !NON_IDEMPOTENT.has(method),
    );
  }

  async #withPolicy<R>(
    attempt: () => Promise<R>,
    toError: (failure: Classified, cause: unknown) => Error,
    idempotent = true,
  ): Promise<R> {
    const { policy, metrics } = this.ctx;
    for (let n = 0; ; n += 1) {
      if (this.ctx.limiter) metrics.rateLimitWaitMs += await this.ctx.limiter.acquire();
      try {
        return await attempt();
      } catch (error) {
        const failure = classifyFailure(error);
        const last = n + 1 >= policy.maxAttempts;
        if (failure.kind === 'account') {
          await this.#renew();
          continue;
        }
        if (failure.kind === 'rate_limited') {
          this.ctx.limiter?.penalize();
          const waitMs = failure.retryAfterSeconds !== undefined ? failure.retryAfterSeconds * 1000 : backoffDelay(policy, n);
          if (last || waitMs > policy.maxRetryAfterMs) throw new RateLimitedError(this.ctx.key, failure.retryAfterSeconds);
          metrics.retries += 1;
          metrics.rateLimitWaitMs += waitMs;
          await this.ctx.sleep(waitMs);
          continue;
        }
        const retryable = idempotent || failure.status === 503;
        if (failure.kind === 'transient' && retryable && !last) {
          metrics.retries += 1;
          await this.ctx.sleep(backoffDelay(policy, n));
          continue;
        }
        throw toError(failure, error);
      }
    }
  }

  /** One renewal per handle: a second loss in the same run fails clearly rather than looping. */
  async #renew(): Promise<void> {
    const current = await this.ctx.gateway.status(this.ctx.connection, this.ctx.identifier);
    if (current?.status === 'ACTIVE' && current.id !== this.#account.id) {
      this.#account = current;
      return;
    }
    const status = current?.status ?? 'UNKNOWN';
    if (this.#reconnected) throw new AuthorizationLostError(this.ctx.key, status);
    this.#reconnected = true;
    this.ctx.metrics.reconnects += 1;
    this.#account = await this.ctx.reconnect(this.ctx.key, status);
  }
}
