import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { bindingSetCookie, clearBindingCookie, cookieScopeOf, presentedNonce } from '../core/browser-binding.js';
import type { StartedLink } from './consent-session.js';
import { renderRunBody, renderRunPage, renderVerifyResult } from './run-page-html.js';
import type { RunPageState } from './run-page-state.js';

export interface VerifyOutcome {
  ok: boolean;
  /** `other_browser`: the link was opened in a browser that did not press Connect for it. */
  reason: 'connected' | 'unknown' | 'other_browser' | 'refused';
  label: string;
  message: string;
  redirectUrl: string | undefined;
}

export interface LiveViewHandlers {
  /** Where `/connect/<key>` sends the browser (a fresh magic link) and its binding, or undefined when nothing is pending. */
  connect(key: string): Promise<StartedLink | undefined>;
  /** `nonce`: what the browser's binding cookie for `state` holds, if it has one. */
  verify(authRequestId: string, state: string, nonce: string | undefined): Promise<VerifyOutcome>;
}

export interface LiveViewServerOptions {
  /** The page's public address: the binding cookie's Path and Secure come from it. */
  publicUrl: () => string;
  /** Whether Apify Console may frame the run page (its Live View tab); false: no one may (CLI page). */
  embeddable: boolean;
}

/** Apify Console, which shows the run page in its Live View tab (an iframe of the container URL). */
export const APIFY_CONSOLE_ORIGIN = 'https://console.apify.com';

const CSP =
  "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; connect-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'none'";

function pageHeaders(framedBy: string | undefined): Record<string, string> {
  return {
    'content-type': 'text/html; charset=utf-8',
    'cache-control': 'no-store',
    // The verify URL carries an auth request id; never hand it to the next site as a referrer.
    'referrer-policy': 'no-referrer',
    'x-content-type-options': 'nosniff',
    // X-Frame-Options cannot name an allowed origin (ALLOW-FROM is obsolete and ignored), so a page
    // that Console may frame relies on frame-ancestors alone; every other page sends both.
    ...(framedBy
      ? { 'content-security-policy': `${CSP}; frame-ancestors ${framedBy}` }
      : { 'content-security-policy': `${CSP}; frame-ancestors 'none'`, 'x-frame-options': 'DENY' }),
  };
}

/** The page's address on this machine: the host it listens on, or localhost when it listens on all. */
export function localPageUrl(host: string | undefined, port: number): string {
  const name = !host || host === '0.0.0.0' || host === '::' ? 'localhost' : host.includes(':') ? `[${host}]` : host;
  return `http://${name}:${port}`;
}

/** Pages that are never framed: the verify result, errors, the CLI's page. */
const UNFRAMED_HEADERS = pageHeaders(undefined);

/** The HTTP server on the Actor's live-view port: the run page, its live updates, connect and verify. */
export class LiveViewServer {
  readonly #server: http.Server;
  readonly #streams = new Set<http.ServerResponse>();
  #port = 0;

  constructor(
    private readonly page: RunPageState,
    private readonly handlers: LiveViewHandlers,
    private readonly options: LiveViewServerOptions,
  ) {
    this.#server = http.createServer((req, res) => {
      this.#route(req, res).catch(() => {
        if (!res.headersSent) res.writeHead(500, UNFRAMED_HEADERS);
        res.end('Internal error');
      });
    });
    page.on('change', (snapshot) => {
      const data = JSON.stringify({ version: snapshot.version, html: renderRunBody(snapshot) });
      for (const stream of this.#streams) stream.write(`data: ${data}\n\n`);
    });
  }

  get port(): number {
    return this.#port;
  }

  async listen(port: number, host?: string): Promise<number> {
    await new Promise<void>((resolve, reject) => {
      const onError = (error: Error) => reject(error);
      this.#server.once('error', onError);
      this.#server.listen(port, host, () => {
        this.#server.off('error', onError);
        resolve();
      });
    });
    this.#port = (this.#server.address() as AddressInfo).port;
    return this.#port;
  }

  async close(): Promise<void> {
    for (const stream of this.#streams) stream.end();
    this.#streams.clear();
    this.#server.closeAllConnections();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }

  async #route(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://live-view.local');
    if (req.headers['x-apify-container-server-readiness-probe']) {
      res.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { allow: 'GET' }).end();
      return;
    }
    const path = url.pathname;
    if (path === '/' || path === '') {
      res
        .writeHead(200, pageHeaders(this.options.embeddable ? APIFY_CONSOLE_ORIGIN : undefined))
        .end(renderRunPage(this.page.snapshot()));
      return;
    }
    if (path === '/state') {
      const snapshot = this.page.snapshot();
      res
        .writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' })
        .end(
          JSON.stringify({ version: snapshot.version, phase: snapshot.phase, snapshot, html: renderRunBody(snapshot) }),
        );
      return;
    }
    if (path === '/events') {
      res.writeHead(200, {
        'content-type': 'text/event-stream',
        'cache-control': 'no-store',
        connection: 'keep-alive',
      });
      const snapshot = this.page.snapshot();
      res.write(`data: ${JSON.stringify({ version: snapshot.version, html: renderRunBody(snapshot) })}\n\n`);
      this.#streams.add(res);
      const keepAlive = setInterval(() => res.write(': keep-alive\n\n'), 15_000);
      req.on('close', () => {
        clearInterval(keepAlive);
        this.#streams.delete(res);
      });
      return;
    }
    const connect = /^\/connect\/([^/]+)$/.exec(path);
    if (connect?.[1]) {
      const started = await this.handlers.connect(decodeURIComponent(connect[1]));
      const redirect = {
        'cache-control': 'no-store',
        'referrer-policy': 'no-referrer',
        'content-security-policy': "frame-ancestors 'none'",
        'x-frame-options': 'DENY',
      };
      if (!started) {
        res.writeHead(302, { ...redirect, location: '../' }).end();
        return;
      }
      // The button opens this route as a top-level tab, so the cookie is first-party even when the
      // run page itself sits in Console's iframe (where browsers block or partition cookies).
      res
        .writeHead(302, {
          ...redirect,
          location: started.location,
          'set-cookie': bindingSetCookie(started.state, started.nonce, this.#scope()),
        })
        .end();
      return;
    }
    if (path === '/verify') {
      const authRequestId = url.searchParams.get('auth_request_id') ?? '';
      const state = url.searchParams.get('state') ?? '';
      const scope = this.#scope();
      const outcome = await this.handlers.verify(
        authRequestId,
        state,
        presentedNonce(req.headers.cookie, state, scope),
      );
      const status = outcome.ok ? 200 : outcome.reason === 'other_browser' ? 403 : 400;
      res
        .writeHead(status, {
          ...UNFRAMED_HEADERS,
          ...(outcome.ok && state ? { 'set-cookie': clearBindingCookie(state, scope) } : {}),
        })
        .end(renderVerifyResult(outcome.ok, outcome.label, outcome.message, outcome.redirectUrl, outcome.reason));
      return;
    }
    res.writeHead(404, { 'content-type': 'text/plain' }).end('Not found');
  }

  #scope() {
    return cookieScopeOf(this.options.publicUrl());
  }
}
