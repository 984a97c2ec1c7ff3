import type { Connection } from '../accounts/connections.js';
import { escapeHtml } from '../html/escape.js';
import {
  ProviderError,
  type JsonObject,
  type JsonValue,
  type ProxyRequest,
  type ProxyResponse,
  type Sandbox,
  type SandboxContext,
  type SandboxKind,
  type ToolDefinition,
} from './sandbox.js';
import { isObject } from '../json-object.js';

interface Resource {
  id: string;
  name: string;
  data: JsonObject;
  created_time: string;
}

const MAX_PAGE_SIZE = 100;

function stringParam(params: JsonObject, name: string): string {
  const value = params[name];
  if (typeof value !== 'string' || value === '')
    throw new ProviderError(400, 'validation_error', `${name} must be a non-empty string`);
  return value;
}

function prefix(connection: Connection): string {
  return connection.provider.toLowerCase();
}

/** How the upstream request would be authenticated, without revealing the credential itself. */
function authSummary(context: SandboxContext): JsonObject {
  const credentials = context.credentials();
  const scheme = { OAUTH: 'Bearer', BEARER: 'Bearer', BASIC: 'Basic', API_KEY: 'X-API-Key' }[context.connection.auth];
  return { pattern: context.connection.auth, scheme, credential_present: credentials.kind !== 'none' };
}

/** Reads one resource back from `exportState()`; a malformed one is reported by the persistence layer. */
function savedResource(value: JsonValue): Resource {
  if (!isObject(value)) throw new Error('a saved generic resource is not an object');
  const { id, name, data, created_time } = value;
  if (typeof id !== 'string' || typeof name !== 'string' || typeof created_time !== 'string' || !isObject(data)) {
    throw new Error('a saved generic resource needs string id, name and created_time and an object data');
  }
  return { id, name, data, created_time };
}

class GenericSandbox implements Sandbox {
  readonly #resources: Resource[] = [];
  #counter = 0;

  constructor(
    private readonly context: SandboxContext,
    saved?: JsonObject,
  ) {
    if (saved === undefined) return;
    const { resources, counter } = saved;
    if (!Array.isArray(resources) || typeof counter !== 'number')
      throw new Error('generic sandbox state needs resources[] and counter');
    this.#resources.push(...resources.map(savedResource));
    this.#counter = counter;
  }

  executeTool(name: string, params: JsonObject): JsonObject {
    const p = prefix(this.context.connection);
    switch (name) {
      case `${p}_echo`:
        return { echo: params, identifier: this.context.identifier, auth: authSummary(this.context) };
      case `${p}_resource_create`:
        return this.#create(params) as unknown as JsonObject;
      case `${p}_resource_list`:
        return this.#list(params['page_size'], params['page_token']);
      case `${p}_resource_get`:
        return this.#get(stringParam(params, 'id')) as unknown as JsonObject;
      case `${p}_resource_delete`:
        this.#delete(stringParam(params, 'id'));
        return { deleted: true };
      default:
        throw new ProviderError(
          404,
          'tool_not_found',
          `tool ${name} is not available for ${this.context.connection.name}`,
        );
    }
  }

