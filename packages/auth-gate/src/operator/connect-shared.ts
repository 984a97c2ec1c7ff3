import { shared } from '../core/connectors.js';
import type { ScalekitCredentials } from '../core/credentials.js';
import { createAuthGate } from '../run/gate.js';
import { detachedRuntime, type DetachedRuntimeOptions } from './detached-runtime.js';

/** Where the operator's consent page listens unless told otherwise: this machine only. */
export const DEFAULT_CONNECT_HOST = '127.0.0.1';

export interface ConnectSharedOptions {
  connection: string;
  /** The fixed identifier every run of the Actor uses for this shared connector. */
  identifier: string;
  /** How long to wait for the operator to finish consent. */
  timeoutSecs: number;
  /**
   * Called once the consent page listens, with its address: print it for the operator, or drive a
   * browser to it. Consent completes when that browser presses Connect and finishes at the provider.
   */
  onPageReady: (pageUrl: string) => void | Promise<void>;
  /** Defaults to SCALEKIT_ENV_URL, SCALEKIT_CLIENT_ID and SCALEKIT_CLIENT_SECRET of `env` (or process.env). */
  credentials?: ScalekitCredentials;
  /** 0 (the default) picks a free port. */
  port?: number;
  /** The page connects whoever presses its button, so it listens on 127.0.0.1 unless told otherwise. */
  host?: string;
  /** Environment and printing of the gate (see detachedRuntime); nothing is printed by default. */
  runtime?: Omit<DetachedRuntimeOptions, 'port'>;
}

/**
 * Connects a shared account once, as the operator: the same gate and consent page an Actor run
 * uses, served here outside any run, and not frameable by other sites. Resolves with the Scalekit
 * account id once the account is ACTIVE.
 */
export async function connectSharedAccount(options: ConnectSharedOptions): Promise<{ accountId: string }> {
  const port = options.port ?? 0;
  const gate = await createAuthGate({
    connectors: { [options.connection]: shared(options.identifier) },
    page: {
      title: `Connect the shared ${options.connection} account`,
      port,
      host: options.host ?? DEFAULT_CONNECT_HOST,
      embeddable: false,
    },
    consentTimeoutSecs: options.timeoutSecs,
    ...(options.credentials ? { credentials: options.credentials } : {}),
    runtime: detachedRuntime({ env: process.env, ...options.runtime, port }),
  });
  try {
    const [handles] = await Promise.all([gate.connect([options.connection]), options.onPageReady(gate.pageUrl)]);
    await gate.finish({ summary: `${options.connection} connected.` });
    return { accountId: handles[options.connection]!.accountId };
  } finally {
    await gate.close();
  }
}
