import type { JsonObject, JsonValue } from '../sandbox.js';
import { decodeBase64Url, encodeBase64Url } from './base64url.js';
import { formatAddress, isValidEmail, parseAddressList } from './encoded-words.js';
import { gmailId } from './gmail-ids.js';
import { IMMUTABLE_LABELS, SYSTEM_LABELS, labelResource, type LabelCounts, type LabelRecord } from './labels.js';
import { formatMailDate } from './mail-dates.js';
import {
  indexMessage,
  withLabels,
  type AttachmentInfo,
  type IndexedMessage,
  type StoredMessage,
} from './message-index.js';
import { headerValue } from './mime-parser.js';
import { compareNewestFirst } from './page-tokens.js';
import { setHeaders } from './raw-headers.js';
import { includesSpamOrTrash, matchesQuery, type MatchContext } from './search-matcher.js';
import type { SearchQuery } from './search-query.js';
import { isObject } from '../../json-object.js';

/** One account's mailbox: messages, threads and labels, with Gmail's search and send semantics. */

export interface MailboxSearch {
  query: SearchQuery;
  labelIds: readonly string[];
  includeSpamTrash: boolean;
  nowMs: number;
}

export interface ThreadMatch {
  threadId: string;
  /** All messages of the thread, oldest first. */
  messages: IndexedMessage[];
  /** The newest message that counts for ordering. */
  newest: IndexedMessage;
}

/** Why a send was refused, so the API layer can answer as Gmail does. */
export class SendRejected extends Error {
  constructor(
    readonly reason: 'noRecipients' | 'invalidHeader' | 'unknownThread',
    message: string,
  ) {
    super(message);
  }
}

export class LabelRejected extends Error {}

const SPAM_OR_TRASH = ['SPAM', 'TRASH'];

function normalizedSubject(subject: string): string {
  return subject
    .replace(/^(\s*(re|fwd?|aw|sv|wg)\s*(\[\d+\])?\s*:\s*)+/i, '')
    .trim()
    .toLowerCase();
}

function referencedIds(message: IndexedMessage): string[] {
  const refs = `${headerValue(message.root.headers, 'In-Reply-To') ?? ''} ${headerValue(message.root.headers, 'References') ?? ''}`;
  return refs.match(/<[^<>]+>/g) ?? [];
}

export interface MailboxState {
  address: string;
  displayName: string;
  historyId: number;
  sequence: number;
  labels: LabelRecord[];
  messages: StoredMessage[];
}

export class Mailbox {
  readonly #messages = new Map<string, IndexedMessage>();
  readonly #labels: LabelRecord[];
  #historyId: number;
  /** Low bits for ids of messages created at runtime; persisted so restored mailboxes never reuse one. */
  #sequence: number;

  constructor(
    readonly address: string,
    readonly displayName: string,
    state: Omit<MailboxState, 'address' | 'displayName'>,
  ) {
    this.#labels = state.labels.map((l) => ({ ...l }));
    for (const stored of state.messages) this.#messages.set(stored.id, indexMessage(stored));
    this.#historyId = Math.max(state.historyId, ...state.messages.map((m) => m.historyId));
    this.#sequence = state.sequence;
  }

  get historyId(): number {
    return this.#historyId;
  }

