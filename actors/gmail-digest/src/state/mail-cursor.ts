// Where the last digest ended, so the next scheduled run starts exactly there: the newest Gmail
// internalDate seen, plus the ids of the messages at that very millisecond (several messages can
// share one, and Gmail's `after:` only has one-second resolution). Pure.

export interface MailCursor {
  /** internalDate (epoch ms) of the newest message digested. */
  internalDateMs: number;
  /** Ids of the digested messages whose internalDate is exactly `internalDateMs`. */
  idsAtBoundary: string[];
}

export interface CursorMessage {
  id: string;
  internalDateMs: number;
}

/** Whether a message is newer than what the cursor covers. */
export function isAfterCursor(cursor: MailCursor | null, message: CursorMessage): boolean {
  if (cursor === null) return true;
  if (message.internalDateMs !== cursor.internalDateMs) return message.internalDateMs > cursor.internalDateMs;
  return !cursor.idsAtBoundary.includes(message.id);
}

/**
 * The lower bound for Gmail's `after:` (epoch seconds). One second earlier than the cursor's own
 * second: the search then always returns the boundary messages too (whether Gmail's bound is
 * inclusive or not), and isAfterCursor drops the ones already digested.
 */
export function searchAfterSeconds(cursor: MailCursor): number {
  return Math.floor(cursor.internalDateMs / 1000) - 1;
}

/** The cursor after digesting `messages`: it only ever moves forward. */
export function advanceCursor(cursor: MailCursor | null, messages: readonly CursorMessage[]): MailCursor | null {
  let next =
    cursor === null ? null : { internalDateMs: cursor.internalDateMs, idsAtBoundary: [...cursor.idsAtBoundary] };
  for (const message of messages) {
    if (next === null || message.internalDateMs > next.internalDateMs) {
      next = { internalDateMs: message.internalDateMs, idsAtBoundary: [message.id] };
    } else if (message.internalDateMs === next.internalDateMs && !next.idsAtBoundary.includes(message.id)) {
      next.idsAtBoundary.push(message.id);
    }
  }
  return next;
}

/** A cursor that covers everything before `epochMs`: the start of a first run's look-back window. */
export function cursorBefore(epochMs: number): MailCursor {
  return { internalDateMs: epochMs - 1, idsAtBoundary: [] };
}
