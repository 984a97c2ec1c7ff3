import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ScalekitClient } from '@scalekit-sdk/node';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '@repo/scalekit-emulator';
import { perUser } from '../src/index.js';
import { callerIdentifier, createStandbyGate, type StandbyGate } from '../src/standby/index.js';
import { accountStatusViaSdk, decideOnConsentPage, OneBrowser } from './support/consenting-person.js';

// Standby: the caller asks the API for a consent link and hands it to a browser. That link is a
// start link on the server: the first browser to open it gets the binding cookie, and the magic
// link it leads to completes only there. A forwarded magic link connects nothing.

const ORG = 'org_acme';
let emulator: RunningEmulator;
let server: Server;
let baseUrl: string;
let gate: StandbyGate<'acme'>;

/** The routes a Standby server wires: the caller's link request, the start link, the verify route. */
async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://standby');
  const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
    res.writeHead(status, { 'content-type': 'application/json', ...headers }).end(JSON.stringify(body));
  if (url.pathname.startsWith('/consent/')) {
    const opened = gate.openConsent(url.pathname.slice('/consent/'.length), req.headers.cookie);
    if (!opened.ok) return void json(403, opened);
    return void res.writeHead(302, { location: opened.location, 'set-cookie': opened.setCookie }).end();
  }
  if (url.pathname === '/verify') {
    const outcome = await gate.verify(
      url.searchParams.get('auth_request_id') ?? '',
      url.searchParams.get('state') ?? '',
      req.headers.cookie,
    );
    return void json(
      outcome.ok ? 200 : outcome.reason === 'other_browser' ? 403 : 400,
      outcome,
      outcome.ok && outcome.setCookie ? { 'set-cookie': outcome.setCookie } : {},
    );
  }
  const auth = await gate.guard(req);
  if (!auth.ok) return void json(auth.status, auth.body);
  if (url.pathname === '/link') return void json(200, await gate.consentLink(auth.caller, 'acme'));
  if (url.pathname === '/raw-link') return void json(200, await gate.forCaller(auth.caller).authorizationLink('acme'));
  json(404, {});
}

async function linkFor(key: string, path = '/link'): Promise<string> {
  const answer = await fetch(`${baseUrl}${path}`, { headers: { authorization: `Bearer ${key}` } });
  expect(answer.status).toBe(200);
  return ((await answer.json()) as { url: string }).url;
}

/** Opens a start link in a browser: the magic link it redirects to (and the answer). */
async function open(
  browser: OneBrowser,
  startLink: string,
): Promise<{ status: number; magicLink: string | null; setCookie: string[] }> {
  const answer = await browser.fetch(startLink);
  return { status: answer.status, magicLink: answer.headers.get('location'), setCookie: answer.headers.getSetCookie() };
}

beforeEach(async () => {
  emulator = await startEmulator({ connections: [{ name: 'acme', provider: 'ACME', auth: 'OAUTH' }] });
  server = createServer((req, res) => void handle(req, res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  gate = createStandbyGate({
    connectors: { acme: perUser() },
    credentials: { envUrl: emulator.envUrl, clientId: emulator.clientId, clientSecret: emulator.clientSecret },
    publicUrl: baseUrl,
  });
});

afterEach(async () => {
  await new Promise((resolve) => server.close(resolve));
  await emulator.close();
});

async function userKey(userId: string): Promise<{ key: string; identifier: string }> {
  const { token } = await new ScalekitClient(
    emulator.envUrl,
    emulator.clientId,
    emulator.clientSecret,
  ).token.createToken(ORG, { userId });
  return { key: token, identifier: callerIdentifier('', ORG, userId) };
}

describe('Standby consent links are bound to the browser that opens them', () => {
  it('a forwarded magic link approved in another browser connects nothing; the caller finishes in their own', async () => {
    const { key, identifier } = await userKey('usr_owner');
    const startLink = await linkFor(key);
    expect(startLink.startsWith(`${baseUrl}/consent/`)).toBe(true);
    expect(startLink).not.toContain('magicLink');

    const owner = new OneBrowser();
    const opened = await open(owner, startLink);
    expect(opened.status).toBe(302);
    expect(opened.magicLink).toContain('/magicLink/');
    const forwarded = await decideOnConsentPage(new OneBrowser(), opened.magicLink!);
    expect(forwarded.verifyStatus).toBe(403);
    expect(forwarded.verifyHtml).toContain('"reason":"other_browser"');
    expect(await accountStatusViaSdk(emulator, 'acme', identifier)).toBe('PENDING_VERIFICATION');

    // That magic link is spent; the caller asks for a new consent link and finishes in their browser.
    const again = await open(owner, await linkFor(key));
    const finished = await decideOnConsentPage(owner, again.magicLink!);
    expect(finished.verifyStatus).toBe(200);
    expect(await accountStatusViaSdk(emulator, 'acme', identifier)).toBe('ACTIVE');
  });

  it('a start link belongs to the first browser that opens it: that one may reopen it, another may not', async () => {
    const { key, identifier } = await userKey('usr_first');
    const startLink = await linkFor(key);
    const first = new OneBrowser();
    const second = new OneBrowser();

    const opened = await open(first, startLink);
    const stolen = await open(second, startLink);
    const reopened = await open(first, startLink);

    expect(opened.status).toBe(302);
    expect(stolen.status).toBe(403);
    expect(stolen.magicLink).toBeNull();
    expect(reopened.status).toBe(302);
    expect(reopened.magicLink).toBe(opened.magicLink);
    // The binding cookie: HttpOnly, SameSite=Lax, short-lived, at the server's root path, not Secure on http.
    expect(opened.setCookie).toHaveLength(1);
    expect(opened.setCookie[0]).toMatch(
      /^auth_gate_consent_[\w-]+=[\w-]{43}; Max-Age=1800; Path=\/; HttpOnly; SameSite=Lax$/,
    );
    expect((await decideOnConsentPage(first, opened.magicLink!)).verifyStatus).toBe(200);
    expect(await accountStatusViaSdk(emulator, 'acme', identifier)).toBe('ACTIVE');
  });

  it('a raw magic link handed out without the start link never verifies, and unknown start links are refused', async () => {
    const { key, identifier } = await userKey('usr_raw');
    const raw = await linkFor(key, '/raw-link');
    const browser = new OneBrowser();
    const result = await decideOnConsentPage(browser, raw);
    const unknown = await open(browser, `${baseUrl}/consent/not-a-ticket`);

    expect(result.verifyStatus).toBe(403);
    expect(await accountStatusViaSdk(emulator, 'acme', identifier)).toBe('PENDING_VERIFICATION');
    expect(unknown.status).toBe(403);
  });
});
