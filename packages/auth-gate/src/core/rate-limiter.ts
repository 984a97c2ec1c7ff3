import { setTimeout as delay } from 'node:timers/promises';

/**
 * A FIFO token bucket: callers get slots in the order they asked, at most `perSecond` per second
 * on average with a burst of `burst`. Shared by every call of one connector in a run.
 */
export class RateLimiter {
  #tokens: number;
  #last: number;
  #queue: Promise<void> = Promise.resolve();

  constructor(
    private readonly perSecond: number,
    private readonly burst: number = Math.max(1, Math.floor(perSecond)),
    private readonly now: () => number = () => performance.now(),
    private readonly sleep: (ms: number) => Promise<void> = (ms) => delay(ms),
  ) {
    if (!(perSecond > 0)) throw new Error('requestsPerSecond must be greater than 0');
    this.#tokens = this.burst;
    this.#last = this.now();
  }

  /** Resolves when the caller may send; returns how long it waited (ms). */
  acquire(): Promise<number> {
    const started = this.now();
    const turn = this.#queue.then(async () => {
      this.#refill();
      if (this.#tokens < 1) {
        await this.sleep(((1 - this.#tokens) / this.perSecond) * 1000);
        this.#refill();
      }
      this.#tokens -= 1;
    });
    this.#queue = turn.catch(() => undefined);
    return turn.then(() => this.now() - started);
  }

  /** After a 429 the provider's own window is full: drain the bucket so the next call waits. */
  penalize(): void {
    this.#tokens = Math.min(this.#tokens, 0);
  }

  #refill(): void {
    const now = this.now();
    this.#tokens = Math.min(this.burst, this.#tokens + ((now - this.#last) / 1000) * this.perSecond);
    this.#last = now;
  }
}
