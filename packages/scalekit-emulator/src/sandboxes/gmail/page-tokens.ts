/**
 * Cursor page tokens for newest-first listings. The token names the last item of a page, so mail
 * arriving between two page requests neither repeats nor skips items. Like Gmail's, it is a
 * string of digits: 15 for the date, 20 for the id.
 */

export interface PageKey {
  /** internalDate, epoch ms. */
  date: number;
  /** A hex id (message or thread). */
  id: string;
}

/** Positive when `a` sorts after `b` (is older) in a newest-first list. */
export function compareNewestFirst(a: PageKey, b: PageKey): number {
  if (a.date !== b.date) return b.date - a.date;
  const ai = BigInt(`0x${a.id}`);
  const bi = BigInt(`0x${b.id}`);
  return ai === bi ? 0 : ai < bi ? 1 : -1;
}

export function encodePageToken(key: PageKey): string {
  return `${String(key.date).padStart(15, '0')}${BigInt(`0x${key.id}`).toString(10).padStart(20, '0')}`;
}

export function decodePageToken(token: string): PageKey | undefined {
  if (!/^\d{35}$/.test(token)) return undefined;
  const id = BigInt(token.slice(15));
  if (id >= 1n << 64n) return undefined;
  return { date: Number(token.slice(0, 15)), id: id.toString(16).padStart(16, '0') };
}

/** One page of a newest-first list after the cursor; `next` is set when more items follow. */
export function pageAfter<T>(
  items: readonly T[],
  keyOf: (item: T) => PageKey,
  cursor: PageKey | undefined,
  size: number,
): { page: T[]; next?: string } {
  const start = cursor === undefined ? 0 : items.findIndex((item) => compareNewestFirst(keyOf(item), cursor) > 0);
  if (start < 0) return { page: [] };
  const page = items.slice(start, start + size);
  const last = page[page.length - 1];
  return start + size < items.length && last !== undefined ? { page, next: encodePageToken(keyOf(last)) } : { page };
}
