import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { inspect } from 'node:util';
import { ScalekitClient } from '@scalekit-sdk/node';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '@repo/scalekit-emulator';
import {
  createApiKeyGuard,
  IdentifierPrefixTooLongError,
  MAX_CALLER_PREFIX_CHARS,
  writeApiKeyRefusal,
  type ApiKeyGuardResult,
} from '../src/standby/index.js';

const ORG = 'org_acme';
let emulator: RunningEmulator;
let client: ScalekitClient;
let server: Server;
let baseUrl: string;
/** What the guard answered, request by request, as the server saw it. */
let seen: ApiKeyGuardResult[];

/** A plain Node HTTP server that answers 200 with the caller, or the guard's refusal. */
async function startGuardedServer(prefix?: string): Promise<void> {
  const guard = createApiKeyGuard({
    credentials: { envUrl: emulator.envUrl, clientId: emulator.clientId, clientSecret: emulator.clientSecret },
    ...(prefix === undefined ? {} : { userIdentifierPrefix: prefix }),
  });
  server = createServer((req, res) => {
    void guard(req).then((result) => {
      seen.push(result);
      if (!result.ok) return writeApiKeyRefusal(res, result);
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ caller: result.caller }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

async function call(
  authorization?: string,
): Promise<{ status: number; body: Record<string, unknown>; headers: Headers }> {
  const response = await fetch(`${baseUrl}/whoami`, { headers: authorization === undefined ? {} : { authorization } });
  return {
    status: response.status,
    body: (await response.json()) as Record<string, unknown>,
    headers: response.headers,
  };
}

async function validateCalls(): Promise<number> {
  // The guard's SDK client sends its first call without a bearer; that attempt is not a validation.
  return (await emulator.admin.calls({ kind: 'rpc' })).filter(
    (c) => c.name === 'ValidateToken' && c.status !== 'unauthenticated',
  ).length;
}

beforeEach(async () => {
  emulator = await startEmulator();
  client = new ScalekitClient(emulator.envUrl, emulator.clientId, emulator.clientSecret);
  seen = [];
});

afterEach(async () => {
  await new Promise((resolve) => server.close(resolve));
  await emulator.close();
});

describe('API key guard on a Node HTTP server', () => {
  it('answers 401 missing_api_key without a header, with a bare Bearer challenge, and asks Scalekit nothing', async () => {
    await startGuardedServer();

    const response = await call();

    expect(response.status).toBe(401);
    expect(response.body).toEqual({
      error: 'missing_api_key',
      message: expect.stringContaining('Authorization: Bearer') as unknown,
    });
    expect(response.headers.get('www-authenticate')).toBe('Bearer');
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(await validateCalls()).toBe(0);
  });

  it('answers 401 malformed_api_key for other schemes, extra parts, odd characters and token ids, asking Scalekit nothing', async () => {
    await startGuardedServer();
    const { tokenId } = await client.token.createToken(ORG);
    await emulator.admin.resetCalls();

    for (const header of [
      'Basic dXNlcjpwYXNz',
      'Bearer',
      'Bearer a b',
      'Bearer ké',
      `Bearer ${'x'.repeat(600)}`,
      `Bearer ${tokenId}`,
    ]) {
      const response = await call(header);
      expect(response.status, header).toBe(401);
      expect(response.body['error'], header).toBe('malformed_api_key');
      expect(response.headers.get('www-authenticate')).toBe('Bearer error="invalid_token"');
    }
    expect(await validateCalls()).toBe(0);
  });

  it('answers 401 invalid_api_key for a key Scalekit does not know', async () => {
    await startGuardedServer();

    const response = await call('Bearer sk_apikey_made-up-value');

    expect(response.status).toBe(401);
    expect(response.body['error']).toBe('invalid_api_key');
    expect(await validateCalls()).toBe(1);
  });

  it('validates on every request (no cache): a revoked key is refused on the very next request', async () => {
    await startGuardedServer();
    const { token } = await client.token.createToken(ORG, { userId: 'usr_alice' });

    expect((await call(`Bearer ${token}`)).status).toBe(200);
    expect((await call(`bearer ${token}`)).status).toBe(200);
    await client.token.invalidateToken(token);
    const refused = await call(`Bearer ${token}`);

    expect(refused.status).toBe(401);
    expect(refused.body['error']).toBe('invalid_api_key');
    expect(await validateCalls()).toBe(3);
  });

  it('refuses an expired key with the same answer as an unknown one', async () => {
    await startGuardedServer();
    const { token, tokenId } = await client.token.createToken(ORG, { userId: 'usr_alice' });
    await emulator.admin.expireApiToken(tokenId);

    const response = await call(`Bearer ${token}`);

    expect(response.status).toBe(401);
    expect(response.body['error']).toBe('invalid_api_key');
  });

  it('a valid user key yields the user, its claims, and the prefixed per-user identifier of its organization and user', async () => {
    await startGuardedServer('svc-');
    const { token, tokenId } = await client.token.createToken(ORG, {
      userId: 'usr_alice',
      customClaims: { plan: 'pro' },
    });

    const response = await call(`Bearer ${token}`);

    expect(response.status).toBe(200);
    expect(response.body['caller']).toEqual({
      scope: 'user',
      tokenId,
      organizationId: ORG,
      userId: 'usr_alice',
      identifier: `svc-apikey:${ORG}:usr_alice`,
      claims: { plan: 'pro' },
    });
    const result = seen[0]!;
    expect(result.ok && Object.isFrozen(result.caller)).toBe(true);
  });

  it("refuses at creation a prefix that leaves no room for caller identifiers within Scalekit's 100 characters", () => {
    const credentials = { envUrl: emulator.envUrl, clientId: emulator.clientId, clientSecret: emulator.clientSecret };

    expect(() =>
      createApiKeyGuard({ credentials, userIdentifierPrefix: 'p'.repeat(MAX_CALLER_PREFIX_CHARS + 1) }),
    ).toThrow(IdentifierPrefixTooLongError);
    expect(() =>
      createApiKeyGuard({ credentials, userIdentifierPrefix: 'p'.repeat(MAX_CALLER_PREFIX_CHARS) }),
    ).not.toThrow();
  });

  it('an organization key yields the organization and no per-user identifier', async () => {
    await startGuardedServer();
    const { token } = await client.token.createToken(ORG, { customClaims: { team: 'ops' } });

    const response = await call(`Bearer ${token}`);

    expect(response.status).toBe(200);
    expect(response.body['caller']).toMatchObject({
      scope: 'organization',
      organizationId: ORG,
      claims: { team: 'ops' },
    });
    expect((response.body['caller'] as Record<string, unknown>)['identifier']).toBeUndefined();
    expect((response.body['caller'] as Record<string, unknown>)['userId']).toBeUndefined();
  });

  it('answers 503 (not 401) when Scalekit cannot be asked, with a server-side error that holds no secret', async () => {
    await startGuardedServer();
    const { token } = await client.token.createToken(ORG);
    await emulator.admin.addFault({
      match: { kind: 'rpc', name: 'ValidateToken' },
      effect: { type: 'error', code: 'permission_denied' },
      times: 1,
    });
    const refusedByScalekit = await call(`Bearer ${token}`);
    await emulator.admin.addFault({
      match: { kind: 'rpc', name: 'ValidateToken' },
      effect: { type: 'error', code: 'internal' },
      times: 1,
    });

    const response = await call(`Bearer ${token}`);

    // PermissionDenied is one of the SDK's "token refused" codes, so it is a 401 like the others.
    expect(refusedByScalekit.status).toBe(401);
    expect(response.status).toBe(503);
    expect(response.body['error']).toBe('api_key_check_unavailable');
    expect(response.headers.get('retry-after')).toBe('5');
    const last = seen.at(-1)!;
    expect(last.ok === false && last.status === 503 ? last.error.code : undefined).toBe('API_KEY_CHECK_UNAVAILABLE');
    const everything = inspect(seen, { depth: 8 }) + JSON.stringify(await emulator.admin.calls());
    expect(everything).not.toContain(token);
    expect(everything).not.toContain(emulator.clientSecret);
  });

  it('never puts a key into answers, the guard results or the emulator call log', async () => {
    await startGuardedServer();
    const user = await client.token.createToken(ORG, { userId: 'usr_alice' });
    const revoked = await client.token.createToken(ORG, { userId: 'usr_bob' });
    await client.token.invalidateToken(revoked.tokenId);

    const answers = [
      await call(`Bearer ${user.token}`),
      await call(`Bearer ${revoked.token}`),
      await call('Bearer sk_apikey_guess'),
    ];

    const everything =
      JSON.stringify(answers.map((a) => a.body)) +
      inspect(seen, { depth: 8 }) +
      JSON.stringify(await emulator.admin.calls());
    for (const secret of [user.token, revoked.token, 'sk_apikey_guess']) expect(everything).not.toContain(secret);
  });
});
