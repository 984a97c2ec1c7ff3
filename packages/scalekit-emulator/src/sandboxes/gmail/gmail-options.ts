import type { JsonObject } from '../sandbox.js';
import { isValidEmail } from './encoded-words.js';
import { DEFAULT_UNITS_PER_SECOND } from './quota.js';

/** Sandbox options (`startEmulator({ sandboxes: { gmail: {...} } })`), read once per mailbox. */

export interface GmailOptions {
  /** The mailbox's "now" when it is created: option `now`, else the creation time. */
  anchorMs: number;
  /** How many messages to seed (option `messages`). */
  messages: number;
  address: string;
  displayName: string;
  /** 0 disables the per-user rate limit. */
  quotaUnitsPerSecond: number;
}

export const DEFAULT_MESSAGE_COUNT = 60;
const MAX_MESSAGE_COUNT = 20_000;

/** `user_123` -> `user.123@example.com`; an identifier that is an address is used as it is. */
export function addressFor(identifier: string): string {
  const trimmed = identifier.trim();
  if (isValidEmail(trimmed)) return trimmed.toLowerCase();
  const slug = trimmed
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]+/g, '.')
    .replace(/^\.+|\.+$/g, '')
    .slice(0, 64);
  return `${slug || 'user'}@example.com`;
}

/** `alex.morgan@x` -> `Alex Morgan`. */
export function displayNameFor(address: string): string {
  const local = address.split('@')[0] ?? address;
  return local
    .split(/[._+-]+/)
    .filter(Boolean)
    .map((word) => word.charAt(0).toUpperCase() + word.slice(1))
    .join(' ');
}

function anchorFrom(value: unknown, nowMs: number): number {
  if (value === undefined || value === null) return nowMs;
  const ms = typeof value === 'number' ? value : typeof value === 'string' ? Date.parse(value) : Number.NaN;
  if (!Number.isFinite(ms))
    throw new Error(`gmail sandbox option "now" must be an ISO date or epoch ms, got ${JSON.stringify(value)}`);
  return ms;
}

function countFrom(value: unknown): number {
  if (value === undefined || value === null) return DEFAULT_MESSAGE_COUNT;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > MAX_MESSAGE_COUNT) {
    throw new Error(`gmail sandbox option "messages" must be an integer from 0 to ${MAX_MESSAGE_COUNT}`);
  }
  return value;
}

function quotaFrom(value: unknown): number {
  if (value === undefined || value === null) return DEFAULT_UNITS_PER_SECOND;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
    throw new Error('gmail sandbox option "quotaUnitsPerSecond" must be a number >= 0 (0 disables the limit)');
  }
  return value;
}

export function gmailOptions(options: JsonObject, identifier: string, nowMs: number): GmailOptions {
  const option = options['address'];
  if (option !== undefined && option !== null && (typeof option !== 'string' || !isValidEmail(option))) {
    throw new Error(`gmail sandbox option "address" must be an email address, got ${JSON.stringify(option)}`);
  }
  const address = typeof option === 'string' ? option : addressFor(identifier);
  return {
    anchorMs: anchorFrom(options['now'], nowMs),
    messages: countFrom(options['messages']),
    address,
    displayName:
      typeof options['name'] === 'string' && options['name'].trim() !== '' ? options['name'] : displayNameFor(address),
    quotaUnitsPerSecond: quotaFrom(options['quotaUnitsPerSecond']),
  };
}
