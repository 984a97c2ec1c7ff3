// What a run has done so far, recorded step by step in the run's default key-value store (see
// auth-gate's RunJournal), so that the rerun after an Apify migration neither replaces the digest
// with an empty one (its cursor has moved) nor pushes items, moves the cursor, charges or mails
// twice. Pure helpers; the actor does the I/O.

import { createHash, randomBytes } from 'node:crypto';
import { type MessageItem } from '../output/dataset-items.js';
import { type EmailReport, type RunOutput } from '../output/run-output.js';
import { type CursorMessage, type MailCursor } from './mail-cursor.js';
import { type RunWindow } from './run-window.js';

export const PROGRESS_KEY = 'GMAIL_DIGEST_PROGRESS';

/**
 * The steps, in order. `planned`: window and clock fixed. `built`: the digest and everything to
 * store (the items kept until they are pushed). `stored`: items, DIGEST.html/.md and OUTPUT
 * written. `cursor-saved`: the per-user cursor moved. `charging`: the charge was started (never
 * repeated, so a user is not charged twice). `mail-intent`: the mail is about to be sent.
 * `mailed`: it was sent (or found in SENT).
 */
export const DIGEST_STEPS = [
  'planned',
  'built',
  'stored',
  'cursor-saved',
  'charging',
  'mail-intent',
  'mailed',
] as const;
export type DigestStep = (typeof DIGEST_STEPS)[number];

export interface BuiltDigest {
  ownAddress: string;
  /** Dataset items still to push; null once they are in the dataset. */
  items: MessageItem[] | null;
  /** Items the default dataset held before this run pushed any. */
  datasetBefore: number;
  html: string;
  markdown: string;
  output: RunOutput;
  mailCount: number;
  /** Every fetched message (also own digests left out), for the cursor. */
  cursorMessages: CursorMessage[];
  subject: string;
  /** A word only this digest mail contains, to find it in SENT if the run stopped while sending. */
  marker: string;
}

export interface DigestProgress {
  /** The run's clock: a rerun builds the same digest ("today", due dates) as the first attempt. */
  nowMs: number;
  window: RunWindow;
  built: BuiltDigest | null;
  email: EmailReport | null;
}

/** Ties saved progress to one job: the same input for the same user. */
export function progressFingerprint(input: unknown, userIdentifier: string): string {
  return createHash('sha256')
    .update(JSON.stringify([userIdentifier, input ?? null]))
    .digest('hex');
}

/** Letters and digits only, so that Gmail's search treats it as one word. */
export function newDigestMarker(): string {
  return `gmaildigest${randomBytes(12).toString('hex')}`;
}

/** The mailed digest: the stored HTML plus a small footer carrying the marker. */
export function mailHtml(html: string, marker: string): string {
  const footer = `<p style="color:#888;font-size:11px">Digest reference ${marker}</p>`;
  return html.includes('</body>') ? html.replace('</body>', `${footer}</body>`) : `${html}${footer}`;
}

/** The Gmail search for the digest mail of this marker. */
export function sentDigestQuery(marker: string): string {
  return `in:sent ${marker}`;
}

/**
 * The items not yet in the dataset: the dataset had `before` items, now has `now`; items go in in
 * order, so the first `now - before` of ours are there already (a push cut short by a migration).
 */
export function itemsToPush<T>(items: readonly T[], before: number, now: number): T[] {
  return items.slice(Math.min(items.length, Math.max(0, now - before)));
}

/** The later of two cursors: a rerun must never move the saved cursor back. */
export function laterCursor(a: MailCursor | null, b: MailCursor): MailCursor {
  if (a === null || b.internalDateMs > a.internalDateMs) return b;
  if (a.internalDateMs > b.internalDateMs) return a;
  return { internalDateMs: a.internalDateMs, idsAtBoundary: [...new Set([...a.idsAtBoundary, ...b.idsAtBoundary])] };
}
