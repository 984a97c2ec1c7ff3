import { createContextKey, type HandlerContext } from '@connectrpc/connect';

/**
 * What an RPC handler learned that the request alone does not say: the account's connector and
 * identifier when the request named only an id, a tool's own status (`tool_error:404`) and the
 * arguments it ignored. The
 * gRPC interceptor writes the call's one log entry from it.
 */
export interface CallDetails {
  connector?: string | undefined;
  identifier?: string | undefined;
  status?: string | undefined;
  /** Tool calls: arguments the tool's schema does not declare. */
  unknownArguments?: string[] | undefined;
}

/** Per request (connect creates fresh context values for each); the default is never mutated. */
export const CALL_DETAILS = createContextKey<CallDetails>({}, { description: 'call-log details of this RPC' });

/** Adds to what the call log will record for this RPC. */
export function noteCall(ctx: HandlerContext, details: CallDetails): void {
  ctx.values.set(CALL_DETAILS, { ...ctx.values.get(CALL_DETAILS), ...details });
}

/** The call log's view of an account a handler resolved. */
export function noteAccount(ctx: HandlerContext, account: { connector: string; identifier: string }): void {
  noteCall(ctx, { connector: account.connector, identifier: account.identifier });
}
