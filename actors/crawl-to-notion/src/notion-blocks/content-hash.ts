/**
 * A fingerprint of a page's blocks, so a re-run can tell an unchanged page from a changed one
 * without reading it back from Notion. Object keys are sorted before hashing, so the hash
 * depends on the content only, not on the order properties happened to be set in.
 */
import { createHash } from 'node:crypto';
import type { NotionBlock } from './block-types.js';

/** JSON with object keys in sorted order at every level; `undefined` properties are left out. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') {
    const json = JSON.stringify(value) as string | undefined;
    return json ?? 'null';
  }
  if (Array.isArray(value)) return `[${value.map((v) => canonicalJson(v)).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

/** Hex SHA-256 of the canonical JSON of `blocks`. */
export function contentHash(blocks: readonly NotionBlock[]): string {
  return createHash('sha256').update(canonicalJson(blocks)).digest('hex');
}
