/**
 * Gmail's byte fields (`raw`, `body.data`, attachment `data`) are URL-safe base64 *with* padding;
 * clients decoding with strict decoders (Python's urlsafe_b64decode) rely on that padding.
 */
export function encodeBase64Url(bytes: Buffer | string): string {
  const buffer = typeof bytes === 'string' ? Buffer.from(bytes, 'utf8') : bytes;
  return buffer.toString('base64').replace(/\+/g, '-').replace(/\//g, '_');
}

/**
 * Decodes URL-safe or standard base64, padded or not (Gmail accepts both on `messages.send`).
 * Returns undefined for text that is not base64 at all.
 */
export function decodeBase64Url(text: string): Buffer | undefined {
  const compact = text.replace(/\s+/g, '');
  if (!/^[A-Za-z0-9+/_-]*={0,2}$/.test(compact)) return undefined;
  const unpadded = compact.replace(/=+$/, '');
  if (unpadded.length % 4 === 1) return undefined;
  return Buffer.from(unpadded.replace(/-/g, '+').replace(/_/g, '/'), 'base64');
}
