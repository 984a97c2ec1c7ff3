import { ActionableError } from '@repo/auth-gate';

/** A failure the user can act on; auth-gate's `reportFailure` shows its message without a stack. */
export { ActionableError as ExpectedFailure };

export class InputError extends ActionableError {
  constructor(message: string) {
    super('INVALID_INPUT', message);
  }
}

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
