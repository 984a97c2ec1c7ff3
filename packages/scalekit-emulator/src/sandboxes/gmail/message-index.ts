import { createHash } from 'node:crypto';
import { escapeHtml } from '../../html/escape.js';
import { decodeWords } from './encoded-words.js';
import { htmlToText } from './html-text.js';
import { headerValue, leafParts, parseMessage, type MimePart } from './mime-parser.js';
import { searchDocument, type SearchDocument } from './search-matcher.js';

/** A message as the mailbox stores it: the RFC 822 bytes plus Gmail's own metadata. */
export interface StoredMessage {
  id: string;
  threadId: string;
  labelIds: string[];
  /** Epoch ms at which Gmail accepted the message. */
  internalDate: number;
  historyId: number;
  raw: Buffer;
}

export interface AttachmentInfo {
  partId: string;
  attachmentId: string;
  filename: string;
  mimeType: string;
  data: Buffer;
}

/** A stored message with everything derived from its bytes, computed once. */
export interface IndexedMessage {
  stored: StoredMessage;
  root: MimePart;
  /** The readable text: the text/plain body, else the HTML body as text. */
  text: string;
  snippet: string;
  attachments: AttachmentInfo[];
  attachmentIdsByPart: Map<string, string>;
  /** Decoded Subject/From/To/Cc/Date..., for snapshots and the mailbox view. */
  decoded: { subject: string; from: string; to: string; cc: string; date: string };
  search: SearchDocument;
}

const SNIPPET_LENGTH = 200;

/** Stable per message and part, opaque like Gmail's long attachment ids. */
export function attachmentIdFor(messageId: string, partId: string): string {
  return `ANGjdJ${createHash('sha256').update(`${messageId}/${partId}`).digest('base64url')}`;
}

export function partText(part: MimePart): string {
  const charset = part.params['charset'] ?? 'utf-8';
  try {
    return new TextDecoder(charset).decode(part.body);
  } catch {
    return part.body.toString('utf8');
  }
}

function readableText(root: MimePart): string {
  const bodies = leafParts(root).filter(({ part }) => part.filename === '');
  const plain = bodies.find(({ part }) => part.mimeType === 'text/plain');
  if (plain) return partText(plain.part).replace(/\r\n/g, '\n').trim();
  const html = bodies.find(({ part }) => part.mimeType === 'text/html');
  return html ? htmlToText(partText(html.part)) : '';
}

/** Gmail's snippet: the start of the text on one line, HTML-escaped (`&#39;` and all). */
export function snippetOf(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= SNIPPET_LENGTH) return escapeHtml(flat);
  const cut = flat.slice(0, SNIPPET_LENGTH);
  const space = cut.lastIndexOf(' ');
  return escapeHtml(space > SNIPPET_LENGTH / 2 ? cut.slice(0, space) : cut);
}

export function indexMessage(stored: StoredMessage): IndexedMessage {
  const root = parseMessage(stored.raw);
  const header = (name: string): string => decodeWords(headerValue(root.headers, name) ?? '');
  const attachments = leafParts(root)
    .filter(({ part }) => part.filename !== '')
    .map(({ part, partId }) => ({
      partId,
      attachmentId: attachmentIdFor(stored.id, partId),
      filename: part.filename,
      mimeType: part.mimeType,
      data: part.body,
    }));
  const text = readableText(root);
  const decoded = {
    subject: header('Subject'),
    from: header('From'),
    to: header('To'),
    cc: header('Cc'),
    date: header('Date'),
  };
  return {
    stored,
    root,
    text,
    snippet: snippetOf(text),
    attachments,
    attachmentIdsByPart: new Map(attachments.map((a) => [a.partId, a.attachmentId])),
    decoded,
    search: searchDocument({
      labelIds: stored.labelIds,
      internalDate: stored.internalDate,
      sizeEstimate: stored.raw.length,
      from: decoded.from,
      to: decoded.to,
      cc: decoded.cc,
      bcc: header('Bcc'),
      deliveredTo: header('Delivered-To'),
      listId: header('List-Id'),
      subject: decoded.subject,
      body: text,
      filenames: attachments.map((a) => a.filename),
      messageId: headerValue(root.headers, 'Message-ID') ?? '',
    }),
  };
}

/** The same message with new labels; only the label-dependent parts change. */
export function withLabels(message: IndexedMessage, labelIds: string[], historyId: number): IndexedMessage {
  const stored = { ...message.stored, labelIds, historyId };
  return { ...message, stored, search: { ...message.search, labelIds } };
}
