import { afterEach, beforeEach } from 'vitest';
import { startEmulator, type EmulatorOptions, type RunningEmulator } from '@repo/scalekit-emulator';
import {
  createAuthGate,
  perUser,
  type AuthGate,
  type AuthGateOptions,
  type ScalekitCredentials,
} from '../../src/index.js';
import { authorizeAsPerson, waitForConsentPhase } from './consenting-person.js';
import type { RecordingRuntime } from './test-runtime.js';

/** The OAuth connection the gate tests connect to. */
export const ACME_CONNECTION = { name: 'acme', provider: 'ACME', auth: 'OAUTH' } as const;

export interface GateFixture {
  /** This test's emulator: a fresh one for every test. */
  readonly emulator: RunningEmulator;
  credentials(): ScalekitCredentials;
  /** A gate against this test's emulator (unless `options.credentials` says otherwise), closed after the test. */
  gate<K extends string>(
    options: Omit<AuthGateOptions<K>, 'credentials'> & { credentials?: ScalekitCredentials },
  ): Promise<AuthGate<K>>;
  /** A gate with `acme` per user, already connected: the person on its page gave consent. */
  connectedAcme(
    runtime: RecordingRuntime,
    options?: { title?: string; requestsPerSecond?: number; retry?: AuthGateOptions<'acme'>['retry'] },
  ): Promise<{ gate: AuthGate<'acme'>; acme: Awaited<ReturnType<AuthGate<'acme'>['connect']>>['acme'] }>;
}

/**
 * Registers, for every test of the file, an emulator with the `acme` connection (or `emulatorOptions`)
 * and closes the gates the test opened, then the emulator (resumed first, should the test have
 * suspended it).
 */
export function gateFixture(emulatorOptions: EmulatorOptions = { connections: [ACME_CONNECTION] }): GateFixture {
  let current: RunningEmulator | undefined;
  const gates: AuthGate<string>[] = [];

  beforeEach(async () => {
    current = await startEmulator(emulatorOptions);
  });

  afterEach(async () => {
    await Promise.all(gates.splice(0).map((g) => g.close()));
    await current?.resume();
    await current?.close();
    current = undefined;
  });

  const fixture: GateFixture = {
    get emulator(): RunningEmulator {
      if (!current) throw new Error('the emulator runs only inside a test');
      return current;
    },
    credentials() {
      const { envUrl, clientId, clientSecret } = fixture.emulator;
      return { envUrl, clientId, clientSecret };
    },
    async gate(options) {
      const gate = await createAuthGate({ ...options, credentials: options.credentials ?? fixture.credentials() });
      gates.push(gate);
      return gate;
    },
    async connectedAcme(runtime, options = {}) {
      const gate = await fixture.gate({
        connectors: {
          acme: perUser(options.requestsPerSecond ? { requestsPerSecond: options.requestsPerSecond } : {}),
        },
        page: { title: options.title ?? 'Calls', port: 0 },
        runtime,
        ...(options.retry ? { retry: options.retry } : {}),
      });
      const connecting = gate.connect(['acme']);
      await waitForConsentPhase(gate.pageUrl);
      await authorizeAsPerson(gate.pageUrl, 'acme');
      const { acme } = await connecting;
      return { gate, acme };
    },
  };
  return fixture;
}
