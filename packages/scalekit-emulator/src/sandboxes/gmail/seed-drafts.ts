import { escapeHtml } from '../../html/escape.js';
import type { WordEncoding } from './encoded-words.js';
import { formatQuoteDate } from './mail-dates.js';
import type { SeededRandom } from '../seeded-random.js';

/** The vocabulary seeded scenarios are written in: people, mail drafts and reply helpers. */

export interface Person {
  name: string;
  email: string;
  /** Minutes east of UTC of the person's mail client (their Date headers use it). */
  tz: number;
  title?: string;
  company?: string;
  phone?: string;
}

export interface AttachmentDraft {
  filename: string;
  mimeType: string;
  content: Buffer;
}

export type Category =
  'CATEGORY_PERSONAL' | 'CATEGORY_UPDATES' | 'CATEGORY_PROMOTIONS' | 'CATEGORY_SOCIAL' | 'CATEGORY_FORUMS';

export interface MailDraft {
  direction: 'in' | 'out';
  /** When the sender sent it (Date header), epoch ms. */
  at: number;
  from: Person;
  to: Person[];
  cc?: Person[];
  subject: string;
  text?: string;
  html?: string;
  attachments?: AttachmentDraft[];
  /** Extra top-level headers (List-Id, List-Unsubscribe, Sender...). */
  headers?: [string, string][];
  category?: Category;
  important?: boolean;
  starred?: boolean;
  userLabels?: string[];
  folder?: 'SPAM' | 'TRASH';
  /** Added to the age-based chance of being unread (promotions pile up unread). */
  unreadBias?: number;
  /** How non-ASCII headers are encoded (RFC 2047 B or Q). */
  wordEncoding?: WordEncoding;
  /** Transfer encoding of text bodies that are not plain ASCII. */
  bodyEncoding?: 'base64' | 'quoted-printable';
}

export interface SeedLabels {
  receipts: string;
  travel: string;
  newsletters: string;
  projects: string;
  followUp: string;
}

export interface ScenarioContext {
  rng: SeededRandom;
  me: Person;
  /** When the thread starts, epoch ms. */
  start: number;
  /** The mailbox's "now": nothing is dated after it. */
  anchor: number;
  labels: SeedLabels;
}

export type Scenario = (ctx: ScenarioContext) => MailDraft[];

export function firstName(person: Person): string {
  return person.name.split(' ')[0] ?? person.name;
}

/** A signature block after the standard "-- " delimiter line. */
export function signature(person: Person): string {
  const lines = ['-- ', person.name];
  if (person.title && person.company) lines.push(`${person.title} · ${person.company}`);
  if (person.phone) lines.push(person.phone);
  return lines.join('\n');
}

/** A time `min`..`max` minutes after `from`, or undefined when it would fall after the anchor. */
export function later(ctx: ScenarioContext, from: number, minMinutes: number, maxMinutes: number): number | undefined {
  const at = from + ctx.rng.int(minMinutes * 60, maxMinutes * 60) * 1000;
  return at < ctx.anchor - 120_000 ? at : undefined;
}

function quoted(prev: MailDraft, replierTz: number): string {
  const attribution = `On ${formatQuoteDate(prev.at, replierTz)}, ${prev.from.name} <${prev.from.email}> wrote:`;
  const body = (prev.text ?? '').split('\n').map((line) => (line === '' ? '>' : `> ${line}`));
  return [attribution, ...body].join('\n');
}

export function replySubject(subject: string): string {
  return /^re:/i.test(subject) ? subject : `Re: ${subject}`;
}

/** A reply that quotes the previous message below the new text, as Gmail composes replies. */
export function reply(
  prev: MailDraft,
  fields: Omit<MailDraft, 'subject' | 'text' | 'html'> & { body: string },
): MailDraft {
  const { body, ...rest } = fields;
  const text = `${body}\n\n${quoted(prev, fields.from.tz)}`;
  return { ...rest, subject: replySubject(prev.subject), text, html: textToHtml(text) };
}

/** Gmail-like HTML for a plain-text body: quotes become blockquotes, the signature a signature div. */
export function textToHtml(text: string): string {
  const lines = text.split('\n');
  const out: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.startsWith('>')) {
      const block: string[] = [];
      while (i < lines.length && lines[i]!.startsWith('>')) block.push(lines[i++]!.replace(/^> ?/, ''));
      i--;
      out.push(
        `<blockquote class="gmail_quote" style="margin:0 0 0 .8ex;border-left:1px #ccc solid;padding-left:1ex">${textToHtml(block.join('\n'))}</blockquote>`,
      );
    } else if (line === '-- ') {
      const block: string[] = [];
      while (i + 1 < lines.length && lines[i + 1] !== '' && !lines[i + 1]!.startsWith('On ')) block.push(lines[++i]!);
      out.push(
        `<div class="gmail_signature" data-smartmail="gmail_signature">${block.map(escapeHtml).join('<br>')}</div>`,
      );
    } else if (/^On .* wrote:$/.test(line)) {
      out.push(`<div class="gmail_attr">${escapeHtml(line)}<br></div>`);
    } else if (line === '') {
      out.push('<div><br></div>');
    } else {
      out.push(`<div>${escapeHtml(line)}</div>`);
    }
  }
  return `<div dir="ltr">${out.join('')}</div>`;
}
