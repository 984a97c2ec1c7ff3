import { invalidRequest } from './anthropic-errors.js';
import { contentBlocks, stringField } from './content-blocks.js';
import type {
  ContentBlockParam,
  JsonObject,
  JsonValue,
  MessageParam,
  MessagesRequest,
  ToolParam,
} from './messages-types.js';
import { isObject } from '../json-object.js';

const USER_BLOCKS = new Set(['text', 'image', 'document', 'tool_result', 'search_result', 'container_upload']);
const ASSISTANT_BLOCKS = new Set([
  'text',
  'tool_use',
  'thinking',
  'redacted_thinking',
  'server_tool_use',
  'web_search_tool_result',
  'web_fetch_tool_result',
  'code_execution_tool_result',
  'mcp_tool_use',
  'mcp_tool_result',
]);
const TOOL_NAME = /^[a-zA-Z0-9_-]{1,128}$/;
const TOOL_CHOICES = ['auto', 'any', 'tool', 'none'];

function requireField(body: JsonObject, name: string): JsonValue {
  const value = body[name];
  if (value === undefined || value === null) throw invalidRequest(`${name}: Field required`);
  return value;
}

function validateBlock(block: JsonValue, path: string, role: MessageParam['role']): ContentBlockParam {
  if (!isObject(block) || typeof block['type'] !== 'string') throw invalidRequest(`${path}.type: Field required`);
  const type = block['type'];
  const allowed = role === 'user' ? USER_BLOCKS : ASSISTANT_BLOCKS;
  if (!allowed.has(type)) {
    throw invalidRequest(
      `${path}.type: '${type}' blocks are not allowed in ${role} messages (expected one of: ${[...allowed].join(', ')})`,
    );
  }
  if (type === 'text' && typeof block['text'] !== 'string') throw invalidRequest(`${path}.text: Field required`);
  if (type === 'text' && block['text'] === '') throw invalidRequest(`${path}: text content blocks must be non-empty`);
  if (type === 'tool_use') {
    if (typeof block['id'] !== 'string' || block['id'] === '') throw invalidRequest(`${path}.id: Field required`);
    if (typeof block['name'] !== 'string' || block['name'] === '') throw invalidRequest(`${path}.name: Field required`);
    if (!isObject(block['input'])) throw invalidRequest(`${path}.input: Input should be a valid dictionary`);
  }
  if (type === 'tool_result' && (typeof block['tool_use_id'] !== 'string' || block['tool_use_id'] === '')) {
    throw invalidRequest(`${path}.tool_use_id: Field required`);
  }
  return block as ContentBlockParam;
}

function validateMessage(value: JsonValue, index: number, isLast: boolean): MessageParam {
  const path = `messages.${index}`;
  if (!isObject(value)) throw invalidRequest(`${path}: Input should be a valid dictionary`);
  const role = value['role'];
  if (role !== 'user' && role !== 'assistant')
    throw invalidRequest(`${path}.role: Input should be 'user' or 'assistant'`);
  const content = value['content'];
  if (content === undefined || content === null) throw invalidRequest(`${path}.content: Field required`);
  // Only a final assistant message (a prefill) may be empty.
  const emptyAllowed = isLast && role === 'assistant';
  if (typeof content === 'string') {
    if (content === '' && !emptyAllowed) {
      throw invalidRequest(
        `${path}: all messages must have non-empty content except for the optional final assistant message`,
      );
    }
    return { role, content };
  }
  if (!Array.isArray(content))
    throw invalidRequest(`${path}.content: Input should be a valid string or list of content blocks`);
  if (content.length === 0 && !emptyAllowed) {
    throw invalidRequest(
      `${path}: all messages must have non-empty content except for the optional final assistant message`,
    );
  }
  return { role, content: content.map((block, i) => validateBlock(block, `${path}.content.${i}`, role)) };
}

function idsOf(message: MessageParam, type: 'tool_use' | 'tool_result'): { id: string; index: number }[] {
  const key = type === 'tool_use' ? 'id' : 'tool_use_id';
  return contentBlocks(message)
    .map((block, index) => ({ block, index }))
    .filter(({ block }) => block.type === type)
    .map(({ block, index }) => ({ id: stringField(block, key), index }));
}

/** Roles alternate, and every tool_use is answered by a tool_result in the very next message. */
function validateConversation(messages: readonly MessageParam[]): void {
  if (messages[0]?.role !== 'user') throw invalidRequest('messages: first message must use the "user" role');
  messages.forEach((message, i) => {
    const previous = messages[i - 1];
    if (previous && previous.role === message.role) {
      throw invalidRequest(
        `messages: roles must alternate between "user" and "assistant", but found multiple "${message.role}" roles in a row`,
      );
    }
    if (message.role !== 'user') return;
    const offered = new Set(previous ? idsOf(previous, 'tool_use').map((t) => t.id) : []);
    for (const result of idsOf(message, 'tool_result')) {
      if (!offered.has(result.id)) {
        throw invalidRequest(
          `messages.${i}.content.${result.index}: unexpected \`tool_use_id\` found in \`tool_result\` blocks: ${result.id}. Each \`tool_result\` block must have a corresponding \`tool_use\` block in the previous message.`,
        );
      }
    }
    const answered = new Set(idsOf(message, 'tool_result').map((r) => r.id));
    const missing = [...offered].filter((id) => !answered.has(id));
    if (missing.length > 0) {
      throw invalidRequest(
        `messages.${i}: \`tool_use\` ids were found without \`tool_result\` blocks immediately after: ${missing.join(', ')}. Each \`tool_use\` block must have a corresponding \`tool_result\` block in the next message.`,
      );
    }
  });
}

