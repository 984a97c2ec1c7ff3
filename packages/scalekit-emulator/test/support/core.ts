import http2 from 'node:http2';
import { expect, onTestFinished } from 'vitest';
import type { ConnectionConfig, EmulatorOptions, RunningEmulator } from '../../src/index.js';
import { approveLink, startWithClient, type EmulatorFixture } from './connected-client.js';

/** An OAuth connection served by the generic sandbox: tools `acme_echo`, `acme_resource_*`; proxy `/echo`, `/resources`. */
export const ACME: ConnectionConfig = { name: 'acme', provider: 'ACME', auth: 'OAUTH', scopes: ['acme.read'] };
/** A second generic OAuth connection, for filters that need more than one provider. */
export const BETA: ConnectionConfig = { name: 'beta', provider: 'BETA', auth: 'OAUTH' };
/** A static-auth (API key) connection, served by the generic sandbox. */
export const ACME_KEY: ConnectionConfig = { name: 'acme-key', provider: 'ACMEKEY', auth: 'API_KEY' };

/** An emulator (with ACME, BETA and ACME_KEY besides the defaults) and a real client; closed when the test ends. */
export async function fixture(options: EmulatorOptions = {}): Promise<EmulatorFixture> {
  const f = await startWithClient({ connections: [ACME, BETA, ACME_KEY], ...options });
  onTestFinished(() => f.emulator.close());
  return f;
}

/** The rejection reason of a promise that must reject. */
export async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the call to fail, but it succeeded');
}

/** Asserts that the promise rejects with an instance of `type` and returns the typed error. */
export async function expectRejection<T>(
  promise: Promise<unknown>,
  type: abstract new (...args: never[]) => T,
): Promise<T> {
  const error = await rejectionOf(promise);
  expect(error).toBeInstanceOf(type);
  return error as T;
}

/** What the tests read from a raw `AxiosError` (axios is not a dependency of this package). */
export interface AxiosErrorShape {
  isAxiosError: boolean;
  name: string;
  message: string;
  response?: { status: number; data: unknown; headers: Record<string, unknown> };
  config?: { data?: unknown; headers?: unknown };
}

export function asAxiosError(error: unknown): AxiosErrorShape {
  expect(error).toBeInstanceOf(Error);
  const shaped = error as AxiosErrorShape;
  expect(shaped.isAxiosError).toBe(true);
  return shaped;
}

/**
 * A form-encoded `POST /oauth/token` as the SDK sends it: the emulator's client credentials, with
 * `overrides` for the tests of refused grants.
 */
export function requestClientToken(
  emulator: RunningEmulator,
  overrides: Record<string, string> = {},
): Promise<Response> {
  return fetch(`${emulator.envUrl}/oauth/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'client_credentials',
      client_id: emulator.clientId,
      client_secret: emulator.clientSecret,
      ...overrides,
    }),
  });
}

/** A client-credentials token straight from `/oauth/token`, for raw HTTP calls. */
export async function clientToken(emulator: RunningEmulator): Promise<string> {
  const response = await requestClientToken(emulator);
  expect(response.status).toBe(200);
  const body = (await response.json()) as { access_token: string };
  return body.access_token;
}

export interface RawGrpcResult {
  httpStatus: number;
  /** grpc-status from the trailers, or from the headers of a trailers-only response. */
  grpcStatus: string | undefined;
  grpcMessage: string | undefined;
}

/** A hand-made gRPC call over h2c (an empty request message), with no SDK in between. */
export function rawGrpcCall(
  envUrl: string,
  path: string,
  headers: Record<string, string> = {},
): Promise<RawGrpcResult> {
  return new Promise((resolve, reject) => {
    const session = http2.connect(envUrl);
    session.on('error', reject);
    const req = session.request({
      ':method': 'POST',
      ':path': path,
      'content-type': 'application/grpc+proto',
      te: 'trailers',
      ...headers,
    });
    let responseHeaders: http2.IncomingHttpHeaders = {};
    let trailers: http2.IncomingHttpHeaders = {};
    req.on('response', (h) => {
      responseHeaders = h;
    });
    req.on('trailers', (t: http2.IncomingHttpHeaders) => {
      trailers = t;
    });
    req.on('data', () => undefined);
    req.on('error', reject);
    req.on('end', () => {
      session.close();
      const pick = (name: string): string | undefined => {
        const value: string | string[] | undefined = trailers[name] ?? responseHeaders[name];
        return typeof value === 'string' ? value : value?.[0];
      };
      resolve({
        httpStatus: Number(responseHeaders[':status']),
        grpcStatus: pick('grpc-status'),
        grpcMessage: pick('grpc-message'),
      });
    });
    // A gRPC frame: uncompressed, zero-length message (every field at its default).
    req.end(Buffer.from([0, 0, 0, 0, 0]));
  });
}

/** The Location of a 302 answer, parsed. */
export function locationOf(response: Response): URL {
  expect(response.status).toBe(302);
  const location = response.headers.get('location');
  expect(location).toBeTruthy();
  return new URL(location!);
}

/** Like `connectAccount`, for a static-auth connection: fills the consent page's credentials form. */
export async function approveStatic(
  client: EmulatorFixture['client'],
  connectionName: string,
  identifier: string,
  fields: Record<string, string>,
): Promise<string> {
  const { link } = await client.actions.getAuthorizationLink({ connectionName, identifier });
  const response = await approveLink(link, fields);
  if (response.status !== 200) throw new Error(`approval answered ${response.status}`);
  const account = await client.actions.getConnectedAccount({ connectionName, identifier });
  return account.connectedAccount!.id;
}
