import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Environment } from '../environment.js';
import { ProviderError, type ProxyResponse } from '../sandboxes/sandbox.js';
import { readBody, sendJson } from '../transport/http-io.js';

function parseBody(text: string, contentType: string | undefined): unknown {
  if (text === '') return undefined;
  if (contentType?.includes('json') || /^[[{]/.test(text.trimStart())) {
    try {
      return JSON.parse(text) as unknown;
    } catch {
      throw new ProviderError(400, 'invalid_json', 'Error parsing JSON body.');
    }
  }
  return text;
}

function errorResponse(error: ProviderError): ProxyResponse {
  const headers: Record<string, string> = {};
  if (error.options.retryAfterSeconds !== undefined) headers['retry-after'] = String(error.options.retryAfterSeconds);
  return {
    status: error.status,
    headers,
    body: error.options.body ?? { error: { code: error.code, message: error.message, status: error.status } },
  };
}

/**
 * `/proxy/<provider path>`: `actions.request` of the SDK. Routed by the `connection_name` and
 * `identifier` headers to that account's sandbox; refused unless the account is ACTIVE.
 */
export async function handleProxy(
  env: Environment,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
): Promise<void> {
  const started = Date.now();
  const path = url.pathname.slice('/proxy'.length) || '/';
  const connector = req.headers['connection_name'] as string | undefined;
  const identifier = req.headers['identifier'] as string | undefined;
  const respond = (response: ProxyResponse): void => {
    env.calls.record({
      kind: 'proxy',
      name: path,
      connector,
      identifier,
      status: String(response.status),
      durationMs: Date.now() - started,
    });
    sendJson(res, response.status, response.body, response.headers);
  };
  try {
    if (!env.clientTokens.isAuthorized(req.headers.authorization)) {
      return respond({ status: 401, body: { error: 'unauthenticated', message: 'missing or invalid bearer token' } });
    }
    if (!connector || !identifier) {
      return respond({
        status: 400,
        body: { error: 'invalid_request', message: 'the connection_name and identifier headers are required' },
      });
    }
    const connection = env.connections.get(connector);
    if (!connection) {
      return respond({
        status: 404,
        body: {
          error: 'connection_not_found',
          message: `connection not found: no connection named "${connector}" in this environment`,
        },
      });
    }
    const account = env.accounts.find({ connector, identifier });
    if (!account) {
      return respond({
        status: 404,
        body: { error: 'connected_account_not_found', message: 'connected account not found' },
      });
    }
    if (account.status !== 'ACTIVE') {
      return respond({
        status: 403,
        body: {
          error: 'connected_account_not_active',
          status: account.status,
          message: `connected account is ${account.status}; the user must authorize it again`,
        },
      });
    }
    env.accounts.refreshIfDue(account);
    await env.faults.apply({ kind: 'proxy', name: path, connector, identifier }, (effect) =>
      effect.type === 'rate_limit'
        ? new ProviderError(429, 'rate_limited', 'You have been rate limited. Please try again later.', {
            retryAfterSeconds: effect.retryAfterSeconds,
          })
        : new ProviderError(Number(effect.code) || 500, effect.code, effect.message ?? 'injected provider error'),
    );
    const body = parseBody(await readBody(req), req.headers['content-type']);
    const response = await env.sandboxes.sandboxFor(connection, identifier).handleRequest({
      method: (req.method ?? 'GET').toUpperCase(),
      path,
      query: url.searchParams,
      headers: Object.fromEntries(
        Object.entries(req.headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(', ') : v]),
      ),
      body,
    });
    env.accounts.touch(account);
    return respond(response);
  } catch (error) {
    if (error instanceof ProviderError) return respond(errorResponse(error));
    throw error;
  }
}
