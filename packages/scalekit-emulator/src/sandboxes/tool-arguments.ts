import { isObject } from '../json-object.js';
import type { JsonObject } from './sandbox.js';

/**
 * Version strings Scalekit's executor accepts on every tool although its catalogue omits them
 * from the documented parameters; they are known arguments, not unknown ones.
 */
export const INTERNAL_TOOL_ARGUMENTS: ReadonlySet<string> = new Set(['schema_version', 'tool_version']);

/**
 * The arguments of a tool call that its input schema does not declare, sorted.
 *
 * The emulator's rule, for every tool: such arguments are accepted and ignored, as Scalekit's
 * executor does (its published schemas never forbid additional properties, and its own public
 * actor sends `part` to `youtube_search`, whose catalogue entry has no `part`). The call log
 * lists them, so a caller can see which of its arguments had no effect.
 */
export function unknownArguments(inputSchema: JsonObject, params: JsonObject): string[] {
  const properties = isObject(inputSchema['properties']) ? inputSchema['properties'] : {};
  return Object.keys(params)
    .filter((key) => !Object.hasOwn(properties, key) && !INTERNAL_TOOL_ARGUMENTS.has(key))
    .sort();
}
