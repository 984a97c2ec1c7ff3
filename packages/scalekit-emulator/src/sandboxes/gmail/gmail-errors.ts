import { ProviderError } from '../sandbox.js';

/** Google API error bodies: `{error:{code, message, errors:[{message, domain, reason}], status}}`. */

const STATUS_NAMES: Record<number, string> = {
  400: 'INVALID_ARGUMENT',
  401: 'UNAUTHENTICATED',
  403: 'PERMISSION_DENIED',
  404: 'NOT_FOUND',
  429: 'RESOURCE_EXHAUSTED',
  500: 'INTERNAL',
};

export function gmailError(
  httpStatus: number,
  reason: string,
  message: string,
  options: { status?: string; domain?: string; retryAfterSeconds?: number } = {},
): ProviderError {
  const body = {
    error: {
      code: httpStatus,
      message,
      errors: [{ message, domain: options.domain ?? 'global', reason }],
      status: options.status ?? STATUS_NAMES[httpStatus] ?? 'UNKNOWN',
    },
  };
  return new ProviderError(httpStatus, reason, message, {
    body,
    ...(options.retryAfterSeconds === undefined ? {} : { retryAfterSeconds: options.retryAfterSeconds }),
  });
}

export function notFoundError(): ProviderError {
  return gmailError(404, 'notFound', 'Requested entity was not found.');
}

export function invalidArgumentError(message: string): ProviderError {
  return gmailError(400, 'invalidArgument', message);
}

/** The per-user rate limit; Google words it "User-rate limit exceeded" with the time to retry after. */
export function rateLimitError(retryAfterSeconds: number, nowMs: number): ProviderError {
  const retryAt = new Date(nowMs + retryAfterSeconds * 1000).toISOString();
  return gmailError(429, 'rateLimitExceeded', `User-rate limit exceeded.  Retry after ${retryAt}`, {
    domain: 'usageLimits',
    retryAfterSeconds,
  });
}
