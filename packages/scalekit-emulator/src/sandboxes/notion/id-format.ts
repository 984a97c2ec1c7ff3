import { fieldError } from './notion-errors.js';

const COMPACT_UUID = /^[0-9a-f]{32}$/;

/** Notion accepts ids with or without hyphens; it always answers with the hyphenated form. */
export function toUuid(raw: string): string | undefined {
  const compact = raw.replace(/-/g, '').toLowerCase();
  if (!COMPACT_UUID.test(compact)) return undefined;
  return `${compact.slice(0, 8)}-${compact.slice(8, 12)}-${compact.slice(12, 16)}-${compact.slice(16, 20)}-${compact.slice(20)}`;
}

export function compactId(id: string): string {
  return id.replace(/-/g, '');
}

export function requireId(value: unknown, path: string): string {
  if (typeof value !== 'string')
    throw fieldError(path, value === undefined ? 'should be defined' : 'should be a string', value);
  const id = toUuid(value);
  if (id === undefined) throw fieldError(path, 'should be a valid uuid', value);
  return id;
}
