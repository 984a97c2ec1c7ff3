const UNITS: readonly [number, string][] = [
  [1e9, 'B'],
  [1e6, 'M'],
  [1e3, 'K'],
];

/**
 * A count the way YouTube shows it: 950, 1.2K, 12K, 1.2M, 3B. One decimal below 10 of a
 * unit, none above; a value that rounds up to 1000 of a unit moves to the next one.
 */
export function formatCount(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  const sign = value < 0 ? '-' : '';
  const abs = Math.abs(value);
  for (let index = 0; index < UNITS.length; index += 1) {
    const [size, suffix] = UNITS[index]!;
    if (abs < size) continue;
    const scaled = abs / size;
    const rounded = scaled < 10 ? Math.round(scaled * 10) / 10 : Math.round(scaled);
    const larger = UNITS[index - 1];
    if (rounded >= 1000 && larger !== undefined) return `${sign}1${larger[1]}`;
    return `${sign}${rounded}${suffix}`;
  }
  const rounded = Math.round(abs);
  return rounded >= 1000 ? `${sign}1K` : `${sign}${rounded}`;
}

/** "today", "1 day ago", "12 days ago". */
export function formatDaysAgo(days: number): string {
  if (days <= 0) return 'today';
  return days === 1 ? '1 day ago' : `${days} days ago`;
}

/** Whole days from an ISO timestamp to `now`; a future timestamp counts as 0. */
export function daysBetween(iso: string, now: Date): number | undefined {
  const time = Date.parse(iso);
  if (Number.isNaN(time)) return undefined;
  return Math.max(0, Math.floor((now.getTime() - time) / 86_400_000));
}
