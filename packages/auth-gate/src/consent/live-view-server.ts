import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { renderRunBody, renderRunPage, renderVerifyResult } from './run-page-html.js';
import type { RunPageState } from './run-page-state.js';

export interface VerifyOutcome {
  ok: boolean;
  label: string;
  message: string;
  redirectUrl: string | undefined;
}

export interface LiveViewHandlers {
  /** Where `/connect/<key>` sends the browser (a fresh magic link), or undefined when nothing is pending. */
  connect(key: string): Promise<string | undefined>;
  verify(authRequestId: string, state: string): Promise<VerifyOutcome>;
}

const PAGE_HEADERS = {
  'content-type': 'text/html; charset=utf-8',
  'cache-control': 'no-store',
  // The verify URL carries an auth request id; never hand it to the next site as a referrer.
  'referrer-policy': 'no-referrer',
  'x-content-type-options': 'nosniff',
  // Framing stays allowed: the Apify Console shows this page in its Live View iframe.
  'content-security-policy':
    "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; connect-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'none'",
};

/** The HTTP server on the Actor's live-view port: the run page, its live updates, connect and verify. */
export class LiveViewServer {
  readonly #server: http.Server;
  readonly #streams = new Set<http.ServerResponse>();
  #port = 0;

  constructor(
    private readonly page: RunPageState,
    private readonly handlers: LiveViewHandlers,
  ) {
    this.#server = http.createServer((req, res) => {
      this.#route(req, res).catch(() => {
        if (!res.headersSent) res.writeHead(500, PAGE_HEADERS);
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
      res.writeHead(200, PAGE_HEADERS).end(renderRunPage(this.page.snapshot()));
      return;
    }
    if (path === '/state') {
      const snapshot = this.page.snapshot();
      res
        .writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' })
        .end(JSON.stringify({ version: snapshot.version, phase: snapshot.phase, snapshot, html: renderRunBody(snapshot) }));
      return;
    }
    if (path === '/events') {
      res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'keep-alive' });
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
      const target = await this.handlers.connect(decodeURIComponent(connect[1]));
      res.writeHead(302, { location: target ?? '../', 'cache-control': 'no-store', 'referrer-policy': 'no-referrer' }).end();
      return;
    }
    if (path === '/verify') {
      const authRequestId = url.searchParams.get('auth_request_id') ?? '';
      const state = url.searchParams.get('state') ?? '';
      const outcome = await this.handlers.verify(authRequestId, state);
      res
        .writeHead(outcome.ok ? 200 : 400, PAGE_HEADERS)
        .end(renderVerifyResult(outcome.ok, outcome.label, outcome.message, outcome.redirectUrl));
      return;
    }
    res.writeHead(404, { 'content-type': 'text/plain' }).end('Not found');
  }
}
