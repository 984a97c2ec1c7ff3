/**
 * True for a JSON object: not null and not an array (both are `typeof 'object'` too). Tool
 * results, proxy bodies and stored records arrive as `unknown`; this is the one check for them.
 */
export function isJsonObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
