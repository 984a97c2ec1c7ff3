export interface RetryPolicy {
  /** Attempts in total, the first included, for failures that may be transient (5xx, timeouts). */
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** The longest Retry-After honoured; a provider asking for more fails the call clearly instead. */
  maxRetryAfterMs: number;
  /**
   * How long one call keeps waiting out 429s in total. A 429 means "not done", so it is retried
   * whatever the method, and not counted against `maxAttempts`: two runs of one user share the
   * provider's limit and may each see many of them without anything being wrong.
   */
  rateLimitBudgetMs: number;
  /**
   * How long one call keeps retrying while Scalekit cannot be reached at all (connection refused:
   * the request never left, so every method is safe to repeat). Past it the call fails with
   * ScalekitUnreachableError, and so does the run.
   */
  unreachableBudgetMs: number;
  /** Consecutive failures of the same kind after which a connector stops calling (circuit breaker). */
  breakerThreshold: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxAttempts: 5,
  baseDelayMs: 500,
  maxDelayMs: 8_000,
  maxRetryAfterMs: 60_000,
  rateLimitBudgetMs: 180_000,
  unreachableBudgetMs: 60_000,
  breakerThreshold: 10,
};

/** Exponential backoff with "full jitter" in the upper half, so parallel callers spread out. */
export function backoffDelay(policy: RetryPolicy, attempt: number, random: () => number = Math.random): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** attempt);
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}
