import { Buffer } from 'node:buffer';
import libmime from 'libmime';
import { decode as decodeCharset } from 'libmime/lib/charset.js';

/**
 * Decodes a Gmail body: base64url, padded or not. Node's base64 decoder accepts both the
 * URL-safe and the standard alphabet, so a producer that sends standard base64 also works.
 */
export function decodeBase64Url(data: string): Buffer {
  return Buffer.from(data.replace(/\s+/g, ''), 'base64');
}

/**
 * Bytes -> text in the part's charset (UTF-8 when none is declared). Unknown charsets fall back
 * to UTF-8 inside libmime rather than throwing, so one odd mail cannot stop a digest.
 */
export function decodeText(bytes: Buffer, charset: string | null): string {
  const text = decodeCharset(bytes, charset ?? 'UTF-8');
  // A BOM at the start is an encoding artefact, not content.
  return text.replace(/^\uFEFF/, '');
}

/** Content-Type of a part split into its type and parameters (charset, format, delsp, name). */
export interface ContentType {
  mimeType: string;
  params: Record<string, string>;
}

export function parseContentType(header: string | null, fallbackMimeType: string | undefined): ContentType {
  if (header === null || header.trim() === '') {
    return { mimeType: (fallbackMimeType ?? 'text/plain').toLowerCase(), params: {} };
  }
  const parsed = libmime.parseHeaderValue(header);
  const mimeType = (parsed.value || fallbackMimeType || 'text/plain').toLowerCase();
  return { mimeType, params: parsed.params };
}

/** Undoes format=flowed soft line breaks (RFC 3676) so paragraphs read as paragraphs. */
export function unflow(text: string, params: Record<string, string>): string {
  if ((params.format ?? '').toLowerCase() !== 'flowed') return text;
  return libmime.decodeFlowed(text, (params.delsp ?? '').toLowerCase() === 'yes');
}
