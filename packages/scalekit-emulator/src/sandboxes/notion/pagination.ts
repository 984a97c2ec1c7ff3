import { fieldError } from './notion-errors.js';
import { toUuid } from './id-format.js';

export const MAX_PAGE_SIZE = 100;

/** `page_size` from a body (a number) or a query string (digits): 1 to 100, default 100. */
export function readPageSize(value: unknown, path: string): number {
  if (value === undefined || value === null || value === '') return MAX_PAGE_SIZE;
  const fromQuery = path.startsWith('query.') && typeof value === 'string' && /^-?\d+$/.test(value);
  const size = fromQuery ? Number(value) : value;
  if (typeof size !== 'number' || !Number.isInteger(size))
    throw fieldError(path, 'should be a number or `undefined`', value);
  if (size < 1) throw fieldError(path, 'should be ≥ `1`', size);
  if (size > MAX_PAGE_SIZE) throw fieldError(path, `should be ≤ \`${MAX_PAGE_SIZE}\``, size);
  return size;
}

export type Page<T> = { results: T[]; next_cursor: string | null; has_more: boolean };

/**
 * Cursor pagination as Notion does it: the cursor is the id of the first item of the next page, so a
 * cursor stays valid while items before it are added or removed.
 */
export function paginate<T extends { id: string }>(
  items: readonly T[],
  cursor: unknown,
  pageSize: number,
  path: string,
): Page<T> {
  let start = 0;
  if (cursor !== undefined && cursor !== null && cursor !== '') {
    const id = typeof cursor === 'string' ? toUuid(cursor) : undefined;
    start = id === undefined ? -1 : items.findIndex((item) => item.id === id);
    if (start < 0) throw fieldError(path, 'should be a valid cursor from a previous response', cursor);
  }
  const results = items.slice(start, start + pageSize);
  const next = items[start + pageSize];
  return { results: [...results], next_cursor: next?.id ?? null, has_more: next !== undefined };
}
