// Small HTTP helpers of the Standby API: JSON answers that no cache keeps, a bounded body reader,
// and the one HTML page (the end of the consent flow, seen in the caller's browser).

import type { IncomingMessage, ServerResponse } from 'node:http';
import { escapeHtml } from '@repo/auth-gate';

export interface ErrorBody {
  error: string;
  message: string;
  [more: string]: unknown;
}

const JSON_HEADERS = {
  'content-type': 'application/json; charset=utf-8',
  // Task results and consent links are for one caller: no shared cache may keep them.
  'cache-control': 'no-store',
  'x-content-type-options': 'nosniff',
};

export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  res.writeHead(status, { ...JSON_HEADERS, ...headers }).end(JSON.stringify(body));
}

export function sendError(
  res: ServerResponse,
  status: number,
  body: ErrorBody,
  headers: Record<string, string> = {},
): void {
  sendJson(res, status, body, headers);
}

export type BodyRead =
  { ok: true; value: unknown } | { ok: false; status: 400 | 413; body: ErrorBody; headers: Record<string, string> };

function tooLarge(maxBytes: number): BodyRead {
  return {
    ok: false,
    status: 413,
    body: { error: 'payload_too_large', message: `The body is larger than this server accepts (${maxBytes} bytes).` },
    // The rest of the body is not read: the connection cannot be reused.
    headers: { connection: 'close' },
  };
}

/**
 * The request body as JSON, refusing more than `maxBytes` (by Content-Length before reading, or
 * while reading). The excess is drained, not buffered, so the 413 still reaches the client.
 */
export function readJsonBody(req: IncomingMessage, maxBytes: number): Promise<BodyRead> {
  return new Promise((resolve) => {
    const declared = Number(req.headers['content-length']);
    if (Number.isFinite(declared) && declared > maxBytes) {
      req.resume();
      resolve(tooLarge(maxBytes));
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let settled = false;
    const settle = (result: BodyRead): void => {
      if (settled) return;
      settled = true;
      chunks.length = 0;
      resolve(result);
    };
    req.on('data', (chunk: Buffer) => {
      if (settled) return;
      size += chunk.length;
      if (size > maxBytes) settle(tooLarge(maxBytes));
      else chunks.push(chunk);
    });
    req.on('error', () =>
      settle({
        ok: false,
        status: 400,
        body: { error: 'invalid_body', message: 'The request body could not be read.' },
        headers: {},
      }),
    );
    req.on('end', () => {
      if (settled) return;
      const text = Buffer.concat(chunks).toString('utf8');
      try {
        settle({ ok: true, value: text.trim() === '' ? undefined : (JSON.parse(text) as unknown) });
      } catch {
        settle({
          ok: false,
          status: 400,
          body: { error: 'invalid_json', message: 'The body is not valid JSON.' },
          headers: {},
        });
      }
    });
  });
}

const PAGE_HEADERS = {
  'content-type': 'text/html; charset=utf-8',
  'cache-control': 'no-store',
  // The verify address carries an auth request id: never pass it on as a referrer.
  'referrer-policy': 'no-referrer',
  'x-content-type-options': 'nosniff',
  // Never framed by anyone (X-Frame-Options for browsers that predate frame-ancestors).
  'content-security-policy':
    "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
  'x-frame-options': 'DENY',
};

/** A browser redirect of the consent flow (to the magic link); its address is never passed on as a referrer. */
export function sendRedirect(res: ServerResponse, location: string, headers: Record<string, string> = {}): void {
  res
    .writeHead(302, {
      location,
      'cache-control': 'no-store',
      'referrer-policy': 'no-referrer',
      'x-frame-options': 'DENY',
      ...headers,
    })
    .end();
}

/** The page the caller's browser lands on after approving (the verify route), or when a consent link cannot be used. */
export function sendVerifyPage(
  res: ServerResponse,
  ok: boolean,
  title: string,
  message: string,
  continueUrl: string | undefined,
  extra: { status?: number; reason?: string; setCookie?: string } = {},
): void {
  const href = continueUrl !== undefined && /^https?:\/\//i.test(continueUrl) ? continueUrl : undefined;
  const link = ok && href !== undefined ? `<p><a href="${escapeHtml(href)}">Continue</a></p>` : '';
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title>
<style>body{font-family:system-ui,sans-serif;max-width:560px;margin:48px auto;padding:0 16px}</style></head><body>
<h1 data-testid="verify-result" data-ok="${ok ? 'true' : 'false'}"${extra.reason ? ` data-reason="${escapeHtml(extra.reason)}"` : ''}>${escapeHtml(title)}</h1>
<p>${escapeHtml(message)}</p>${link}</body></html>`;
  res
    .writeHead(extra.status ?? (ok ? 200 : 400), {
      ...PAGE_HEADERS,
      ...(extra.setCookie ? { 'set-cookie': extra.setCookie } : {}),
    })
    .end(html);
}
