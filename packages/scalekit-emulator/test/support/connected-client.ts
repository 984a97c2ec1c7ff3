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

/** The accounts of one sandbox connector: connect a new identifier, or take an existing one's handle. */
export interface SandboxAccounts<Handle> extends EmulatorFixture {
  /** Connects a new identifier (its own seeded sandbox data) and returns its handle. */
  user(identifier: string): Promise<Handle>;
  /** The handle of an identifier whose account already exists (e.g. restored from a state file). */
  handle(identifier: string): Handle;
  close(): Promise<void>;
}

export function sandboxAccounts<Handle>(
  fixture: EmulatorFixture,
  connectionName: string,
  handle: (identifier: string) => Handle,
): SandboxAccounts<Handle> {
  return {
    ...fixture,
    handle,
    close: () => fixture.emulator.close(),
    async user(identifier) {
      await connectAccount(fixture.client, connectionName, identifier);
      return handle(identifier);
    },
  };
}

/** Calls a connector's Scalekit tools as one identifier, returning the tool's data. */
export function toolCaller(
  client: ScalekitClient,
  connector: string,
  identifier: string,
): <T>(toolName: string, toolInput?: Record<string, unknown>) => Promise<T> {
  return async <T>(toolName: string, toolInput: Record<string, unknown> = {}): Promise<T> => {
    const response = await client.actions.executeTool({ toolName, toolInput, identifier, connector });
    return response.data as T;
  };
}
