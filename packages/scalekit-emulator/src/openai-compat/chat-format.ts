import { AnthropicApiError } from '../anthropic/anthropic-errors.js';
import { presentedKey, type WireFormat } from '../anthropic/wire-format.js';
import { chatToMessagesRequest } from './chat-request.js';
import { toChatCompletion } from './chat-response.js';

/**
 * `POST /v1/chat/completions`: Anthropic's OpenAI-compatible dialect. The key comes as
 * `Authorization: Bearer <key>` (what the `openai` client sends); no `anthropic-version` is needed.
 * Errors have OpenAI's shape, `{error: {message, type, param, code}}`, with Anthropic's error types.
 */
export function chatCompletionsFormat(now: () => number = Date.now): WireFormat {
  return {
    api: 'chat.completions',
    authorize(headers, apiKey) {
      const key = presentedKey(headers);
      if (!key) throw new AnthropicApiError(401, 'Authorization: Bearer <API key> header is required');
      if (key !== apiKey) throw new AnthropicApiError(401, 'invalid API key');
    },
    toMessagesRequest: chatToMessagesRequest,
    success: (response) => toChatCompletion(response, Math.floor(now() / 1000)),
    failure: (error) => ({ error: { message: error.message, type: error.errorType, param: null, code: null } }),
  };
}
