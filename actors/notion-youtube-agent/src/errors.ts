/** A failure the user can act on; auth-gate's `reportFailure` shows its message without a stack. */
export { ActionableError as ExpectedFailure, InputError } from '@repo/auth-gate';

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
