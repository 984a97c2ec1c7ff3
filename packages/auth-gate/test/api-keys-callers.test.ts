import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { inspect } from 'node:util';
import { ScalekitClient } from '@scalekit-sdk/node';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '@repo/scalekit-emulator';
import { AuthGateError, perUser, shared } from '../src/index.js';
import {
  callerIdentifier,
  ConnectorAuthorizationRequiredError,
  createStandbyGate,
  UntrustedCallerError,
  writeApiKeyRefusal,
  type ApiKeyCaller,
  type StandbyGate,
} from '../src/standby/index.js';
import { OneBrowser } from './support/consenting-person.js';

const ORG = 'org_acme';
type Key = 'acme' | 'team';
/** The identifier of a user key of ORG (no prefix in these tests). */
const idOf = (userId: string, org = ORG): string => callerIdentifier('', org, userId);

let emulator: RunningEmulator;
let client: ScalekitClient;
let server: Server;
let baseUrl: string;
let gate: StandbyGate<Key>;
/** Every JSON body the server sent, for the "nothing secret" checks. */
let answered: unknown[];

const STATUS_BY_CODE: Record<string, number> = {
  USER_KEY_REQUIRED: 403,
  OPERATOR_ONLY_CONNECTOR: 403,
  UNTRUSTED_CALLER: 403,
  AUTHORIZATION_REQUIRED: 409,
  SHARED_CONNECTOR_NOT_CONNECTED: 503,
};

function send(res: ServerResponse, status: number, body: unknown): void {
  answered.push(body);
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}

/** What a Standby Actor's request handler does: guard, session for the caller, connect, call. */
async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://standby');
  if (url.pathname === '/verify') {
    const outcome = await gate.verify(
      url.searchParams.get('auth_request_id') ?? '',
      url.searchParams.get('state') ?? '',
      req.headers.cookie,
    );
    return send(res, outcome.ok ? 200 : 400, outcome);
  }
  if (url.pathname.startsWith('/consent/')) {
    const opened = gate.openConsent(url.pathname.slice('/consent/'.length), req.headers.cookie);
    if (!opened.ok) return send(res, 403, opened);
    res.writeHead(302, { location: opened.location, 'set-cookie': opened.setCookie }).end();
    return;
  }
  const auth = await gate.guard(req);
  if (!auth.ok) return writeApiKeyRefusal(res, auth);
  const key = url.searchParams.get('connector') as Key;
  try {
    const session = gate.forCaller(auth.caller);
    if (url.pathname === '/link') return send(res, 200, await gate.consentLink(auth.caller, key));
    const handles = await session.connect([key]);
    const created = await handles[key].tool(`${key}_resource_create`, {
      name: url.searchParams.get('name') ?? 'unnamed',
    });
    return send(res, 201, created.data);
  } catch (error) {
    if (!(error instanceof AuthGateError)) throw error;
    const connectors = error instanceof ConnectorAuthorizationRequiredError ? { connectors: error.connectors } : {};
    return send(res, STATUS_BY_CODE[error.code] ?? 500, { error: error.code, message: error.message, ...connectors });
  }
}

