import { decodeWords } from './encoded-words.js';

/** Parses RFC 5322 / MIME messages into the part tree that Gmail's `payload` mirrors. */

export interface MessageHeader {
  name: string;
  /** The value as it appears in the message, unfolded; encoded-words are left as they are. */
  value: string;
}

export interface MimePart {
  headers: MessageHeader[];
  /** Lower-case `type/subtype`; `text/plain` when the part has no Content-Type. */
  mimeType: string;
  /** Content-Type parameters, keys lower-case. */
  params: Record<string, string>;
  /** The attachment's file name, decoded; empty for body parts. */
  filename: string;
  /** The transfer-decoded body bytes; empty for multipart containers. */
  body: Buffer;
  parts: MimePart[];
}

export function headerValue(headers: readonly MessageHeader[], name: string): string | undefined {
  const lower = name.toLowerCase();
  return headers.find((h) => h.name.toLowerCase() === lower)?.value;
}

/** Header lines, unfolded; 8-bit header bytes are read as UTF-8, which is what real senders mean. */
function parseHeaderBlock(block: string): MessageHeader[] {
  const headers: MessageHeader[] = [];
  for (const line of block.split(/\r?\n/)) {
    if (/^[ \t]/.test(line) && headers.length > 0) {
      headers[headers.length - 1]!.value += line;
      continue;
    }
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    headers.push({ name: line.slice(0, colon).trim(), value: line.slice(colon + 1) });
  }
  return headers.map((h) => ({ name: h.name, value: Buffer.from(h.value, 'latin1').toString('utf8').trim() }));
}

function splitTopLevel(value: string): string[] {
  const parts: string[] = [];
  let current = '';
  let quoted = false;
  for (let i = 0; i < value.length; i++) {
    const ch = value[i]!;
    if (ch === '\\' && quoted) {
      current += value[++i] ?? '';
      continue;
    }
    if (ch === '"') {
      quoted = !quoted;
      continue;
    }
    if (ch === ';' && !quoted) {
      parts.push(current.trim());
      current = '';
    } else current += ch;
  }
  parts.push(current.trim());
  return parts;
}

