import { describe, expect, it } from 'vitest';
import { chargeLimitWarning, messagesWithinLimit, type ChargeBudget } from '../src/billing/charge-budget.js';

/** A budget of `leftUsd` with the events' prices, counted as the SDK counts them. */
function budget(leftUsd: number, prices: Record<string, number>): ChargeBudget {
  return {
    isPayPerEvent: true,
    affordable: (event) => {
      const price = prices[event] ?? 0;
      return price > 0 ? Math.floor(Number((leftUsd / price).toFixed(4))) : Infinity;
    },
    priceUsd: (event) => prices[event] ?? 0,
  };
}

const PRICES = { 'digest-created': 0.01, 'message-digested': 0.001 };

describe('messages within the spending limit', () => {
  it('leaves room for the digest event and never overshoots', () => {
    expect(messagesWithinLimit(budget(0.05, PRICES))).toBe(40);
    expect(messagesWithinLimit(budget(0.0109, PRICES))).toBe(0);
    expect(messagesWithinLimit(budget(0.011, PRICES))).toBe(1);
    for (const left of [0.0101, 0.013, 0.0257, 0.1, 1.2345]) {
      const n = messagesWithinLimit(budget(left, PRICES));
      expect(0.01 + n * 0.001).toBeLessThanOrEqual(left + 1e-12);
      expect(0.01 + (n + 1) * 0.001).toBeGreaterThan(left);
    }
  });

  it('is zero when even the digest event does not fit, unlimited without pay-per-event or for free messages', () => {
    expect(messagesWithinLimit(budget(0.005, PRICES))).toBe(0);
    expect(messagesWithinLimit({ ...budget(0, PRICES), isPayPerEvent: false })).toBe(Infinity);
    expect(messagesWithinLimit(budget(0.02, { 'digest-created': 0.01 }))).toBe(Infinity);
  });

  it('warns only when the limit, not "Max messages", capped the digest', () => {
    expect(chargeLimitWarning(Infinity, 200)).toBeNull();
    expect(chargeLimitWarning(200, 200)).toBeNull();
    expect(chargeLimitWarning(3, 200)).toBe(
      'The spending limit of this run pays for a digest of 3 messages: only the newest 3 are digested. Raise the maximum cost per run to include more.',
    );
  });
});
