/**
 * A token bucket: `ratePerSecond` tokens flow in, at most `burst` are held. Notion allows an average of
 * about three requests per second per integration with some bursts; one bucket per account is shared by
 * proxy requests and tool calls. Time is passed in, so the arithmetic is testable without a clock.
 */
export class TokenBucket {
  #tokens: number;
  #updatedAt: number;

  constructor(
    readonly ratePerSecond: number,
    readonly burst: number,
    now: number,
  ) {
    this.#tokens = burst;
    this.#updatedAt = now;
  }

  /** Takes one token; when none is left, says how many whole seconds until one is (Retry-After). */
  take(now: number): { ok: true } | { ok: false; retryAfterSeconds: number } {
    const elapsedSeconds = Math.max(0, now - this.#updatedAt) / 1000;
    this.#tokens = Math.min(this.burst, this.#tokens + elapsedSeconds * this.ratePerSecond);
    this.#updatedAt = now;
    if (this.#tokens >= 1) {
      this.#tokens -= 1;
      return { ok: true };
    }
    return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil((1 - this.#tokens) / this.ratePerSecond)) };
  }
}