/** An RFC 2231 `charset'lang'%XX` value; malformed input comes back as it is rather than throwing. */
function decodeExtendedValue(value: string): string {
  const match = /^([^']*)'[^']*'(.*)$/.exec(value);
  const charset = match ? match[1] || 'utf-8' : 'utf-8';
  const encoded = match ? (match[2] ?? '') : value;
  const bytes = Buffer.from(
    encoded.replace(/%([0-9A-Fa-f]{2})/g, (_m, h: string) => String.fromCharCode(Number.parseInt(h, 16))),
    'latin1',
  );
  try {
    return new TextDecoder(charset).decode(bytes);
  } catch {
    return encoded;
  }
}

/** `type/subtype; key=value; key="quoted"` including RFC 2231 `key*=` and `key*0=` continuations. */
export function parseHeaderParams(value: string): { value: string; params: Record<string, string> } {
  const [first = '', ...rest] = splitTopLevel(value);
  const plain: Record<string, string> = {};
  const continued = new Map<string, { index: number; text: string; extended: boolean }[]>();
  for (const item of rest) {
    const eq = item.indexOf('=');
    if (eq <= 0) continue;
    const key = item.slice(0, eq).trim().toLowerCase();
    const text = item.slice(eq + 1).trim();
    const section = /^(.+?)\*(\d+)(\*)?$/.exec(key);
    if (section) {
      const list = continued.get(section[1]!) ?? [];
      list.push({ index: Number(section[2]), text, extended: section[3] === '*' });
      continued.set(section[1]!, list);
    } else if (key.endsWith('*')) plain[key.slice(0, -1)] = decodeExtendedValue(text);
    else plain[key] = text;
  }
  for (const [key, sections] of continued) {
    const ordered = sections.sort((a, b) => a.index - b.index);
    const joined = ordered.map((s) => s.text).join('');
    plain[key] = ordered[0]?.extended ? decodeExtendedValue(joined) : joined;
  }
  return { value: first.toLowerCase(), params: plain };
}

function decodeQuotedPrintable(text: string): Buffer {
  const softBreaksRemoved = text.replace(/=\r?\n/g, '');
  const bytes: number[] = [];
  for (let i = 0; i < softBreaksRemoved.length; i++) {
    const ch = softBreaksRemoved[i]!;
    const hex = softBreaksRemoved.slice(i + 1, i + 3);
    if (ch === '=' && /^[0-9A-Fa-f]{2}$/.test(hex)) {
      bytes.push(Number.parseInt(hex, 16));
      i += 2;
    } else bytes.push(ch.charCodeAt(0) & 0xff);
  }
  return Buffer.from(bytes);
}

function decodeTransfer(body: string, encoding: string): Buffer {
  if (encoding === 'base64') return Buffer.from(body.replace(/[^A-Za-z0-9+/=_-]/g, ''), 'base64');
  if (encoding === 'quoted-printable') return decodeQuotedPrintable(body);
  return Buffer.from(body, 'latin1');
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The bodies between boundary delimiter lines; preamble and epilogue are dropped. */
function splitMultipart(body: string, boundary: string): string[] {
  const delimiter = new RegExp(`(?:^|\\r?\\n)--${escapeRegExp(boundary)}(--)?[ \\t]*(?:\\r?\\n|$)`, 'g');
  const marks: { start: number; end: number; close: boolean }[] = [];
  for (let match = delimiter.exec(body); match; match = delimiter.exec(body)) {
    marks.push({ start: match.index, end: match.index + match[0].length, close: match[1] === '--' });
  }
  const sections: string[] = [];
  for (let i = 0; i < marks.length; i++) {
    const mark = marks[i]!;
    if (mark.close) break;
    sections.push(body.slice(mark.end, marks[i + 1]?.start ?? body.length));
  }
  return sections;
}

function splitHeadAndBody(text: string): { head: string; body: string } {
  const match = /\r?\n\r?\n/.exec(text);
  if (!match) return { head: text, body: '' };
  return { head: text.slice(0, match.index), body: text.slice(match.index + match[0].length) };
}

function parseEntity(text: string): MimePart {
  const { head, body } = splitHeadAndBody(text);
  const headers = parseHeaderBlock(head);
  const contentType = parseHeaderParams(headerValue(headers, 'Content-Type') ?? 'text/plain');
  const mimeType = /^[a-z0-9!#$&^_.+-]+\/[a-z0-9!#$&^_.+-]+$/.test(contentType.value)
    ? contentType.value
    : 'text/plain';
  const disposition = parseHeaderParams(headerValue(headers, 'Content-Disposition') ?? '');
  const filename = decodeWords(disposition.params['filename'] ?? contentType.params['name'] ?? '');
  const boundary = contentType.params['boundary'];
  if (mimeType.startsWith('multipart/') && boundary) {
    return {
      headers,
      mimeType,
      params: contentType.params,
      filename,
      body: Buffer.alloc(0),
      parts: splitMultipart(body, boundary).map(parseEntity),
    };
  }
  const encoding = (headerValue(headers, 'Content-Transfer-Encoding') ?? '7bit').trim().toLowerCase();
  return { headers, mimeType, params: contentType.params, filename, body: decodeTransfer(body, encoding), parts: [] };
}

/** Parses a whole message; never throws (a malformed message becomes a text/plain part). */
export function parseMessage(raw: Buffer): MimePart {
  return parseEntity(raw.toString('latin1'));
}

/** Every leaf part, depth first, with its Gmail part id (`''` for a single-part message, then `0`, `0.1`, ...). */
export function leafParts(root: MimePart): { part: MimePart; partId: string }[] {
  const out: { part: MimePart; partId: string }[] = [];
  const walk = (part: MimePart, partId: string): void => {
    if (part.parts.length === 0) out.push({ part, partId });
    part.parts.forEach((child, index) => walk(child, partId === '' ? String(index) : `${partId}.${index}`));
  };
  walk(root, '');
  return out;
}
