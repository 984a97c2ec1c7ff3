import { decodeBase64Url, decodeText, parseContentType, unflow } from './body-decoding.js';
import { type GmailMessagePart } from './gmail-types.js';
import { decodeHeaderText, findHeader } from './headers.js';
import { htmlToText } from './html-to-text.js';
import { type BodySource, type MailAttachment } from './parsed-mail.js';

/** The readable body parts and attachments found in a MIME tree, in document order. */
export interface MimeContent {
  plain: string[];
  html: string[];
  attachments: MailAttachment[];
}

// Guard against hostile nesting; real mail rarely goes beyond depth 5.
const MAX_PART_DEPTH = 32;

function attachmentName(
  part: GmailMessagePart,
  params: Record<string, string>,
  disposition: Record<string, string>,
): string {
  // Gmail sends filename "" for body parts, so the first non-empty candidate wins.
  const raw = [part.filename, disposition.filename, params.name].find((n) => n !== undefined && n.trim() !== '');
  return raw === undefined ? '' : decodeHeaderText(raw);
}

function collect(part: GmailMessagePart, content: MimeContent, depth: number): void {
  if (depth > MAX_PART_DEPTH) return;
  const contentType = parseContentType(findHeader(part.headers, 'Content-Type'), part.mimeType);
  const mimeType = (part.mimeType ?? contentType.mimeType).toLowerCase();
  const dispositionHeader = findHeader(part.headers, 'Content-Disposition');
  const disposition = dispositionHeader !== null ? parseContentType(dispositionHeader, undefined) : null;
  const filename = attachmentName(part, contentType.params, disposition?.params ?? {});

  // Tool output is loosely typed JSON: `parts` may be null or missing as well as an array.
  if (mimeType.startsWith('multipart/') && Array.isArray(part.parts)) {
    for (const child of part.parts) collect(child, content, depth + 1);
    return;
  }

  const isText = mimeType === 'text/plain' || mimeType === 'text/html';
  const isAttachment = filename !== '' || disposition?.mimeType === 'attachment' || !isText;
  if (isAttachment) {
    // Containers without a body of their own (e.g. an empty multipart) are not attachments.
    if (mimeType.startsWith('multipart/')) return;
    content.attachments.push({
      filename: filename !== '' ? filename : fallbackName(mimeType),
      mimeType,
      size: part.body?.size ?? 0,
      inline:
        disposition?.mimeType === 'inline' || (disposition === null && findHeader(part.headers, 'Content-ID') !== null),
    });
    return;
  }

  const data = part.body?.data;
  if (data === undefined || data === '') return; // a large text part sent by attachmentId is not fetched
  const text = unflow(decodeText(decodeBase64Url(data), contentType.params.charset ?? null), contentType.params);
  if (mimeType === 'text/plain') content.plain.push(text);
  else content.html.push(text);
}

function fallbackName(mimeType: string): string {
  return mimeType === 'message/rfc822' ? 'attached-message.eml' : 'unnamed';
}

/** Walks the message payload and collects text bodies and attachment metadata. */
export function collectMimeContent(payload: GmailMessagePart | undefined): MimeContent {
  const content: MimeContent = { plain: [], html: [], attachments: [] };
  if (payload !== undefined) collect(payload, content, 0);
  return content;
}

/**
 * Picks the readable body: the text/plain alternative, unless it is empty or a stub such as
 * "view this mail in a browser" next to a much richer HTML part; then the HTML as text.
 */
export function chooseBody(content: MimeContent): { text: string; source: BodySource } {
  const plain = content.plain
    .map((p) => p.replace(/\r\n?/g, '\n').trim())
    .filter((p) => p !== '')
    .join('\n\n');
  const html =
    content.html.length > 0
      ? content.html
          .map(htmlToText)
          .filter((p) => p !== '')
          .join('\n\n')
      : '';
  const plainIsStub = plain.length < 200 && html.length > 4 * plain.length;
  if (plain !== '' && !plainIsStub) return { text: plain, source: 'plain' };
  if (html !== '') return { text: html, source: 'html' };
  if (plain !== '') return { text: plain, source: 'plain' };
  return { text: '', source: 'none' };
}
