import { AnthropicApiError, invalidRequest } from './anthropic-errors.js';
import type { JsonObject, JsonValue, MessageResponse, MessagesRequest } from './messages-types.js';
import { validateMessagesRequest } from './request-validation.js';

/** Which API a request came through. */
export type ApiName = 'messages' | 'chat.completions';

/**
 * One HTTP dialect of the scripted model. The script (queue, rules, answers) works on Messages
 * API requests and responses; a wire format translates its own requests into one and the
 * answer back, so every dialect shares the same script and the same request log.
 */
export interface WireFormat {
  api: ApiName;
  /** Throws an `AnthropicApiError` (401, or 400 for a missing required header). */
  authorize(headers: Record<string, string | undefined>, apiKey: string): void;
  /** The request as the Messages API would see it; throws an `AnthropicApiError` when it is invalid. */
  toMessagesRequest(body: JsonValue): MessagesRequest;
  /** The 200 body for a scripted answer. */
  success(response: MessageResponse, request: MessagesRequest): JsonObject;
  /** The body of a refused request. */
  failure(error: AnthropicApiError, requestId: string): JsonObject;
}

/** The key as `x-api-key` or as `Authorization: Bearer <key>` (the SDKs send either). */
export function presentedKey(headers: Record<string, string | undefined>): string | undefined {
  const bearer = /^Bearer\s+(.+)$/i.exec(headers['authorization'] ?? '')?.[1];
  return headers['x-api-key'] ?? bearer;
}

/** `POST /v1/messages`: the native Anthropic dialect. */
export const MESSAGES_FORMAT: WireFormat = {
  api: 'messages',
  authorize(headers, apiKey) {
    const key = presentedKey(headers);
    if (!key) throw new AnthropicApiError(401, 'x-api-key header is required');
    if (key !== apiKey) throw new AnthropicApiError(401, 'invalid x-api-key');
    if (!headers['anthropic-version']) throw invalidRequest('anthropic-version: header is required');
  },
  toMessagesRequest: validateMessagesRequest,
  success: (response) => ({ ...response }),
  failure: (error, requestId) => ({
    type: 'error',
    error: { type: error.errorType, message: error.message },
    request_id: requestId,
  }),
};
