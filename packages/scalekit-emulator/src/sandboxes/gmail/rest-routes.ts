import type { JsonObject, ProxyRequest, ProxyResponse } from '../sandbox.js';
import type { GmailApi, ListParams } from './gmail-api.js';
import { gmailError, invalidArgumentError } from './gmail-errors.js';
import {
  booleanParam,
  formatParam,
  idParam,
  maxResultsParam,
  optionalStringParam,
  requiredStringParam,
  stringListParam,
  threadFormatParam,
} from './request-params.js';
import { isObject } from '../../json-object.js';

/** The Gmail REST API v1 subset under `/gmail/v1/users/{me|address}/...`, as `actions.request` reaches it. */

const USERS_PATH = /^(\/upload)?\/gmail\/v1\/users\/([^/]+)(\/.*)?$/;

/** Repeated query parameters, also in the `name[]` form axios writes for arrays. */
function repeated(query: URLSearchParams, name: string): string[] {
  return [...query.getAll(name), ...query.getAll(`${name}[]`)];
}

function listParams(query: URLSearchParams): ListParams {
  return {
    q: query.get('q') ?? '',
    labelIds: repeated(query, 'labelIds'),
    maxResults: maxResultsParam(query.get('maxResults') ?? undefined),
    pageToken: query.get('pageToken') ?? undefined,
    includeSpamTrash: booleanParam(query.get('includeSpamTrash') ?? undefined, 'includeSpamTrash'),
  };
}

function jsonBody(body: unknown): JsonObject {
  if (body === undefined || body === null || body === '') return {};
  if (!isObject(body)) throw invalidArgumentError('Invalid JSON payload received.');
  return body;
}

const ok = (body: JsonObject): ProxyResponse => ({ status: 200, body });

function noRoute(method: string, path: string): never {
  throw gmailError(404, 'notFound', `No Gmail API method for ${method} ${path}`);
}

export function handleGmailRequest(api: GmailApi, request: ProxyRequest): ProxyResponse {
  const match = USERS_PATH.exec(request.path);
  if (!match) noRoute(request.method, request.path);
  const upload = match[1] !== undefined;
  const userId = decodeURIComponent(match[2]!);
  if (userId !== 'me' && userId.toLowerCase() !== api.mailbox.address.toLowerCase()) {
    throw gmailError(403, 'forbidden', `Delegation denied for ${userId}`);
  }
  const segments = (match[3] ?? '').split('/').filter(Boolean).map(decodeURIComponent);
  const { method, query } = request;
  const [resource, id, sub, subId, ...rest] = segments;
  if (rest.length > 0) noRoute(method, request.path);

  if (upload) {
    if (method !== 'POST' || resource !== 'messages' || id !== 'send' || sub !== undefined)
      noRoute(method, request.path);
    const text = typeof request.body === 'string' ? request.body : '';
    return ok(
      api.sendMime(Buffer.from(text, 'utf8'), optionalStringParam(query.get('threadId') ?? undefined, 'threadId')),
    );
  }

  if (resource === 'profile' && id === undefined && method === 'GET') return ok(api.profile());

  if (resource === 'messages') {
    if (id === undefined && method === 'GET') return ok(api.listMessages(listParams(query)));
    if (id === 'send' && sub === undefined && method === 'POST') {
      const body = jsonBody(request.body);
      return ok(api.send(body['raw'], optionalStringParam(body['threadId'], 'threadId')));
    }
    if (id !== undefined && sub === undefined && method === 'GET') {
      return ok(
        api.getMessage(
          idParam(id, 'id'),
          formatParam(query.get('format') ?? undefined),
          repeated(query, 'metadataHeaders'),
        ),
      );
    }
    if (id !== undefined && sub === 'modify' && subId === undefined && method === 'POST') {
      const body = jsonBody(request.body);
      return ok(
        api.modify(
          idParam(id, 'id'),
          stringListParam(body['addLabelIds'], 'addLabelIds'),
          stringListParam(body['removeLabelIds'], 'removeLabelIds'),
        ),
      );
    }
    if (id !== undefined && sub === 'attachments' && subId !== undefined && method === 'GET') {
      return ok(api.getAttachment(idParam(id, 'messageId'), requiredStringParam(subId, 'id')));
    }
  }

  if (resource === 'threads' && sub === undefined && method === 'GET') {
    if (id === undefined) return ok(api.listThreads(listParams(query)));
    return ok(
      api.getThread(
        idParam(id, 'id'),
        threadFormatParam(query.get('format') ?? undefined),
        repeated(query, 'metadataHeaders'),
      ),
    );
  }

  if (resource === 'labels' && sub === undefined && method === 'GET') {
    if (id === undefined) return ok(api.listLabels());
    return ok(api.getLabel(id));
  }

  return noRoute(method, request.path);
}
