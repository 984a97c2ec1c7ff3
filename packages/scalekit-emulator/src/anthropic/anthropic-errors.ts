import { randomBytes } from 'node:crypto';

/** The error `type` the API uses for each status. */
export const ERROR_TYPES: Readonly<Record<number, string>> = {
  400: 'invalid_request_error',
  401: 'authentication_error',
  402: 'billing_error',
  403: 'permission_error',
  404: 'not_found_error',
  413: 'request_too_large',
  429: 'rate_limit_error',
  500: 'api_error',
  504: 'timeout_error',
  529: 'overloaded_error',
};

export function errorTypeFor(status: number): string {
  return ERROR_TYPES[status] ?? (status >= 500 ? 'api_error' : 'invalid_request_error');
}

/** An API failure, answered as `{type:'error', error:{type, message}, request_id}`. */
export class AnthropicApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly errorType = errorTypeFor(status),
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'AnthropicApiError';
  }
}

export const invalidRequest = (message: string): AnthropicApiError => new AnthropicApiError(400, message);

const ID_ALPHABET = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz';

/** Ids shaped like the API's (`msg_01…`, `toolu_01…`, `req_011C…`). */
export function anthropicId(prefix: 'msg_01' | 'toolu_01' | 'req_011C', length = 22): string {
  const bytes = randomBytes(length);
  let out = prefix;
  for (const b of bytes) out += ID_ALPHABET[b % ID_ALPHABET.length];
  return out;
}
