import { createHash } from 'node:crypto';

/**
 * The connected-account identifier of an API-key caller: `<prefix>apikey:<org>:<user>`, each id
 * percent-encoded (so it never contains `:` itself), or `<prefix>apikey#<hash of both>` when that
 * would be too long or an id is not well-formed Unicode.
 *
 * Why this shape:
 * - Scalekit user ids are only unique inside an organization, so the organization is part of it:
 *   `user-a` of `org_other` must never reach the accounts of `user-a` of `org_acme`.
 * - Both ids are free text. Percent-encoding leaves no `:`, whitespace or control character in
 *   them, so the first `:` after `apikey:` is always the separator (`org "a:b", user "c"` and
 *   `org "a", user "b:c"` differ) and the value is a valid HTTP header (the SDK sends the
 *   identifier as one on proxy calls) that its trimming cannot change.
 * - Scalekit's API allows identifiers of at most 100 characters (buf.validate `max_len: 100` on
 *   the connected-account requests in the SDK's descriptors); the hashed form keeps long ids
 *   within that. `apikey:` and `apikey#` differ in their 7th character, so the two forms never meet.
 * - Apify runs use `<prefix><Apify user id>`, which is alphanumeric and never contains `apikey:`.
 */
export const SCALEKIT_IDENTIFIER_MAX_CHARS = 100;
const READABLE_MARK = 'apikey:';
const HASHED_MARK = 'apikey#';
/** 160 bits of SHA-256, hex: collision-free in practice, and case-proof should a lookup ignore case. */
const HASH_HEX_CHARS = 40;

/** The longest identifier prefix that still leaves room for the hashed form. */
export const MAX_CALLER_PREFIX_CHARS = SCALEKIT_IDENTIFIER_MAX_CHARS - HASHED_MARK.length - HASH_HEX_CHARS;

function charCount(text: string): number {
  // Scalekit counts characters (code points), not UTF-16 units.
  return [...text].length;
}

function encodeId(id: string): string | undefined {
  try {
    return encodeURIComponent(id);
  } catch {
    // A lone surrogate cannot be encoded; the hashed form takes it.
    return undefined;
  }
}

function hashedIdentifier(prefix: string, organizationId: string, userId: string): string {
  // JSON keeps the two ids apart and escapes lone surrogates, so distinct pairs hash distinct inputs.
  const digest = createHash('sha256')
    .update(JSON.stringify([organizationId, userId]))
    .digest('hex');
  return `${prefix}${HASHED_MARK}${digest.slice(0, HASH_HEX_CHARS)}`;
}

/** Whether a prefix leaves room for every caller identifier within Scalekit's limit. */
export function callerPrefixFits(prefix: string): boolean {
  return charCount(prefix) <= MAX_CALLER_PREFIX_CHARS;
}

/** The identifier of the per-user connected accounts of a user-scoped key (see the module comment). */
export function callerIdentifier(prefix: string, organizationId: string, userId: string): string {
  const org = encodeId(organizationId);
  const user = encodeId(userId);
  if (org !== undefined && user !== undefined) {
    const readable = `${prefix}${READABLE_MARK}${org}:${user}`;
    if (charCount(readable) <= SCALEKIT_IDENTIFIER_MAX_CHARS) return readable;
  }
  return hashedIdentifier(prefix, organizationId, userId);
}
