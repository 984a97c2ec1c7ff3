import { invalidRequest } from '../anthropic/anthropic-errors.js';
import type { JsonObject, JsonValue, MessagesRequest } from '../anthropic/messages-types.js';
import { validateMessagesRequest } from '../anthropic/request-validation.js';
import { isObject } from '../json-object.js';

/**
 * `max_tokens` when a chat-completions request sets neither `max_tokens` nor
 * `max_completion_tokens` (OpenAI makes both optional; the Messages API requires one). The value
 * Anthropic's compatibility layer uses is not documented; this one is the emulator's choice.
 */
export const DEFAULT_MAX_TOKENS = 4096;

type Block = JsonObject & { type: string };
interface Turn {
  role: 'user' | 'assistant';
  blocks: Block[];
}

function parts(value: JsonValue | undefined, path: string): JsonObject[] {
  if (!Array.isArray(value)) throw invalidRequest(`${path}: Input should be a valid string or list of content parts`);
  return value.map((part, i) => {
    if (!isObject(part) || typeof part['type'] !== 'string') throw invalidRequest(`${path}[${i}].type: Field required`);
    return part;
  });
}

/** A content that may only hold text (system, developer, tool): its text parts joined. */
function plainText(value: JsonValue | undefined, path: string): string {
  if (typeof value === 'string') return value;
  if (value === undefined || value === null) return '';
  return parts(value, path)
    .map((part, i) => {
      if (part['type'] !== 'text' || typeof part['text'] !== 'string') {
        throw invalidRequest(`${path}[${i}]: only text content parts are allowed here`);
      }
      return part['text'];
    })
    .join('\n');
}

/** `data:<media type>;base64,<data>` or a plain URL, as an image block. */
function imageBlock(part: JsonObject, path: string): Block {
  const image = part['image_url'];
  const url = isObject(image) ? image['url'] : undefined;
  if (typeof url !== 'string' || url === '') throw invalidRequest(`${path}.image_url.url: Field required`);
  const data = /^data:([^;,]+);base64,(.*)$/s.exec(url);
  return data
    ? { type: 'image', source: { type: 'base64', media_type: data[1]!, data: data[2]! } }
    : { type: 'image', source: { type: 'url', url } };
}

function userBlocks(content: JsonValue | undefined, path: string): Block[] {
  if (typeof content === 'string') return [{ type: 'text', text: content }];
  return parts(content, path).flatMap((part, i): Block[] => {
    const at = `${path}[${i}]`;
    switch (part['type']) {
      case 'text':
        if (typeof part['text'] !== 'string') throw invalidRequest(`${at}.text: Field required`);
        return [{ type: 'text', text: part['text'] }];
      case 'image_url':
        return [imageBlock(part, at)];
      case 'input_audio':
        // Anthropic's compatibility layer strips audio input rather than refusing it.
        return [];
      default:
        throw invalidRequest(
          `${at}.type: content parts of type ${JSON.stringify(part['type'])} are not supported (use text or image_url)`,
        );
    }
  });
}

function toolCallBlock(call: JsonValue, path: string): Block {
  if (!isObject(call)) throw invalidRequest(`${path}: Input should be a valid dictionary`);
  const fn = call['function'];
  if (typeof call['id'] !== 'string' || call['id'] === '') throw invalidRequest(`${path}.id: Field required`);
  if (!isObject(fn) || typeof fn['name'] !== 'string') throw invalidRequest(`${path}.function.name: Field required`);
  const args = fn['arguments'] ?? '';
  if (typeof args !== 'string') throw invalidRequest(`${path}.function.arguments: Input should be a valid string`);
  let input: unknown = {};
  if (args.trim() !== '') {
    try {
      input = JSON.parse(args);
    } catch {
      throw invalidRequest(`${path}.function.arguments: not valid JSON`);
    }
  }
  if (!isObject(input)) throw invalidRequest(`${path}.function.arguments: must encode a JSON object`);
  return { type: 'tool_use', id: call['id'], name: fn['name'], input };
}

function assistantBlocks(message: JsonObject, path: string): Block[] {
  const content = message['content'];
  const blocks: Block[] = [];
  if (typeof content === 'string') {
    if (content !== '') blocks.push({ type: 'text', text: content });
  } else if (content !== undefined && content !== null) {
    parts(content, `${path}.content`).forEach((part, i) => {
      const text = part['type'] === 'text' ? part['text'] : part['type'] === 'refusal' ? part['refusal'] : undefined;
      if (typeof text !== 'string')
        throw invalidRequest(`${path}.content[${i}]: only text and refusal parts are allowed`);
      if (text !== '') blocks.push({ type: 'text', text });
    });
  }
  const calls = message['tool_calls'];
  if (calls !== undefined && calls !== null) {
    if (!Array.isArray(calls)) throw invalidRequest(`${path}.tool_calls: Input should be a valid list`);
    calls.forEach((call, i) => blocks.push(toolCallBlock(call, `${path}.tool_calls[${i}]`)));
  }
  return blocks;
}

/**
 * The conversation as Messages API turns: system and developer messages hoisted into one system
 * prompt (joined by a newline, as Anthropic's compatibility layer does), tool messages turned
 * into tool_result blocks, and consecutive turns of one role merged.
 */
