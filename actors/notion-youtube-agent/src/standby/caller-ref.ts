import { createHash } from 'node:crypto';
import type { ApiKeyCaller } from '@repo/auth-gate/standby';

/**
 * Who owns a task and whose results a dataset item holds: a hash of the organization and user the
 * key belongs to, never the key. Every key of one user maps to the same reference, so a user who
 * rotates their key still reads the tasks the old key created. An organization key (which cannot
 * run tasks: they all need the user's Notion) is its own caller.
 */
export function callerRef(caller: ApiKeyCaller): string {
  const who = caller.userId === undefined ? `key:${caller.tokenId}` : `user:${caller.userId}`;
  return createHash('sha256').update(`${caller.organizationId}\n${who}`).digest('hex').slice(0, 24);
}
