import type { MessageResponse, MessagesRequest, ResponseBlock } from './messages-types.js';

/** About four characters per token: deterministic, and close enough for budget checks. */
export function estimateTokens(chars: number): number {
  return Math.max(1, Math.ceil(chars / 4));
}

/** Input tokens of a request: system prompt, messages and tool definitions. */
export function inputTokens(request: MessagesRequest): number {
  const system = typeof request.system === 'string' ? request.system : JSON.stringify(request.system ?? '');
  const messages = request.messages
    .map((m) => (typeof m.content === 'string' ? m.content : JSON.stringify(m.content)))
    .join('');
  const tools = request.tools ? JSON.stringify(request.tools) : '';
  return estimateTokens(system.length + messages.length + tools.length);
}

export function outputTokens(content: readonly ResponseBlock[]): number {
  const chars = content.reduce(
    (sum, block) =>
      sum + (block.type === 'text' ? block.text.length : block.name.length + JSON.stringify(block.input).length),
    0,
  );
  return estimateTokens(chars);
}

export function usageOf(
  request: MessagesRequest,
  content: readonly ResponseBlock[],
  output = outputTokens(content),
): MessageResponse['usage'] {
  return {
    input_tokens: inputTokens(request),
    output_tokens: output,
    cache_creation_input_tokens: 0,
    cache_read_input_tokens: 0,
  };
}
