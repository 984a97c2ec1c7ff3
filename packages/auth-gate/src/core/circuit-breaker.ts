/**
 * What a call attempt told about the service behind a connector:
 * - `success`: it answered normally;
 * - `answered`: it answered with a refusal of this one request (400, 404, ...), so it is up;
 * - `failure`: it failed in a way that may be the service's trouble (503, 500, timeout, reset),
 *   with a signature naming the kind (`503`, `504`, `ECONNRESET`) and a line to show;
 * - `neutral`: tells nothing (a 429, an expired account): the run of failures is neither
 *   broken nor extended.
 */
export type AttemptOutcome =
  | { type: 'success' }
  | { type: 'answered' }
  | { type: 'failure'; signature: string; detail: string }
  | { type: 'neutral' };

export interface BreakerTrip {
  /** The failure that repeated, e.g. `503`. */
  signature: string;
  /** Its description from the last failure, safe to show. */
  detail: string;
  /** Consecutive failures that opened the breaker. */
  failures: number;
}

/**
 * A circuit breaker for one connector of one run: after `threshold` consecutive failures of the
 * same kind it opens, and stays open. There is no half-open probe: a run whose connector has
 * failed this way stops with one message, and its next run starts closed, so a probe would only
 * add calls to a service that is down. Pure: no clock, no I/O.
 */
export class CircuitBreaker {
  #streak = 0;
  #signature: string | undefined;
  #trip: BreakerTrip | undefined;

  constructor(readonly threshold: number) {
    if (!(Number.isInteger(threshold) && threshold >= 1))
      throw new Error('the breaker threshold must be a whole number of at least 1');
  }

  /** Why it opened; undefined while it is closed. */
  get trip(): BreakerTrip | undefined {
    return this.#trip;
  }

  get isOpen(): boolean {
    return this.#trip !== undefined;
  }

  /** Consecutive failures of the current kind. */
  get streak(): number {
    return this.#streak;
  }

  /** Records an attempt; returns true when this very outcome opened the breaker. */
  record(outcome: AttemptOutcome): boolean {
    if (this.#trip !== undefined) return false;
    switch (outcome.type) {
      case 'neutral':
        return false;
      case 'success':
      case 'answered':
        this.#streak = 0;
        this.#signature = undefined;
        return false;
      case 'failure':
        this.#streak = outcome.signature === this.#signature ? this.#streak + 1 : 1;
        this.#signature = outcome.signature;
        if (this.#streak < this.threshold) return false;
        this.#trip = { signature: outcome.signature, detail: outcome.detail, failures: this.#streak };
        return true;
    }
  }
}
