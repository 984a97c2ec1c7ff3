import {
  invalidEnum,
  invalidPageToken,
  invalidValue,
  outOfRange,
  requiredParameter,
  unknownPart,
  youtubeError,
} from './youtube-errors.js';

/** Query parameters of one API call, by their REST (camelCase) names; absent = not given. */
export type ApiParams = ReadonlyMap<string, string>;

/** REST query -> params; repeated keys join with commas, as Google treats `part=a&part=b`. */
export function paramsFromQuery(query: URLSearchParams): ApiParams {
  const out = new Map<string, string>();
  for (const key of new Set(query.keys())) {
    const value = query.getAll(key).join(',');
    if (value !== '') out.set(key, value);
  }
  return out;
}

/** The `part` list: required, each entry one of the resource's parts. */
export function parseParts(params: ApiParams, known: readonly string[]): Set<string> {
  const raw = params.get('part');
  if (raw === undefined || raw.trim() === '') throw requiredParameter('part');
  const parts = new Set<string>();
  for (const entry of raw.split(',').map((p) => p.trim())) {
    if (entry === '') continue;
    if (!known.includes(entry)) throw unknownPart(entry);
    parts.add(entry);
  }
  if (parts.size === 0) throw requiredParameter('part');
  return parts;
}

export function parseMaxResults(params: ApiParams, limits: { min: number; max: number; fallback: number }): number {
  const raw = params.get('maxResults');
  if (raw === undefined) return limits.fallback;
  const value = Number(raw);
  if (!/^-?\d+$/.test(raw.trim())) throw invalidValue('maxResults', raw, 'Expected an integer.');
  if (value < limits.min || value > limits.max) throw outOfRange('maxResults', raw, limits.min, limits.max);
  return value;
}

export function parseEnum<T extends string>(params: ApiParams, name: string, allowed: readonly T[], fallback: T): T;
export function parseEnum<T extends string>(params: ApiParams, name: string, allowed: readonly T[]): T | undefined;
export function parseEnum<T extends string>(
  params: ApiParams,
  name: string,
  allowed: readonly T[],
  fallback?: T,
): T | undefined {
  const raw = params.get(name);
  if (raw === undefined) return fallback;
  // Google matches enum values case-insensitively (`viewcount` works).
  const found = allowed.find((a) => a.toLowerCase() === raw.toLowerCase());
  if (!found) throw invalidEnum(name, raw, allowed);
  return found;
}

export function parseBoolean(params: ApiParams, name: string): boolean | undefined {
  const raw = params.get(name);
  if (raw === undefined) return undefined;
  if (raw.toLowerCase() === 'true') return true;
  if (raw.toLowerCase() === 'false') return false;
  throw invalidValue(name, raw, 'Expected true or false.');
}

const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/i;

export function parseDateTime(params: ApiParams, name: string): number | undefined {
  const raw = params.get(name);
  if (raw === undefined) return undefined;
  const ms = RFC3339.test(raw) ? Date.parse(raw) : Number.NaN;
  if (Number.isNaN(ms)) throw invalidValue(name, raw, 'Expected an RFC 3339 date-time such as 1970-01-01T00:00:00Z.');
  return ms;
}

/** A comma-separated id list, at most `max` entries (YouTube caps id lookups at 50). */
export function parseIdList(params: ApiParams, name: string, max = 50): string[] | undefined {
  const raw = params.get(name);
  if (raw === undefined) return undefined;
  const ids = raw
    .split(',')
    .map((id) => id.trim())
    .filter((id) => id !== '');
  if (ids.length > max) {
    throw youtubeError(
      400,
      'invalidParameter',
      `Too many ids in ${name}: ${ids.length}; at most ${max} are allowed per request.`,
      {
        location: name,
      },
    );
  }
  return [...new Set(ids)];
}

/*
 * Page tokens look like YouTube's ("CAUQAA"): base64 of a tiny protobuf, field 1 = the offset,
 * field 2 = 0 for a next page and 1 for a previous one. Opaque to callers, stable across calls.
 */
function varint(value: number): number[] {
  const bytes: number[] = [];
  let v = value;
  do {
    let byte = v & 0x7f;
    v = Math.floor(v / 128);
    if (v > 0) byte |= 0x80;
    bytes.push(byte);
  } while (v > 0);
  return bytes;
}

export function encodePageToken(offset: number, direction: 'next' | 'prev'): string {
  return Buffer.from([0x08, ...varint(offset), 0x10, direction === 'next' ? 0 : 1]).toString('base64url');
}

export function decodePageToken(token: string): number {
  const bytes = /^[A-Za-z0-9_-]+$/.test(token) ? Buffer.from(token, 'base64url') : Buffer.alloc(0);
  if (bytes[0] !== 0x08) throw invalidPageToken();
  let offset = 0;
  let scale = 1;
  let i = 1;
  for (; i < bytes.length && i < 6; i++) {
    const byte = bytes[i]!;
    offset += (byte & 0x7f) * scale;
    scale *= 128;
    if ((byte & 0x80) === 0) break;
  }
  if (bytes[i + 1] !== 0x10 || (bytes[i + 2] !== 0 && bytes[i + 2] !== 1) || bytes.length !== i + 3)
    throw invalidPageToken();
  return offset;
}

export interface PageWindow {
  start: number;
  end: number;
  nextPageToken?: string;
  prevPageToken?: string;
}

/** The slice of `total` results a page covers, with YouTube-style tokens around it. */
export function pageWindow(params: ApiParams, total: number, pageSize: number, reachable = total): PageWindow {
  const token = params.get('pageToken');
  const start = token === undefined ? 0 : decodePageToken(token);
  const limit = Math.min(total, reachable);
  const end = Math.min(start + pageSize, limit);
  const window: PageWindow = { start, end: Math.max(start, end) };
  if (pageSize > 0 && end < limit) window.nextPageToken = encodePageToken(end, 'next');
  if (pageSize > 0 && start > 0) window.prevPageToken = encodePageToken(Math.max(0, start - pageSize), 'prev');
  return window;
}
