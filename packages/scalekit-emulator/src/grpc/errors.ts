import { Code, ConnectError } from '@connectrpc/connect';
import { ErrorInfoSchema } from '../sdk-protocol.js';
import type { ProviderError } from '../sandboxes/sandbox.js';

/** A Scalekit-side error with an ErrorInfo detail, as the real service sends (`errorCode` in the SDK). */
export function scalekitError(code: Code, errorCode: string, message: string): ConnectError {
  return new ConnectError(message, code, undefined, [{ desc: ErrorInfoSchema, value: { errorCode } }]);
}

export function invalidArgument(message: string, field?: string): ConnectError {
  const value = field
    ? { errorCode: 'INVALID_ARGUMENT', validationErrorInfo: { fieldViolations: [{ field, description: message }] } }
    : { errorCode: 'INVALID_ARGUMENT' };
  return new ConnectError(message, Code.InvalidArgument, undefined, [{ desc: ErrorInfoSchema, value }]);
}

export function notFound(message: string): ConnectError {
  return scalekitError(Code.NotFound, 'NOT_FOUND', message);
}

/**
 * A connection name the environment does not have. Scalekit answers NotFound whose message says
 * "connection not found" (its SDK's tests accept either); every surface answers the same.
 */
export function connectionNotFound(name: string): ConnectError {
  return notFound(`connection not found: no connection named "${name}" in this environment`);
}

const STATUS_TO_CODE: Record<number, Code> = {
  400: Code.InvalidArgument,
  401: Code.Unauthenticated,
  403: Code.PermissionDenied,
  404: Code.NotFound,
  409: Code.AlreadyExists,
  429: Code.ResourceExhausted,
  501: Code.Unimplemented,
  503: Code.Unavailable,
  504: Code.DeadlineExceeded,
};

/** A provider failure during a tool call: `TOOL_ERROR`, which the SDK never retries. */
export function toolError(error: ProviderError, executionId: string): ConnectError {
  const code = STATUS_TO_CODE[error.status] ?? Code.Internal;
  return new ConnectError(`tool execution failed: ${error.message}`, code, undefined, [
    {
      desc: ErrorInfoSchema,
      value: {
        errorCode: 'TOOL_ERROR',
        toolErrorInfo: { executionId, toolErrorMessage: error.message, toolErrorCode: error.code },
      },
    },
  ]);
}

const CODE_NAMES: Record<string, Code> = {
  canceled: Code.Canceled,
  unknown: Code.Unknown,
  invalid_argument: Code.InvalidArgument,
  deadline_exceeded: Code.DeadlineExceeded,
  not_found: Code.NotFound,
  already_exists: Code.AlreadyExists,
  permission_denied: Code.PermissionDenied,
  resource_exhausted: Code.ResourceExhausted,
  failed_precondition: Code.FailedPrecondition,
  aborted: Code.Aborted,
  out_of_range: Code.OutOfRange,
  unimplemented: Code.Unimplemented,
  internal: Code.Internal,
  unavailable: Code.Unavailable,
  data_loss: Code.DataLoss,
  unauthenticated: Code.Unauthenticated,
};

/** `not_found` -> Code.NotFound; also accepts HTTP statuses (`503`). */
export function codeFromName(name: string): Code {
  const byName = CODE_NAMES[name.toLowerCase()];
  if (byName !== undefined) return byName;
  const status = Number(name);
  return STATUS_TO_CODE[status] ?? Code.Internal;
}

export function codeName(code: Code): string {
  return Object.entries(CODE_NAMES).find(([, c]) => c === code)?.[0] ?? 'unknown';
}

/** Offset-based page tokens, opaque to clients. */
export function pageWindow(
  total: number,
  pageSize: number,
  pageToken: string,
  limits: { default: number; max: number },
): { start: number; end: number; next: string; prev: string } {
  const size = pageSize === 0 ? limits.default : pageSize;
  if (size > limits.max) throw invalidArgument(`page_size must be at most ${limits.max}`, 'page_size');
  let start = 0;
  if (pageToken !== '') {
    const decoded = Number.parseInt(Buffer.from(pageToken, 'base64url').toString('utf8').replace(/^o:/, ''), 10);
    if (!Number.isInteger(decoded) || decoded < 0 || decoded > total)
      throw invalidArgument('page_token is invalid', 'page_token');
    start = decoded;
  }
  const end = Math.min(start + size, total);
  const encode = (n: number): string => Buffer.from(`o:${n}`).toString('base64url');
  return { start, end, next: end < total ? encode(end) : '', prev: start > 0 ? encode(Math.max(0, start - size)) : '' };
}
