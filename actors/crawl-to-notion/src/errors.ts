/** A failure the user can act on; auth-gate's `reportFailure` shows its message without a stack. */
export { ActionableError as ExpectedFailure, InputError } from '@repo/auth-gate';

/** The one line to show for an error (never a stack trace in a dataset item or status message). */
export function errorMessage(error: unknown): string {
  if (error instanceof Error) return error.message;
  return typeof error === 'string' ? error : JSON.stringify(error);
}