function conversation(value: JsonValue | undefined): { system: string[]; turns: Turn[] } {
  if (!Array.isArray(value)) throw invalidRequest('messages: Input should be a valid list');
  if (value.length === 0) throw invalidRequest('messages: at least one message is required');
  const system: string[] = [];
  const turns: Turn[] = [];
  const push = (role: Turn['role'], blocks: Block[]) => {
    const last = turns.at(-1);
    if (last?.role === role) last.blocks.push(...blocks);
    else turns.push({ role, blocks });
  };
  value.forEach((message, i) => {
    const path = `messages[${i}]`;
    if (!isObject(message)) throw invalidRequest(`${path}: Input should be a valid dictionary`);
    switch (message['role']) {
      case 'system':
      case 'developer':
        system.push(plainText(message['content'], `${path}.content`));
        return;
      case 'user':
        return push('user', userBlocks(message['content'], `${path}.content`));
      case 'assistant':
        return push('assistant', assistantBlocks(message, path));
      case 'tool': {
        const id = message['tool_call_id'];
        if (typeof id !== 'string' || id === '') throw invalidRequest(`${path}.tool_call_id: Field required`);
        return push('user', [
          { type: 'tool_result', tool_use_id: id, content: plainText(message['content'], `${path}.content`) },
        ]);
      }
      default:
        throw invalidRequest(
          `${path}.role: Input should be 'system', 'developer', 'user', 'assistant' or 'tool' (the legacy 'function' role is not supported; use tools)`,
        );
    }
  });
  return { system, turns };
}

function tools(value: JsonValue): JsonObject[] {
  if (!Array.isArray(value)) throw invalidRequest('tools: Input should be a valid list');
  return value.map((tool, i) => {
    const fn = isObject(tool) ? tool['function'] : undefined;
    if (!isObject(tool) || tool['type'] !== 'function' || !isObject(fn)) {
      throw invalidRequest(`tools[${i}]: only {type: 'function', function: {...}} tools are supported`);
    }
    const out: JsonObject = {
      name: fn['name'] ?? null,
      input_schema: fn['parameters'] ?? { type: 'object', properties: {} },
    };
    if (typeof fn['description'] === 'string') out['description'] = fn['description'];
    return out;
  });
}

function toolChoice(value: JsonValue, parallel: JsonValue | undefined): JsonObject {
  const choice: JsonObject | undefined =
    value === 'auto'
      ? { type: 'auto' }
      : value === 'none'
        ? { type: 'none' }
        : value === 'required'
          ? { type: 'any' }
          : isObject(value) && value['type'] === 'function' && isObject(value['function'])
            ? { type: 'tool', name: value['function']['name'] ?? null }
            : undefined;
  if (!choice) {
    throw invalidRequest(
      "tool_choice: Input should be 'auto', 'none', 'required' or {type: 'function', function: {name}}",
    );
  }
  if (parallel === false && choice['type'] !== 'none') choice['disable_parallel_tool_use'] = true;
  return choice;
}

/** Whitespace-only stop sequences are dropped, as Anthropic's compatibility layer documents. */
function stopSequences(value: JsonValue): JsonValue {
  const list = typeof value === 'string' ? [value] : value;
  if (!Array.isArray(list) || !list.every((s) => typeof s === 'string')) {
    throw invalidRequest('stop: Input should be a string or a list of strings');
  }
  return list.filter((s) => s.trim() !== '');
}

const given = (value: JsonValue | undefined): value is JsonValue => value !== undefined && value !== null;

/**
 * A `POST /v1/chat/completions` body as the Messages API request Anthropic's compatibility layer
 * would make of it; the result is checked by the same validation as `POST /v1/messages`. Fields
 * that layer documents as ignored (logprobs, seed, response_format, ...) are ignored here too.
 */
export function chatToMessagesRequest(body: JsonValue): MessagesRequest {
  if (!isObject(body)) throw invalidRequest('Request body must be a JSON object');
  if (given(body['n']) && body['n'] !== 1) throw invalidRequest('n: must be exactly 1');
  if (given(body['functions']) || given(body['function_call'])) {
    throw invalidRequest('functions: the legacy functions parameters are not supported; use tools and tool_choice');
  }
  const { system, turns } = conversation(body['messages']);
  const raw: JsonObject = {
    model: body['model'] ?? null,
    max_tokens: body['max_completion_tokens'] ?? body['max_tokens'] ?? DEFAULT_MAX_TOKENS,
    messages: turns.map((t) => ({ role: t.role, content: t.blocks })),
  };
  if (system.length > 0) raw['system'] = system.join('\n');
  if (given(body['tools'])) raw['tools'] = tools(body['tools']);
  if (given(body['tool_choice'])) raw['tool_choice'] = toolChoice(body['tool_choice'], body['parallel_tool_calls']);
  if (given(body['stop'])) raw['stop_sequences'] = stopSequences(body['stop']);
  const temperature = body['temperature'];
  // Values above 1 are capped at 1, as documented; the Messages API takes 0 to 1.
  if (given(temperature)) raw['temperature'] = typeof temperature === 'number' ? Math.min(temperature, 1) : temperature;
  if (given(body['stream'])) raw['stream'] = body['stream'];
  return validateMessagesRequest(raw);
}
