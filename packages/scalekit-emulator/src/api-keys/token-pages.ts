import { invalidArgument } from '../grpc/errors.js';
import type { ApiTokenRecord } from './api-token-store.js';

/**
 * Cursor pagination over tokens in creation order. A cursor names the token a page starts after,
 * so revoking a token between two page requests neither skips nor repeats the others (offsets would).
 */
export interface TokenPage {
  items: ApiTokenRecord[];
  next: string;
  prev: string;
}

const encode = (afterTokenId: string): string => Buffer.from(`after:${afterTokenId}`).toString('base64url');

/** Where a page starts in `all` (the token's position in creation order, revoked ones included). */
function startAfter(cursor: string, all: readonly ApiTokenRecord[]): number {
  if (cursor === '') return 0;
  const decoded = Buffer.from(cursor, 'base64url').toString('utf8');
  if (!decoded.startsWith('after:')) throw invalidArgument('page_token is invalid', 'page_token');
  const tokenId = decoded.slice('after:'.length);
  if (tokenId === '') return 0;
  const index = all.findIndex((t) => t.tokenId === tokenId);
  if (index < 0) throw invalidArgument('page_token is invalid', 'page_token');
  return index + 1;
}

/** `all`: every token in creation order; `visible`: the ones this listing may show. */
export function tokenPage(
  all: readonly ApiTokenRecord[],
  visible: readonly ApiTokenRecord[],
  size: number,
  cursor: string,
): TokenPage {
  const position = new Map(all.map((t, i) => [t.tokenId, i]));
  const from = startAfter(cursor, all);
  const first = visible.findIndex((t) => (position.get(t.tokenId) ?? -1) >= from);
  const start = first < 0 ? visible.length : first;
  const items = visible.slice(start, start + size);
  const end = start + items.length;
  const next = end < visible.length && items.length > 0 ? encode(items[items.length - 1]!.tokenId) : '';
  let prev = '';
  if (start > 0) {
    const prevStart = Math.max(0, start - size);
    prev = encode(prevStart === 0 ? '' : visible[prevStart - 1]!.tokenId);
  }
  return { items, next, prev };
}
