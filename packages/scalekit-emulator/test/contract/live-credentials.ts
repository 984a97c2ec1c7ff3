/** Where `pnpm test:live` finds a real Scalekit environment; the repo's names first, then the SDK tests' name. */
export interface LiveCredentials {
  envUrl: string;
  clientId: string;
  clientSecret: string;
  /** An OAuth connection of that environment, e.g. `gmail` (SCALEKIT_LIVE_CONNECTION). */
  connection: string;
}

export const LIVE_VARIABLES = ['SCALEKIT_ENV_URL', 'SCALEKIT_CLIENT_ID', 'SCALEKIT_CLIENT_SECRET'] as const;

export function liveCredentials(env: NodeJS.ProcessEnv): LiveCredentials | undefined {
  const envUrl = env['SCALEKIT_ENV_URL'] || env['SCALEKIT_ENVIRONMENT_URL'];
  const clientId = env['SCALEKIT_CLIENT_ID'];
  const clientSecret = env['SCALEKIT_CLIENT_SECRET'];
  if (!envUrl || !clientId || !clientSecret) return undefined;
  return { envUrl, clientId, clientSecret, connection: env['SCALEKIT_LIVE_CONNECTION'] || 'gmail' };
}

export const LIVE_SKIP_MESSAGE =
  'pnpm test:live: skipped, no Scalekit environment configured. Set SCALEKIT_ENV_URL (or SCALEKIT_ENVIRONMENT_URL), ' +
  'SCALEKIT_CLIENT_ID and SCALEKIT_CLIENT_SECRET of a Scalekit environment (and SCALEKIT_LIVE_CONNECTION, the name ' +
  'of one of its OAuth connections, default "gmail") to run the contract tests against it; `pnpm test` runs the ' +
  'same tests against the emulator.';
