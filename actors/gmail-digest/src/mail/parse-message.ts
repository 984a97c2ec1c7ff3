import { load } from 'cheerio';
import { parseAddressList } from './address-list.js';
import { type GmailApiMessage } from './gmail-types.js';
import { decodeHeaderText, findHeader, unfoldHeader } from './headers.js';
import { formatOffset, resolveMailDate } from './mail-date.js';
import { chooseBody, collectMimeContent } from './mime-parts.js';
import { type BodySource, type ParsedMail } from './parsed-mail.js';
import { trimReply } from './reply-trimming.js';

/** Bodies beyond this are cut: a digest needs the gist, and huge newsletters waste memory. */
export const MAX_BODY_CHARS = 100_000;

/** Gmail snippets are HTML-escaped ("it&#39;s"); decode the entities to plain text. */
export function decodeSnippet(snippet: string | undefined): string {
  if (snippet === undefined || snippet === '') return '';
  return load(`<p>${snippet.replace(/</g, '&lt;')}</p>`)('p')
    .text()
    .replace(/\s+/g, ' ')
    .trim();
}

function optionalHeader(value: string | null): string | null {
  if (value === null) return null;
  const unfolded = unfoldHeader(value).trim();
  return unfolded === '' ? null : unfolded;
}

function isAutomated(precedence: string | null, autoSubmitted: string | null): boolean {
  if (precedence !== null && /^\s*(bulk|list|junk|auto_reply)\b/i.test(precedence)) return true;
  return autoSubmitted !== null && !/^\s*no\b/i.test(autoSubmitted);
}

/**
 * Turns a Gmail API message (format=full) into the digest's view of a mail: decoded headers,
 * sender and recipients, date with the sender's offset, readable body, the new part of the
 * body, list headers and attachment metadata. Pure: attachments are listed, never fetched.
 */
export function parseGmailMessage(message: GmailApiMessage): ParsedMail {
  const headers = message.payload?.headers;
  const header = (name: string): string | null => findHeader(headers, name);

  const date = resolveMailDate(header('Date'), message.internalDate);
  const content = collectMimeContent(message.payload);
  const snippet = decodeSnippet(message.snippet);
  let { text, source }: { text: string; source: BodySource } = chooseBody(content);
  if (text === '' && snippet !== '') {
    // Metadata-only fetches have no body; the snippet is the best text there is.
    text = snippet;
    source = 'snippet';
  }
  const bodyTruncated = text.length > MAX_BODY_CHARS;
  if (bodyTruncated) text = text.slice(0, MAX_BODY_CHARS);

  const from = parseAddressList(header('From'))[0] ?? parseAddressList(header('Sender'))[0] ?? null;
  const subjectHeader = header('Subject');

  return {
    id: message.id,
    threadId: message.threadId ?? message.id,
    labelIds: [...(message.labelIds ?? [])],
    from,
    replyTo: parseAddressList(header('Reply-To')),
    to: parseAddressList(header('To')),
    cc: parseAddressList(header('Cc')),
    subject: subjectHeader !== null ? decodeHeaderText(subjectHeader) : '',
    date: date.iso,
    dateOffset: date.offsetMinutes !== null ? formatOffset(date.offsetMinutes) : null,
    dateSource: date.source,
    snippet,
    bodyText: text,
    bodySource: source,
    bodyTruncated,
    newText: trimReply(text),
    attachments: content.attachments,
    listUnsubscribe: optionalHeader(header('List-Unsubscribe')),
    listId: optionalHeader(header('List-Id')),
    automated: isAutomated(header('Precedence'), header('Auto-Submitted')),
    inReplyTo: optionalHeader(header('In-Reply-To')),
  };
}
