import { CookieJar } from 'tough-cookie';

/**
 * One person's browser, for tests, the demo and the bench: a cookie jar kept across requests and
 * across each hop of a redirect, as a browser keeps it. Consent is bound to the browser that pressed
 * Connect (a cookie), so the steps of one consent must go through one BrowserSession.
 */
export class BrowserSession {
  readonly jar = new CookieJar();

  /** `fetch` with this browser's cookies; follows redirects itself (unless `redirect: 'manual'`) so each hop gets and sets cookies. */
  async fetch(url: string, init: RequestInit = {}): Promise<Response> {
    let current = url;
    let method = init.method ?? 'GET';
    let body = init.body;
    for (let hop = 0; hop < 20; hop += 1) {
      const cookie = await this.jar.getCookieString(current);
      const headers = new Headers(init.headers);
      if (cookie) headers.set('cookie', cookie);
      const response = await fetch(current, { ...init, method, body, headers, redirect: 'manual' });
      for (const setCookie of response.headers.getSetCookie())
        await this.jar.setCookie(setCookie, current, { ignoreError: true });
      const location = response.headers.get('location');
      if (init.redirect === 'manual' || location === null || response.status < 300 || response.status >= 400)
        return response;
      current = new URL(location, current).toString();
      // As browsers do: 307/308 repeat the method and body, the others become a GET.
      if (response.status !== 307 && response.status !== 308) {
        method = 'GET';
        body = undefined;
      }
    }
    throw new Error(`too many redirects from ${new URL(url).origin}`);
  }
}
