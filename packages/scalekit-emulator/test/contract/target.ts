import { randomBytes } from 'node:crypto';
import { ScalekitClient } from '@scalekit-sdk/node';
import { onTestFinished } from 'vitest';
import { startEmulator } from '../../src/index.js';
import { liveCredentials } from './live-credentials.js';

/**
 * Where a contract test runs: the emulator (`pnpm test`) or a real Scalekit environment
 * (`pnpm test:live`). The tests are written once against this and assert what Scalekit does.
 */
export interface ContractTarget {
  readonly kind: 'emulator' | 'live';
  readonly client: ScalekitClient;
  /** An OAuth connection of the environment; on the emulator it has capitals, as Scalekit's own `GMAIL-test`. */
  readonly connection: string;
  /** A value no other run uses (identifiers, emails, external ids), so live runs never collide. */
  unique(prefix: string): string;
  /** Undoes what a test created once it ends (deleting on the live environment too); failures are ignored. */
  cleanup(undo: () => Promise<unknown>): void;
  close(): Promise<void>;
}

/** The emulator's stand-in for Scalekit's own test connection `GMAIL-test`. */
const EMULATED_CONNECTION = { name: 'GMAIL-test', provider: 'GMAIL', auth: 'OAUTH' } as const;

function common(): Pick<ContractTarget, 'unique' | 'cleanup'> {
  const run = randomBytes(4).toString('hex');
  let n = 0;
  return {
    unique: (prefix) => `${prefix}${run}${(n += 1)}`,
    cleanup: (undo) =>
      onTestFinished(() =>
        undo().then(
          () => undefined,
          () => undefined,
        ),
      ),
  };
}

export async function contractTarget(): Promise<ContractTarget> {
  if (process.env['SCALEKIT_CONTRACT_TARGET'] === 'live') {
    const live = liveCredentials(process.env);
    if (!live)
      throw new Error(
        'SCALEKIT_CONTRACT_TARGET=live needs SCALEKIT_ENV_URL, SCALEKIT_CLIENT_ID, SCALEKIT_CLIENT_SECRET',
      );
    return {
      kind: 'live',
      client: new ScalekitClient(live.envUrl, live.clientId, live.clientSecret),
      connection: live.connection,
      ...common(),
      close: async () => {},
    };
  }
  // Organizations as Scalekit has them: API keys only for ones that exist.
  const emulator = await startEmulator({ connections: [EMULATED_CONNECTION], organizations: 'required' });
  return {
    kind: 'emulator',
    client: new ScalekitClient(emulator.envUrl, emulator.clientId, emulator.clientSecret),
    connection: EMULATED_CONNECTION.name,
    ...common(),
    close: () => emulator.close(),
  };
}
