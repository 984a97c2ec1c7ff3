// The shared YouTube project has 10,000 quota units a day for every user of the Actor together.
// Besides the per-run budget (input), each user gets a daily budget set by the operator, kept in a
// named key-value store under the run's per-user identifier and the UTC day, so that one user
// cannot spend everyone's day. Nothing in the input chooses the record: the identifier is the
// run's (the Apify user id on the platform) and the day is the clock's.

import { createHash } from 'node:crypto';

/** Named store of the daily ledgers (named stores are kept indefinitely; one small record per user and day). */
export const DAILY_QUOTA_STORE = 'youtube-daily-quota';
/** Set by the operator in the Actor's environment; users cannot change it. */
export const DAILY_UNITS_VARIABLE = 'YOUTUBE_DAILY_UNITS_PER_USER';
/** A fifth of a default project's 10,000 units: two default runs a day per user. */
export const DEFAULT_DAILY_UNITS_PER_USER = 2000;
const MAX_DAILY_UNITS = 1_000_000;

/** The operator's daily limit per user; a value that is not a whole number of units is a setup error. */
export function dailyUnitsLimit(env: Readonly<Record<string, string | undefined>>): number {
  const raw = env[DAILY_UNITS_VARIABLE]?.trim();
  if (raw === undefined || raw === '') return DEFAULT_DAILY_UNITS_PER_USER;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0 || value > MAX_DAILY_UNITS) {
    throw new RangeError(
      `${DAILY_UNITS_VARIABLE} must be a whole number of YouTube quota units (0 to ${MAX_DAILY_UNITS}), got "${raw}".`,
    );
  }
  return value;
}

/** The UTC day of `now`: YouTube's quota resets at midnight Pacific time, but users think in days, and UTC is the same for all. */
export function utcDay(now: Date): string {
  return now.toISOString().slice(0, 10);
}

/**
 * The record key for one user and day. Key-value store keys allow only a few characters, so the
 * identifier is kept readable where it can be and made unique by a hash of the whole of it.
 */
export function dailyQuotaKey(identifier: string, day: string): string {
  const readable = identifier.replace(/[^A-Za-z0-9_.-]/g, '_').slice(0, 80);
  const hash = createHash('sha256').update(identifier).digest('hex').slice(0, 12);
  return `${day}_${readable}_${hash}`;
}

export type RunGrant = { granted: number } | { refused: string };

/**
 * How many units this run may spend: the input's per-run budget, cut to what is left of the user's
 * day; refused when that is less than the smallest useful run.
 */
export function grantRunUnits(options: {
  requested: number;
  dailyLimit: number;
  usedToday: number;
  minimum: number;
}): RunGrant {
  const left = Math.max(0, options.dailyLimit - options.usedToday);
  const granted = Math.min(options.requested, left);
  if (granted >= options.minimum) return { granted };
  return {
    refused:
      `Your daily YouTube quota is used up: ${options.usedToday} of ${options.dailyLimit} units today (UTC), and this run needs at least ${options.minimum}. ` +
      'It starts again at 00:00 UTC. The YouTube project is shared by every user of this Actor, so each user has a daily share.',
  };
}

/** What the ledger needs from a key-value store (crawlee's KeyValueStore fits). */
export interface QuotaStore {
  getValue<T>(key: string): Promise<T | null>;
  setValue(key: string, value: unknown): Promise<void>;
}

interface DayRecord {
  day: string;
  /** Units per run id: reserved at the start, replaced by what was spent at the end. */
  runs: Record<string, number>;
}

/**
 * One user's day. A run reserves its grant before spending and settles to what it spent after; a
 * run that dies keeps its reservation (counted, never refunded: the units may have been spent).
 * Two runs of one user starting in the same moment may both pass the check (the store has no
 * compare-and-set); each still keeps within its per-run budget.
 */
export class DailyQuotaLedger {
  private constructor(
    private readonly store: QuotaStore,
    private readonly key: string,
    private readonly runId: string,
    private record: DayRecord,
  ) {}

  static async open(
    store: QuotaStore,
    options: { identifier: string; runId: string; now: Date },
  ): Promise<DailyQuotaLedger> {
    const day = utcDay(options.now);
    const key = dailyQuotaKey(options.identifier, day);
    const stored = await store.getValue<DayRecord>(key);
    const record: DayRecord =
      stored !== null && typeof stored === 'object' && stored.day === day
        ? { day, runs: { ...stored.runs } }
        : { day, runs: {} };
    return new DailyQuotaLedger(store, key, options.runId, record);
  }

  /** Units the user's other runs reserved or spent today. */
  usedToday(): number {
    return Object.entries(this.record.runs)
      .filter(([runId]) => runId !== this.runId)
      .reduce((sum, [, units]) => sum + (Number.isFinite(units) && units > 0 ? units : 0), 0);
  }

  async reserve(units: number): Promise<void> {
    await this.write(units);
  }

  async settle(unitsSpent: number): Promise<void> {
    await this.write(unitsSpent);
  }

  private async write(units: number): Promise<void> {
    // Re-read first so that runs which finished meanwhile are not overwritten.
    const stored = await this.store.getValue<DayRecord>(this.key);
    const runs =
      stored !== null && typeof stored === 'object' && stored.day === this.record.day ? { ...stored.runs } : {};
    runs[this.runId] = Math.max(0, Math.round(units));
    this.record = { day: this.record.day, runs };
    await this.store.setValue(this.key, this.record);
  }
}
