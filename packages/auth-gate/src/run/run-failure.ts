import { ActionableError, AuthGateError } from '../core/errors.js';

/** Input the Actor cannot run with; the message says what to change and is shown as it is. */
export class InputError extends ActionableError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('INVALID_INPUT', message, options);
  }
}

/** Whether a failure is one the user can act on (its message is the whole story, no stack trace). */
export function isExpectedFailure(error: unknown): error is AuthGateError {
  return error instanceof AuthGateError;
}

/**
 * The one line a failed run shows (status message, run page, Actor.fail, OUTPUT): an expected
 * failure's own message, anything else prefixed so that the user knows it was not foreseen.
 */
export function runFailureMessage(error: unknown): string {
  if (isExpectedFailure(error)) return error.message;
  const detail = error instanceof Error ? error.message : typeof error === 'string' ? error : JSON.stringify(error);
  return `The run failed: ${detail}`;
}
