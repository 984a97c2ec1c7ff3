import { type DateSource } from './parsed-mail.js';

/** A resolved sending time: the instant, and the sender's offset when the header states one. */
export interface MailDate {
  iso: string;
  /** Minutes east of UTC as written by the sender; null when unknown. */
  offsetMinutes: number | null;
  source: DateSource;
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

// Obsolete zone names RFC 5322 §4.3 still asks readers to understand.
const ZONE_NAMES: Record<string, number> = {
  UT: 0,
  UTC: 0,
  GMT: 0,
  Z: 0,
  EST: -300,
  EDT: -240,
  CST: -360,
  CDT: -300,
  MST: -420,
  MDT: -360,
  PST: -480,
  PDT: -420,
};

const RFC5322_DATE =
  /^\s*(?:[A-Za-z]{2,9},?\s*)?(\d{1,2})[\s-]+([A-Za-z]{3})[A-Za-z]*\.?[\s-]+(\d{2,4})\s+(\d{1,2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?\s*([+-]\d{2}:?\d{2}|[A-Za-z]{1,5})?/;

/** "+0100" / "-05:30" / "PDT" -> minutes east of UTC; null for unknown or absent zones. */
export function parseZone(zone: string | undefined): number | null {
  if (zone === undefined) return null;
  const numeric = /^([+-])(\d{2}):?(\d{2})$/.exec(zone);
  if (numeric) {
    const minutes = Number(numeric[2]) * 60 + Number(numeric[3]);
    if (minutes > 14 * 60) return null;
    return numeric[1] === '-' ? -minutes : minutes;
  }
  return ZONE_NAMES[zone.toUpperCase()] ?? null;
}

/** Minutes east of UTC -> "+01:00" / "-05:30". */
export function formatOffset(offsetMinutes: number): string {
  const sign = offsetMinutes < 0 ? '-' : '+';
  const abs = Math.abs(offsetMinutes);
  const hours = String(Math.floor(abs / 60)).padStart(2, '0');
  const minutes = String(abs % 60).padStart(2, '0');
  return `${sign}${hours}:${minutes}`;
}

/**
 * Parses an RFC 5322 Date header ("Mon, 2 Dec 2024 09:15:00 +0100 (CET)") keeping its offset,
 * which `Date.parse` would throw away. Falls back to `Date.parse` for ISO-like values.
 * Returns null when the value is not a date.
 */
export function parseDateHeader(value: string): { epochMs: number; offsetMinutes: number | null } | null {
  const m = RFC5322_DATE.exec(value);
  if (m) {
    const day = Number(m[1]);
    const month = MONTHS.indexOf((m[2] ?? '').toLowerCase());
    let year = Number(m[3]);
    // RFC 5322 §4.3: two-digit years below 50 are 20xx, the rest 19xx; three digits add 1900.
    if ((m[3] ?? '').length === 2) year += year < 50 ? 2000 : 1900;
    else if ((m[3] ?? '').length === 3) year += 1900;
    const hour = Number(m[4]);
    const minute = Number(m[5]);
    const second = m[6] !== undefined ? Number(m[6]) : 0;
    if (month < 0 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 60) return null;
    const offsetMinutes = parseZone(m[7]);
    const local = Date.UTC(year, month, day, hour, minute, Math.min(second, 59));
    return { epochMs: local - (offsetMinutes ?? 0) * 60_000, offsetMinutes };
  }
  const fallback = Date.parse(value);
  if (Number.isNaN(fallback)) return null;
  const isoZone = /(?:T[\d:.]+)([+-]\d{2}:?\d{2}|Z)\s*$/.exec(value.trim());
  return { epochMs: fallback, offsetMinutes: isoZone ? parseZone(isoZone[1]) : null };
}

// Date#toISOString throws outside ±8.64e15 ms, so absurd header years must not reach it.
function isRepresentable(epochMs: number): boolean {
  return Number.isFinite(epochMs) && Math.abs(epochMs) <= 8.64e15;
}

/**
 * The sending time of a message: the Date header when it parses, else Gmail's internalDate
 * (receipt time, always present on real messages), else the epoch marked as 'none'.
 */
export function resolveMailDate(dateHeader: string | null, internalDate: string | undefined): MailDate {
  const parsed = dateHeader !== null ? parseDateHeader(dateHeader) : null;
  if (parsed && isRepresentable(parsed.epochMs)) {
    return { iso: new Date(parsed.epochMs).toISOString(), offsetMinutes: parsed.offsetMinutes, source: 'header' };
  }
  const internal = internalDate !== undefined && /^\d+$/.test(internalDate) ? Number(internalDate) : NaN;
  if (isRepresentable(internal)) {
    return { iso: new Date(internal).toISOString(), offsetMinutes: null, source: 'internalDate' };
  }
  return { iso: new Date(0).toISOString(), offsetMinutes: null, source: 'none' };
}
