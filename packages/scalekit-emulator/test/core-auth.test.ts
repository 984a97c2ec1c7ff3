import { inspect } from 'node:util';
import { ScalekitClient, ScalekitException, ScalekitUnauthorizedException } from '@scalekit-sdk/node';
import { describe, expect, it } from 'vitest';
import { ConnectionService } from '../src/sdk-protocol.js';
import {
  asAxiosError,
  clientToken,
  expectRejection,
  fixture,
  rawGrpcCall,
  rejectionOf,
  requestClientToken,
} from './support/core.js';

const LIST_CONNECTIONS_PATH = `/${ConnectionService.typeName}/ListAppConnections`;

describe('client-credentials token endpoint', () => {
  it('answers the first, bearer-less gRPC call with Unauthenticated; the SDK fetches a token and retries', async () => {
    const { emulator, client } = await fixture();

    const result = await client.actions.listConnections();

    expect(result.connections.length).toBeGreaterThan(0);
    const calls = await emulator.admin.calls();
    expect(calls.map((c) => [c.kind, c.name, c.status])).toEqual([
      ['rpc', 'ListAppConnections', 'unauthenticated'],
      ['token', '/oauth/token', '200'],
      ['rpc', 'ListAppConnections', 'ok'],
    ]);

    // Once it has a token the SDK sends it with every call: no further token requests.
    await client.actions.listConnections();
    const after = await emulator.admin.calls();
    expect(after.filter((c) => c.kind === 'token')).toHaveLength(1);
    expect(after.at(-1)).toMatchObject({ kind: 'rpc', name: 'ListAppConnections', status: 'ok' });
  });

  it('rejects a wrong client secret with 401 invalid_client, surfacing as the raw AxiosError without the secret', async () => {
    const { emulator } = await fixture();
    const wrongSecret = 'wrong-secret-do-not-leak-42';
    const client = new ScalekitClient(emulator.envUrl, emulator.clientId, wrongSecret);

    const error = await rejectionOf(client.actions.listConnections());

    // The token request fails inside the SDK's catch block, so it is not promoted to a ScalekitException.
    expect(error).not.toBeInstanceOf(ScalekitException);
    const axiosError = asAxiosError(error);
    expect(axiosError.name).toBe('AxiosError');
    expect(axiosError.response?.status).toBe(401);
    expect(axiosError.response?.data).toMatchObject({ error: 'invalid_client' });
    for (const secret of [wrongSecret, emulator.clientSecret]) {
      expect(axiosError.message).not.toContain(secret);
      expect(JSON.stringify(axiosError.response?.data)).not.toContain(secret);
      expect(inspect(error, { depth: 6 })).not.toContain(secret);
    }
    const tokenCalls = await emulator.admin.calls({ kind: 'token' });
    expect(tokenCalls.map((c) => c.status)).toEqual(['401']);
  });

  it('rejects a wrong client id the same way', async () => {
    const { emulator } = await fixture();
    const client = new ScalekitClient(emulator.envUrl, 'skc_someone_else', emulator.clientSecret);

    const axiosError = asAxiosError(await rejectionOf(client.actions.listConnectedAccounts()));

    expect(axiosError.response?.status).toBe(401);
    expect(axiosError.response?.data).toMatchObject({ error: 'invalid_client' });
  });

  it('re-authenticates transparently after the client tokens expire', async () => {
    const { emulator, client } = await fixture();
    await client.actions.listConnections();

    const { expired } = await emulator.admin.expireClientTokens();
    expect(expired).toBe(1);
    const result = await client.actions.listConnections();

    expect(result.connections.length).toBeGreaterThan(0);
    const calls = await emulator.admin.calls();
    expect(calls.filter((c) => c.kind === 'token').map((c) => c.status)).toEqual(['200', '200']);
    expect(calls.slice(-3).map((c) => [c.kind, c.status])).toEqual([
      ['rpc', 'unauthenticated'],
      ['token', '200'],
      ['rpc', 'ok'],
    ]);
  });

  it('with tokens that never stay valid, the SDK gives up after 3 re-authentications: ScalekitUnauthorizedException', async () => {
    const { emulator, client } = await fixture({ tokenTtlSeconds: 0 });

    await expectRejection(client.actions.listConnections(), ScalekitUnauthorizedException);

    const calls = await emulator.admin.calls();
    expect(calls.filter((c) => c.kind === 'rpc').map((c) => c.status)).toEqual([
      'unauthenticated',
      'unauthenticated',
      'unauthenticated',
      'unauthenticated',
    ]);
    expect(calls.filter((c) => c.kind === 'token').map((c) => c.status)).toEqual(['200', '200', '200']);
  });

  it('answers a hand-made gRPC call without a bearer (or with a forged one) with Unauthenticated', async () => {
    const { emulator } = await fixture();

    const bare = await rawGrpcCall(emulator.envUrl, LIST_CONNECTIONS_PATH);
    const forged = await rawGrpcCall(emulator.envUrl, LIST_CONNECTIONS_PATH, { authorization: 'Bearer skat_forged' });
    const token = await clientToken(emulator);
    const good = await rawGrpcCall(emulator.envUrl, LIST_CONNECTIONS_PATH, { authorization: `Bearer ${token}` });

    expect(bare.httpStatus).toBe(200);
    expect(bare.grpcStatus).toBe('16');
    expect(forged.grpcStatus).toBe('16');
    expect(good.grpcStatus).toBe('0');
    const rpcs = await emulator.admin.calls({ kind: 'rpc' });
    expect(rpcs.map((c) => c.status)).toEqual(['unauthenticated', 'unauthenticated', 'ok']);
  });

  it('refuses a token request that is not a client_credentials form', async () => {
    const { emulator } = await fixture();

    const json = await fetch(`${emulator.envUrl}/oauth/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        grant_type: 'client_credentials',
        client_id: emulator.clientId,
        client_secret: emulator.clientSecret,
      }),
    });
    const grant = await requestClientToken(emulator, { grant_type: 'password' });

    expect(json.status).toBe(400);
    expect(await json.json()).toMatchObject({ error: 'invalid_request' });
    expect(grant.status).toBe(400);
    expect(await grant.json()).toMatchObject({ error: 'unsupported_grant_type' });
  });

  it('issues tokens shaped like Scalekit’s', async () => {
    const { emulator } = await fixture({ tokenTtlSeconds: 1234 });

    const response = await requestClientToken(emulator);

    expect(response.status).toBe(200);
    const body = (await response.json()) as Record<string, unknown>;
    expect(body).toMatchObject({ token_type: 'Bearer', expires_in: 1234 });
    expect(typeof body['access_token']).toBe('string');
    expect(body['access_token']).not.toContain(emulator.clientSecret);
  });
});
