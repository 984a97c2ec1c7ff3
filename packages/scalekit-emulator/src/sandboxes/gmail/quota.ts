/**
 * Gmail's per-user rate limit: every method costs quota units (Google's published table) and a
 * user may spend `limit` units per second as a moving window; past it the call is refused.
 */

export const QUOTA_UNITS = {
  getProfile: 1,
  'labels.list': 1,
  'labels.get': 1,
  'messages.list': 5,
  'messages.get': 5,
  'messages.modify': 5,
  'messages.attachments.get': 5,
  'messages.send': 100,
  'threads.list': 10,
  'threads.get': 10,
} as const;

export type GmailMethod = keyof typeof QUOTA_UNITS;

/** Google documents 250 units per user per second (15,000 per minute). */
export const DEFAULT_UNITS_PER_SECOND = 250;

const WINDOW_MS = 1000;

export type QuotaDecision = { ok: true } | { ok: false; retryAfterSeconds: number };

export class QuotaMeter {
  #spent: { at: number; units: number }[] = [];

  /** `unitsPerSecond` 0 disables the limit. */
  constructor(readonly unitsPerSecond: number) {}

  /**
   * Spends `units` at `nowMs` if the window allows it. A call that alone exceeds the limit still
   * passes on an idle window (Google's moving average allows short bursts), so big tool calls work.
   * A refused call spends nothing.
   */
  charge(units: number, nowMs: number): QuotaDecision {
    if (this.unitsPerSecond <= 0) return { ok: true };
    this.#spent = this.#spent.filter((entry) => entry.at > nowMs - WINDOW_MS);
    const used = this.#spent.reduce((sum, entry) => sum + entry.units, 0);
    if (used === 0 || used + units <= this.unitsPerSecond) {
      this.#spent.push({ at: nowMs, units });
      return { ok: true };
    }
    return { ok: false, retryAfterSeconds: this.#secondsUntilRoom(units, nowMs) };
  }

  /** Whole seconds until enough of the window has expired for `units` (at least 1). */
  #secondsUntilRoom(units: number, nowMs: number): number {
    let used = this.#spent.reduce((sum, entry) => sum + entry.units, 0);
    for (const entry of this.#spent) {
      used -= entry.units;
      if (used === 0 || used + units <= this.unitsPerSecond)
        return Math.max(1, Math.ceil((entry.at + WINDOW_MS - nowMs) / 1000));
    }
    return 1;
  }
}
