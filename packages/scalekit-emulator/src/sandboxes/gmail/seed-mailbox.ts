import { encodeWords, formatAddress, type WordEncoding } from './encoded-words.js';
import { gmailId } from './gmail-ids.js';
import { userLabel, type LabelRecord } from './labels.js';
import { formatMailDate } from './mail-dates.js';
import {
  buildMessage,
  canonicalText,
  type HeaderField,
  type MimeLeaf,
  type MimeNode,
  type TransferEncoding,
} from './mime-builder.js';
import type { StoredMessage } from './message-index.js';
import { SeededRandom } from '../seeded-random.js';
import type { MailDraft, Person, SeedLabels } from './seed-drafts.js';
import { GUARANTEED, WEIGHTED, type AgeBucket } from './seed-scenarios.js';

/**
 * A deterministic mailbox: the same seed, anchor, size and owner always give byte-identical
 * messages. Scenarios write drafts; this module turns them into RFC 822 messages with Gmail
 * metadata (ids, labels, internalDate, historyId).
 */

export interface SeedOptions {
  seed: number;
  /** "Now" for the mailbox, epoch ms: every message is older. */
  anchorMs: number;
  /** Number of messages. */
  count: number;
  owner: { name: string; email: string };
}

export interface SeededMailbox {
  labels: LabelRecord[];
  messages: StoredMessage[];
  historyId: number;
}

const MINUTE = 60_000;
const DAY = 86_400_000;

function ageFor(rng: SeededRandom, bucket: AgeBucket): number {
  switch (bucket) {
    case 'today':
      return rng.int(10, 20 * 60) * MINUTE;
    case 'week':
      return rng.int(DAY / MINUTE, (7 * DAY) / MINUTE) * MINUTE;
    case 'month':
      return rng.int((7 * DAY) / MINUTE, (30 * DAY) / MINUTE) * MINUTE;
    case 'old':
      return rng.int((60 * DAY) / MINUTE, (700 * DAY) / MINUTE) * MINUTE;
  }
}

function randomBucket(rng: SeededRandom): AgeBucket {
  const roll = rng.next();
  return roll < 0.2 ? 'today' : roll < 0.6 ? 'week' : roll < 0.9 ? 'month' : 'old';
}

function weightedScenario(rng: SeededRandom): (typeof WEIGHTED)[number][0] {
  const total = WEIGHTED.reduce((sum, [, weight]) => sum + weight, 0);
  let roll = rng.next() * total;
  for (const [scenario, weight] of WEIGHTED) {
    roll -= weight;
    if (roll < 0) return scenario;
  }
  return WEIGHTED[0]![0];
}

function seedLabels(rng: SeededRandom): { records: LabelRecord[]; ids: SeedLabels } {
  const id = (): string => `Label_${rng.int(1, 9)}${String(rng.int(0, 999_999_999)).padStart(9, '0')}`;
  const ids: SeedLabels = { receipts: id(), travel: id(), newsletters: id(), projects: id(), followUp: id() };
  return {
    ids,
    records: [
      userLabel(ids.receipts, 'Receipts', { textColor: '#ffffff', backgroundColor: '#16a765' }),
      userLabel(ids.travel, 'Travel', { textColor: '#ffffff', backgroundColor: '#4a86e8' }),
      userLabel(ids.newsletters, 'Newsletters'),
      userLabel(ids.projects, 'Work/Projects', { textColor: '#000000', backgroundColor: '#fad165' }),
      userLabel(ids.followUp, 'Follow up', { textColor: '#ffffff', backgroundColor: '#cc3a21' }),
    ],
  };
}

function isSevenBitText(text: string): boolean {
  return /^[\x20-\x7e\n\t]*$/.test(text) && text.split('\n').every((line) => line.length <= 76);
}

function textLeaf(mimeType: string, text: string, preferred: TransferEncoding, html: boolean): MimeLeaf {
  const encoding: TransferEncoding = !html && isSevenBitText(text) ? '7bit' : preferred;
  return { kind: 'leaf', mimeType, charset: 'UTF-8', transferEncoding: encoding, content: canonicalText(text) };
}

const boundary = (rng: SeededRandom): string => `000000000000${rng.hex(16)}`;

function bodyTree(draft: MailDraft, rng: SeededRandom): MimeNode {
  const preferred = draft.bodyEncoding ?? 'quoted-printable';
  const text = draft.text === undefined ? undefined : textLeaf('text/plain', draft.text, preferred, false);
  const html = draft.html === undefined ? undefined : textLeaf('text/html', draft.html, preferred, true);
  const core: MimeNode =
    text && html
      ? { kind: 'multipart', subtype: 'alternative', boundary: boundary(rng), parts: [text, html] }
      : (html ?? text ?? textLeaf('text/plain', '', '7bit', false));
  if (!draft.attachments || draft.attachments.length === 0) return core;
  const files: MimeLeaf[] = draft.attachments.map((a) => ({
    kind: 'leaf',
    mimeType: a.mimeType,
    transferEncoding: 'base64',
    content: a.content,
    filename: a.filename,
    contentId: `f_${rng.hex(10)}`,
  }));
  return { kind: 'multipart', subtype: 'mixed', boundary: boundary(rng), parts: [core, ...files] };
}

const domainOf = (email: string): string => email.split('@')[1] ?? 'example.com';

function unreadChance(ageMs: number): number {
  if (ageMs < DAY) return 0.7;
  if (ageMs < 3 * DAY) return 0.45;
  if (ageMs < 7 * DAY) return 0.25;
  if (ageMs < 30 * DAY) return 0.1;
  return 0.03;
}

