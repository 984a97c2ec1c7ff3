import { AuthGateError } from '@repo/auth-gate';

/**
 * A failure the user can act on (bad input, a parent page that is not shared, a site that cannot
 * be reached). It extends auth-gate's error base on purpose: `gate.reportFailure` then shows the
 * message as it is, without a stack trace, like the gate's own expected failures.
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

/** The one line to show for an error (never a stack trace in a dataset item or status message). */
export function errorMessage(error: unknown): string {
  if (error instanceof Error) return error.message;
  return typeof error === 'string' ? error : JSON.stringify(error);
}
