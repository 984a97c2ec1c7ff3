// Which mail a run covers: since the per-user cursor (a scheduled digest), or a look-back window.
// Pure: the caller passes the clock.

import { cursorBefore, searchAfterSeconds, type MailCursor } from './mail-cursor.js';
import { type Since } from '../input.js';

export interface RunWindow {
  /** Mail after this cursor is new for this run. */
  start: MailCursor;
  /** The `after:` bound of the Gmail search (epoch seconds), a second before `start`. */
  afterEpochSeconds: number;
  /** A lastDigest run without saved state: the look-back window is used once. */
  firstRun: boolean;
  /** Only lastDigest runs move the cursor: a one-off look-back must not make the next scheduled run skip mail. */
  updatesCursor: boolean;
}

export function planWindow(since: Since, lookbackHours: number, saved: MailCursor | null, nowMs: number): RunWindow {
  const lookbackStart = cursorBefore(nowMs - lookbackHours * 3_600_000);
  if (since === 'lookback') {
    return {
      start: lookbackStart,
      afterEpochSeconds: searchAfterSeconds(lookbackStart),
      firstRun: false,
      updatesCursor: false,
    };
  }
  const start = saved ?? lookbackStart;
  return { start, afterEpochSeconds: searchAfterSeconds(start), firstRun: saved === null, updatesCursor: true };
}
