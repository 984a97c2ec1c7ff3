import { addDays, calendarDay, daysBetween, formatDay, isRealDate, type CalendarDay } from './calendar.js';

/** A due date found in a sentence: the resolved day and the words it came from. */
export interface DueDate {
  date: string;
  text: string;
}

interface Candidate {
  index: number;
  day: CalendarDay;
  text: string;
}

const MONTH_NAMES: Record<string, number> = {
  jan: 1,
  january: 1,
  feb: 2,
  february: 2,
  mar: 3,
  march: 3,
  apr: 4,
  april: 4,
  may: 5,
  jun: 6,
  june: 6,
  jul: 7,
  july: 7,
  aug: 8,
  august: 8,
  sep: 9,
  sept: 9,
  september: 9,
  oct: 10,
  october: 10,
  nov: 11,
  november: 11,
  dec: 12,
  december: 12,
};
const WEEKDAYS: Record<string, number> = {
  sunday: 0,
  monday: 1,
  tuesday: 2,
  wednesday: 3,
  thursday: 4,
  friday: 5,
  saturday: 6,
};
const NUMBER_WORDS: Record<string, number> = {
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  ten: 10,
  fourteen: 14,
};

const MONTH =
  '(january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec)\\.?';
const ORDINAL = '(\\d{1,2})(?:st|nd|rd|th)?';
const YEAR = '(?:,?\\s+(\\d{4}))?';
// Words that introduce a deadline; kept in the reported phrase so "by Friday" reads naturally.
const LEAD = '(?:(?:by|before|until|till|due|on|no later than|latest|deadline:?)\\s+(?:the\\s+)?)?';

const ISO_PATTERN = new RegExp(`\\b${LEAD}(\\d{4})-(\\d{2})-(\\d{2})\\b`, 'i');
const DAY_MONTH_PATTERN = new RegExp(`\\b${LEAD}${ORDINAL}\\s+(?:of\\s+)?${MONTH}${YEAR}\\b`, 'i');
const MONTH_DAY_PATTERN = new RegExp(`\\b${LEAD}${MONTH}\\s+${ORDINAL}${YEAR}\\b`, 'i');
const WEEKDAY_PATTERN = new RegExp(
  `\\b${LEAD}(this\\s+|next\\s+)?(sunday|monday|tuesday|wednesday|thursday|friday|saturday)\\b`,
  'i',
);
const SAME_DAY_PATTERN = new RegExp(
  `\\b${LEAD}(?:today|tonight|this (?:evening|afternoon)|eod|end of (?:the )?(?:business )?day|cob|close of business)\\b`,
  'i',
);
const TOMORROW_PATTERN = new RegExp(`\\b${LEAD}(the day after tomorrow|tomorrow)\\b`, 'i');
const END_OF_WEEK_PATTERN = new RegExp(`\\b${LEAD}(?:(?:the\\s+)?end of (?:the|this) week|eow)\\b`, 'i');
const NEXT_WEEK_PATTERN = /\b(?:by|before|until|early|during)?\s*next week\b/i;
const END_OF_MONTH_PATTERN = new RegExp(`\\b${LEAD}(?:(?:the\\s+)?end of (?:the|this) month|eom)\\b`, 'i');
const IN_DAYS_PATTERN =
  /\bwithin\s+(\d{1,2}|one|two|three|four|five|six|seven|ten|fourteen)\s+days\b|\bin\s+(\d{1,2}|one|two|three|four|five|six|seven|ten|fourteen)\s+days\b/i;

/**
 * A day and month without a year: the next such date on or after the mail's day. A date up to
 * a week in the past stays in this year (an overdue deadline), anything older is next year's.
 */
function resolveYearless(month: number, day: number, reference: CalendarDay): CalendarDay | null {
  if (!isRealDate(reference.year, month, day) && !isRealDate(reference.year + 1, month, day)) return null;
  const thisYear = calendarDay(reference.year, month, day);
  return daysBetween(reference, thisYear) >= -7 ? thisYear : calendarDay(reference.year + 1, month, day);
}

function explicitDate(year: number | null, month: number, day: number, reference: CalendarDay): CalendarDay | null {
  if (year === null) return resolveYearless(month, day, reference);
  return isRealDate(year, month, day) ? calendarDay(year, month, day) : null;
}