  handleRequest(request: ProxyRequest): ProxyResponse {
    const segments = request.path.split('/').filter(Boolean);
    const [head, id, ...rest] = segments;
    if (head === 'echo') {
      return {
        status: 200,
        body: {
          method: request.method,
          path: request.path,
          query: Object.fromEntries(request.query),
          body: (request.body ?? null) as JsonObject,
          identifier: this.context.identifier,
          auth: authSummary(this.context),
        },
      };
    }
    if (head === 'resources' && rest.length === 0) {
      if (id === undefined && request.method === 'GET') {
        return { status: 200, body: this.#list(request.query.get('page_size'), request.query.get('page_token')) };
      }
      if (id === undefined && request.method === 'POST') {
        const body = isObject(request.body) ? request.body : {};
        return { status: 201, body: this.#create(body) as unknown as JsonObject };
      }
      if (id !== undefined && request.method === 'GET')
        return { status: 200, body: this.#get(id) as unknown as JsonObject };
      if (id !== undefined && request.method === 'DELETE') {
        this.#delete(id);
        return { status: 204, body: null };
      }
      throw new ProviderError(405, 'method_not_allowed', `${request.method} is not allowed on ${request.path}`);
    }
    throw new ProviderError(404, 'not_found', `no route for ${request.method} ${request.path}`);
  }

  snapshot(): JsonObject {
    return { kind: 'generic', resources: this.#resources as unknown as JsonObject[] };
  }

  exportState(): JsonObject {
    return { resources: this.#resources as unknown as JsonObject[], counter: this.#counter };
  }

  /** The resources as a table for the web UI; every value is escaped. */
  renderHtml(): string {
    if (this.#resources.length === 0) {
      return '<p class="muted" data-testid="generic-empty">No resources yet: create one with the <code>_resource_create</code> tool or <code>POST /resources</code>.</p>';
    }
    const rows = this.#resources.map(
      (r) =>
        `<tr data-testid="generic-resource" data-resource-id="${escapeHtml(r.id)}"><td><code>${escapeHtml(r.id)}</code></td>` +
        `<td data-testid="generic-resource-name">${escapeHtml(r.name)}</td><td>${escapeHtml(r.created_time)}</td>` +
        `<td><pre>${escapeHtml(JSON.stringify(r.data, null, 2))}</pre></td></tr>`,
    );
    return `<table data-testid="generic-resources"><thead><tr><th>Id</th><th>Name</th><th>Created</th><th>Data</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
  }

  #create(params: JsonObject): Resource {
    const name = params['name'];
    if (typeof name !== 'string' || name.trim() === '') {
      throw new ProviderError(400, 'validation_error', 'name is required and must be a non-empty string');
    }
    const data = params['data'];
    const resource: Resource = {
      id: `res_${++this.#counter}`,
      name,
      data: isObject(data) ? data : {},
      created_time: new Date().toISOString(),
    };
    this.#resources.push(resource);
    return resource;
  }

  #get(id: string): Resource {
    const found = this.#resources.find((r) => r.id === id);
    if (!found) throw new ProviderError(404, 'not_found', `resource ${id} not found`);
    return found;
  }

  #delete(id: string): void {
    const index = this.#resources.findIndex((r) => r.id === id);
    if (index < 0) throw new ProviderError(404, 'not_found', `resource ${id} not found`);
    this.#resources.splice(index, 1);
  }

  #list(pageSizeRaw: unknown, pageTokenRaw: unknown): JsonObject {
    const pageSize = pageSizeRaw === undefined || pageSizeRaw === null || pageSizeRaw === '' ? 20 : Number(pageSizeRaw);
    if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > MAX_PAGE_SIZE) {
      throw new ProviderError(400, 'validation_error', `page_size must be an integer from 1 to ${MAX_PAGE_SIZE}`);
    }
    const start = typeof pageTokenRaw === 'string' && pageTokenRaw !== '' ? Number.parseInt(pageTokenRaw, 10) : 0;
    if (!Number.isInteger(start) || start < 0)
      throw new ProviderError(400, 'validation_error', 'page_token is invalid');
    const page = this.#resources.slice(start, start + pageSize);
    const next = start + pageSize < this.#resources.length ? String(start + pageSize) : null;
    return { results: page as unknown as JsonObject[], next_page_token: next, has_more: next !== null };
  }
}

export const genericSandboxKind: SandboxKind = {
  provider: '*',
  tools(connection): ToolDefinition[] {
    const p = prefix(connection);
    const obj = (properties: JsonObject, required: string[] = []): JsonObject => ({
      type: 'object',
      properties,
      required,
    });
    return [
      { name: `${p}_echo`, description: 'Echo the parameters back with the caller identity.', inputSchema: obj({}) },
      {
        name: `${p}_resource_create`,
        description: 'Create a resource.',
        inputSchema: obj({ name: { type: 'string' }, data: { type: 'object' } }, ['name']),
      },
      {
        name: `${p}_resource_list`,
        description: 'List resources, paginated.',
        inputSchema: obj({ page_size: { type: 'integer' }, page_token: { type: 'string' } }),
      },
      {
        name: `${p}_resource_get`,
        description: 'Get a resource by id.',
        inputSchema: obj({ id: { type: 'string' } }, ['id']),
      },
      {
        name: `${p}_resource_delete`,
        description: 'Delete a resource by id.',
        inputSchema: obj({ id: { type: 'string' } }, ['id']),
      },
    ];
  },
  create: (context, saved) => new GenericSandbox(context, saved),
};
