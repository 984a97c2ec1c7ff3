import type { JsonObject, ProxyRequest, ProxyResponse } from '../sandbox.js';
import { isObject } from '../../json-object.js';
import type { NotionApi } from './notion-api.js';
import { fieldError, notionError } from './notion-errors.js';

/** The API version this sandbox implements; Notion requires the header on every request. */
export const NOTION_VERSION = '2022-06-28';

function checkVersion(headers: ProxyRequest['headers']): void {
  const version = headers['notion-version'];
  if (version === undefined || version === '') {
    throw notionError(
      400,
      'missing_version',
      'Notion-Version header failed validation: Notion-Version header should be defined, instead was `undefined`.',
    );
  }
  if (version !== NOTION_VERSION) {
    // Other versions change response shapes (2025-09-03 data sources); better refused than mimicked wrongly.
    throw notionError(
      400,
      'validation_error',
      `Notion-Version header failed validation: this sandbox implements \`${NOTION_VERSION}\`, instead was \`${version}\`.`,
    );
  }
}

function bodyOf(request: ProxyRequest): JsonObject {
  if (request.body === undefined || request.body === null) return {};
  if (typeof request.body === 'string') throw notionError(400, 'invalid_json', 'Error parsing JSON body.');
  if (!isObject(request.body)) throw fieldError('body', 'should be an object', request.body);
  return request.body;
}

/** `m` holds the decoded path captures, `m[1]` the id. */
type Handler = (api: NotionApi, m: readonly string[], request: ProxyRequest) => JsonObject;

const ID = '([^/]+)';
const ROUTES: { method: string; pattern: RegExp; handle: Handler }[] = [
  { method: 'POST', pattern: /^\/v1\/search$/, handle: (api, _m, req) => api.search(bodyOf(req)) },
  { method: 'GET', pattern: /^\/v1\/users\/me$/, handle: (api) => api.me() },
  { method: 'GET', pattern: /^\/v1\/users$/, handle: (api) => api.listUsers() },
  { method: 'GET', pattern: new RegExp(`^/v1/users/${ID}$`), handle: (api, m) => api.retrieveUser(m[1]) },
  { method: 'POST', pattern: /^\/v1\/pages$/, handle: (api, _m, req) => api.createPage(bodyOf(req)) },
  { method: 'GET', pattern: new RegExp(`^/v1/pages/${ID}$`), handle: (api, m) => api.retrievePage(m[1]) },
  {
    method: 'PATCH',
    pattern: new RegExp(`^/v1/pages/${ID}$`),
    handle: (api, m, req) => api.updatePage(m[1], bodyOf(req)),
  },
  {
    method: 'GET',
    pattern: new RegExp(`^/v1/blocks/${ID}/children$`),
    handle: (api, m, req) =>
      api.listChildren(m[1], req.query.get('start_cursor') ?? undefined, req.query.get('page_size') ?? undefined),
  },
  {
    method: 'PATCH',
    pattern: new RegExp(`^/v1/blocks/${ID}/children$`),
    handle: (api, m, req) => api.appendChildren(m[1], bodyOf(req)),
  },
  { method: 'GET', pattern: new RegExp(`^/v1/blocks/${ID}$`), handle: (api, m) => api.retrieveBlock(m[1]) },
  {
    method: 'PATCH',
    pattern: new RegExp(`^/v1/blocks/${ID}$`),
    handle: (api, m, req) => api.updateBlock(m[1], bodyOf(req)),
  },
  { method: 'DELETE', pattern: new RegExp(`^/v1/blocks/${ID}$`), handle: (api, m) => api.deleteBlock(m[1]) },
  { method: 'POST', pattern: /^\/v1\/databases$/, handle: (api, _m, req) => api.createDatabase(bodyOf(req)) },
  { method: 'GET', pattern: new RegExp(`^/v1/databases/${ID}$`), handle: (api, m) => api.retrieveDatabase(m[1]) },
  {
    method: 'PATCH',
    pattern: new RegExp(`^/v1/databases/${ID}$`),
    handle: (api, m, req) => api.updateDatabase(m[1], bodyOf(req)),
  },
  {
    method: 'POST',
    pattern: new RegExp(`^/v1/databases/${ID}/query$`),
    handle: (api, m, req) => api.queryDatabase(m[1], bodyOf(req)),
  },
];

function decodeCaptures(match: RegExpMatchArray): string[] {
  try {
    return match.map((part) => decodeURIComponent(part));
  } catch {
    throw notionError(400, 'invalid_request_url', 'Invalid request URL.');
  }
}

/** Routes one proxied request (`/v1/...`) to the API; errors are thrown as Notion-shaped ProviderErrors. */
export function routeNotionRequest(api: NotionApi, request: ProxyRequest): ProxyResponse {
  checkVersion(request.headers);
  const path = request.path.replace(/\/+$/, '');
  for (const route of ROUTES) {
    const match = path.match(route.pattern);
    if (match && route.method === request.method) {
      return { status: 200, body: route.handle(api, decodeCaptures(match), request) };
    }
  }
  const known = ROUTES.some((route) => route.pattern.test(path));
  throw known
    ? notionError(400, 'invalid_request', `Unsupported request: ${request.method} ${path}.`)
    : notionError(400, 'invalid_request_url', 'Invalid request URL.');
}
