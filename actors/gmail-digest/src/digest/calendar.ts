import { parseZone, type ParsedMail } from '../mail/index.js';

/** A calendar day without time or zone. `weekday` is 0 for Sunday, as Date#getUTCDay. */
export interface CalendarDay {
  year: number;
  /** 1-12 */
  month: number;
  day: number;
  weekday: number;
}

const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True when `timeZone` is an IANA zone name the runtime knows. */
export function isValidTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
    return true;
  } catch {
    return false;
  }
}

/** Throws a clear error for an unknown zone, before anything is computed with it. */
export function assertTimeZone(timeZone: string): void {
  if (!isValidTimeZone(timeZone)) {
    throw new RangeError(`Unknown time zone "${timeZone}": use an IANA name such as "Europe/Berlin" or "UTC".`);
  }
}

/** Builds a day from year, month (1-12) and day, normalising overflow (Jan 32 -> Feb 1). */
export function calendarDay(year: number, month: number, day: number): CalendarDay {
  const d = new Date(Date.UTC(year, month - 1, day));
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate(), weekday: d.getUTCDay() };
}

/** True when year/month/day name a real date (no Feb 30). */
export function isRealDate(year: number, month: number, day: number): boolean {
  const d = calendarDay(year, month, day);
  return d.year === year && d.month === month && d.day === day;
}

export function addDays(day: CalendarDay, days: number): CalendarDay {
  return calendarDay(day.year, day.month, day.day + days);
}

export function formatDay(day: CalendarDay): string {
  return `${String(day.year).padStart(4, '0')}-${String(day.month).padStart(2, '0')}-${String(day.day).padStart(2, '0')}`;
}

export function parseDay(iso: string): CalendarDay | null {
  const m = ISO_DAY.exec(iso);
  if (!m) return null;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return isRealDate(year, month, day) ? calendarDay(year, month, day) : null;
}

/** Whole days from `a` to `b` (positive when b is later). */
export function daysBetween(a: CalendarDay, b: CalendarDay): number {
  return Math.round((Date.UTC(b.year, b.month - 1, b.day) - Date.UTC(a.year, a.month - 1, a.day)) / 86_400_000);
}

/** The calendar day of an instant in an IANA time zone. */
export function dayInTimeZone(instant: Date, timeZone: string): CalendarDay {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
  }).formatToParts(instant);
  const part = (type: string): number => Number(parts.find((p) => p.type === type)?.value);
  return calendarDay(part('year'), part('month'), part('day'));
}

/**
 * The sender's calendar day when the mail was written: "tomorrow" in a mail sent Friday 23:30
 * in New York means Saturday there, even though it is already Saturday morning in UTC.
 * Without a known offset the UTC day is used.
 */
export function mailDay(mail: Pick<ParsedMail, 'date' | 'dateOffset'>): CalendarDay {
  const offset = mail.dateOffset !== null ? (parseZone(mail.dateOffset) ?? 0) : 0;
  const local = new Date(Date.parse(mail.date) + offset * 60_000);
  return calendarDay(local.getUTCFullYear(), local.getUTCMonth() + 1, local.getUTCDate());
}

/** Short, readable local time for display ("Mon, 2 Dec, 09:15"). */
export function formatDateTime(iso: string, timeZone: string): string {
  return new Intl.DateTimeFormat('en-GB', {
    timeZone,
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(new Date(iso));
}

/** Long date for headings ("Tuesday, 3 December 2024"). */
export function formatLongDay(day: CalendarDay): string {
  return new Intl.DateTimeFormat('en-GB', {
    timeZone: 'UTC',
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
  }).format(new Date(Date.UTC(day.year, day.month - 1, day.day)));
}
