import { userInfo } from 'node:os';
import { IdentityUnavailableError } from '../core/errors.js';
import { PREFIX_VARIABLE } from '../core/connectors.js';
import type { ActorRuntime } from './actor-runtime.js';

/** Local-only override of the per-user identifier; ignored on the Apify platform. */
export const LOCAL_IDENTIFIER_VARIABLE = 'AUTH_GATE_USER_ID';
/** Set by the Actor's owner in the Actor's environment variables (Store users cannot change them). */
export const OPERATOR_VARIABLE = 'AUTH_GATE_OPERATOR_USER_ID';

export interface RunIdentity {
  /** Identifier of per-user connected accounts for this run. */
  userIdentifier: string;
  source: 'apify-user' | 'local-env' | 'development';
  /** Whether the person running may authorize shared connectors. */
  isOperator(): Promise<boolean>;
}

function developmentIdentifier(): string {
  let name = 'developer';
  try {
    name = userInfo().username || name;
  } catch {
    // Containers without a passwd entry have no user name; the fallback is fine.
  }
  return `local-dev-${name.replace(/[^A-Za-z0-9_.-]/g, '_')}`;
}

/**
 * Who the run acts for. On the platform only the Apify user id counts: nothing the user types can
 * choose whose account is used. Locally an explicit variable or a development identifier is used.
 */
export function resolveIdentity(runtime: ActorRuntime, options: { prefix?: string } = {}): RunIdentity {
  const prefix = options.prefix ?? runtime.env(PREFIX_VARIABLE) ?? '';
  if (runtime.isAtHome()) {
    const userId = runtime.userId();
    if (!userId) throw new IdentityUnavailableError('the platform did not provide APIFY_USER_ID for this run.');
    if (runtime.env(LOCAL_IDENTIFIER_VARIABLE)) {
      runtime.log.warning(
        `${LOCAL_IDENTIFIER_VARIABLE} is ignored on the Apify platform; the run's Apify user id is used.`,
      );
    }
    return {
      userIdentifier: `${prefix}${userId}`,
      source: 'apify-user',
      async isOperator() {
        const configured = runtime.env(OPERATOR_VARIABLE)?.trim();
        const owner = configured || (await runtime.actorOwnerId());
        return owner !== null && owner !== undefined && owner === userId;
      },
    };
  }
  const explicit = runtime.env(LOCAL_IDENTIFIER_VARIABLE)?.trim();
  if (explicit) {
    return { userIdentifier: `${prefix}${explicit}`, source: 'local-env', isOperator: () => Promise.resolve(true) };
  }
  const dev = `${prefix}${developmentIdentifier()}`;
  runtime.log.info(
    `Running locally: per-user accounts use the development identifier "${dev}" (set ${LOCAL_IDENTIFIER_VARIABLE} to choose another).`,
  );
  // Locally, whoever runs the Actor is its operator.
  return { userIdentifier: dev, source: 'development', isOperator: () => Promise.resolve(true) };
}
