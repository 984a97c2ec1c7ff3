// How many messages a run may digest within the user's spending limit for the run (pay per
// event: one "digest-created" plus one "message-digested" per message). The digest is made in one
// piece, so the limit is applied before the mail is fetched: the run digests the newest messages
// the limit pays for (like the other actors stop writing at the limit) instead of producing work
// it cannot charge for.

import { Actor } from 'apify';

export const DIGEST_EVENT = 'digest-created';
export const MESSAGE_EVENT = 'message-digested';

export interface ChargeBudget {
  isPayPerEvent: boolean;
  /** How many more of an event the limit allows (the SDK's count; Infinity for a free event). */
  affordable: (event: string) => number;
  /** The price the SDK counts an event at. */
  priceUsd: (event: string) => number;
}

/**
 * The largest number of messages whose digest (one digest event plus one event per message) fits
 * in what is left of the limit; Infinity when the run is not charged per event. The budget left is
 * taken as at least `affordable(message) × price(message)`, so the result never overshoots.
 */
export function messagesWithinLimit(budget: ChargeBudget): number {
  if (!budget.isPayPerEvent) return Infinity;
  if (budget.affordable(DIGEST_EVENT) < 1) return 0;
  const messagePrice = budget.priceUsd(MESSAGE_EVENT);
  const messages = budget.affordable(MESSAGE_EVENT);
  if (!(messagePrice > 0) || !Number.isFinite(messages)) return messages;
  const left = messages * messagePrice - budget.priceUsd(DIGEST_EVENT);
  // Rounded first: 0.3 / 0.1 is 2.9999999999999996 in floating point.
  return Math.max(0, Math.floor(Number((left / messagePrice).toFixed(6))));
}

/** Why a run whose limit cannot pay for one digested message stops before reading mail. */
export const NO_BUDGET_MESSAGE =
  'The spending limit of this run does not cover a digest of even one message (one digest event plus one message event). ' +
  'No mail was read: raise the maximum cost per run and start it again.';

/** The warning a digest capped by the limit carries (null when the limit is not what capped it). */
export function chargeLimitWarning(limit: number, maxMessages: number): string | null {
  if (limit >= maxMessages) return null;
  return (
    `The spending limit of this run pays for a digest of ${limit} message${limit === 1 ? '' : 's'}: only the newest ${limit} are digested. ` +
    'Raise the maximum cost per run to include more.'
  );
}

/** The run's budget as the Apify SDK counts it (prices are $1 per event in local test mode, as the SDK counts them). */
export function chargeBudgetOfRun(): ChargeBudget {
  const charging = Actor.getChargingManager();
  const pricing = charging.getPricingInfo();
  return {
    isPayPerEvent: pricing.isPayPerEvent,
    affordable: (event) => charging.calculateMaxEventChargeCountWithinLimit(event),
    priceUsd: (event) => (Actor.isAtHome() ? (pricing.perEventPrices[event] ?? 0) : 1),
  };
}
