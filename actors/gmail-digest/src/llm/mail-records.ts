import { formatAddress, parseZone, type MailAddress, type ParsedMail } from '../mail/index.js';
import { isFromUser, lowerSet } from '../digest/index.js';

/** The compact view of one mail that Claude sees. Short keys keep the prompt small. */
export interface MailRecord {
  id: string;
  thread: string;
  from: string;
  to: string;
  cc?: string;
  subject: string;
  /** The sender's local time with offset, so "tomorrow" resolves against the sender's day. */
  date: string;
  /** Facts the rules know and the text does not show: list mail, automated, Gmail tab, own mail. */
  hints?: string[];
  attachments?: string[];
  /** The new part of the body (quotes and signatures removed), cut to the per-mail budget. */
  text: string;
}

export const DEFAULT_MAX_CHARS_PER_MAIL = 1_500;
const MAX_SUBJECT_CHARS = 300;
const MAX_LISTED_RECIPIENTS = 5;
const MAX_LISTED_ATTACHMENTS = 5;
// Gmail system labels that carry meaning for classification; user label ids do not.
const USEFUL_LABELS: Record<string, string> = {
  CATEGORY_PROMOTIONS: 'gmail-promotions',
  CATEGORY_UPDATES: 'gmail-updates',
  CATEGORY_SOCIAL: 'gmail-social',
  CATEGORY_FORUMS: 'gmail-forums',
  IMPORTANT: 'gmail-important',
  STARRED: 'starred',
};

function cut(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, Math.max(0, max - 1))}…`;
}

function recipients(list: readonly MailAddress[]): string {
  const shown = list.slice(0, MAX_LISTED_RECIPIENTS).map(formatAddress);
  const more = list.length - shown.length;
  return more > 0 ? `${shown.join(', ')} and ${more} more` : shown.join(', ');
}

/** ISO date in the sender's own offset ("2024-12-06T18:30:00-05:00"); UTC when unknown. */
export function senderLocalIso(mail: Pick<ParsedMail, 'date' | 'dateOffset'>): string {
  const offsetMinutes = mail.dateOffset !== null ? parseZone(mail.dateOffset) : null;
  if (offsetMinutes === null || mail.dateOffset === null) return mail.date.replace(/\.\d{3}Z$/, 'Z');
  const local = new Date(Date.parse(mail.date) + offsetMinutes * 60_000).toISOString().slice(0, 19);
  return `${local}${mail.dateOffset}`;
}

/** Whitespace compacted (one newline between paragraphs) and cut to `maxChars`. */
export function compactText(text: string, maxChars: number): string {
  const compact = text
    .replace(/[ \t\u00A0]+/g, ' ')
    .replace(/ ?\n[\s]*/g, '\n')
    .trim();
  return cut(compact, maxChars);
}

export function toMailRecord(mail: ParsedMail, maxCharsPerMail: number, userAddresses?: Iterable<string>): MailRecord {
  const hints: string[] = [];
  if (isFromUser(mail, lowerSet(userAddresses))) hints.push('sent-by-user');
  if (mail.listUnsubscribe !== null || mail.listId !== null) hints.push('list-mail');
  if (mail.automated) hints.push('automated');
  for (const label of mail.labelIds) {
    const hint = USEFUL_LABELS[label];
    if (hint !== undefined) hints.push(hint);
  }
  const attachments = mail.attachments.filter((a) => !a.inline).map((a) => cut(a.filename, 80));
  return {
    id: mail.id,
    thread: mail.threadId,
    from: mail.from !== null ? formatAddress(mail.from) : 'unknown',
    to: recipients(mail.to),
    ...(mail.cc.length > 0 ? { cc: recipients(mail.cc) } : {}),
    subject: cut(mail.subject, MAX_SUBJECT_CHARS),
    date: senderLocalIso(mail),
    ...(hints.length > 0 ? { hints } : {}),
    ...(attachments.length > 0 ? { attachments: attachments.slice(0, MAX_LISTED_ATTACHMENTS) } : {}),
    text: compactText(mail.newText, maxCharsPerMail),
  };
}

/**
 * One JSON line per record: JSON keeps mail text inert (quotes and newlines escaped). A mail
 * that contains "</mails>" could otherwise close the data block early, so that one "<" is
 * written as the JSON escape \u003c, which reads the same once parsed.
 */
export function serializeRecord(record: MailRecord): string {
  return JSON.stringify(record).replace(/<(?=\/?mails\b)/gi, '\\u003c');
}
