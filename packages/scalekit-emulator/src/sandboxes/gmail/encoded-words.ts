/**
 * RFC 2047 encoded-words ("=?UTF-8?B?...?=") and RFC 5322 address lists. Mail headers are 7-bit,
 * so non-ASCII subjects and display names travel encoded; Gmail hands them to clients as they are.
 */

const MAX_WORD_LENGTH = 75;
const WORD_OVERHEAD = '=?UTF-8?B?'.length + '?='.length;

export type WordEncoding = 'B' | 'Q';

function isPlainAscii(text: string): boolean {
  return /^[\x20-\x7e]*$/.test(text);
}

function qEncodeBytes(bytes: Buffer): string {
  let out = '';
  for (const byte of bytes) {
    const ch = String.fromCharCode(byte);
    if (byte === 0x20) out += '_';
    else if (/[A-Za-z0-9!*+\-/]/.test(ch)) out += ch;
    else out += `=${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

function encodedLength(chunk: string, encoding: WordEncoding): number {
  const bytes = Buffer.from(chunk, 'utf8');
  return encoding === 'B' ? Math.ceil(bytes.length / 3) * 4 : qEncodeBytes(bytes).length;
}

/** Splits on code points so that no word cuts a UTF-8 sequence and each stays within 75 characters. */
function chunksFor(text: string, encoding: WordEncoding): string[] {
  const budget = MAX_WORD_LENGTH - WORD_OVERHEAD;
  const chunks: string[] = [];
  let current = '';
  for (const ch of text) {
    if (current !== '' && encodedLength(current + ch, encoding) > budget) {
      chunks.push(current);
      current = '';
    }
    current += ch;
  }
  if (current !== '') chunks.push(current);
  return chunks;
}

/** The text as one or more encoded-words (separated by a space), or unchanged when it is plain ASCII. */
export function encodeWords(text: string, encoding: WordEncoding = 'B'): string {
  if (isPlainAscii(text)) return text;
  return chunksFor(text, encoding)
    .map((chunk) => {
      const bytes = Buffer.from(chunk, 'utf8');
      const payload = encoding === 'B' ? bytes.toString('base64') : qEncodeBytes(bytes);
      return `=?UTF-8?${encoding}?${payload}?=`;
    })
    .join(' ');
}

function decodeCharset(bytes: Buffer, charset: string): string {
  const label = charset.split('*')[0] ?? 'utf-8';
  try {
    return new TextDecoder(label).decode(bytes);
  } catch {
    return bytes.toString('utf8');
  }
}

function qDecode(payload: string): Buffer {
  const bytes: number[] = [];
  for (let i = 0; i < payload.length; i++) {
    const ch = payload[i]!;
    const hex = payload.slice(i + 1, i + 3);
    if (ch === '_') bytes.push(0x20);
    else if (ch === '=' && /^[0-9A-Fa-f]{2}$/.test(hex)) {
      bytes.push(Number.parseInt(hex, 16));
      i += 2;
    } else bytes.push(ch.charCodeAt(0) & 0xff);
  }
  return Buffer.from(bytes);
}

const ENCODED_WORD = /=\?([^?\s]+)\?([BbQq])\?([^?\s]*)\?=/g;

/** Decodes every encoded-word in a header value; whitespace between adjacent encoded-words is dropped. */
export function decodeWords(value: string): string {
  const joined = value.replace(/(\?=)\s+(?==\?[^?\s]+\?[BbQq]\?)/g, '$1');
  return joined.replace(ENCODED_WORD, (_match, charset: string, encoding: string, payload: string) => {
    const bytes = encoding.toUpperCase() === 'B' ? Buffer.from(payload, 'base64') : qDecode(payload);
    return decodeCharset(bytes, charset);
  });
}

export interface MailAddress {
  name: string;
  email: string;
}

/** `Name <email>` with the name quoted or encoded as RFC 5322 / 2047 require. */
export function formatAddress(address: MailAddress, encoding: WordEncoding = 'B'): string {
  if (address.name === '') return address.email;
  if (!isPlainAscii(address.name)) return `${encodeWords(address.name, encoding)} <${address.email}>`;
  const needsQuotes = /[()<>@,;:\\".[\]]/.test(address.name);
  const name = needsQuotes ? `"${address.name.replace(/(["\\])/g, '\\$1')}"` : address.name;
  return `${name} <${address.email}>`;
}

/** Splits at commas outside quotes and angle brackets; a group ("Team: a@x, b@y;") yields its members. */
function splitAddressList(value: string): string[] {
  const parts: string[] = [];
  let current = '';
  let inQuotes = false;
  let inAngle = false;
  for (let i = 0; i < value.length; i++) {
    const ch = value[i]!;
    if (ch === '\\' && inQuotes) {
      current += ch + (value[i + 1] ?? '');
      i++;
      continue;
    }
    if (ch === '"') inQuotes = !inQuotes;
    else if (ch === '<' && !inQuotes) inAngle = true;
    else if (ch === '>' && !inQuotes) inAngle = false;
    const outside = !inQuotes && !inAngle;
    if (outside && ch === ':') current = '';
    else if (outside && (ch === ',' || ch === ';')) {
      parts.push(current);
      current = '';
    } else current += ch;
  }
  parts.push(current);
  return parts.map((p) => p.trim()).filter((p) => p !== '');
}

/** Parses an address-list header value (raw or decoded); display names come back decoded. */
export function parseAddressList(value: string): MailAddress[] {
  return splitAddressList(value).flatMap((part) => {
    const angle = /^(.*)<([^<>]*)>\s*$/.exec(part);
    if (angle) {
      const rawName = (angle[1] ?? '').trim();
      const unquoted =
        rawName.startsWith('"') && rawName.endsWith('"') ? rawName.slice(1, -1).replace(/\\(.)/g, '$1') : rawName;
      return [{ name: decodeWords(unquoted), email: (angle[2] ?? '').trim() }];
    }
    return [{ name: '', email: part }];
  });
}

/** A plausible mailbox address: one `@`, a dotted domain, no spaces. */
export function isValidEmail(email: string): boolean {
  return /^[^\s@<>(),;:"]+@[^\s@<>(),;:"]+\.[^\s@<>(),;:"]+$/.test(email);
}
