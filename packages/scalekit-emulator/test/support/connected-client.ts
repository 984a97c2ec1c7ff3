import { ScalekitClient, ScalekitServerException } from '@scalekit-sdk/node';
import { expect } from 'vitest';
import { startEmulator, type EmulatorOptions, type RunningEmulator } from '../../src/index.js';

export interface EmulatorFixture {
  emulator: RunningEmulator;
  client: ScalekitClient;
}

/** An emulator and a real ScalekitClient pointed at it. */
export async function startWithClient(options: EmulatorOptions = {}): Promise<EmulatorFixture> {
  const emulator = await startEmulator(options);
  const client = new ScalekitClient(emulator.envUrl, emulator.clientId, emulator.clientSecret);
  return { emulator, client };
}

/** Approves a magic link over HTTP the way a person would: open it, press Approve. */
export async function approveLink(link: string, fields: Record<string, string> = {}): Promise<Response> {
  const page = await fetch(link);
  if (!page.ok) throw new Error(`consent page answered ${page.status}`);
  return fetch(link, {
    method: 'POST',
    body: new URLSearchParams({ decision: 'approve', ...fields }),
    redirect: 'manual',
  });
}

/** Creates the account, gets a magic link and approves it: the account ends ACTIVE. */
export async function connectAccount(
  client: ScalekitClient,
  connectionName: string,
  identifier: string,
): Promise<string> {
  await client.actions.getOrCreateConnectedAccount({ connectionName, identifier });
  const { link } = await client.actions.getAuthorizationLink({ connectionName, identifier });
  const response = await approveLink(link);
  if (response.status !== 200) throw new Error(`approval answered ${response.status}`);
  const account = await client.actions.getConnectedAccount({ connectionName, identifier });
  return account.connectedAccount!.id;
}

/** The provider's error body of a refused proxy call (the SDK keeps it as `errDetails`). */
export async function proxyErrorOf<Body>(
  promise: Promise<unknown>,
): Promise<{ exception: ScalekitServerException; body: Body }> {
  let caught: unknown;
  try {
    await promise;
  } catch (error) {
    caught = error;
  }
  expect(caught).toBeInstanceOf(ScalekitServerException);
  const exception = caught as ScalekitServerException;
  return { exception, body: exception.errDetails as unknown as Body };
}
