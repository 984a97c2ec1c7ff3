import { invalidArgumentError } from './gmail-errors.js';
import { isGmailIdShape } from './gmail-ids.js';
import { isMessageFormat, type MessageFormat } from './message-resource.js';

/**
 * Parameter checks shared by the REST routes (strings from the query) and the tools (JSON values),
 * answering bad input with Gmail's 400 errors.
 */

export const DEFAULT_MAX_RESULTS = 100;
export const MAX_RESULTS_LIMIT = 500;

const isAbsent = (value: unknown): boolean => value === undefined || value === null || value === '';

export function maxResultsParam(value: unknown, fallback = DEFAULT_MAX_RESULTS): number {
  if (isAbsent(value)) return fallback;
  const n =
    typeof value === 'number'
      ? value
      : typeof value === 'string' && /^-?\d+$/.test(value.trim())
        ? Number(value)
        : Number.NaN;
  if (!Number.isInteger(n)) throw invalidArgumentError(`Invalid value for maxResults: ${String(value)}`);
  if (n < 1 || n > MAX_RESULTS_LIMIT)
    throw invalidArgumentError(`Invalid maxResults: ${n}, it must be between 1 and ${MAX_RESULTS_LIMIT}`);
  return n;
}

export function formatParam(value: unknown): MessageFormat {
  if (isAbsent(value)) return 'full';
  const text = typeof value === 'string' ? value.toLowerCase() : '';
  if (!isMessageFormat(text)) throw invalidArgumentError(`Invalid value at 'format', "${String(value)}"`);
  return text;
}

/** `threads.get` knows full, metadata and minimal only. */
export function threadFormatParam(value: unknown): Exclude<MessageFormat, 'raw'> {
  const format = formatParam(value);
  if (format === 'raw') throw invalidArgumentError(`Invalid value at 'format', "${String(value)}"`);
  return format;
}

export function booleanParam(value: unknown, name: string): boolean {
  if (isAbsent(value)) return false;
  if (value === true || value === 'true') return true;
  if (value === false || value === 'false') return false;
  throw invalidArgumentError(`Invalid value for ${name}: ${String(value)}`);
}

export function optionalStringParam(value: unknown, name: string): string | undefined {
  if (isAbsent(value)) return undefined;
  if (typeof value !== 'string') throw invalidArgumentError(`Invalid value for ${name}: must be a string`);
  return value;
}

/** A list of strings: a JSON array, or (tools) one comma-separated string. */
export function stringListParam(value: unknown, name: string): string[] {
  if (isAbsent(value)) return [];
  if (typeof value === 'string')
    return value
      .split(',')
      .map((s) => s.trim())
      .filter((s) => s !== '');
  if (Array.isArray(value) && value.every((v) => typeof v === 'string')) return value;
  throw invalidArgumentError(`Invalid value for ${name}: must be a list of strings`);
}

/** A message or thread id; Gmail answers a malformed one with 400, an unknown one with 404. */
export function idParam(value: unknown, name: string): string {
  if (typeof value !== 'string' || value.trim() === '') throw invalidArgumentError(`${name} is required`);
  if (!isGmailIdShape(value.trim())) throw invalidArgumentError('Invalid id value');
  return value.trim().toLowerCase();
}

export function requiredStringParam(value: unknown, name: string): string {
  if (typeof value !== 'string' || value.trim() === '') throw invalidArgumentError(`${name} is required`);
  return value;
}
