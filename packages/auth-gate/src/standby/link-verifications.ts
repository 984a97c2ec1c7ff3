import { newToken, nonceMatches } from '../core/browser-binding.js';

/** Who a magic link was made for; the verify route completes it for exactly this identifier. */
export interface LinkBinding {
  connector: string;
  connection: string;
  identifier: string;
}

export interface LinkEntry extends LinkBinding {
  expiresAt: number;
  /** The magic link, held here until a browser opens the start link (never logged, never stored). */
  link: string | undefined;
  /** The start link's secret; a browser opening it gets the nonce. */
  ticket: string | undefined;
  /** Set when a browser opened the start link: only that browser may verify. */
  nonce: string | undefined;
}

/** Longer than a magic link lives (Scalekit's are time-limited), so a slow approval still verifies. */
const TTL_MS = 30 * 60 * 1000;
/** A bound on memory for a long-lived Standby process; the oldest bindings go first. */
const MAX_ENTRIES = 10_000;

export type OpenedLink =
  { ok: true; state: string; nonce: string; link: string } | { ok: false; reason: 'unknown' | 'already_opened' };

export type CheckedState = { ok: true; binding: LinkBinding } | { ok: false; reason: 'unknown' | 'other_browser' };

/**
 * The `state` of each magic link issued to an API caller, bound to that caller's identifier and,
 * once the caller's browser opens the start link, to that browser. There is no run page in Standby,
 * so this map is what ties Scalekit's redirect back to the caller and to the browser.
 */
export class LinkVerifications {
  readonly #entries: Map<string, LinkEntry>;

  constructor(
    private readonly now: () => number = Date.now,
    entries?: Map<string, LinkEntry>,
    private readonly onBind?: (state: string) => void,
  ) {
    this.#entries = entries ?? new Map<string, LinkEntry>();
  }

  /**
   * A view over the same bindings that reports each state it binds: how the Standby gate learns
   * which state the link a caller session just made carries, to hold that link behind a start link.
   */
  reporting(onBind: (state: string) => void): LinkVerifications {
    return new LinkVerifications(this.now, this.#entries, onBind);
  }

  bind(binding: LinkBinding): string {
    this.#prune();
    const state = newToken();
    this.#entries.set(state, {
      ...binding,
      expiresAt: this.now() + TTL_MS,
      link: undefined,
      ticket: undefined,
      nonce: undefined,
    });
    this.onBind?.(state);
    return state;
  }

  /** Keeps a state's magic link behind a start link; returns the start link's ticket. */
  hold(state: string, link: string): string | undefined {
    const entry = this.#live(state);
    if (!entry) return undefined;
    entry.link = link;
    entry.ticket = newToken();
    return entry.ticket;
  }

  /**
   * A browser opens a start link. The first one gets a nonce (set as its cookie) and the magic link;
   * the same browser may open it again (it brings the nonce back); any other browser is refused.
   */
  open(ticket: string, presented: (state: string) => string | undefined): OpenedLink {
    const now = this.now();
    for (const [state, entry] of this.#entries) {
      if (entry.ticket === undefined || entry.link === undefined || entry.expiresAt <= now) continue;
      if (!nonceMatches(ticket, entry.ticket)) continue;
      if (entry.nonce === undefined) {
        entry.nonce = newToken();
        return { ok: true, state, nonce: entry.nonce, link: entry.link };
      }
      if (nonceMatches(presented(state), entry.nonce)) return { ok: true, state, nonce: entry.nonce, link: entry.link };
      return { ok: false, reason: 'already_opened' };
    }
    return { ok: false, reason: 'unknown' };
  }

  /**
   * The binding of a state, for the verify route: only for the browser holding the state's nonce.
   * A link handed out raw (never opened through a start link) has no browser and never verifies.
   */
  check(state: string, presentedNonce: string | undefined): CheckedState {
    const entry = this.#live(state);
    if (!entry) return { ok: false, reason: 'unknown' };
    if (!nonceMatches(presentedNonce, entry.nonce)) return { ok: false, reason: 'other_browser' };
    return {
      ok: true,
      binding: { connector: entry.connector, connection: entry.connection, identifier: entry.identifier },
    };
  }

  /** Verification is single-use at Scalekit; the binding goes with it. */
  forget(state: string): void {
    this.#entries.delete(state);
  }

  #live(state: string): LinkEntry | undefined {
    const entry = state ? this.#entries.get(state) : undefined;
    return entry && entry.expiresAt > this.now() ? entry : undefined;
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