  /** Every message, newest first. */
  all(): IndexedMessage[] {
    return [...this.#messages.values()].sort((a, b) => compareNewestFirst(keyOf(a), keyOf(b)));
  }

  message(id: string): IndexedMessage | undefined {
    return this.#messages.get(id.toLowerCase());
  }

  /** A thread's messages, oldest first; empty when there is no such thread. */
  thread(threadId: string): IndexedMessage[] {
    const id = threadId.toLowerCase();
    return [...this.#messages.values()]
      .filter((m) => m.stored.threadId === id)
      .sort((a, b) => compareNewestFirst(keyOf(b), keyOf(a)));
  }

  threadCount(): number {
    return new Set([...this.#messages.values()].map((m) => m.stored.threadId)).size;
  }

  labels(): LabelRecord[] {
    return [...SYSTEM_LABELS, ...this.#labels];
  }

  label(id: string): LabelRecord | undefined {
    return this.labels().find((l) => l.id === id);
  }

  labelCounts(id: string): LabelCounts {
    const tagged = [...this.#messages.values()].filter((m) => m.stored.labelIds.includes(id));
    const unread = tagged.filter((m) => m.stored.labelIds.includes('UNREAD'));
    return {
      messagesTotal: tagged.length,
      messagesUnread: unread.length,
      threadsTotal: new Set(tagged.map((m) => m.stored.threadId)).size,
      threadsUnread: new Set(unread.map((m) => m.stored.threadId)).size,
    };
  }

  matchContext(nowMs: number): MatchContext {
    return { nowMs, ownAddress: this.address, labels: this.labels() };
  }

  #eligible(message: IndexedMessage, search: MailboxSearch, spamTrash: boolean, ctx: MatchContext): boolean {
    const labels = message.stored.labelIds;
    if (!spamTrash && labels.some((l) => SPAM_OR_TRASH.includes(l))) return false;
    if (!search.labelIds.every((l) => labels.includes(l))) return false;
    return matchesQuery(search.query, message.search, ctx);
  }

  #includesSpamTrash(search: MailboxSearch): boolean {
    return (
      search.includeSpamTrash ||
      search.labelIds.some((l) => SPAM_OR_TRASH.includes(l)) ||
      includesSpamOrTrash(search.query)
    );
  }

  /** Matching messages, newest first. */
  search(search: MailboxSearch): IndexedMessage[] {
    const ctx = this.matchContext(search.nowMs);
    const spamTrash = this.#includesSpamTrash(search);
    return this.all().filter((m) => this.#eligible(m, search, spamTrash, ctx));
  }

  /** Threads with at least one matching message, ordered by their newest message. */
  searchThreads(search: MailboxSearch): ThreadMatch[] {
    const ctx = this.matchContext(search.nowMs);
    const spamTrash = this.#includesSpamTrash(search);
    const byThread = new Map<string, IndexedMessage[]>();
    for (const message of [...this.#messages.values()]) {
      const list = byThread.get(message.stored.threadId) ?? [];
      list.push(message);
      byThread.set(message.stored.threadId, list);
    }
    const matches: ThreadMatch[] = [];
    for (const [threadId, messages] of byThread) {
      if (!messages.some((m) => this.#eligible(m, search, spamTrash, ctx))) continue;
      const ordered = messages.sort((a, b) => compareNewestFirst(keyOf(b), keyOf(a)));
      const visible = spamTrash
        ? ordered
        : ordered.filter((m) => !m.stored.labelIds.some((l) => SPAM_OR_TRASH.includes(l)));
      matches.push({
        threadId,
        messages: ordered,
        newest: visible[visible.length - 1] ?? ordered[ordered.length - 1]!,
      });
    }
    return matches.sort((a, b) =>
      compareNewestFirst(
        { date: a.newest.stored.internalDate, id: a.threadId },
        { date: b.newest.stored.internalDate, id: b.threadId },
      ),
    );
  }

  attachment(messageId: string, attachmentId: string): AttachmentInfo | undefined {
    return this.message(messageId)?.attachments.find((a) => a.attachmentId === attachmentId);
  }

  /** Adds and removes labels; unknown labels and SENT/DRAFT/CHAT are refused. */
  modify(id: string, add: readonly string[], remove: readonly string[]): IndexedMessage | undefined {
    const message = this.message(id);
    if (!message) return undefined;
    for (const labelId of [...add, ...remove]) {
      if (!this.label(labelId) || IMMUTABLE_LABELS.has(labelId)) throw new LabelRejected(`Invalid label: ${labelId}`);
    }
    const labels = message.stored.labelIds.filter((l) => !remove.includes(l));
    for (const labelId of add) if (!labels.includes(labelId) && !remove.includes(labelId)) labels.push(labelId);
    const updated = withLabels(message, labels, ++this.#historyId);
    this.#messages.set(updated.stored.id, updated);
    return updated;
  }

  /**
   * `messages.send`: Gmail fills in From (the account), Date and Message-ID, files the message
   * under SENT, threads it as a reply when asked (same subject, or a References hit), and also
   * delivers it to INBOX when the account is among the recipients.
   */
  send(raw: Buffer, requestedThreadId: string | undefined, nowMs: number): IndexedMessage {
    const draft = indexMessage({ id: '0', threadId: '0', labelIds: [], internalDate: nowMs, historyId: 0, raw });
    const headers = draft.root.headers;
    const recipients = ['To', 'Cc', 'Bcc'].flatMap((name) => {
      const value = headerValue(headers, name);
      if (value === undefined) return [];
      const parsed = parseAddressList(value);
      if (parsed.some((a) => !isValidEmail(a.email))) throw new SendRejected('invalidHeader', `Invalid ${name} header`);
      return parsed;
    });
    if (recipients.length === 0) throw new SendRejected('noRecipients', 'Recipient address required');
    const threadId = this.#threadFor(draft, requestedThreadId);

    const id = this.#newId(nowMs);
    const own = formatAddress({ name: this.displayName, email: this.address });
    const fromHeader = headerValue(headers, 'From');
    const fromOwn =
      fromHeader !== undefined &&
      parseAddressList(fromHeader).some((a) => a.email.toLowerCase() === this.address.toLowerCase());
    const fills: [string, string][] = [];
    if (!fromOwn) fills.push(['From', own]);
    if (headerValue(headers, 'Date') === undefined) fills.push(['Date', formatMailDate(nowMs, 0)]);
    if (headerValue(headers, 'Message-ID') === undefined)
      fills.push(['Message-ID', `<CA${id.toUpperCase()}@mail.gmail.com>`]);
    if (headerValue(headers, 'MIME-Version') === undefined) fills.push(['MIME-Version', '1.0']);
    const toSelf = recipients.some((a) => a.email.toLowerCase() === this.address.toLowerCase());
    const labelIds = toSelf ? ['UNREAD', 'CATEGORY_PERSONAL', 'SENT', 'INBOX'] : ['SENT'];
    const stored: StoredMessage = {
      id,
      threadId: threadId ?? id,
      labelIds,
      internalDate: nowMs,
      historyId: ++this.#historyId,
      raw: fills.length > 0 ? setHeaders(raw, fills) : raw,
    };
    const indexed = indexMessage(stored);
    this.#messages.set(id, indexed);
    return indexed;
  }

  #threadFor(draft: IndexedMessage, requestedThreadId: string | undefined): string | undefined {
    const subject = normalizedSubject(draft.decoded.subject);
    if (requestedThreadId !== undefined) {
      const thread = this.thread(requestedThreadId);
      if (thread.length === 0) throw new SendRejected('unknownThread', 'Requested entity was not found.');
      // Gmail only threads a message whose Subject matches the thread's; otherwise it starts a new one.
      return thread.some((m) => normalizedSubject(m.decoded.subject) === subject)
        ? thread[0]!.stored.threadId
        : undefined;
    }
    const references = new Set(referencedIds(draft).map((r) => r.toLowerCase()));
    if (references.size === 0) return undefined;
    const parent = [...this.#messages.values()].find(
      (m) =>
        references.has((headerValue(m.root.headers, 'Message-ID') ?? '').toLowerCase()) &&
        normalizedSubject(m.decoded.subject) === subject,
    );
    return parent?.stored.threadId;
  }

  #newId(nowMs: number): string {
    let id: string;
    do {
      this.#sequence = (this.#sequence + 1) & 0xfffff;
      id = gmailId(nowMs, this.#sequence);
    } while (this.#messages.has(id));
    return id;
  }

  exportState(): JsonObject {
    return {
      address: this.address,
      displayName: this.displayName,
      historyId: this.#historyId,
      sequence: this.#sequence,
      labels: this.#labels.map(labelResource),
      messages: this.all().map((m) => ({
        id: m.stored.id,
        threadId: m.stored.threadId,
        labelIds: [...m.stored.labelIds],
        internalDate: String(m.stored.internalDate),
        historyId: String(m.stored.historyId),
        raw: encodeBase64Url(m.stored.raw),
      })),
    };
  }
}

export function keyOf(message: IndexedMessage): { date: number; id: string } {
  return { date: message.stored.internalDate, id: message.stored.id };
}

function stringArray(value: JsonValue | undefined, what: string): string[] {
  if (!Array.isArray(value) || !value.every((v) => typeof v === 'string'))
    throw new Error(`saved Gmail ${what} must be an array of strings`);
  return value;
}

function savedMessage(value: JsonValue): StoredMessage {
  if (!isObject(value)) throw new Error('a saved Gmail message is not an object');
  const { id, threadId, internalDate, historyId, raw } = value;
  const bytes = typeof raw === 'string' ? decodeBase64Url(raw) : undefined;
  if (typeof id !== 'string' || typeof threadId !== 'string' || bytes === undefined) {
    throw new Error('a saved Gmail message needs string id, threadId and base64url raw');
  }
  const date = Number(internalDate);
  const history = Number(historyId);
  if (!Number.isFinite(date) || !Number.isFinite(history))
    throw new Error(`saved Gmail message ${id} has a bad internalDate or historyId`);
  return {
    id,
    threadId,
    labelIds: stringArray(value['labelIds'], 'labelIds'),
    internalDate: date,
    historyId: history,
    raw: bytes,
  };
}

function savedLabel(value: JsonValue): LabelRecord {
  if (!isObject(value)) throw new Error('a saved Gmail label is not an object');
  if (typeof value['id'] !== 'string' || typeof value['name'] !== 'string')
    throw new Error('a saved Gmail label needs id and name');
  return value as unknown as LabelRecord;
}

/** Reads an `exportState()` back; throws a plain Error naming what is malformed. */
export function mailboxFromState(state: JsonObject): Mailbox {
  const { address, displayName, historyId, sequence, labels, messages } = state;
  if (typeof address !== 'string' || typeof displayName !== 'string')
    throw new Error('saved Gmail state needs address and displayName');
  if (!Array.isArray(labels) || !Array.isArray(messages))
    throw new Error('saved Gmail state needs labels and messages arrays');
  return new Mailbox(address, displayName, {
    historyId: Number(historyId) || 0,
    sequence: Number(sequence) || 0,
    labels: labels.map(savedLabel),
    messages: messages.map(savedMessage),
  });
}
