/**
 * Dates in Gmail search: `after:`/`before:` take YYYY/MM/DD (midnight Pacific time, as Gmail's
 * search documentation says) or epoch seconds; `newer_than:`/`older_than:` take a period.
 */

const PACIFIC = new Intl.DateTimeFormat('en-US', { timeZone: 'America/Los_Angeles', timeZoneName: 'longOffset' });

/** Minutes east of UTC in Los Angeles at `epochMs` (-480 in winter, -420 in summer). */
function pacificOffsetMinutes(epochMs: number): number {
  const zone = PACIFIC.formatToParts(new Date(epochMs)).find((p) => p.type === 'timeZoneName')?.value ?? 'GMT-08:00';
  const match = /GMT([+-])(\d{2}):(\d{2})/.exec(zone);
  if (!match) return -480;
  const minutes = Number(match[2]) * 60 + Number(match[3]);
  return match[1] === '-' ? -minutes : minutes;
}

/** Epoch ms of midnight Pacific time on a calendar date. */
export function pacificMidnight(year: number, month: number, day: number): number {
  const utcMidnight = Date.UTC(year, month - 1, day);
  // The offset at 08:00 UTC that day is the offset in force at local midnight (DST switches at 02:00).
  return utcMidnight - pacificOffsetMinutes(utcMidnight + 8 * 3_600_000) * 60_000;
}

function validCalendarDate(year: number, month: number, day: number): boolean {
  const d = new Date(Date.UTC(year, month - 1, day));
  return d.getUTCFullYear() === year && d.getUTCMonth() === month - 1 && d.getUTCDate() === day;
}

/** An `after:`/`before:` value as epoch ms, or undefined when it is not a date Gmail understands. */
export function parseSearchDate(value: string): number | undefined {
  if (/^\d+$/.test(value)) return Number(value) * 1000;
  const ymd = /^(\d{4})[/-](\d{1,2})[/-](\d{1,2})$/.exec(value);
  const mdy = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(value);
  const [year, month, day] = ymd
    ? [Number(ymd[1]), Number(ymd[2]), Number(ymd[3])]
    : mdy
      ? [Number(mdy[3]), Number(mdy[1]), Number(mdy[2])]
      : [Number.NaN, Number.NaN, Number.NaN];
  if (!validCalendarDate(year, month, day)) return undefined;
  return pacificMidnight(year, month, day);
}

export type PeriodUnit = 'h' | 'd' | 'm' | 'y';

export interface Period {
  amount: number;
  /** h hours, d days, m months, y years: `m` is a month in Gmail, not a minute. */
  unit: PeriodUnit;
}

export function parsePeriod(value: string): Period | undefined {
  const match = /^(\d+)([hdmy])$/i.exec(value);
  if (!match) return undefined;
  return { amount: Number(match[1]), unit: match[2]!.toLowerCase() as PeriodUnit };
}

/** The instant `period` before `nowMs`; months and years are calendar months and years. */
export function periodStart(nowMs: number, period: Period): number {
  if (period.unit === 'h') return nowMs - period.amount * 3_600_000;
  if (period.unit === 'd') return nowMs - period.amount * 86_400_000;
  const d = new Date(nowMs);
  if (period.unit === 'm') d.setUTCMonth(d.getUTCMonth() - period.amount);
  else d.setUTCFullYear(d.getUTCFullYear() - period.amount);
  return d.getTime();
}
