import { RateLimiter } from './rate-limiter.js';
import type { ConnectorSpec } from './connectors.js';

/** Per-user limiters kept at most; a caller idle long enough starts with a fresh bucket. */
const MAX_PER_USER = 1_000;

/**
 * Client-side rate limits across concurrent callers: a shared connector is one provider account,
 * so every caller shares its limiter; a per-user connector gets one limiter per identifier.
 */
export class LimiterPool<K extends string> {
  readonly #shared = new Map<K, RateLimiter>();
  readonly #perUser = new Map<string, RateLimiter>();

  constructor(private readonly connectors: Record<K, ConnectorSpec>) {
    for (const [key, spec] of Object.entries(connectors) as [K, ConnectorSpec][]) {
      if (spec.kind === 'shared' && spec.requestsPerSecond)
        this.#shared.set(key, new RateLimiter(spec.requestsPerSecond));
    }
  }

  limiterFor(key: K, identifier: string): RateLimiter | undefined {
    const spec = this.connectors[key];
    if (!spec.requestsPerSecond) return undefined;
    if (spec.kind === 'shared') return this.#shared.get(key);
    const id = `${key}\u0000${identifier}`;
    let limiter = this.#perUser.get(id);
    if (limiter) {
      // Re-inserted so the map's order is least recently used first.
      this.#perUser.delete(id);
    } else {
      limiter = new RateLimiter(spec.requestsPerSecond);
      if (this.#perUser.size >= MAX_PER_USER) this.#perUser.delete(this.#perUser.keys().next().value!);
    }
    this.#perUser.set(id, limiter);
    return limiter;
  }
}
