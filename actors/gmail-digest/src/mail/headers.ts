import libmime from 'libmime';
import { type GmailHeader } from './gmail-types.js';

/** First value of a header, matched case-insensitively as RFC 5322 requires; null when absent. */
export function findHeader(headers: readonly GmailHeader[] | undefined, name: string): string | null {
  const wanted = name.toLowerCase();
  const hit = headers?.find((h) => typeof h.name === 'string' && h.name.toLowerCase() === wanted);
  return typeof hit?.value === 'string' ? hit.value : null;
}

/** Undoes header folding (CRLF + whitespace) so a folded value reads as one line. */
export function unfoldHeader(value: string): string {
  return value.replace(/\r?\n[ \t]+/g, ' ');
}

/**
 * Decodes RFC 2047 encoded-words (`=?UTF-8?B?..?=`, `=?ISO-8859-1?Q?..?=`) into text.
 * Values that are already plain text pass through unchanged, which matters because some
 * producers hand us headers that were decoded upstream.
 */
export function decodeHeaderText(value: string): string {
  const unfolded = unfoldHeader(value);
  let decoded: string;
  try {
    decoded = libmime.decodeWords(unfolded);
  } catch {
    // A malformed encoded-word must not lose the header: show it as it came.
    decoded = unfolded;
  }
  return decoded.replace(/\s+/g, ' ').trim();
}
