/** Input the Actor cannot run with; the message says what to change and is shown as it is. */
export { InputError } from '@repo/auth-gate';

/** The one line to show for an unexpected error (never a stack trace in a status message). */
export function errorMessage(error: unknown): string {
  if (error instanceof Error) return error.message;
  return typeof error === 'string' ? error : JSON.stringify(error);
}
