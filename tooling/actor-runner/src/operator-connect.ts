import type { ScalekitCredentials } from '@repo/auth-gate';
import { connectSharedAccount as connectWithGate } from '@repo/auth-gate/operator';
import { approveConsent } from './local-run.js';

function credentialsOf(env: Record<string, string>): ScalekitCredentials {
  const { SCALEKIT_ENV_URL: envUrl, SCALEKIT_CLIENT_ID: clientId, SCALEKIT_CLIENT_SECRET: clientSecret } = env;
  if (!envUrl || !clientId || !clientSecret) {
    throw new Error(
      "connectSharedAccount needs SCALEKIT_ENV_URL, SCALEKIT_CLIENT_ID and SCALEKIT_CLIENT_SECRET in env (an emulator's `env`)",
    );
  }
  return { envUrl, clientId, clientSecret };
}

/**
 * The operator connects a shared account once, through auth-gate's own operator connect (what
 * `auth-gate connect <connection> --shared <identifier>` runs), on a free port of this machine.
 * `consent` plays the operator's browser on that page; by default it approves at once.
 */
export async function connectSharedAccount(options: {
  env: Record<string, string>;
  connection: string;
  identifier: string;
  consent?: (pageUrl: string) => Promise<void>;
  timeoutSecs?: number;
}): Promise<void> {
  await connectWithGate({
    connection: options.connection,
    identifier: options.identifier,
    timeoutSecs: options.timeoutSecs ?? 600,
    credentials: credentialsOf(options.env),
    runtime: { env: options.env },
    onPageReady: options.consent ?? ((pageUrl) => approveConsent(pageUrl, options.connection)),
  });
}
