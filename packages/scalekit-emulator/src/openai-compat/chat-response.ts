import type { JsonObject, MessageResponse, StopReason } from '../anthropic/messages-types.js';

export type FinishReason = 'stop' | 'length' | 'tool_calls' | 'content_filter';

/** The OpenAI finish_reason for a Messages API stop reason. */
export const FINISH_REASONS: Readonly<Record<StopReason, FinishReason>> = {
  end_turn: 'stop',
  stop_sequence: 'stop',
  pause_turn: 'stop',
  max_tokens: 'length',
  tool_use: 'tool_calls',
  refusal: 'content_filter',
};

/**
 * A Messages API answer as a `chat.completion` object: text blocks become `message.content`,
 * tool_use blocks `message.tool_calls` (arguments as a JSON string), and one choice only.
 */
export function toChatCompletion(response: MessageResponse, createdSeconds: number): JsonObject {
  const text = response.content.flatMap((b) => (b.type === 'text' ? [b.text] : [])).join('');
  const toolCalls = response.content.flatMap((b) =>
    b.type === 'tool_use'
      ? [{ id: b.id, type: 'function', function: { name: b.name, arguments: JSON.stringify(b.input) } }]
      : [],
  );
  const message: JsonObject = {
    role: 'assistant',
    // As OpenAI answers a turn that only calls tools: no content at all rather than ''.
    content: text === '' && toolCalls.length > 0 ? null : text,
    refusal: null,
  };
  if (toolCalls.length > 0) message['tool_calls'] = toolCalls;
  const { input_tokens, output_tokens } = response.usage;
  return {
    id: response.id,
    object: 'chat.completion',
    created: createdSeconds,
    model: response.model,
    choices: [{ index: 0, message, finish_reason: FINISH_REASONS[response.stop_reason], logprobs: null }],
    usage: {
      prompt_tokens: input_tokens,
      completion_tokens: output_tokens,
      total_tokens: input_tokens + output_tokens,
    },
  };
}
