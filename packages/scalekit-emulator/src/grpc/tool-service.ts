import { Code, ConnectError, type ServiceImpl } from '@connectrpc/connect';
import type { JsonObject } from '@bufbuild/protobuf';
import type { AccountRecord } from '../accounts/account-store.js';
import type { Connection } from '../accounts/connections.js';
import type { Environment } from '../environment.js';
import { resourceId } from '../ids.js';
import { ProviderError, type ToolDefinition } from '../sandboxes/sandbox.js';
import { unknownArguments } from '../sandboxes/tool-arguments.js';
import { type ToolService } from '../sdk-protocol.js';
import { noteAccount, noteCall } from '../observability/call-details.js';
import { checkScope, scopeMismatches } from './account-scope.js';
import {
  codeFromName,
  connectionNotFound,
  invalidArgument,
  notFound,
  pageWindow,
  scalekitError,
  toolError,
} from './errors.js';

function toTool(connection: Connection, def: ToolDefinition) {
  return {
    id: `tool_${def.name}`,
    provider: connection.provider,
    definition: { name: def.name, description: def.description, input_schema: def.inputSchema } as JsonObject,
    metadata: { connector: connection.name } as JsonObject,
    tags: [connection.provider.toLowerCase()],
    isDefault: true,
  };
}

/** Every (connection, tool) pair of the environment, de-duplicated by provider. */
function catalogue(env: Environment, connections = env.connections.list()) {
  const seen = new Set<string>();
  const out: { connection: Connection; def: ToolDefinition }[] = [];
  for (const connection of connections) {
    for (const def of env.sandboxes.tools(connection)) {
      if (seen.has(def.name)) continue;
      seen.add(def.name);
      out.push({ connection, def });
    }
  }
  return out;
}

function activeAccountsOf(env: Environment, identifier: string): AccountRecord[] {
  return env.accounts.list({ identifier }).filter((a) => a.status === 'ACTIVE');
}

/**
 * The ACTIVE accounts a ListTools filter selects: every account field it names must match (an
 * unknown connected_account_id selects nothing, so it lists no tool rather than all of them).
 */
function accountsMatching(
  env: Environment,
  f: { identifier: string; organizationId?: string; userId?: string; connectedAccountId?: string },
): AccountRecord[] {
  const candidates = f.connectedAccountId
    ? [env.accounts.find({ id: f.connectedAccountId })].filter((a) => a !== undefined)
    : env.accounts.list();
  return candidates.filter(
    (a) =>
      a.status === 'ACTIVE' &&
      (!f.identifier || a.identifier === f.identifier) &&
      scopeMismatches(a, { organizationId: f.organizationId, userId: f.userId }).length === 0,
  );
}

