// Scalekit tools as Claude (Anthropic Messages API) tool definitions.
export { toAnthropicTool, type AnthropicToolDefinition } from './anthropic-tools.js';