function candidate(match: RegExpExecArray | null, day: CalendarDay | null): Candidate | null {
  if (match === null || day === null) return null;
  return { index: match.index, day, text: match[0].trim() };
}

function nextWeekday(reference: CalendarDay, weekday: number, includeToday: boolean): CalendarDay {
  let delta = (weekday - reference.weekday + 7) % 7;
  if (delta === 0 && !includeToday) delta = 7;
  return addDays(reference, delta);
}

function numberFrom(word: string | undefined): number | null {
  if (word === undefined) return null;
  return /^\d+$/.test(word) ? Number(word) : (NUMBER_WORDS[word.toLowerCase()] ?? null);
}

function candidates(sentence: string, reference: CalendarDay): Candidate[] {
  const found: (Candidate | null)[] = [];

  const iso = ISO_PATTERN.exec(sentence);
  found.push(candidate(iso, iso ? explicitDate(Number(iso[1]), Number(iso[2]), Number(iso[3]), reference) : null));

  const dayMonth = DAY_MONTH_PATTERN.exec(sentence);
  if (dayMonth) {
    const month = MONTH_NAMES[(dayMonth[2] ?? '').toLowerCase()] ?? 0;
    const year = dayMonth[3] !== undefined ? Number(dayMonth[3]) : null;
    found.push(candidate(dayMonth, explicitDate(year, month, Number(dayMonth[1]), reference)));
  }

  const monthDay = MONTH_DAY_PATTERN.exec(sentence);
  if (monthDay) {
    const month = MONTH_NAMES[(monthDay[1] ?? '').toLowerCase()] ?? 0;
    const year = monthDay[3] !== undefined ? Number(monthDay[3]) : null;
    found.push(candidate(monthDay, explicitDate(year, month, Number(monthDay[2]), reference)));
  }

  const weekday = WEEKDAY_PATTERN.exec(sentence);
  if (weekday) {
    const target = WEEKDAYS[(weekday[2] ?? '').toLowerCase()] ?? 0;
    const qualifier = (weekday[1] ?? '').trim().toLowerCase();
    // "this Friday" said on a Friday means today; plain or "next" Friday means the coming one.
    found.push(candidate(weekday, nextWeekday(reference, target, qualifier === 'this')));
  }

  const sameDay = SAME_DAY_PATTERN.exec(sentence);
  found.push(candidate(sameDay, reference));

  const tomorrow = TOMORROW_PATTERN.exec(sentence);
  if (tomorrow) {
    found.push(candidate(tomorrow, addDays(reference, /after/i.test(tomorrow[1] ?? '') ? 2 : 1)));
  }

  // End of week is Friday; from Saturday on it is the next week's Friday.
  found.push(candidate(END_OF_WEEK_PATTERN.exec(sentence), nextWeekday(reference, 5, true)));

  // "Next week" is read as its Monday: the earliest day it can mean.
  found.push(candidate(NEXT_WEEK_PATTERN.exec(sentence), addDays(reference, (8 - reference.weekday) % 7 || 7)));

  found.push(candidate(END_OF_MONTH_PATTERN.exec(sentence), calendarDay(reference.year, reference.month + 1, 0)));

  const inDays = IN_DAYS_PATTERN.exec(sentence);
  if (inDays) {
    const days = numberFrom(inDays[1] ?? inDays[2]);
    found.push(candidate(inDays, days !== null ? addDays(reference, days) : null));
  }

  return found.filter((c): c is Candidate => c !== null);
}

/**
 * Finds the first due date a sentence states ("by Friday", "before 5 Dec", "tomorrow", "EOD",
 * "2024-12-06", "end of the month", "within 3 days") and resolves it against `reference`, the
 * sender's calendar day when the mail was written. Returns null when no date is stated.
 */
export function findDueDate(sentence: string, reference: CalendarDay): DueDate | null {
  const all = candidates(sentence, reference);
  if (all.length === 0) return null;
  const first = all.reduce((best, c) =>
    c.index < best.index || (c.index === best.index && c.text.length > best.text.length) ? c : best,
  );
  return { date: formatDay(first.day), text: first.text };
}