export function toolService(env: Environment): Partial<ServiceImpl<typeof ToolService>> {
  function resolveAccount(req: {
    toolName: string;
    connectedAccountId?: string | undefined;
    connector?: string | undefined;
    identifier?: string | undefined;
    organizationId?: string | undefined;
    userId?: string | undefined;
  }): { account: AccountRecord; connection: Connection } {
    let account: AccountRecord | undefined;
    if (req.connectedAccountId) {
      account = env.accounts.find({ id: req.connectedAccountId });
    } else {
      if (!req.identifier) throw invalidArgument('identifier or connected_account_id is required', 'identifier');
      let connector = req.connector;
      if (!connector) {
        const candidates = env.connections.forToolName(req.toolName);
        if (candidates.length === 0) throw notFound(`tool "${req.toolName}" not found`);
        // Several connections of one provider: only the identifier's own account disambiguates.
        const owned = candidates.filter((c) => env.accounts.find({ connector: c.name, identifier: req.identifier! }));
        if (owned.length > 1) throw invalidArgument('several connections offer this tool; pass connector', 'connector');
        connector = (owned[0] ?? candidates[0])!.name;
      }
      if (!env.connections.get(connector)) throw connectionNotFound(connector);
      account = env.accounts.find({ connector, identifier: req.identifier });
    }
    if (!account) throw notFound('connected account not found');
    checkScope(account, req);
    const connection = env.connections.get(account.connector);
    if (!connection) throw notFound(`connector "${account.connector}" not found`);
    return { account, connection };
  }

  return {
    async executeTool(req, ctx) {
      if (!req.toolName) throw invalidArgument('tool_name is required', 'tool_name');
      const { account, connection } = resolveAccount(req);
      noteAccount(ctx, account);
      const definition = env.sandboxes.tools(connection).find((t) => t.name === req.toolName);
      if (!definition) {
        throw notFound(`tool "${req.toolName}" not found for connector "${connection.name}"`);
      }
      const unknown = unknownArguments(definition.inputSchema, req.params ?? {});
      if (unknown.length > 0) noteCall(ctx, { unknownArguments: unknown });
      if (account.status !== 'ACTIVE') {
        throw scalekitError(
          Code.FailedPrecondition,
          'CONNECTED_ACCOUNT_NOT_ACTIVE',
          `connected account for "${connection.name}" is ${account.status}; the user must authorize it again`,
        );
      }
      env.accounts.refreshIfDue(account);
      const executionId = resourceId('exec');
      try {
        await env.faults.apply(
          { kind: 'tool', name: req.toolName, connector: connection.name, identifier: account.identifier },
          (effect) => {
            if (effect.type === 'rate_limit') {
              return new ProviderError(429, 'rate_limited', `rate limited, retry after ${effect.retryAfterSeconds}s`);
            }
            // An outage of Scalekit itself, not of the provider: no TOOL_ERROR, so the SDK retries it.
            if (codeFromName(effect.code) === Code.Unavailable)
              return new ConnectError(effect.message ?? 'service unavailable', Code.Unavailable);
            return new ProviderError(
              Number(effect.code) || 500,
              effect.code,
              effect.message ?? 'injected provider error',
            );
          },
        );
        const data = await env.sandboxes
          .sandboxFor(connection, account.identifier)
          .executeTool(req.toolName, req.params ?? {});
        env.accounts.touch(account);
        return { data, executionId };
      } catch (error) {
        if (error instanceof ProviderError) {
          // The call log shows the provider's HTTP status, not only the gRPC code it maps to.
          noteCall(ctx, { status: `tool_error:${error.status}` });
          throw toolError(error, executionId);
        }
        throw error;
      }
    },

    listTools(req) {
      const f = req.filter;
      let connections = env.connections.list();
      if (f?.connector) connections = connections.filter((c) => c.name === f.connector);
      if (f?.provider) connections = connections.filter((c) => c.provider === f.provider.toUpperCase());
      if (f && (f.identifier || f.organizationId || f.userId || f.connectedAccountId)) {
        const owned = new Set(accountsMatching(env, f).map((a) => a.connector));
        connections = connections.filter((c) => owned.has(c.name));
      }
      let entries = catalogue(env, connections);
      if (f && f.toolName.length > 0) entries = entries.filter((e) => f.toolName.includes(e.def.name));
      const query = f?.query?.toLowerCase();
      if (query) entries = entries.filter((e) => `${e.def.name} ${e.def.description}`.toLowerCase().includes(query));
      const page = pageWindow(entries.length, req.pageSize, req.pageToken, { default: 100, max: 1000 });
      const slice = entries.slice(page.start, page.end);
      const summary = f?.summary === true;
      return {
        tools: summary ? [] : slice.map((e) => toTool(e.connection, e.def)),
        toolNames: summary ? slice.map((e) => e.def.name) : [],
        totalSize: entries.length,
        nextPageToken: page.next,
        prevPageToken: page.prev,
      };
    },

    listScopedTools(req) {
      if (!req.identifier) throw invalidArgument('identifier is required', 'identifier');
      const f = req.filter;
      let accounts = activeAccountsOf(env, req.identifier);
      if (f && f.connectionNames.length > 0) accounts = accounts.filter((a) => f.connectionNames.includes(a.connector));
      if (f && f.providers.length > 0) {
        const providers = f.providers.map((p) => p.toUpperCase());
        accounts = accounts.filter((a) => providers.includes(a.provider));
      }
      const entries = accounts.flatMap((account) => {
        const connection = env.connections.get(account.connector);
        if (!connection) return [];
        return env.sandboxes
          .tools(connection)
          .filter((def) => !f || f.toolNames.length === 0 || f.toolNames.includes(def.name))
          .map((def) => ({
            tool: toTool(connection, def),
            identifier: account.identifier,
            connectedAccountId: account.id,
          }));
      });
      const page = pageWindow(entries.length, req.pageSize, req.pageToken, { default: 100, max: 1000 });
      return {
        tools: entries.slice(page.start, page.end),
        totalSize: entries.length,
        nextPageToken: page.next,
        prevPageToken: page.prev,
      };
    },

    listAvailableTools(req) {
      if (!req.identifier) throw invalidArgument('identifier is required', 'identifier');
      const owned = new Set(activeAccountsOf(env, req.identifier).map((a) => a.connector));
      const entries = catalogue(
        env,
        env.connections.list().filter((c) => owned.has(c.name)),
      );
      const page = pageWindow(entries.length, req.pageSize, req.pageToken, { default: 100, max: 1000 });
      return {
        tools: entries.slice(page.start, page.end).map((e) => toTool(e.connection, e.def)),
        totalSize: entries.length,
        nextPageToken: page.next,
        prevPageToken: page.prev,
      };
    },
  };
}
