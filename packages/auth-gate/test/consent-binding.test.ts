import { createServer, type AddressInfo } from 'node:net';
import { CookieJar } from 'tough-cookie';
import { describe, expect, it } from 'vitest';
import { perUser, type AuthGate } from '../src/index.js';
import { bindingCookieName, cookieScopeOf, presentedNonce } from '../src/core/browser-binding.js';
import {
  accountStatusViaSdk,
  authorizeAsPerson,
  decideOnConsentPage,
  OneBrowser,
  pressConnect,
  waitForConsentPhase,
} from './support/consenting-person.js';
import { gateFixture } from './support/gate-fixture.js';
import { testRuntime } from './support/test-runtime.js';

// Consent is bound to the browser that pressed Connect: the run page sets a cookie holding a nonce
// bound to the state it sends to Scalekit, and the verify route completes only with that cookie.

const fx = gateFixture();

async function gateFor(userId: string, page: { publicUrl?: string; port?: number } = {}): Promise<AuthGate<'acme'>> {
  const gate = await fx.gate({
    connectors: { acme: perUser() },
    page: { title: 'Binding run', port: 0, ...page },
    runtime: testRuntime({ atHome: true, userId }),
  });
  return gate;
}

describe('the run page binds consent to the browser that pressed Connect', () => {
  it('a forwarded magic link approved in another browser connects nothing; the starter still finishes', async () => {
    const gate = await gateFor('starter');
    const connecting = gate.connect(['acme']);
    await waitForConsentPhase(gate.pageUrl);
    const starter = new OneBrowser();
    const link = await pressConnect(starter, gate.pageUrl, 'acme');

    // The link is forwarded: someone else approves it in their own browser (no cookie of this page).
    const other = await decideOnConsentPage(new OneBrowser(), link);
    expect(other.verifyUrl).toContain(`${gate.pageUrl}/verify?`);
    expect(other.verifyStatus).toBe(403);
    expect(other.verifyHtml).toContain('data-reason="other_browser"');
    expect(other.verifyHtml).toContain('opened in another browser');
    expect(other.verifyHtml).toContain('press Connect there');
    expect(await accountStatusViaSdk(fx.emulator, 'acme', 'starter')).toBe('PENDING_VERIFICATION');
    const page = (await (await fetch(`${gate.pageUrl}/state`)).json()) as { phase: string };
    expect(page.phase).toBe('authorize');

    // The starter presses Connect again in their own browser and finishes.
    const mine = await authorizeAsPerson(gate.pageUrl, 'acme', 'approve', starter);
    expect(mine.verifyStatus).toBe(200);
    await connecting;
    expect(await accountStatusViaSdk(fx.emulator, 'acme', 'starter')).toBe('ACTIVE');
  });

  it('the verify URL itself, replayed without the cookie, is refused; with the cookie it completes', async () => {
    const gate = await gateFor('replayer');
    const connecting = gate.connect(['acme']);
    await waitForConsentPhase(gate.pageUrl);
    const browser = new OneBrowser();
    const link = await pressConnect(browser, gate.pageUrl, 'acme');
    const approved = await browser.fetch(link, { method: 'POST', body: new URLSearchParams({ decision: 'approve' }) });
    const verifyUrl = approved.headers.get('location')!;

    const bare = await fetch(verifyUrl);
    const wrongNonce = await fetch(verifyUrl, { headers: { cookie: `${cookieNameFor(verifyUrl)}=not-the-nonce` } });
    expect(bare.status).toBe(403);
    expect(wrongNonce.status).toBe(403);
    expect(await accountStatusViaSdk(fx.emulator, 'acme', 'replayer')).toBe('PENDING_VERIFICATION');

    const own = await browser.fetch(verifyUrl);
    expect(own.status).toBe(200);
    await connecting;
    expect(await accountStatusViaSdk(fx.emulator, 'acme', 'replayer')).toBe('ACTIVE');
    // The binding is spent: the verify answer removes the cookie.
    expect(own.headers.getSetCookie().join('\n')).toMatch(/Max-Age=0/);
  });

  it('two presses of Connect in one browser: the first link still completes there', async () => {
    const gate = await gateFor('twice');
    const connecting = gate.connect(['acme']);
    await waitForConsentPhase(gate.pageUrl);
    const browser = new OneBrowser();
    const first = await pressConnect(browser, gate.pageUrl, 'acme');
    await pressConnect(browser, gate.pageUrl, 'acme');
    const result = await decideOnConsentPage(browser, first);
    expect(result.verifyStatus).toBe(200);
    await connecting;
  });

  it('the binding cookie: HttpOnly, SameSite=Lax, short-lived, scoped to the page path; Secure on https', async () => {
    const gate = await gateFor('cookie-attrs');
    const connecting = gate.connect(['acme']);
    await waitForConsentPhase(gate.pageUrl);
    const connect = await fetch(`${gate.pageUrl}/connect/acme`, { redirect: 'manual' });
    const [cookie] = connect.headers.getSetCookie();
    expect(cookie).toMatch(/^auth_gate_consent_[\w-]+=[\w-]{43};/);
    expect(cookie).toContain('HttpOnly');
    expect(cookie).toContain('SameSite=Lax');
    expect(cookie).toContain('Path=/;');
    expect(cookie).toMatch(/Max-Age=1800/);
    expect(cookie).not.toContain('Secure');
    expect(cookie).not.toContain('Domain');
    expect(connect.headers.get('content-security-policy')).toBe("frame-ancestors 'none'");
    expect(connect.headers.get('x-frame-options')).toBe('DENY');
    void connecting.catch(() => undefined);

    // Behind https and a path prefix, as a proxied live view: Secure, Path is the prefix, and a real
    // cookie jar sends it back to <prefix>/verify (not the browser's default path, /prefix/connect).
    const port = await freePort();
    const prefixed = await gateFor('cookie-prefix', { publicUrl: 'https://live.example.test/runs/r1/', port });
    const proxied = prefixed.connect(['acme']);
    const local = `http://127.0.0.1:${port}`;
    await waitForConsentPhase(local);
    const atPrefix = await fetch(`${local}/connect/acme`, { redirect: 'manual' });
    const [secure] = atPrefix.headers.getSetCookie();
    expect(secure).toMatch(/^__Secure-auth_gate_consent_/);
    expect(secure).toContain('Path=/runs/r1;');
    expect(secure).toContain('Secure');
    const jar = new CookieJar();
    await jar.setCookie(secure!, 'https://live.example.test/runs/r1/connect/acme');
    expect(await jar.getCookieString('https://live.example.test/runs/r1/verify?state=x')).toContain(
      'auth_gate_consent_',
    );
    expect(await jar.getCookieString('https://live.example.test/other/verify')).toBe('');
    void proxied.catch(() => undefined);

    // At the root of an https origin (a container URL): __Host-, which no sibling host can plant.
    expect(bindingCookieName('s', cookieScopeOf('https://abc.runs.apify.net'))).toMatch(/^__Host-/);
  });

  it('framing: the run page allows Apify Console only (no X-Frame-Options); the verify page allows no one', async () => {
    const gate = await gateFor('framing');
    const page = await fetch(gate.pageUrl);
    expect(page.headers.get('content-security-policy')).toMatch(/frame-ancestors https:\/\/console\.apify\.com$/);
    expect(page.headers.get('x-frame-options')).toBeNull();
    const verify = await fetch(`${gate.pageUrl}/verify?auth_request_id=a&state=b`);
    expect(verify.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    expect(verify.headers.get('x-frame-options')).toBe('DENY');
  });

  it('a cookie header is read only for the state it names', () => {
    const scope = cookieScopeOf('http://127.0.0.1:1');
    const header = `${bindingCookieName('state-a', scope)}=nonce-a; other=1`;
    expect(presentedNonce(header, 'state-a', scope)).toBe('nonce-a');
    expect(presentedNonce(header, 'state-b', scope)).toBeUndefined();
    expect(presentedNonce(undefined, 'state-a', scope)).toBeUndefined();
  });
});

/** The cookie name the page uses for the state in a verify URL (plain http, root path). */
function cookieNameFor(verifyUrl: string): string {
  const url = new URL(verifyUrl);
  return bindingCookieName(url.searchParams.get('state')!, cookieScopeOf(url.origin));
}

/** A free local port: a gate with a public URL behind a proxy still listens here. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}
