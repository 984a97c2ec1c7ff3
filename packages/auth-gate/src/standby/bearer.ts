/** What an Authorization header holds, before anything is asked of Scalekit. */
export type BearerParse = { kind: 'missing' } | { kind: 'malformed' } | { kind: 'key'; key: string };

/** RFC 6750 b64token characters; a key with anything else is not one of ours. */
const BEARER = /^Bearer +([A-Za-z0-9\-._~+/]+=*) *$/i;
const MAX_KEY_LENGTH = 512;

/**
 * Reads `Authorization: Bearer <key>`. Token ids (`apit_…`) are refused here: Scalekit's
 * ValidateToken accepts a token id in place of the key, and ids are not secrets (they appear in
 * every key listing), so accepting one would let anyone who saw a list act as that key.
 */
export function parseBearer(header: string | string[] | undefined): BearerParse {
  if (header === undefined || (typeof header === 'string' && header.trim() === '')) return { kind: 'missing' };
  if (typeof header !== 'string') return { kind: 'malformed' };
  const key = BEARER.exec(header)?.[1];
  if (key === undefined || key.length > MAX_KEY_LENGTH || key.toLowerCase().startsWith('apit_'))
    return { kind: 'malformed' };
  return { kind: 'key', key };
}
