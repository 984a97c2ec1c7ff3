import type { JsonObject } from '../sandbox.js';
import { decodeBase64Url, encodeBase64Url } from './base64url.js';
import { gmailError, invalidArgumentError, notFoundError, rateLimitError } from './gmail-errors.js';
import { labelResource } from './labels.js';
import { LabelRejected, SendRejected, keyOf, type Mailbox } from './mailbox.js';
import {
  messageLabelsResource,
  messageReference,
  messageResource,
  threadResource,
  threadSummary,
  type MessageFormat,
} from './message-resource.js';
import { decodePageToken, pageAfter } from './page-tokens.js';
import { QUOTA_UNITS, type GmailMethod, type QuotaMeter } from './quota.js';
import { parseSearchQuery } from './search-query.js';

/**
 * The Gmail operations behind both the REST routes and the tools: each charges its quota units,
 * validates, and answers with Gmail's JSON.
 */

export interface ListParams {
  q: string;
  labelIds: string[];
  maxResults: number;
  pageToken: string | undefined;
  includeSpamTrash: boolean;
}

export interface GmailApiClock {
  /** The mailbox's "now" (anchor plus elapsed time): dates of sent mail and relative searches. */
  mailboxNow(): number;
  /** Real time, for the rate limit window. */
  wallNow(): number;
}

export class GmailApi {
  constructor(
    readonly mailbox: Mailbox,
    private readonly quota: QuotaMeter,
    private readonly clock: GmailApiClock,
  ) {}

