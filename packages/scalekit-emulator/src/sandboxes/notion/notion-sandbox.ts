import type { Connection } from '../../accounts/connections.js';
import type {
  JsonObject,
  ProxyRequest,
  ProxyResponse,
  Sandbox,
  SandboxContext,
  SandboxKind,
  ToolDefinition,
} from '../sandbox.js';
import { renderWorkspaceHtml } from './html-render.js';
import { NotionApi } from './notion-api.js';
import { notionError, rateLimited } from './notion-errors.js';
import { blockJson, databaseJson, pageJson } from './notion-json.js';
import type { NotionRecord } from './model.js';
import { TokenBucket } from './rate-limiter.js';
import { routeNotionRequest } from './rest-routes.js';
import { seedWorkspace } from './seed-data.js';
import { NOTION_TOOLS } from './tool-definitions.js';
import { runNotionTool } from './tool-runner.js';
import { Workspace } from './workspace.js';

/** Sandbox options (`startEmulator({ sandboxes: { notion: {...} } })`). */
export interface NotionSandboxOptions {
  /** Average requests per second per account; 0 disables the limit. Default 3, Notion's published average. */
  rateLimitPerSecond: number;
  /** Requests that may be made at once before the average applies. Default 10. */
  burst: number;
  /** Weekly meeting-note pages seeded under "Meeting notes". Default 4. */
  pages: number;
}

export const DEFAULT_NOTION_OPTIONS: NotionSandboxOptions = { rateLimitPerSecond: 3, burst: 10, pages: 4 };

function numberOption(options: JsonObject, name: keyof NotionSandboxOptions, min: number, max: number): number {
  const value = options[name];
  if (value === undefined) return DEFAULT_NOTION_OPTIONS[name];
  if (typeof value !== 'number' || !Number.isFinite(value) || value < min || value > max) {
    throw new Error(
      `notion sandbox option ${name} must be a number from ${min} to ${max}, got ${JSON.stringify(value)}`,
    );
  }
  return value;
}

export function readNotionOptions(options: JsonObject): NotionSandboxOptions {
  return {
    rateLimitPerSecond: numberOption(options, 'rateLimitPerSecond', 0, 10_000),
    burst: numberOption(options, 'burst', 1, 10_000),
    pages: Math.floor(numberOption(options, 'pages', 0, 1_000)),
  };
}

/** The record with its block tree, for the admin snapshot. */
function withContent(ws: Workspace, record: NotionRecord): JsonObject {
  const json =
    record.kind === 'page'
      ? pageJson(ws, record)
      : record.kind === 'database'
        ? databaseJson(record)
        : blockJson(ws, record);
  if (record.kind === 'database') return json;
  return {
    ...json,
    children: ws.childIds(record.id).flatMap((id) => {
      const child = ws.find(id);
      return child && child.kind === 'block' ? [withContent(ws, child)] : [];
    }),
  };
}

class NotionSandbox implements Sandbox {
  readonly #ws: Workspace;
  readonly #api: NotionApi;
  readonly #bucket: TokenBucket | undefined;

  constructor(
    private readonly context: SandboxContext,
    saved: JsonObject | undefined,
  ) {
    const options = readNotionOptions(context.options);
    if (saved) {
      this.#ws = Workspace.restore(saved);
    } else {
      this.#ws = Workspace.create(context.seed, `${context.identifier}'s Notion`);
      seedWorkspace(this.#ws, { pages: options.pages });
    }
    this.#api = new NotionApi(this.#ws, { clock: () => Date.now(), actorId: this.#ws.bot.id });
    this.#bucket =
      options.rateLimitPerSecond > 0
        ? new TokenBucket(options.rateLimitPerSecond, options.burst, Date.now())
        : undefined;
  }

  /** Every call, proxied or tool, spends from the account's one bucket, as at Notion. */
  #admit(): void {
    if (this.context.credentials().kind === 'none') throw notionError(401, 'unauthorized', 'API token is invalid.');
    const taken = this.#bucket?.take(Date.now());
    if (taken && !taken.ok) throw rateLimited(taken.retryAfterSeconds);
  }

  handleRequest(request: ProxyRequest): ProxyResponse {
    this.#admit();
    return routeNotionRequest(this.#api, request);
  }

  executeTool(name: string, params: JsonObject): JsonObject {
    this.#admit();
    return runNotionTool(this.#api, name, params);
  }

  snapshot(): JsonObject {
    const records = this.#ws.all();
    return {
      kind: 'notion',
      workspace: this.#ws.workspaceName,
      bot: this.#api.me(),
      pages: records.filter((r) => r.kind === 'page').map((r) => withContent(this.#ws, r)),
      databases: records.filter((r) => r.kind === 'database').map((r) => withContent(this.#ws, r)),
    };
  }

  renderHtml(): string {
    return renderWorkspaceHtml(this.#ws);
  }

  exportState(): JsonObject {
    return this.#ws.export();
  }
}

export const notionSandboxKind: SandboxKind = {
  provider: 'NOTION',
  tools(_connection: Connection): ToolDefinition[] {
    return [...NOTION_TOOLS];
  },
  create: (context, saved) => new NotionSandbox(context, saved),
};
