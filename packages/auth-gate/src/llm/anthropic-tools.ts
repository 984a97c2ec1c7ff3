import type { ToolDefinitionRecord } from '../scalekit/scalekit-gateway.js';

/** The shape `@anthropic-ai/sdk` accepts in `messages.create({ tools })`. */
export interface AnthropicToolDefinition {
  name: string;
  description: string;
  input_schema: { type: 'object'; properties?: Record<string, unknown>; required?: string[]; [key: string]: unknown };
}

/** Anthropic tool names allow letters, digits, `_` and `-`, up to 64 characters. */
const TOOL_NAME = /^[a-zA-Z0-9_-]{1,64}$/;

/** A Scalekit tool definition as an Anthropic tool; a schema without `type: object` is wrapped. */
export function toAnthropicTool(
  definition: Pick<ToolDefinitionRecord, 'name' | 'description' | 'inputSchema'>,
): AnthropicToolDefinition {
  if (!TOOL_NAME.test(definition.name))
    throw new Error(`tool name "${definition.name}" is not valid for Anthropic tools`);
  const schema = definition.inputSchema;
  const input_schema =
    schema['type'] === 'object'
      ? (schema as AnthropicToolDefinition['input_schema'])
      : { type: 'object' as const, properties: (schema['properties'] as Record<string, unknown> | undefined) ?? {} };
  return { name: definition.name, description: definition.description || definition.name, input_schema };
}
