// The Standby server's limits, set by the operator in the Actor's environment. A long-lived
// server shared by many callers needs bounds on what one caller can make it hold or spend.

import { DEFAULT_YOUTUBE_QUOTA_UNITS } from '../input.js';

export interface StandbyLimits {
  /** Largest request body accepted (413 above it). */
  maxBodyBytes: number;
  /** Tasks one caller may have running at once (429 with Retry-After above it). */
  maxRunningTasksPerCaller: number;
  /** Task records kept in memory; the oldest finished ones make room (503 when all are running). */
  maxKeptTasks: number;
  /** The most YouTube quota one task may spend: the shared project's daily quota is the operator's. */
  maxYoutubeQuotaUnits: number;
  /** What 429 and 503 answers put in Retry-After. */
  retryAfterSecs: number;
}

interface LimitSpec {
  variable: string;
  fallback: number;
  min: number;
  max: number;
}

const SPECS: Record<Exclude<keyof StandbyLimits, 'retryAfterSecs'>, LimitSpec> = {
  // A task body is a few hundred bytes; a 4,000-character task fits many times over.
  maxBodyBytes: { variable: 'STANDBY_MAX_BODY_BYTES', fallback: 16_384, min: 1_024, max: 1_048_576 },
  maxRunningTasksPerCaller: { variable: 'STANDBY_MAX_RUNNING_TASKS_PER_CALLER', fallback: 2, min: 1, max: 100 },
  maxKeptTasks: { variable: 'STANDBY_MAX_KEPT_TASKS', fallback: 200, min: 1, max: 100_000 },
  maxYoutubeQuotaUnits: {
    variable: 'STANDBY_MAX_YOUTUBE_QUOTA_UNITS',
    fallback: DEFAULT_YOUTUBE_QUOTA_UNITS,
    min: 150,
    max: 10_000,
  },
};

/** A task takes seconds to minutes; asking sooner than this only adds load. */
const RETRY_AFTER_SECS = 15;

export class StandbyConfigError extends Error {}

/** The limits from the environment; a malformed value fails the start with the variable's name. */
export function standbyLimitsFromEnv(env: Readonly<Record<string, string | undefined>>): StandbyLimits {
  const read = ({ variable, fallback, min, max }: LimitSpec): number => {
    const raw = env[variable]?.trim();
    if (!raw) return fallback;
    const value = Number(raw);
    if (!Number.isInteger(value) || value < min || value > max) {
      throw new StandbyConfigError(`${variable} must be a whole number from ${min} to ${max}, got "${raw}".`);
    }
    return value;
  };
  return {
    maxBodyBytes: read(SPECS.maxBodyBytes),
    maxRunningTasksPerCaller: read(SPECS.maxRunningTasksPerCaller),
    maxKeptTasks: read(SPECS.maxKeptTasks),
    maxYoutubeQuotaUnits: read(SPECS.maxYoutubeQuotaUnits),
    retryAfterSecs: RETRY_AFTER_SECS,
  };
}
