import type { z } from 'zod';
import { InputError } from './run-failure.js';

/**
 * The input checked against a zod schema, with one message naming every field to fix:
 * `Invalid input: <field>: <problem>; <field>: <problem>.` Missing input counts as `{}`, so the
 * schema's defaults apply; anything that is not an object is refused, saying what was `expected`.
 */
export function parseInputWith<T>(schema: z.ZodType<T>, raw: unknown, expected = 'a JSON object'): T {
  if (raw !== null && raw !== undefined && (typeof raw !== 'object' || Array.isArray(raw))) {
    throw new InputError(`Invalid input: expected ${expected}.`);
  }
  const parsed = schema.safeParse(raw ?? {});
  if (parsed.success) return parsed.data;
  const issues = parsed.error.issues.map((issue) => `${issue.path.join('.') || 'input'}: ${issue.message}`);
  throw new InputError(`Invalid input: ${issues.join('; ')}.`);
}
