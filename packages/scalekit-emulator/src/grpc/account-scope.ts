import { Code } from '@connectrpc/connect';
import type { AccountRecord } from '../accounts/account-store.js';
import { scalekitError } from './errors.js';

/** The organization and user a request names (empty or missing: not named). */
export interface AccountScope {
  organizationId?: string | undefined;
  userId?: string | undefined;
}

/** The fields of `scope` that `account` does not carry; none when the request names neither. */
export function scopeMismatches(account: AccountRecord, scope: AccountScope): string[] {
  const wrong: string[] = [];
  if (scope.organizationId && account.organizationId !== scope.organizationId) wrong.push('organization_id');
  if (scope.userId && account.userId !== scope.userId) wrong.push('user_id');
  return wrong;
}

/**
 * An account exists for (connector, identifier) but not in the organization or user the request
 * names. Accounts are unique per (connector, identifier), so this cannot be NotFound: getOrCreate
 * would then try to create it and get AlreadyExists. Lookup and creation agree instead: the account
 * exists and belongs to someone else.
 */
export function checkScope(account: AccountRecord, scope: AccountScope): void {
  const wrong = scopeMismatches(account, scope);
  if (wrong.length === 0) return;
  throw scalekitError(
    Code.PermissionDenied,
    'PERMISSION_DENIED',
    `the connected account for this connector and identifier does not belong to the given ${wrong.join(' and ')}`,
  );
}
