import { AuthGateError } from '@repo/auth-gate';

/**
 * A failure the user can act on (bad input, a page that is not shared, an Anthropic key that is
 * refused). It extends auth-gate's error base on purpose: `gate.reportFailure` then shows the
 * message as it is, without a stack trace, exactly like the gate's own expected failures.
 */
export class ExpectedFailure extends AuthGateError {
  constructor(
    readonly code: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

export class InputError extends ExpectedFailure {
  constructor(message: string) {
    super('INVALID_INPUT', message);
  }
}

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
