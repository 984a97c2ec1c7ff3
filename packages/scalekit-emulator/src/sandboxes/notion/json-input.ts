import type { JsonObject, JsonValue } from '../sandbox.js';
import { isObject } from '../../json-object.js';
import { fieldError } from './notion-errors.js';

/** Narrowing helpers for request bodies: each failure is a Notion-style validation error naming the path. */

function missingOr(path: string, rule: string, value: unknown): never {
  throw value === undefined ? fieldError(path, 'should be defined', value) : fieldError(path, rule, value);
}

export function requireObject(value: unknown, path: string): JsonObject {
  return isObject(value) ? value : missingOr(path, 'should be an object', value);
}

export function requireArray(value: unknown, path: string): JsonValue[] {
  return Array.isArray(value) ? (value as JsonValue[]) : missingOr(path, 'should be an array', value);
}

export function requireString(value: unknown, path: string): string {
  return typeof value === 'string' ? value : missingOr(path, 'should be a string', value);
}

export function requireBoolean(value: unknown, path: string): boolean {
  return typeof value === 'boolean' ? value : missingOr(path, 'should be a boolean', value);
}

export function optionalString(value: unknown, path: string): string | undefined {
  return value === undefined ? undefined : requireString(value, path);
}

export function optionalBoolean(value: unknown, path: string): boolean | undefined {
  return value === undefined ? undefined : requireBoolean(value, path);
}

/** One of a fixed set of strings, quoted the way Notion lists enum values. */
export function requireEnum<T extends string>(value: unknown, allowed: readonly T[], path: string): T {
  if (typeof value === 'string' && (allowed as readonly string[]).includes(value)) return value as T;
  const list = allowed.map((a) => `\`"${a}"\``).join(', ');
  return missingOr(path, `should be one of ${list}`, value);
}
