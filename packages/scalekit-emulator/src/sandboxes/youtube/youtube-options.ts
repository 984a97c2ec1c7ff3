import type { JsonObject, JsonValue } from '../sandbox.js';
import type { QuotaState } from './quota-meter.js';
import { isObject } from '../../json-object.js';

/** Sizing and limits of one YouTube sandbox, from `startEmulator({ sandboxes: { youtube: {...} } })`. */
export interface YoutubeSettings {
  /** Seed of the public catalogue; defaults to the account's sandbox seed. */
  catalogueSeed: number;
  /** ISO date-time every relative date is anchored at. */
  now: string;
  channels: number;
  videosPerChannel: number;
  dailyQuota: number;
}

export const YOUTUBE_DEFAULTS = { channels: 60, videosPerChannel: 8, dailyQuota: 10_000 } as const;

function integer(options: JsonObject, name: string, min: number, max: number): number | undefined {
  const value: JsonValue | undefined = options[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw new Error(
      `youtube sandbox option ${name} must be an integer from ${min} to ${max}, got ${JSON.stringify(value)}`,
    );
  }
  return value;
}

function isoDate(options: JsonObject, name: string): string | undefined {
  const value = options[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string' || Number.isNaN(Date.parse(value))) {
    throw new Error(`youtube sandbox option ${name} must be an ISO date-time, got ${JSON.stringify(value)}`);
  }
  return new Date(value).toISOString();
}

/**
 * Settings from options, or from a saved state. A restore keeps the saved catalogue parameters
 * (so ids survive) and takes a `dailyQuota` from the options when one is given.
 */
export function youtubeSettings(seed: number, options: JsonObject, saved?: JsonObject): YoutubeSettings {
  const fromSaved = saved ?? {};
  return {
    catalogueSeed:
      integer(fromSaved, 'catalogueSeed', 0, 2 ** 32 - 1) ?? integer(options, 'catalogueSeed', 0, 2 ** 32 - 1) ?? seed,
    now: isoDate(fromSaved, 'now') ?? isoDate(options, 'now') ?? new Date().toISOString(),
    channels:
      integer(fromSaved, 'channels', 0, 5000) ?? integer(options, 'channels', 0, 5000) ?? YOUTUBE_DEFAULTS.channels,
    videosPerChannel:
      integer(fromSaved, 'videosPerChannel', 0, 500) ??
      integer(options, 'videosPerChannel', 0, 500) ??
      YOUTUBE_DEFAULTS.videosPerChannel,
    dailyQuota:
      integer(options, 'dailyQuota', 0, Number.MAX_SAFE_INTEGER) ??
      integer(fromSaved, 'dailyQuota', 0, Number.MAX_SAFE_INTEGER) ??
      YOUTUBE_DEFAULTS.dailyQuota,
  };
}

export function savedQuota(saved: JsonObject | undefined): QuotaState | undefined {
  const quota = saved?.['quota'];
  if (!isObject(quota)) return undefined;
  const { day, used, calls } = quota;
  if (typeof day !== 'string' || typeof used !== 'number') return undefined;
  const counts: Record<string, number> = {};
  if (isObject(calls)) {
    for (const [method, n] of Object.entries(calls)) if (typeof n === 'number') counts[method] = n;
  }
  return { day, used, calls: counts };
}

/** Query keys whose generated channels a saved sandbox had handed out (none in older saves). */
export function savedQueryKeys(saved: JsonObject | undefined): string[] {
  const keys = saved?.['generatedQueries'];
  return Array.isArray(keys) ? keys.filter((k): k is string => typeof k === 'string') : [];
}
