import type { JsonObject } from '../sandbox.js';
import { encodeBase64Url } from './base64url.js';
import type { IndexedMessage } from './message-index.js';
import type { MimePart } from './mime-parser.js';

/** Gmail API JSON for messages and threads, in each `format`. */

export const MESSAGE_FORMATS = ['full', 'metadata', 'minimal', 'raw'] as const;
export type MessageFormat = (typeof MESSAGE_FORMATS)[number];

export function isMessageFormat(value: string): value is MessageFormat {
  return (MESSAGE_FORMATS as readonly string[]).includes(value);
}

function partResource(part: MimePart, partId: string, attachmentIds: ReadonlyMap<string, string>): JsonObject {
  const attachmentId = attachmentIds.get(partId);
  let body: JsonObject;
  if (part.parts.length > 0) body = { size: 0 };
  else if (attachmentId !== undefined) body = { attachmentId, size: part.body.length };
  else if (part.body.length > 0) body = { size: part.body.length, data: encodeBase64Url(part.body) };
  else body = { size: 0 };
  const out: JsonObject = {
    partId,
    mimeType: part.mimeType,
    filename: part.filename,
    headers: part.headers.map((h) => ({ name: h.name, value: h.value })),
    body,
  };
  if (part.parts.length > 0) {
    out['parts'] = part.parts.map((child, index) =>
      partResource(child, partId === '' ? String(index) : `${partId}.${index}`, attachmentIds),
    );
  }
  return out;
}

/** A message in the requested format; `metadataHeaders` (case-insensitive) narrows `metadata`. */
export function messageResource(
  message: IndexedMessage,
  format: MessageFormat,
  metadataHeaders: readonly string[] = [],
): JsonObject {
  const { stored } = message;
  const out: JsonObject = {
    id: stored.id,
    threadId: stored.threadId,
    labelIds: [...stored.labelIds],
    snippet: message.snippet,
  };
  if (format === 'full') out['payload'] = partResource(message.root, '', message.attachmentIdsByPart);
  if (format === 'metadata') {
    const wanted = new Set(metadataHeaders.map((h) => h.toLowerCase()));
    const headers = message.root.headers.filter((h) => wanted.size === 0 || wanted.has(h.name.toLowerCase()));
    out['payload'] = {
      mimeType: message.root.mimeType,
      headers: headers.map((h) => ({ name: h.name, value: h.value })),
    };
  }
  out['sizeEstimate'] = stored.raw.length;
  if (format === 'raw') out['raw'] = encodeBase64Url(stored.raw);
  out['historyId'] = String(stored.historyId);
  out['internalDate'] = String(stored.internalDate);
  return out;
}

/** What `messages.list` returns per message. */
export function messageReference(message: IndexedMessage): JsonObject {
  return { id: message.stored.id, threadId: message.stored.threadId };
}

/** What `messages.send` and `messages.modify` return. */
export function messageLabelsResource(message: IndexedMessage): JsonObject {
  return { id: message.stored.id, threadId: message.stored.threadId, labelIds: [...message.stored.labelIds] };
}

export function threadHistoryId(messages: readonly IndexedMessage[]): string {
  return String(Math.max(0, ...messages.map((m) => m.stored.historyId)));
}

/** `threads.get`: messages oldest first, each in `format`. */
export function threadResource(
  threadId: string,
  messages: readonly IndexedMessage[],
  format: MessageFormat,
  metadataHeaders: readonly string[] = [],
): JsonObject {
  return {
    id: threadId,
    historyId: threadHistoryId(messages),
    messages: messages.map((m) => messageResource(m, format, metadataHeaders)),
  };
}

/** `threads.list` entries: the snippet of the newest message. */
export function threadSummary(threadId: string, messages: readonly IndexedMessage[]): JsonObject {
  const newest = messages[messages.length - 1];
  return { id: threadId, snippet: newest?.snippet ?? '', historyId: threadHistoryId(messages) };
}
