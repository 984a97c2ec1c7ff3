import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Credentials } from '../accounts/account-store.js';
import type { Environment } from '../environment.js';
import { STATIC_CREDENTIAL_FIELDS } from '../sandboxes/sandbox.js';
import { readBody, redirect, sendHtml } from '../transport/http-io.js';
import { consentPage, messagePage } from './consent-page.js';
import type { MagicLink } from './auth-requests.js';

const LINK_PROBLEMS = {
  unknown: ['Link not valid', 'This authorization link is not valid. Ask the application for a new one.', 404],
  expired: ['Link expired', 'This authorization link has expired. Ask the application for a new one.', 410],
  used: ['Link already used', 'This authorization link was already used. Ask the application for a new one.', 410],
} as const;

function withParams(base: string, params: Record<string, string | undefined>): string {
  const url = new URL(base);
  for (const [k, v] of Object.entries(params)) if (v !== undefined) url.searchParams.set(k, v);
  return url.toString();
}

/** `GET|POST /magicLink/<token>` and `GET /connect/success`. Returns false when the path is not ours. */
export async function handleConsent(
  env: Environment,
  req: IncomingMessage,
  res: ServerResponse,
  path: string,
): Promise<boolean> {
  if (path === '/connect/success' && req.method === 'GET') {
    sendHtml(
      res,
      200,
      messagePage('Account connected', 'You can close this tab and return to the application.', 'connected'),
    );
    return true;
  }
  const match = /^\/magicLink\/([A-Za-z0-9_-]+)$/.exec(path);
  if (!match?.[1]) return false;
  const lookup = env.authRequests.lookupLink(match[1]);
  const started = Date.now();
  const log = (status: string, link?: MagicLink) =>
    env.calls.record({
      kind: 'consent',
      name: `${req.method ?? 'GET'} /magicLink`,
      connector: link?.connector,
      identifier: link?.identifier,
      status,
      durationMs: Date.now() - started,
    });
  if (!lookup.ok) {
    const [title, message, status] = LINK_PROBLEMS[lookup.reason];
    log(String(status), 'link' in lookup ? lookup.link : undefined);
    sendHtml(res, status, messagePage(title, message, `link-${lookup.reason}`));
    return true;
  }
  const link = lookup.link;
  const account = env.accounts.find({ id: link.accountId });
  const connection = account && env.connections.get(account.connector);
  if (!account || !connection) {
    log('404', link);
    sendHtml(
      res,
      404,
      messagePage('Account removed', 'The account this link was for no longer exists.', 'link-unknown'),
    );
    return true;
  }
  const view = {
    token: link.token,
    connector: connection.name,
    provider: connection.provider,
    identifier: account.identifier,
    auth: connection.auth,
    scopes: connection.scopes,
    verifies: link.userVerifyUrl !== undefined,
  };
  if (req.method === 'GET') {
    log('200', link);
    sendHtml(res, 200, consentPage(view));
    return true;
  }
  if (req.method !== 'POST') {
    res.writeHead(405, { allow: 'GET, POST' }).end();
    return true;
  }
  const form = new URLSearchParams(await readBody(req));
  if (form.get('decision') !== 'approve') {
    env.authRequests.consumeLink(link);
    log('denied', link);
    sendHtml(
      res,
      200,
      messagePage('Access denied', `You did not connect ${connection.name}. You can close this tab.`, 'denied'),
    );
    return true;
  }
  let credentials: Credentials;
  if (connection.auth === 'OAUTH') {
    credentials = env.accounts.issueOauthCredentials(connection);
  } else {
    const fields = STATIC_CREDENTIAL_FIELDS[connection.auth];
    const missing = fields.filter((f) => !form.get(f));
    if (missing.length > 0) {
      log('400', link);
      sendHtml(res, 400, consentPage({ ...view, error: `Please fill in: ${missing.join(', ')}` }));
      return true;
    }
    credentials = { kind: 'static', details: Object.fromEntries(fields.map((f) => [f, form.get(f) ?? ''])) };
  }
  env.authRequests.consumeLink(link);
  if (link.userVerifyUrl) {
    account.pendingCredentials = credentials;
    env.accounts.setStatus(account, 'PENDING_VERIFICATION');
    const pending = env.authRequests.startVerification(link);
    log('302', link);
    redirect(res, withParams(link.userVerifyUrl, { auth_request_id: pending.authRequestId, state: link.state }));
    return true;
  }
  env.accounts.activate(account, credentials);
  log('approved', link);
  sendHtml(
    res,
    200,
    messagePage('Account connected', `${connection.name} is connected. You can close this tab.`, 'connected'),
  );
  return true;
}
