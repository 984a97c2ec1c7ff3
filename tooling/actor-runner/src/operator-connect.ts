import { createAuthGate, shared, type ScalekitCredentials } from '@repo/auth-gate';
import { approveConsent } from './local-run.js';
import { quietRuntime } from './quiet-runtime.js';

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
 * The operator connects a shared account once, through the same gate and consent page as
 * `auth-gate connect <connection> --shared <identifier>` (here in this process, on a free port of
 * this machine). `consent` plays the operator's browser on that page; by default it approves at once.
 */
export async function connectSharedAccount(options: {
  env: Record<string, string>;
  connection: string;
  identifier: string;
  consent?: (pageUrl: string) => Promise<void>;
  timeoutSecs?: number;
}): Promise<void> {
  const consent = options.consent ?? ((pageUrl: string) => approveConsent(pageUrl, options.connection));
  const gate = await createAuthGate({
    connectors: { [options.connection]: shared(options.identifier) },
    page: { title: `Connect the shared ${options.connection} account`, port: 0, host: '127.0.0.1', embeddable: false },
    consentTimeoutSecs: options.timeoutSecs ?? 600,
    credentials: credentialsOf(options.env),
    runtime: quietRuntime(options.env),
  });
  try {
    await Promise.all([gate.connect([options.connection]), consent(gate.pageUrl)]);
    await gate.finish({ summary: `${options.connection} connected.` });
  } finally {
    await gate.close();
  }
}
