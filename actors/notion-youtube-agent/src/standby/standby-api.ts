// The Standby HTTP API. Every route but the readiness probe, the index and the consent flow's
// browser pages (consent, verify) needs an API key; the key alone says whose Notion is used (no request field can),
// and a task is visible only to the caller who created it.
//
//   GET  /                      readiness probe (header x-apify-container-server-readiness-probe), else an index
//   POST /tasks                 run structured research or a free-text task for the caller -> 202 {id, status, links}
//   GET  /tasks                 the caller's tasks held by this server
//   GET  /tasks/{id}            status, progress and result
//   GET  /connect/{connector}   {status: 'ACTIVE'} or a fresh consent link {url} for the caller (never logged)
//   GET  /consent/{ticket}      that consent link (browser): binds the consent to this browser, then the magic link
//   GET  /verify                where the consent flow returns (browser; bound to the link's caller and browser)

import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  accountErrorAnswer,
  ConnectorAuthorizationRequiredError,
  OperatorOnlyConnectorError,
  writeApiKeyRefusal,
  type ApiKeyCaller,
  type StandbyGate,
} from '@repo/auth-gate/standby';
import type { Connectors } from '../accounts.js';
import { InputError } from '../errors.js';
import type { ActorInput } from '../input.js';
import { callerRef } from './caller-ref.js';
import { readJsonBody, sendError, sendJson, sendRedirect, sendVerifyPage } from './http-io.js';
import type { StandbyLimits } from './standby-config.js';
import { parseTaskRequest, TASK_FIELDS } from './task-request.js';
import type { TaskHandles } from './task-runner.js';
import type { TaskRecord, TaskStore } from './task-store.js';

export const READINESS_PROBE_HEADER = 'x-apify-container-server-readiness-probe';

export interface StandbyApiDeps {
  gate: Pick<StandbyGate<Connectors>, 'guard' | 'forCaller' | 'consentLink' | 'openConsent' | 'verify'>;
  store: TaskStore;
  limits: StandbyLimits;
  /** The operator's ANTHROPIC_API_KEY: free-text tasks are offered only with it. */
  anthropicApiKey: string | undefined;
  /** Starts an opened task's work in the background; must not throw. */
  start: (task: TaskRecord, input: ActorInput, handles: TaskHandles) => void;
  log: { info: (message: string) => void; warning: (message: string) => void; error: (message: string) => void };
}

type Handler = (req: IncomingMessage, res: ServerResponse) => Promise<void>;

const CONNECTORS: readonly Connectors[] = ['notion', 'youtube'];

function isConnector(value: string): value is Connectors {
  return (CONNECTORS as readonly string[]).includes(value);
}

export function taskLinks(task: Pick<TaskRecord, 'id' | 'notionPageUrl'>): Record<string, string> {
  return { self: `/tasks/${task.id}`, ...(task.notionPageUrl ? { notionPage: task.notionPageUrl } : {}) };
}

/** A task as its caller sees it: everything but the owner reference. */
export function taskView(task: TaskRecord): Record<string, unknown> {
  const { owner: _owner, ...rest } = task;
  return { ...rest, links: taskLinks(task) };
}

/** A line of GET /tasks: enough to pick a task, without its steps and result. */
function taskSummary(task: TaskRecord): Record<string, unknown> {
  const { id, status, mode, createdAt, finishedAt, summary } = task;
  return { id, status, mode, createdAt, finishedAt, summary, links: taskLinks(task) };
}

function decodeSegment(segment: string): string | undefined {
  try {
    return decodeURIComponent(segment);
  } catch {
    return undefined;
  }
}

/**
 * Apify's Standby gateway authenticates callers with an Apify token, which may arrive here in the
 * Authorization header. It is not ours to check: refuse it locally rather than send it to Scalekit.
 */
function isApifyToken(authorization: string | undefined): boolean {
  return authorization !== undefined && /^\s*Bearer\s+apify_api_/i.test(authorization);
}

