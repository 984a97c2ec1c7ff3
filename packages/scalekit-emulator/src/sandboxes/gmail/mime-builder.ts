import { encodeWords } from './encoded-words.js';

/**
 * Builds RFC 5322 / MIME messages as a mail client would put them on the wire: CRLF lines, folded
 * headers, base64 or quoted-printable bodies, boundaries between parts.
 */

export type TransferEncoding = 'base64' | 'quoted-printable' | '7bit';

export interface MimeLeaf {
  kind: 'leaf';
  mimeType: string;
  /** Set for text parts. */
  charset?: string;
  transferEncoding: TransferEncoding;
  content: Buffer;
  /** Makes the part an attachment (Content-Disposition: attachment). */
  filename?: string;
  contentId?: string;
}

export interface MimeMultipart {
  kind: 'multipart';
  subtype: 'alternative' | 'mixed' | 'related';
  boundary: string;
  parts: MimeNode[];
}

export type MimeNode = MimeLeaf | MimeMultipart;
export type HeaderField = readonly [name: string, value: string];

const CRLF = '\r\n';
const MAX_LINE = 76;

/** Folds a header line at spaces so no line runs past 76 characters where a break is possible. */
export function foldHeader(name: string, value: string): string {
  const words = value.split(' ');
  const lines: string[] = [];
  let line = `${name}:`;
  for (const word of words) {
    if (line.length + 1 + word.length > MAX_LINE && line.trim() !== `${name}:`) {
      lines.push(line);
      line = ` ${word}`;
    } else line += ` ${word}`;
  }
  lines.push(line);
  return lines.join(CRLF);
}

/** Text bodies travel with CRLF line ends, whatever the author typed. */
export function canonicalText(text: string): Buffer {
  return Buffer.from(text.replace(/\r?\n/g, CRLF), 'utf8');
}

function wrapBase64(bytes: Buffer): string {
  const encoded = bytes.toString('base64');
  const lines: string[] = [];
  for (let i = 0; i < encoded.length; i += MAX_LINE) lines.push(encoded.slice(i, i + MAX_LINE));
  return lines.join(CRLF);
}

function qpEncodeLine(bytes: Buffer): string {
  const out: string[] = [];
  let line = '';
  bytes.forEach((byte, index) => {
    const last = index === bytes.length - 1;
    const literal = (byte >= 33 && byte <= 126 && byte !== 61) || ((byte === 32 || byte === 9) && !last);
    const token = literal ? String.fromCharCode(byte) : `=${byte.toString(16).toUpperCase().padStart(2, '0')}`;
    if (line.length + token.length > MAX_LINE - 1) {
      out.push(`${line}=`);
      line = '';
    }
    line += token;
  });
  out.push(line);
  return out.join(CRLF);
}

/** Quoted-printable (RFC 2045 section 6.7) with soft line breaks. */
export function encodeQuotedPrintable(bytes: Buffer): string {
  const text = bytes.toString('latin1');
  return text
    .split(/\r?\n/)
    .map((line) => qpEncodeLine(Buffer.from(line, 'latin1')))
    .join(CRLF);
}

function encodeBody(leaf: MimeLeaf): string {
  if (leaf.transferEncoding === 'base64') return wrapBase64(leaf.content);
  if (leaf.transferEncoding === 'quoted-printable') return encodeQuotedPrintable(leaf.content);
  return leaf.content.toString('latin1');
}

function quoteParam(value: string): string {
  return `"${encodeWords(value).replace(/"/g, '\\"')}"`;
}

function contentHeaders(node: MimeNode): HeaderField[] {
  if (node.kind === 'multipart') return [['Content-Type', `multipart/${node.subtype}; boundary="${node.boundary}"`]];
  const charset = node.charset ? `; charset="${node.charset}"` : '';
  const name = node.filename ? `; name=${quoteParam(node.filename)}` : '';
  const fields: HeaderField[] = [['Content-Type', `${node.mimeType}${charset}${name}`]];
  if (node.filename) fields.push(['Content-Disposition', `attachment; filename=${quoteParam(node.filename)}`]);
  fields.push(['Content-Transfer-Encoding', node.transferEncoding]);
  if (node.contentId) {
    fields.push(['X-Attachment-Id', node.contentId]);
    fields.push(['Content-ID', `<${node.contentId}>`]);
  }
  return fields;
}

function renderHeaders(fields: readonly HeaderField[]): string {
  return fields.map(([name, value]) => foldHeader(name, value)).join(CRLF);
}

function renderBody(node: MimeNode): string {
  if (node.kind === 'leaf') return encodeBody(node);
  const parts = node.parts.map(
    (part) => `--${node.boundary}${CRLF}${renderHeaders(contentHeaders(part))}${CRLF}${CRLF}${renderBody(part)}`,
  );
  return `${parts.join(CRLF)}${CRLF}--${node.boundary}--`;
}

/** The whole message: top-level headers, the root part's content headers, a blank line, the body. */
export function buildMessage(headers: readonly HeaderField[], root: MimeNode): Buffer {
  // Headers are text (UTF-8 if a caller left one unencoded); the body is already bytes as latin1 code units.
  const head = Buffer.from(`${renderHeaders([...headers, ...contentHeaders(root)])}${CRLF}${CRLF}`, 'utf8');
  // A closing CRLF is only added where it cannot change the content: after base64 or a multipart.
  const body = renderBody(root);
  const closing = root.kind === 'multipart' || root.transferEncoding === 'base64' ? CRLF : '';
  return Buffer.concat([head, Buffer.from(`${body}${closing}`, 'latin1')]);
}
