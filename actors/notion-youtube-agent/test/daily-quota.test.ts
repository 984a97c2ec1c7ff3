import { describe, expect, it } from 'vitest';
import {
  DailyQuotaLedger,
  dailyQuotaKey,
  dailyUnitsLimit,
  DEFAULT_DAILY_UNITS_PER_USER,
  grantRunUnits,
  utcDay,
  type QuotaStore,
} from '../src/research/index.js';

class MemoryStore implements QuotaStore {
  readonly records = new Map<string, unknown>();
  getValue<T>(key: string): Promise<T | null> {
    return Promise.resolve((this.records.has(key) ? structuredClone(this.records.get(key)) : null) as T | null);
  }
  setValue(key: string, value: unknown): Promise<void> {
    this.records.set(key, structuredClone(value));
    return Promise.resolve();
  }
}

describe('grantRunUnits', () => {
  it.each([
    // requested, daily limit, used today, minimum -> granted
    [1000, 2000, 0, 150, 1000],
    [1000, 2000, 1500, 150, 500],
    [1000, 2000, 1850, 150, 150],
    [300, 10_000, 9000, 150, 300],
  ])('requested %i, limit %i, used %i, minimum %i: grants %i', (requested, dailyLimit, usedToday, minimum, granted) => {
    expect(grantRunUnits({ requested, dailyLimit, usedToday, minimum })).toEqual({ granted });
  });

  it('refuses when what is left of the day is below the smallest useful run, saying when it resets', () => {
    const grant = grantRunUnits({ requested: 1000, dailyLimit: 2000, usedToday: 1900, minimum: 150 });
    expect(grant).toEqual({
      refused: expect.stringMatching(/1900 of 2000 units today \(UTC\).*at least 150.*00:00 UTC/),
    });
    expect(grantRunUnits({ requested: 1000, dailyLimit: 2000, usedToday: 2500, minimum: 150 })).toHaveProperty(
      'refused',
    );
  });
});

describe('dailyUnitsLimit', () => {
  it("defaults, reads the operator's variable, and refuses nonsense", () => {
    expect(dailyUnitsLimit({})).toBe(DEFAULT_DAILY_UNITS_PER_USER);
    expect(dailyUnitsLimit({ YOUTUBE_DAILY_UNITS_PER_USER: ' 5000 ' })).toBe(5000);
    expect(() => dailyUnitsLimit({ YOUTUBE_DAILY_UNITS_PER_USER: 'lots' })).toThrow(/whole number/);
    expect(() => dailyUnitsLimit({ YOUTUBE_DAILY_UNITS_PER_USER: '-1' })).toThrow(/whole number/);
  });
});

describe('dailyQuotaKey', () => {
  it('is one record per identifier and UTC day, with only key-value-store-safe characters', () => {
    const day = utcDay(new Date('2026-03-01T23:59:59Z'));
    expect(day).toBe('2026-03-01');
    expect(utcDay(new Date('2026-03-02T00:00:00Z'))).toBe('2026-03-02');
    const key = dailyQuotaKey('acme:user/7', day);
    expect(key).toMatch(/^2026-03-01_acme_user_7_[0-9a-f]{12}$/);
    // Identifiers that read the same after cleaning stay apart.
    expect(dailyQuotaKey('acme:user/7', day)).not.toBe(dailyQuotaKey('acme_user_7', day));
    expect(dailyQuotaKey('a'.repeat(500), day).length).toBeLessThanOrEqual(256);
  });
});

describe('DailyQuotaLedger', () => {
  const now = new Date('2026-03-01T12:00:00Z');

  it("counts the user's other runs today, reserves, and settles to what was spent", async () => {
    const store = new MemoryStore();
    const first = await DailyQuotaLedger.open(store, { identifier: 'alice', runId: 'run-1', now });
    expect(first.usedToday()).toBe(0);
    await first.reserve(1000);
    const second = await DailyQuotaLedger.open(store, { identifier: 'alice', runId: 'run-2', now });
    expect(second.usedToday()).toBe(1000);
    await first.settle(412);
    await second.reserve(800);
    const third = await DailyQuotaLedger.open(store, { identifier: 'alice', runId: 'run-3', now });
    // The first run's settlement was not lost to the second run's reservation.
    expect(third.usedToday()).toBe(412 + 800);
  });

  it('keeps users and days apart', async () => {
    const store = new MemoryStore();
    await (await DailyQuotaLedger.open(store, { identifier: 'alice', runId: 'run-1', now })).settle(900);
    expect((await DailyQuotaLedger.open(store, { identifier: 'bob', runId: 'run-2', now })).usedToday()).toBe(0);
    const tomorrow = new Date('2026-03-02T00:00:01Z');
    expect(
      (await DailyQuotaLedger.open(store, { identifier: 'alice', runId: 'run-3', now: tomorrow })).usedToday(),
    ).toBe(0);
  });
});
