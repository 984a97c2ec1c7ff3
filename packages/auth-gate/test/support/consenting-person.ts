import { ScalekitClient } from '@scalekit-sdk/node';
import { CookieJar } from 'tough-cookie';
import { statusName, type AccountStatus } from '../../src/scalekit/account-status.js';

/**
 * One person's browser: a cookie jar kept across requests, as a browser keeps it (actor-runner's
 * BrowserSession does the same for the actors' tests; auth-gate cannot depend on actor-runner).
 */
export class OneBrowser {
  readonly jar = new CookieJar();

  /** One request, no redirect followed: the caller follows `location` through this same browser. */
  async fetch(url: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    const cookie = await this.jar.getCookieString(url);
    if (cookie) headers.set('cookie', cookie);
    const response = await fetch(url, { ...init, headers, redirect: 'manual' });
    for (const setCookie of response.headers.getSetCookie())
      await this.jar.setCookie(setCookie, url, { ignoreError: true });
    return response;
  }
}

export interface PersonResult {
  verifyUrl: string | undefined;
  verifyStatus: number | undefined;
  verifyHtml: string | undefined;
}

/** The magic link `/connect/<key>` sends this browser to (the browser now holds the binding cookie). */
export async function pressConnect(browser: OneBrowser, pageUrl: string, key: string): Promise<string> {
  const connect = await browser.fetch(`${pageUrl}/connect/${encodeURIComponent(key)}`);
  const link = connect.headers.get('location');
  if (connect.status !== 302 || !link || link.startsWith('.'))
    throw new Error(`no magic link for ${key} (status ${connect.status})`);
  return link;
}

/** Approves (or denies) on the emulator's consent page and follows the redirect to the verify route. */
export async function decideOnConsentPage(
  browser: OneBrowser,
  link: string,
  decision: 'approve' | 'deny' = 'approve',
): Promise<PersonResult> {
  const consentPage = await browser.fetch(link);
  if (!consentPage.ok) throw new Error(`consent page answered ${consentPage.status}`);
  const answer = await browser.fetch(link, { method: 'POST', body: new URLSearchParams({ decision }) });
  const verifyUrl = answer.headers.get('location') ?? undefined;
  if (!verifyUrl) return { verifyUrl, verifyStatus: undefined, verifyHtml: undefined };
  const verify = await browser.fetch(verifyUrl);
  return { verifyUrl, verifyStatus: verify.status, verifyHtml: await verify.text() };
}

/**
 * Does what a person does on the live-view page, in one browser: press the connector's button (a
 * new tab), approve on the provider's consent page, and come back through the verify route.
 */
export async function authorizeAsPerson(
  pageUrl: string,
  key: string,
  decision: 'approve' | 'deny' = 'approve',
  browser: OneBrowser = new OneBrowser(),
): Promise<PersonResult> {
  return decideOnConsentPage(browser, await pressConnect(browser, pageUrl, key), decision);
}

/** Waits until the page shows the connector's button (the gate is in its consent phase). */
export async function waitForConsentPhase(pageUrl: string, timeoutMs = 60_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    const state = (await (await fetch(`${pageUrl}/state`)).json()) as { phase: string };
    if (state.phase === 'authorize') return;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error('the run page never asked for authorization');
}

/** The account's status as Scalekit reports it, read through the real SDK (not the emulator's admin API). */
export async function accountStatusViaSdk(
  credentials: { envUrl: string; clientId: string; clientSecret: string },
  connection: string,
  identifier: string,
): Promise<AccountStatus> {
  const sdk = new ScalekitClient(credentials.envUrl, credentials.clientId, credentials.clientSecret);
  const { connectedAccount } = await sdk.actions.getConnectedAccount({ connectionName: connection, identifier });
  return statusName(connectedAccount?.status);
}
