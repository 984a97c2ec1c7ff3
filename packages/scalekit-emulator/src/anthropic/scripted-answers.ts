import { AnthropicApiError, anthropicId, errorTypeFor, invalidRequest } from './anthropic-errors.js';
import type {
  JsonObject,
  MessageResponse,
  MessagesRequest,
  ResponseBlock,
  ScriptRequest,
  StopReason,
} from './messages-types.js';
import { estimateTokens, usageOf } from './token-estimate.js';

/**
 * One scripted turn. Plain data works over the admin HTTP API; in text, `{{lastUserText}}` and
 * `{{toolResults}}` are replaced with the request's last user text and its tool results' text.
 */
export type ScriptedAnswer =
  | { type: 'text'; text: string; stopReason?: 'end_turn' | 'max_tokens' | 'stop_sequence' | 'refusal' | 'pause_turn' }
  | { type: 'tool_use'; calls: { name: string; input?: JsonObject; id?: string }[]; text?: string }
  | { type: 'error'; status: number; errorType?: string; message?: string; retryAfterSeconds?: number }
  /** Full control: the exact content blocks and stop reason. */
  | { type: 'message'; content: ResponseBlock[]; stopReason: StopReason; stopSequence?: string | null };

/** An answer, or (in-process only) a function of the request that returns one. */
export type AnswerSource = ScriptedAnswer | ((request: ScriptRequest) => ScriptedAnswer);

function fillPlaceholders(text: string, request: ScriptRequest): string {
  return text
    .replaceAll('{{lastUserText}}', request.lastUserText)
    .replaceAll('{{toolResults}}', request.toolResults.map((r) => r.text).join('\n'));
}

/** A text answer cut where the API would stop: at a stop sequence, or at max_tokens. */
function shapeText(
  text: string,
  request: MessagesRequest,
): { text: string; stop: StopReason; sequence: string | null; tokens?: number } {
  let cut = -1;
  let sequence: string | null = null;
  for (const s of request.stop_sequences ?? []) {
    const at = s === '' ? -1 : text.indexOf(s);
    if (at >= 0 && (cut < 0 || at < cut)) {
      cut = at;
      sequence = s;
    }
  }
  if (sequence !== null) return { text: text.slice(0, cut), stop: 'stop_sequence', sequence };
  if (estimateTokens(text.length) > request.max_tokens) {
    return {
      text: text.slice(0, request.max_tokens * 4),
      stop: 'max_tokens',
      sequence: null,
      tokens: request.max_tokens,
    };
  }
  return { text, stop: 'end_turn', sequence: null };
}

function message(
  request: MessagesRequest,
  content: ResponseBlock[],
  stop: StopReason,
  sequence: string | null,
  tokens?: number,
): MessageResponse {
  return {
    id: anthropicId('msg_01'),
    type: 'message',
    role: 'assistant',
    model: request.model,
    content,
    stop_reason: stop,
    stop_sequence: sequence,
    usage: usageOf(request, content, tokens),
  };
}

/** The API response for a scripted answer, or the scripted error thrown as an AnthropicApiError. */
export function respondWith(answer: ScriptedAnswer, request: ScriptRequest): MessageResponse {
  const body = request.body;
  switch (answer.type) {
    case 'error': {
      const headers: Record<string, string> = {};
      if (answer.retryAfterSeconds !== undefined) headers['retry-after'] = String(answer.retryAfterSeconds);
      throw new AnthropicApiError(
        answer.status,
        answer.message ?? `scripted ${errorTypeFor(answer.status)}`,
        answer.errorType,
        headers,
      );
    }
    case 'text': {
      const shaped = shapeText(fillPlaceholders(answer.text, request), body);
      const stop = answer.stopReason ?? shaped.stop;
      return message(body, [{ type: 'text', text: shaped.text }], stop, shaped.sequence, shaped.tokens);
    }
    case 'tool_use': {
      const unknown = answer.calls.map((c) => c.name).filter((name) => !request.toolNames.includes(name));
      if (unknown.length > 0) {
        throw invalidRequest(
          `Scalekit emulator: the scripted answer calls ${unknown.join(', ')}, which the request does not offer (tools: ${request.toolNames.join(', ') || 'none'})`,
        );
      }
      if (answer.calls.length === 0)
        throw invalidRequest('Scalekit emulator: a scripted tool_use answer needs at least one call');
      const content: ResponseBlock[] = answer.text
        ? [{ type: 'text', text: fillPlaceholders(answer.text, request) }]
        : [];
      for (const call of answer.calls) {
        content.push({
          type: 'tool_use',
          id: call.id ?? anthropicId('toolu_01'),
          name: call.name,
          input: call.input ?? {},
        });
      }
      return message(body, content, 'tool_use', null);
    }
    case 'message':
      return message(body, answer.content, answer.stopReason, answer.stopSequence ?? null);
  }
}
