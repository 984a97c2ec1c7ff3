import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Environment } from '../environment.js';
import { escapeHtml } from '../html/escape.js';
import { sendHtml } from '../transport/http-io.js';
import { callsFilter, callsPage } from './calls-page.js';
import { faultsPage } from './faults-page.js';
import { homePage } from './home-page.js';
import { uiPage } from './layout.js';
import { sandboxPage } from './sandbox-page.js';

/** Whether a path belongs to the web UI: `/`, `/ui` and everything under `/ui/`. */
export function isUiPath(pathname: string): boolean {
  return pathname === '/' || pathname === '/ui' || pathname.startsWith('/ui/');
}

function notFound(res: ServerResponse, message: string): void {
  sendHtml(
    res,
    404,
    uiPage(
      'Not found',
      `<section><p data-testid="not-found">${escapeHtml(message)}</p><p><a href="/">Back to the overview</a></p></section>`,
    ),
  );
}

/** Path segments after `/ui/`, decoded; undefined when one is not valid percent-encoding. */
function segments(pathname: string): string[] | undefined {
  try {
    return pathname.split('/').slice(2).map(decodeURIComponent);
  } catch {
    return undefined;
  }
}

function sendSandbox(env: Environment, res: ServerResponse, connector: string, identifier: string): void {
  const page = sandboxPage(env, connector, identifier);
  sendHtml(res, page.status, page.html);
}

/** The read-only web UI: overview, calls, faults and one page per sandbox. */
export function handleUi(env: Environment, req: IncomingMessage, res: ServerResponse, url: URL): void {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.writeHead(405, { allow: 'GET, HEAD' }).end();
    return;
  }
  const path = url.pathname;
  if (path === '/' || path === '/ui' || path === '/ui/') return sendHtml(res, 200, homePage(env, Date.now()));
  if (path === '/ui/calls') return sendHtml(res, 200, callsPage(env, callsFilter(url.searchParams)));
  if (path === '/ui/faults') return sendHtml(res, 200, faultsPage(env));
  if (path === '/ui/sandbox') {
    // The query form, for identifiers a path cannot carry (`..`, empty).
    const connector = url.searchParams.get('connector');
    const identifier = url.searchParams.get('identifier');
    if (connector !== null && identifier !== null) return sendSandbox(env, res, connector, identifier);
    return notFound(res, 'A sandbox link needs connector and identifier.');
  }
  const parts = segments(path);
  if (parts?.[0] === 'sandboxes' && parts.length === 3) return sendSandbox(env, res, parts[1]!, parts[2]!);
  notFound(res, `There is no page at ${path}.`);
}