export function createStandbyApi(deps: StandbyApiDeps): Handler {
  const { gate, store, limits } = deps;

  async function authenticate(req: IncomingMessage, res: ServerResponse): Promise<ApiKeyCaller | undefined> {
    // X-Api-Key, when given, carries the key and Authorization is left to the platform's token.
    const alternative = req.headers['x-api-key'];
    if (typeof alternative === 'string' && alternative.trim() !== '')
      req.headers.authorization = `Bearer ${alternative.trim()}`;
    if (isApifyToken(req.headers.authorization)) {
      sendError(
        res,
        401,
        {
          error: 'apify_token_not_accepted',
          message:
            'This is an Apify token, not an API key of this service. Send the API key in "X-Api-Key: <key>" (or in Authorization, with the Apify token as ?token=).',
        },
        { 'www-authenticate': 'Bearer error="invalid_token"' },
      );
      return undefined;
    }
    const auth = await gate.guard(req);
    if (auth.ok) return auth.caller;
    // The refusal's error is for this log only; it holds the reason, never the key.
    if (auth.status === 503) deps.log.warning(`API keys cannot be checked: ${auth.error.message}`);
    writeApiKeyRefusal(res, auth);
    return undefined;
  }

  /** Errors of the caller's accounts as answers; false when the error is not one of them. */
  function sendAccountError(res: ServerResponse, error: unknown): boolean {
    const answer = accountErrorAnswer(error, {
      connectPath: (connector) => `/connect/${connector}`,
      retryAfterSecs: limits.retryAfterSecs,
    });
    if (answer === undefined) return false;
    if (answer.log !== undefined) deps.log[answer.log.level](answer.log.message);
    sendError(res, answer.status, answer.body, answer.headers);
    return true;
  }

  async function createTask(req: IncomingMessage, res: ServerResponse, caller: ApiKeyCaller): Promise<void> {
    const body = await readJsonBody(req, limits.maxBodyBytes);
    if (!body.ok) return sendError(res, body.status, body.body, body.headers);
    let input: ActorInput;
    try {
      input = parseTaskRequest(body.value, {
        anthropicApiKey: deps.anthropicApiKey,
        maxYoutubeQuotaUnits: limits.maxYoutubeQuotaUnits,
      });
    } catch (error) {
      if (error instanceof InputError) return sendError(res, 400, { error: 'invalid_input', message: error.message });
      throw error;
    }
    const owner = callerRef(caller);
    const reservation = store.reserve(owner);
    if (!reservation.ok) {
      const retryAfter = { 'retry-after': String(limits.retryAfterSecs) };
      return reservation.reason === 'too_many_tasks'
        ? sendError(
            res,
            429,
            {
              error: 'too_many_tasks',
              message: `You already have ${limits.maxRunningTasksPerCaller} task(s) running; wait for one to finish, then send this again.`,
            },
            retryAfter,
          )
        : sendError(
            res,
            503,
            { error: 'server_busy', message: 'This server is at its task limit; try again shortly.' },
            retryAfter,
          );
    }
    let handles: TaskHandles;
    try {
      handles = await gate.forCaller(caller).connect(['notion', 'youtube']);
    } catch (error) {
      reservation.cancel();
      if (sendAccountError(res, error)) return;
      throw error;
    }
    const task = reservation.open(input.mode);
    deps.start(task, input, handles);
    sendJson(res, 202, { id: task.id, status: task.status, links: taskLinks(task) }, { location: `/tasks/${task.id}` });
  }

  async function connect(res: ServerResponse, caller: ApiKeyCaller, connector: string): Promise<void> {
    if (!isConnector(connector)) {
      return sendError(res, 404, {
        error: 'unknown_connector',
        message: `No connector "${connector}" here; callers connect "notion".`,
      });
    }
    // The shared YouTube account is the operator's to connect (`auth-gate connect`), never a caller's.
    if (connector === 'youtube') {
      sendAccountError(res, new OperatorOnlyConnectorError(connector));
      return;
    }
    try {
      await gate.forCaller(caller).connect([connector]);
      return sendJson(res, 200, { connector, status: 'ACTIVE' });
    } catch (error) {
      if (!(error instanceof ConnectorAuthorizationRequiredError)) {
        if (sendAccountError(res, error)) return;
        throw error;
      }
      const status = error.connectors[0]?.status ?? 'PENDING_AUTH';
      try {
        // For this authenticated caller only: it goes in this answer and nowhere else. It is a start
        // link on this server: the first browser to open it is the only one that can finish consent.
        const link = await gate.consentLink(caller, connector);
        return sendJson(res, 200, { connector, status, url: link.url });
      } catch (linkError) {
        if (sendAccountError(res, linkError)) return;
        throw linkError;
      }
    }
  }

  function openConsent(req: IncomingMessage, res: ServerResponse, ticket: string): void {
    const opened = gate.openConsent(ticket, req.headers.cookie);
    if (!opened.ok)
      return sendVerifyPage(res, false, 'Consent link not usable', opened.message, undefined, {
        status: 403,
        reason: opened.reason,
      });
    sendRedirect(res, opened.location, { 'set-cookie': opened.setCookie });
  }

  async function verify(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const outcome = await gate.verify(
      url.searchParams.get('auth_request_id') ?? '',
      url.searchParams.get('state') ?? '',
      req.headers.cookie,
    );
    if (!outcome.ok) {
      return sendVerifyPage(res, false, 'Not connected', outcome.message, undefined, {
        status: outcome.reason === 'other_browser' ? 403 : 400,
        reason: outcome.reason,
      });
    }
    const label = outcome.connector === 'notion' ? 'Notion' : outcome.connector;
    return sendVerifyPage(
      res,
      true,
      `${label} connected`,
      `${label} is connected for your API key. You can close this tab and send your request again.`,
      outcome.redirectUrl,
      {
        ...(outcome.setCookie ? { setCookie: outcome.setCookie } : {}),
      },
    );
  }

  function index(res: ServerResponse): void {
    sendJson(res, 200, {
      service: 'Notion YouTube Research Agent (Standby API)',
      authentication: 'Authorization: Bearer <API key> (or X-Api-Key: <API key>)',
      endpoints: {
        'POST /tasks': `run a task; JSON body with "topic" (structured research)${deps.anthropicApiKey ? ' or "task" (free text for Claude)' : ''}; fields: ${TASK_FIELDS.join(', ')}`,
        'GET /tasks': 'your tasks',
        'GET /tasks/{id}': 'status, progress and result of one of your tasks',
        'GET /connect/notion': 'whether your Notion is connected, or a consent link to open in a browser',
      },
    });
  }

  function allow(res: ServerResponse, method: string | undefined, allowed: string[]): boolean {
    if (allowed.includes(method ?? '')) return true;
    sendError(
      res,
      405,
      { error: 'method_not_allowed', message: `Use ${allowed.join(' or ')} here.` },
      { allow: allowed.join(', ') },
    );
    return false;
  }

  return async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://standby.invalid');
    const path = url.pathname.length > 1 ? url.pathname.replace(/\/+$/, '') : url.pathname;
    if (path === '/') {
      if (!allow(res, req.method, ['GET', 'HEAD'])) return;
      if (req.headers[READINESS_PROBE_HEADER] !== undefined) {
        res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' }).end('ok');
        return;
      }
      return index(res);
    }
    if (path === '/verify') {
      if (!allow(res, req.method, ['GET'])) return;
      return verify(req, res, url);
    }
    const segments = path.split('/').slice(1).map(decodeSegment);
    const [head, id, ...rest] = segments;
    // Opened by a browser, with no API key: the ticket in the path is the capability.
    if (head === 'consent' && id !== undefined && rest.length === 0) {
      if (!allow(res, req.method, ['GET'])) return;
      return openConsent(req, res, id);
    }
    const known =
      rest.length === 0 &&
      !segments.includes(undefined) &&
      (head === 'tasks' || (head === 'connect' && id !== undefined));
    if (!known || head === undefined) {
      return sendError(res, 404, {
        error: 'not_found',
        message: `Nothing at ${url.pathname}; GET / lists the endpoints.`,
      });
    }
    const methods = head === 'tasks' && id === undefined ? ['GET', 'POST'] : ['GET'];
    if (!allow(res, req.method, methods)) return;

    const caller = await authenticate(req, res);
    if (caller === undefined) return;
    if (head === 'connect') return connect(res, caller, id ?? '');
    if (id === undefined) {
      if (req.method === 'POST') return createTask(req, res, caller);
      return sendJson(res, 200, { tasks: store.list(callerRef(caller)).map(taskSummary) });
    }
    const task = await store.get(id, callerRef(caller));
    // Someone else's task answers exactly as a task that does not exist.
    if (task === undefined)
      return sendError(res, 404, { error: 'task_not_found', message: `No task ${id} of yours here.` });
    return sendJson(res, 200, taskView(task));
  };
}
