import { randomBytes } from 'node:crypto';

/** An unguessable opaque value (tokens, link ids, request ids): 32 random bytes, base64url. */
export function secretToken(prefix = ''): string {
  return prefix + randomBytes(32).toString('base64url');
}

/** A short random id in Scalekit's style (`ca_…`, `conn_…`). Ids are not secrets. */
export function resourceId(prefix: string): string {
  return `${prefix}_${randomBytes(9).toString('hex')}`;
}
