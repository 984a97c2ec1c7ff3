import { randomBytes } from 'node:crypto';

/** Who a magic link was made for; the verify route completes it for exactly this identifier. */
export interface LinkBinding {
  connector: string;
  connection: string;
  identifier: string;
}

interface Entry extends LinkBinding {
  expiresAt: number;
}

/** Longer than a magic link lives (Scalekit's are time-limited), so a slow approval still verifies. */
const TTL_MS = 30 * 60 * 1000;
/** A bound on memory for a long-lived Standby process; the oldest bindings go first. */
const MAX_ENTRIES = 10_000;

/**
 * The `state` of each magic link issued to an API caller, bound to that caller's identifier. There
 * is no run page in Standby, so this map is what ties Scalekit's redirect back to the caller.
 */
export class LinkVerifications {
  readonly #entries = new Map<string, Entry>();

  constructor(private readonly now: () => number = Date.now) {}

  bind(binding: LinkBinding): string {
    this.#prune();
    const state = randomBytes(32).toString('base64url');
    this.#entries.set(state, { ...binding, expiresAt: this.now() + TTL_MS });
    return state;
  }

  find(state: string): LinkBinding | undefined {
    const entry = this.#entries.get(state);
    if (!entry || entry.expiresAt <= this.now()) return undefined;
    return { connector: entry.connector, connection: entry.connection, identifier: entry.identifier };
  }

  /** Verification is single-use at Scalekit; the binding goes with it. */
  forget(state: string): void {
    this.#entries.delete(state);
  }

  #prune(): void {
    const now = this.now();
    for (const [state, entry] of this.#entries) if (entry.expiresAt <= now) this.#entries.delete(state);
    while (this.#entries.size >= MAX_ENTRIES) {
      const oldest = this.#entries.keys().next().value;
      if (oldest === undefined) break;
      this.#entries.delete(oldest);
    }
  }
}
