/**
 * The emulator's notion of "now" for everything that expires (API keys, magic links, pending
 * verifications). Tests move it forward through the admin API instead of sleeping, so an expiry
 * test does not race a loaded machine's wall clock.
 */
export class EmulatorClock {
  #offsetMs = 0;

  now(): number {
    return Date.now() + this.#offsetMs;
  }

  /** Moves time forward (never back: expiries already observed must stay observed). */
  advance(ms: number): number {
    if (!Number.isFinite(ms) || ms < 0)
      throw new RangeError('the clock only moves forward by a finite number of milliseconds');
    this.#offsetMs += ms;
    return this.now();
  }
}
