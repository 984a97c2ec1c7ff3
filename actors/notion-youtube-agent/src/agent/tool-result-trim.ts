// Tool results go back to the model on every later turn, so a 50-item YouTube response with
// thumbnails and etags would eat the context. This shrinks a result step by step until it
// fits, always producing valid JSON and saying what was left out.

export interface TrimOptions {
  /** Upper bound on the returned text length. */
  maxChars: number;
  /** Items kept per array before shrinking further (default 25). */
  maxArrayItems?: number;
  /** Characters kept per string before shrinking further (default 1000). */
  maxStringChars?: number;
  /** Keys removed everywhere (default: YouTube and Notion noise, see NOISE_KEYS). */
  dropKeys?: readonly string[];
}

/** Keys that cost many tokens and tell the model nothing useful. */
export const NOISE_KEYS: readonly string[] = [
  'etag',
  'thumbnails',
  'localized',
  'annotations',
  'created_by',
  'last_edited_by',
  'icon',
  'cover',
];

const MIN_ARRAY_ITEMS = 1;
const MIN_STRING_CHARS = 40;

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/**
 * The result as text of at most `maxChars` characters (for a tiny `maxChars`, at most a short
 * fixed marker). Strings stay plain text; everything else becomes JSON with noise keys dropped,
 * arrays capped with a "... N more" entry and long strings cut with a "[+N chars]" marker.
 */
export function trimToolResult(value: unknown, options: TrimOptions): string {
  const maxChars = Math.max(0, Math.floor(options.maxChars));
  if (typeof value === 'string') return truncateText(value, maxChars);

  const json = toJson(value, new Set(options.dropKeys ?? NOISE_KEYS), new WeakSet());
  const full = JSON.stringify(json);
  if (full.length <= maxChars) return full;

  let arrayItems = Math.max(MIN_ARRAY_ITEMS, options.maxArrayItems ?? 25);
  let stringChars = Math.max(MIN_STRING_CHARS, options.maxStringChars ?? 1000);
  for (;;) {
    const text = JSON.stringify(shrink(json, arrayItems, stringChars));
    if (text.length <= maxChars) return text;
    if (arrayItems === MIN_ARRAY_ITEMS && stringChars === MIN_STRING_CHARS) break;
    arrayItems = Math.max(MIN_ARRAY_ITEMS, Math.floor(arrayItems / 2));
    stringChars = Math.max(MIN_STRING_CHARS, Math.floor(stringChars / 2));
  }
  return previewEnvelope(full, maxChars);
}

/** Plain text cut to `maxChars` with a marker saying how much was left out. */
export function truncateText(text: string, maxChars: number): string {
  if (text.length <= maxChars) return text;
  const marker = (rest: number): string => `… [+${rest} chars]`;
  const keep = Math.max(0, maxChars - marker(text.length).length);
  return keep === 0 ? text.slice(0, maxChars) : `${text.slice(0, keep)}${marker(text.length - keep)}`;
}

// JSON-safe copy: no undefined/functions/symbols, bigint as string, Dates and other toJSON
// objects through their own conversion, cycles marked instead of throwing.
function toJson(value: unknown, dropKeys: ReadonlySet<string>, seen: WeakSet<object>): Json {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value === 'bigint') return value.toString();
  if (typeof value !== 'object') return null;
  if (seen.has(value)) return '[circular]';
  seen.add(value);
  try {
    if (value instanceof Error) return { error: value.message };
    if (hasToJson(value)) return toJson(value.toJSON(), dropKeys, seen);
    if (Array.isArray(value)) return value.map((item: unknown) => toJson(item, dropKeys, seen));
    const out: { [key: string]: Json } = {};
    for (const [key, item] of Object.entries(value)) {
      if (dropKeys.has(key) || item === undefined || typeof item === 'function' || typeof item === 'symbol') continue;
      out[key] = toJson(item, dropKeys, seen);
    }
    return out;
  } finally {
    seen.delete(value);
  }
}

function shrink(value: Json, arrayItems: number, stringChars: number): Json {
  if (typeof value === 'string') return truncateText(value, stringChars);
  if (Array.isArray(value)) {
    const kept = value.slice(0, arrayItems).map((item) => shrink(item, arrayItems, stringChars));
    if (value.length > arrayItems) kept.push(`... ${value.length - arrayItems} more`);
    return kept;
  }
  if (value !== null && typeof value === 'object') {
    const out: { [key: string]: Json } = {};
    for (const [key, item] of Object.entries(value)) out[key] = shrink(item, arrayItems, stringChars);
    return out;
  }
  return value;
}

// Last resort for results that stay too big even fully shrunk (e.g. thousands of keys).
function previewEnvelope(full: string, maxChars: number): string {
  const note = `result of ${full.length} characters shortened to fit ${maxChars}`;
  let previewLength = Math.max(0, maxChars - note.length - 60);
  for (;;) {
    const text = JSON.stringify({ truncated: true, note, preview: full.slice(0, previewLength) });
    if (text.length <= maxChars) return text;
    if (previewLength === 0) return maxChars >= 18 ? '{"truncated":true}' : '{}';
    previewLength = Math.floor(previewLength * 0.8);
  }
}

function hasToJson(value: object): value is { toJSON: () => unknown } {
  return typeof (value as { toJSON?: unknown }).toJSON === 'function';
}