  /** Spends quota units; past the per-user rate the call fails with 429 and Retry-After. */
  #charge(units: number): void {
    const now = this.clock.wallNow();
    const decision = this.quota.charge(units, now);
    if (!decision.ok) throw rateLimitError(decision.retryAfterSeconds, now);
  }

  #call(method: GmailMethod): void {
    this.#charge(QUOTA_UNITS[method]);
  }

  #cursor(pageToken: string | undefined): ReturnType<typeof decodePageToken> {
    if (pageToken === undefined || pageToken === '') return undefined;
    const cursor = decodePageToken(pageToken);
    if (!cursor) throw invalidArgumentError('Invalid pageToken');
    return cursor;
  }

  #search(params: ListParams) {
    return {
      query: parseSearchQuery(params.q),
      labelIds: params.labelIds,
      includeSpamTrash: params.includeSpamTrash,
      nowMs: this.clock.mailboxNow(),
    };
  }

  #messagePage(params: ListParams) {
    const cursor = this.#cursor(params.pageToken);
    const matches = this.mailbox.search(this.#search(params));
    return { matches, ...pageAfter(matches, keyOf, cursor, params.maxResults) };
  }

  profile(): JsonObject {
    this.#call('getProfile');
    return {
      emailAddress: this.mailbox.address,
      messagesTotal: this.mailbox.all().length,
      threadsTotal: this.mailbox.threadCount(),
      historyId: String(this.mailbox.historyId),
    };
  }

  /** `messages.list`: ids only; Gmail leaves out `messages` when nothing matches. */
  listMessages(params: ListParams): JsonObject {
    this.#call('messages.list');
    const { matches, page, next } = this.#messagePage(params);
    const out: JsonObject = {};
    if (page.length > 0) out['messages'] = page.map(messageReference);
    if (next) out['nextPageToken'] = next;
    out['resultSizeEstimate'] = matches.length;
    return out;
  }

  /** `gmail_fetch_mails`: a list plus one `messages.get` per message, as the tool does upstream. */
  fetchMessages(params: ListParams, format: MessageFormat): JsonObject {
    const cursor = this.#cursor(params.pageToken);
    const matches = this.mailbox.search(this.#search(params));
    const { page, next } = pageAfter(matches, keyOf, cursor, params.maxResults);
    this.#charge(QUOTA_UNITS['messages.list'] + page.length * QUOTA_UNITS['messages.get']);
    const out: JsonObject = { messages: page.map((m) => messageResource(m, format)) };
    if (next) out['nextPageToken'] = next;
    out['resultSizeEstimate'] = matches.length;
    return out;
  }

  getMessage(id: string, format: MessageFormat, metadataHeaders: readonly string[] = []): JsonObject {
    this.#call('messages.get');
    const message = this.mailbox.message(id);
    if (!message) throw notFoundError();
    return messageResource(message, format, metadataHeaders);
  }

  /** `messages.send` with a base64url RFC 822 `raw`. */
  send(raw: unknown, threadId: string | undefined): JsonObject {
    this.#call('messages.send');
    if (raw === undefined || raw === null || raw === '') {
      throw invalidArgumentError("'raw' RFC822 payload message string or uploading message via /upload/* URL required");
    }
    const bytes = typeof raw === 'string' ? decodeBase64Url(raw) : undefined;
    if (!bytes || bytes.length === 0)
      throw invalidArgumentError("Invalid value at 'message.raw' (TYPE_BYTES), Base64 decoding failed");
    return this.#deliver(bytes, threadId);
  }

  /** `messages.send` with the RFC 822 message itself (the media upload path, and the send tool). */
  sendMime(bytes: Buffer, threadId: string | undefined): JsonObject {
    this.#call('messages.send');
    if (bytes.length === 0)
      throw invalidArgumentError("'raw' RFC822 payload message string or uploading message via /upload/* URL required");
    return this.#deliver(bytes, threadId);
  }

  #deliver(bytes: Buffer, threadId: string | undefined): JsonObject {
    try {
      return messageLabelsResource(this.mailbox.send(bytes, threadId, this.clock.mailboxNow()));
    } catch (error) {
      if (!(error instanceof SendRejected)) throw error;
      if (error.reason === 'unknownThread') throw notFoundError();
      throw invalidArgumentError(error.message);
    }
  }

  modify(id: string, add: readonly string[], remove: readonly string[]): JsonObject {
    this.#call('messages.modify');
    if (add.length === 0 && remove.length === 0) throw invalidArgumentError('No label add or removes specified');
    try {
      const message = this.mailbox.modify(id, add, remove);
      if (!message) throw notFoundError();
      return messageLabelsResource(message);
    } catch (error) {
      if (error instanceof LabelRejected) throw invalidArgumentError(error.message);
      throw error;
    }
  }

  listThreads(params: ListParams): JsonObject {
    this.#call('threads.list');
    const cursor = this.#cursor(params.pageToken);
    const matches = this.mailbox.searchThreads(this.#search(params));
    const { page, next } = pageAfter(
      matches,
      (t) => ({ date: t.newest.stored.internalDate, id: t.threadId }),
      cursor,
      params.maxResults,
    );
    const out: JsonObject = {};
    if (page.length > 0) out['threads'] = page.map((t) => threadSummary(t.threadId, t.messages));
    if (next) out['nextPageToken'] = next;
    out['resultSizeEstimate'] = matches.length;
    return out;
  }

  getThread(id: string, format: MessageFormat, metadataHeaders: readonly string[] = []): JsonObject {
    this.#call('threads.get');
    const messages = this.mailbox.thread(id);
    if (messages.length === 0) throw notFoundError();
    return threadResource(messages[0]!.stored.threadId, messages, format, metadataHeaders);
  }

  listLabels(): JsonObject {
    this.#call('labels.list');
    return { labels: this.mailbox.labels().map(labelResource) };
  }

  getLabel(id: string): JsonObject {
    this.#call('labels.get');
    const label = this.mailbox.label(id);
    if (!label) throw notFoundError();
    return { ...labelResource(label), ...this.mailbox.labelCounts(label.id) };
  }

  getAttachment(messageId: string, attachmentId: string): JsonObject {
    this.#call('messages.attachments.get');
    if (!this.mailbox.message(messageId)) throw notFoundError();
    const attachment = this.mailbox.attachment(messageId, attachmentId);
    if (!attachment) throw gmailError(400, 'invalidArgument', 'Invalid attachment token');
    return {
      attachmentId: attachment.attachmentId,
      size: attachment.data.length,
      data: encodeBase64Url(attachment.data),
    };
  }
}