function validateTools(value: JsonValue): ToolParam[] {
  if (!Array.isArray(value)) throw invalidRequest('tools: Input should be a valid list');
  const names = new Set<string>();
  return value.map((tool, i) => {
    const path = `tools.${i}`;
    if (!isObject(tool)) throw invalidRequest(`${path}: Input should be a valid dictionary`);
    const name = tool['name'];
    if (typeof name !== 'string' || name === '') throw invalidRequest(`${path}.name: Field required`);
    const type = typeof tool['type'] === 'string' ? tool['type'] : undefined;
    const custom = type === undefined || type === 'custom';
    if (custom) {
      if (!TOOL_NAME.test(name))
        throw invalidRequest(`${path}.name: String should match pattern '^[a-zA-Z0-9_-]{1,128}$'`);
      const schema = tool['input_schema'];
      if (!isObject(schema)) throw invalidRequest(`${path}.custom.input_schema: Field required`);
      if (schema['type'] !== 'object')
        throw invalidRequest(`${path}.custom.input_schema.type: Input should be 'object'`);
    }
    if (names.has(name)) throw invalidRequest('tools: Tool names must be unique.');
    names.add(name);
    const out: ToolParam = { name };
    if (typeof tool['description'] === 'string') out.description = tool['description'];
    if (isObject(tool['input_schema'])) out.input_schema = tool['input_schema'];
    if (type !== undefined) out.type = type;
    return out;
  });
}

function validateToolChoice(value: JsonValue, tools: readonly ToolParam[]): JsonObject {
  if (!isObject(value) || typeof value['type'] !== 'string' || !TOOL_CHOICES.includes(value['type'])) {
    throw invalidRequest(`tool_choice.type: Input should be one of: ${TOOL_CHOICES.join(', ')}`);
  }
  if (value['type'] === 'tool') {
    const name = value['name'];
    if (typeof name !== 'string') throw invalidRequest('tool_choice.tool.name: Field required');
    if (!tools.some((t) => t.name === name))
      throw invalidRequest(`tool_choice: tool '${name}' is not among the provided tools`);
  }
  if (value['type'] !== 'none' && value['type'] !== 'auto' && tools.length === 0) {
    throw invalidRequest('tool_choice: tools must be provided when tool_choice is any or tool');
  }
  return value;
}

function validateSystem(value: JsonValue): string | ContentBlockParam[] {
  if (typeof value === 'string') return value;
  if (!Array.isArray(value)) throw invalidRequest('system: Input should be a valid string or list of text blocks');
  return value.map((block, i) => {
    if (!isObject(block) || block['type'] !== 'text' || typeof block['text'] !== 'string') {
      throw invalidRequest(`system.${i}: Input should be a text block`);
    }
    return { ...block, type: 'text' };
  });
}

/** Checks a `POST /v1/messages` body as the API does, with its error wording where it is known. */
export function validateMessagesRequest(body: unknown): MessagesRequest {
  if (!isObject(body)) throw invalidRequest('Request body must be a JSON object');
  const raw = body;
  const model = requireField(raw, 'model');
  if (typeof model !== 'string' || model === '') throw invalidRequest('model: Input should be a valid string');
  const maxTokens = requireField(raw, 'max_tokens');
  if (typeof maxTokens !== 'number' || !Number.isInteger(maxTokens))
    throw invalidRequest('max_tokens: Input should be a valid integer');
  if (maxTokens < 1) throw invalidRequest('max_tokens: Input should be greater than or equal to 1');
  const messagesValue = requireField(raw, 'messages');
  if (!Array.isArray(messagesValue)) throw invalidRequest('messages: Input should be a valid list');
  if (messagesValue.length === 0) throw invalidRequest('messages: at least one message is required');
  const messages = messagesValue.map((m, i) => validateMessage(m, i, i === messagesValue.length - 1));
  validateConversation(messages);

  const request: MessagesRequest = { model, max_tokens: maxTokens, messages, raw };
  if (raw['system'] !== undefined && raw['system'] !== null) request.system = validateSystem(raw['system']);
  if (raw['tools'] !== undefined && raw['tools'] !== null) request.tools = validateTools(raw['tools']);
  if (raw['tool_choice'] !== undefined && raw['tool_choice'] !== null) {
    request.tool_choice = validateToolChoice(raw['tool_choice'], request.tools ?? []);
  }
  const stops = raw['stop_sequences'];
  if (stops !== undefined && stops !== null) {
    if (!Array.isArray(stops) || !stops.every((s): s is string => typeof s === 'string')) {
      throw invalidRequest('stop_sequences: Input should be a valid list of strings');
    }
    request.stop_sequences = stops;
  }
  const temperature = raw['temperature'];
  if (
    temperature !== undefined &&
    temperature !== null &&
    (typeof temperature !== 'number' || temperature < 0 || temperature > 1)
  ) {
    throw invalidRequest('temperature: Input should be a number from 0 to 1');
  }
  if (raw['stream'] !== undefined && raw['stream'] !== null) {
    if (typeof raw['stream'] !== 'boolean') throw invalidRequest('stream: Input should be a valid boolean');
    request.stream = raw['stream'];
  }
  return request;
}
