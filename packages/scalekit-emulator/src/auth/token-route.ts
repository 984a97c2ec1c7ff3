import { setTimeout as sleep } from 'node:timers/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Code } from '@connectrpc/connect';
import type { Environment } from '../environment.js';
import { codeFromName } from '../grpc/errors.js';
import { readBody, sendJson } from '../transport/http-io.js';

/** `POST /oauth/token`: the client-credentials grant the SDK calls lazily on Unauthenticated. */
export async function handleTokenRequest(env: Environment, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const started = Date.now();
  let status = 200;
  try {
    for (const effect of env.faults.effectsFor({ kind: 'token', name: '/oauth/token' })) {
      if (effect.type === 'latency') await sleep(effect.ms);
      if (effect.type === 'error') {
        status = Number(effect.code) || (codeFromName(effect.code) === Code.Unavailable ? 503 : 500);
        return sendJson(res, status, {
          error: 'server_error',
          error_description: effect.message ?? 'injected failure',
        });
      }
      if (effect.type === 'rate_limit') {
        status = 429;
        return sendJson(res, 429, { error: 'rate_limited' }, { 'retry-after': String(effect.retryAfterSeconds) });
      }
    }
    if (!(req.headers['content-type'] ?? '').includes('application/x-www-form-urlencoded')) {
      status = 400;
      return sendJson(res, 400, {
        error: 'invalid_request',
        error_description: 'body must be application/x-www-form-urlencoded',
      });
    }
    const grant = env.clientTokens.grant(new URLSearchParams(await readBody(req)));
    status = grant.ok ? 200 : grant.status;
    sendJson(res, status, grant.body);
  } finally {
    env.calls.record({
      kind: 'token',
      name: '/oauth/token',
      connector: undefined,
      identifier: undefined,
      status: String(status),
      durationMs: Date.now() - started,
    });
  }
}