function labelsFor(
  draft: MailDraft,
  internalDate: number,
  anchorMs: number,
  repliedLater: boolean,
  rng: SeededRandom,
): string[] {
  if (draft.direction === 'out') return draft.important ? ['IMPORTANT', 'SENT'] : ['SENT'];
  const age = anchorMs - internalDate;
  const unread = !repliedLater && rng.chance(Math.min(0.95, unreadChance(age) + (draft.unreadBias ?? 0)));
  if (draft.folder === 'SPAM') return unread ? ['UNREAD', 'SPAM'] : ['SPAM'];
  // Some older, read mail has been archived: in the mailbox but not in INBOX.
  const archived = draft.folder === undefined && !unread && age > 7 * DAY && rng.chance(0.2);
  return [
    ...(unread ? ['UNREAD'] : []),
    ...(draft.important ? ['IMPORTANT'] : []),
    ...(draft.category ? [draft.category] : []),
    ...(draft.starred ? ['STARRED'] : []),
    ...(draft.userLabels ?? []),
    ...(draft.folder === 'TRASH' ? ['TRASH'] : archived ? [] : ['INBOX']),
  ];
}

interface Composed {
  threadIndex: number;
  internalDate: number;
  labelIds: string[];
  raw: Buffer;
}

function composeThread(
  drafts: readonly MailDraft[],
  threadIndex: number,
  me: Person,
  anchorMs: number,
  rng: SeededRandom,
): Composed[] {
  const references: string[] = [];
  return drafts.map((draft, index) => {
    const encoding: WordEncoding = draft.wordEncoding ?? 'B';
    const internalDate =
      draft.direction === 'out' ? draft.at : Math.min(draft.at + rng.int(1, 45) * 1000, anchorMs - 1000);
    const messageId =
      draft.direction === 'out'
        ? `<CA${rng.hex(40).toUpperCase()}@mail.gmail.com>`
        : `<${rng.hex(24)}.${rng.int(1000, 99999)}@${domainOf(draft.from.email)}>`;
    const headers: HeaderField[] = [];
    if (draft.direction === 'in') {
      const host = `mail-${rng.hex(4)}.${domainOf(draft.from.email)}`;
      headers.push(['Delivered-To', me.email]);
      headers.push([
        'Received',
        `from ${host} (${host}. [203.0.113.${rng.int(2, 254)}]) by mx.google.com with ESMTPS id ${rng.hex(16)} for <${me.email}> (version=TLS1_3 cipher=TLS_AES_256_GCM_SHA384 bits=256/256); ${formatMailDate(internalDate, -480)}`,
      ]);
    }
    headers.push(['MIME-Version', '1.0']);
    headers.push(['Date', formatMailDate(draft.at, draft.from.tz)]);
    headers.push(['Message-ID', messageId]);
    if (references.length > 0) {
      headers.push(['In-Reply-To', references[references.length - 1]!]);
      headers.push(['References', references.join(' ')]);
    }
    headers.push(['Subject', encodeWords(draft.subject, encoding)]);
    headers.push(['From', formatAddress(draft.from, encoding)]);
    headers.push(['To', draft.to.map((p) => formatAddress(p, encoding)).join(', ')]);
    if (draft.cc && draft.cc.length > 0)
      headers.push(['Cc', draft.cc.map((p) => formatAddress(p, encoding)).join(', ')]);
    headers.push(...(draft.headers ?? []));
    references.push(messageId);
    // The owner read everything before their own later reply in the thread.
    const repliedLater = drafts.slice(index + 1).some((d) => d.direction === 'out');
    return {
      threadIndex,
      internalDate,
      labelIds: labelsFor(draft, internalDate, anchorMs, repliedLater, rng),
      raw: buildMessage(headers, bodyTree(draft, rng)),
    };
  });
}

export function seedMailbox(options: SeedOptions): SeededMailbox {
  const rng = new SeededRandom(options.seed);
  const labels = seedLabels(rng);
  const me: Person = { name: options.owner.name, email: options.owner.email, tz: rng.pick([-480, -300, 0, 60, 330]) };
  const composed: Composed[] = [];
  for (let index = 0; composed.length < options.count; index++) {
    const [scenario, bucket] = GUARANTEED[index] ?? [weightedScenario(rng), randomBucket(rng)];
    const drafts = scenario({
      rng,
      me,
      start: options.anchorMs - ageFor(rng, bucket),
      anchor: options.anchorMs,
      labels: labels.ids,
    });
    composed.push(...composeThread(drafts.slice(0, options.count - composed.length), index, me, options.anchorMs, rng));
  }
  composed.sort((a, b) => a.internalDate - b.internalDate);

  const used = new Set<string>();
  const threadIds = new Map<number, string>();
  let historyId = rng.int(2_000, 90_000);
  const messages = composed.map((c): StoredMessage => {
    let id = gmailId(c.internalDate, rng.int(0, 0xfffff));
    while (used.has(id)) id = gmailId(c.internalDate, rng.int(0, 0xfffff));
    used.add(id);
    const threadId = threadIds.get(c.threadIndex) ?? id;
    threadIds.set(c.threadIndex, threadId);
    historyId += rng.int(1, 40);
    return { id, threadId, labelIds: c.labelIds, internalDate: c.internalDate, historyId, raw: c.raw };
  });
  return { labels: labels.records, messages, historyId };
}