async function startStandby(options: { userVerification?: boolean; sharedIdentifier?: string } = {}): Promise<void> {
  server = createServer((req, res) => void handle(req, res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  gate = createStandbyGate({
    connectors: { acme: perUser(), team: shared(options.sharedIdentifier ?? 'shared-team') },
    credentials: { envUrl: emulator.envUrl, clientId: emulator.clientId, clientSecret: emulator.clientSecret },
    retry: { baseDelayMs: 10, maxDelayMs: 50 },
    ...(options.userVerification ? { publicUrl: baseUrl } : {}),
  });
}

async function request(path: string, key: string): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(`${baseUrl}${path}`, { headers: { authorization: `Bearer ${key}` } });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

/** The person behind a caller opens the link and approves; the answer is the consent page's. */
async function approve(link: string): Promise<Response> {
  return fetch(link, { method: 'POST', body: new URLSearchParams({ decision: 'approve' }), redirect: 'manual' });
}

/** A user key whose user has connected acme through the Standby server's own link endpoint. */
async function connectedUserKey(userId: string, org = ORG): Promise<string> {
  const { token } = await client.token.createToken(org, { userId });
  const link = await request('/link?connector=acme', token);
  expect(link.status).toBe(200);
  expect((await approve(link.body['url'] as string)).status).toBe(200);
  return token;
}

/** The operator connects the shared account once (what `auth-gate connect` does). */
async function connectSharedTeam(): Promise<void> {
  const { link } = await client.actions.getAuthorizationLink({ connectionName: 'team', identifier: 'shared-team' });
  expect((await approve(link)).status).toBe(200);
}

async function resourceNames(connector: string, identifier: string): Promise<string[]> {
  const sandbox = await emulator.admin.sandbox<{ resources: { name: string }[] }>(connector, identifier);
  return sandbox.resources.map((r) => r.name).sort();
}

beforeEach(async () => {
  emulator = await startEmulator({
    connections: [
      { name: 'acme', provider: 'ACME', auth: 'OAUTH' },
      { name: 'team', provider: 'TEAM', auth: 'OAUTH' },
    ],
  });
  client = new ScalekitClient(emulator.envUrl, emulator.clientId, emulator.clientSecret);
  answered = [];
});

afterEach(async () => {
  await new Promise((resolve) => server.close(resolve));
  await emulator.close();
});

describe('Standby: acting for API callers', () => {
  it('a user key starts unconnected: a typed error, then a link for that caller, then its own account', async () => {
    await startStandby();
    const { token } = await client.token.createToken(ORG, { userId: 'usr_alice' });

    const before = await request('/resources?connector=acme&name=first', token);
    const link = await request('/link?connector=acme', token);
    await approve(link.body['url'] as string);
    const after = await request('/resources?connector=acme&name=first', token);

    expect(before.status).toBe(409);
    expect(before.body).toMatchObject({
      error: 'AUTHORIZATION_REQUIRED',
      connectors: [{ connector: 'acme', status: 'PENDING_AUTH' }],
    });
    expect(link.body).toMatchObject({ connector: 'acme', url: expect.stringContaining('/magicLink/') as unknown });
    expect(after.status).toBe(201);
    expect(await resourceNames('acme', idOf('usr_alice'))).toEqual(['first']);
  });

  it('two user keys, served concurrently, each reach only their own account (emulator call log and sandboxes)', async () => {
    await startStandby();
    const alice = await connectedUserKey('usr_alice');
    const bob = await connectedUserKey('usr_bob');
    await emulator.admin.resetCalls();

    const requests = Array.from({ length: 6 }, (_, i) => [
      request(`/resources?connector=acme&name=alice-${i}`, alice),
      request(`/resources?connector=acme&name=bob-${i}`, bob),
    ]).flat();
    const answers = await Promise.all(requests);

    expect(answers.map((a) => a.status)).toEqual(Array(12).fill(201));
    expect(await resourceNames('acme', idOf('usr_alice'))).toEqual([
      'alice-0',
      'alice-1',
      'alice-2',
      'alice-3',
      'alice-4',
      'alice-5',
    ]);
    expect(await resourceNames('acme', idOf('usr_bob'))).toEqual([
      'bob-0',
      'bob-1',
      'bob-2',
      'bob-3',
      'bob-4',
      'bob-5',
    ]);
    const tools = await emulator.admin.calls({ kind: 'tool' });
    expect(tools.filter((c) => c.identifier === idOf('usr_alice'))).toHaveLength(6);
    expect(tools.filter((c) => c.identifier === idOf('usr_bob'))).toHaveLength(6);
    expect(tools.every((c) => c.status === 'ok' && c.connector === 'acme')).toBe(true);
    const lookups = (await emulator.admin.calls({ kind: 'rpc' })).filter((c) => c.name === 'GetConnectedAccountAuth');
    expect(new Set(lookups.map((c) => c.identifier))).toEqual(new Set([idOf('usr_alice'), idOf('usr_bob')]));
  });

  it('an organization key is refused for a per-user connector (before any lookup) and allowed a shared one', async () => {
    await startStandby();
    await connectSharedTeam();
    const { token } = await client.token.createToken(ORG);
    await emulator.admin.resetCalls();

    const perUserCall = await request('/resources?connector=acme&name=x', token);
    const perUserLink = await request('/link?connector=acme', token);
    const lookedUpAcme = (await emulator.admin.calls({ kind: 'rpc' })).some((c) => c.connector === 'acme');
    const sharedCall = await request('/resources?connector=team&name=from-org-key', token);
    const sharedLink = await request('/link?connector=team', token);

    expect(perUserCall.status).toBe(403);
    expect(perUserCall.body['error']).toBe('USER_KEY_REQUIRED');
    expect(perUserLink.body['error']).toBe('USER_KEY_REQUIRED');
    expect(lookedUpAcme).toBe(false);
    expect(sharedCall.status).toBe(201);
    expect(await resourceNames('team', 'shared-team')).toEqual(['from-org-key']);
    expect(sharedLink.status).toBe(403);
    expect(sharedLink.body['error']).toBe('OPERATOR_ONLY_CONNECTOR');
  });

  it("a shared connector the operator has not connected is the operator's problem, with no link for the caller", async () => {
    await startStandby();
    const alice = await connectedUserKey('usr_alice');

    const answer = await request('/resources?connector=team', alice);

    expect(answer.status).toBe(503);
    expect(answer.body['error']).toBe('SHARED_CONNECTOR_NOT_CONNECTED');
    expect(JSON.stringify(answer.body)).not.toContain('magicLink');
  });

  it('an account lost between requests is a typed error carrying its status, never a wait for consent', async () => {
    await startStandby();
    const alice = await connectedUserKey('usr_alice');
    const account = (await emulator.admin.account('acme', idOf('usr_alice')))!;
    await emulator.admin.setAccountStatus(account.id, 'EXPIRED');

    const answer = await request('/resources?connector=acme', alice);

    expect(answer.status).toBe(409);
    expect(answer.body).toMatchObject({
      error: 'AUTHORIZATION_REQUIRED',
      connectors: [{ connector: 'acme', status: 'EXPIRED' }],
    });
  });

  it('with user verification, the verify route completes the link for the caller it was made for, once', async () => {
    await startStandby({ userVerification: true });
    const { token } = await client.token.createToken(ORG, { userId: 'usr_carol' });
    const link = await request('/link?connector=acme', token);

    // The caller's browser opens the consent link (it gets the binding cookie), approves, comes back.
    const browser = new OneBrowser();
    const magicLink = (await browser.fetch(link.body['url'] as string)).headers.get('location')!;
    const consent = await browser.fetch(magicLink, {
      method: 'POST',
      body: new URLSearchParams({ decision: 'approve' }),
    });
    const verifyUrl = consent.headers.get('location')!;
    const verified = await browser.fetch(verifyUrl);
    const again = await browser.fetch(verifyUrl);
    const forged = await fetch(`${baseUrl}/verify?auth_request_id=x&state=not-a-state`);
    const used = await request('/resources?connector=acme&name=verified', token);

    expect(consent.status).toBe(302);
    expect(verifyUrl.startsWith(`${baseUrl}/verify?`)).toBe(true);
    expect(verified.status).toBe(200);
    expect(await verified.json()).toMatchObject({
      ok: true,
      connector: 'acme',
      redirectUrl: `${emulator.envUrl}/connect/success`,
    });
    expect(again.status).toBe(400);
    expect(forged.status).toBe(400);
    expect(used.status).toBe(201);
    expect(await resourceNames('acme', idOf('usr_carol'))).toEqual(['verified']);
  });

  it('accepts only callers a guard issued, and no caller whose identifier equals a shared identifier', async () => {
    // An operator who spelled a shared identifier like a caller's: that caller must not get it.
    await startStandby({ sharedIdentifier: idOf('usr_mallory') });
    const forged: ApiKeyCaller = {
      scope: 'user',
      tokenId: 'apit_x',
      organizationId: ORG,
      userId: 'usr_alice',
      identifier: idOf('usr_alice'),
      claims: {},
    };
    const { token } = await client.token.createToken(ORG, { userId: 'usr_mallory' });

    expect(() => gate.forCaller(forged)).toThrow(UntrustedCallerError);
    const answer = await request('/resources?connector=acme', token);

    expect(answer.status).toBe(403);
    expect(answer.body['error']).toBe('UNTRUSTED_CALLER');
  });

  it('a user id equal to a shared identifier names its own account, never the shared one', async () => {
    await startStandby();
    await connectSharedTeam();
    const named = await connectedUserKey('shared-team');

    const answer = await request('/resources?connector=acme&name=mine', named);

    expect(answer.status).toBe(201);
    expect(await resourceNames('acme', idOf('shared-team'))).toEqual(['mine']);
    expect(await emulator.admin.account('acme', 'shared-team')).toBeUndefined();
  });

  it('the same user id in two organizations: two separate accounts, and connecting one leaves the other unconnected', async () => {
    await startStandby();
    const acmeKey = await connectedUserKey('user-a', 'org_acme');
    const { token: otherKey } = await client.token.createToken('org_other', { userId: 'user-a' });

    const otherBefore = await request('/resources?connector=acme&name=other', otherKey);
    const otherAccountBefore = await emulator.admin.account('acme', idOf('user-a', 'org_other'));
    const acmeAnswer = await request('/resources?connector=acme&name=acme', acmeKey);
    const otherLink = await request('/link?connector=acme', otherKey);
    await approve(otherLink.body['url'] as string);
    const otherAfter = await request('/resources?connector=acme&name=other', otherKey);

    expect(otherBefore.status).toBe(409);
    expect(otherBefore.body).toMatchObject({
      error: 'AUTHORIZATION_REQUIRED',
      connectors: [{ connector: 'acme', status: 'PENDING_AUTH' }],
    });
    expect(otherAccountBefore?.status).not.toBe('ACTIVE');
    expect(acmeAnswer.status).toBe(201);
    expect(otherAfter.status).toBe(201);
    expect(idOf('user-a', 'org_acme')).not.toBe(idOf('user-a', 'org_other'));
    expect(await resourceNames('acme', idOf('user-a', 'org_acme'))).toEqual(['acme']);
    expect(await resourceNames('acme', idOf('user-a', 'org_other'))).toEqual(['other']);
    const acmeAccount = await emulator.admin.account('acme', idOf('user-a', 'org_acme'));
    const otherAccount = await emulator.admin.account('acme', idOf('user-a', 'org_other'));
    expect(acmeAccount?.id).not.toBe(otherAccount?.id);
    // Nothing under the bare user id, the identifier used before organizations were part of it.
    expect(await emulator.admin.account('acme', 'user-a')).toBeUndefined();
  });

  it('puts no key, client secret or magic link into errors, answers or the emulator call log', async () => {
    await startStandby();
    const alice = await client.token.createToken(ORG, { userId: 'usr_alice' });
    const org = await client.token.createToken(ORG);
    const link = await request('/link?connector=acme', alice.token);
    const linkUrl = link.body['url'] as string;
    answered = [];

    await request('/resources?connector=acme', alice.token);
    await request('/resources?connector=acme', org.token);
    await request('/resources?connector=team', org.token);
    const error = await gate
      .forCaller(await callerOf(alice.token))
      .connect(['acme'])
      .catch((e: unknown) => e);

    expect(error).toBeInstanceOf(ConnectorAuthorizationRequiredError);
    const everything = inspect([answered, error], { depth: 8 }) + JSON.stringify(await emulator.admin.calls());
    for (const secret of [
      alice.token,
      org.token,
      emulator.clientSecret,
      linkUrl,
      new URL(linkUrl).pathname.split('/').pop()!,
    ]) {
      expect(everything).not.toContain(secret);
    }
  });
});

/** The minimum of an IncomingMessage a guard reads. */
function fakeRequest(key: string): IncomingMessage {
  return { headers: { authorization: `Bearer ${key}` } } as IncomingMessage;
}

async function callerOf(key: string): Promise<ApiKeyCaller> {
  const result = await gate.guard(fakeRequest(key));
  if (!result.ok) throw new Error(`the key was refused: ${result.body.error}`);
  return result.caller;
}
