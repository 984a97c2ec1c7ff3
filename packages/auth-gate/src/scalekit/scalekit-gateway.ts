import { ScalekitClient, ScalekitNotFoundException, ScalekitValidateTokenFailureException } from '@scalekit-sdk/node';
import { apiKeyInfo, timestampOf, type ApiKeyInfo } from './api-key-record.js';
import type { ScalekitCredentials } from '../core/credentials.js';
import {
  ConnectorNotConfiguredError,
  InvalidCredentialsError,
  ScalekitCallError,
  ScalekitUnreachableError,
} from '../core/errors.js';
import type { GateMetrics } from '../core/metrics.js';
import { statusName, type AccountStatus } from './account-status.js';
import { backoffDelay, DEFAULT_RETRY_POLICY, type RetryPolicy } from '../core/retry-policy.js';
import { classifyFailure, isUnknownConnection } from './error-classification.js';
import { observeProxyErrorHeaders } from './proxy-error-headers.js';

export interface AccountInfo {
  id: string;
  connection: string;
  identifier: string;
  status: AccountStatus;
}

export interface ProxyCall {
  method?: string;
  /** Safe to repeat after an ambiguous failure; defaults to false for POST and PATCH, true otherwise. */
  idempotent?: boolean;
  path: string;
  query?: Record<string, string | number | boolean | undefined>;
  body?: unknown;
  headers?: Record<string, string>;
}

export interface ProxyResult<T = unknown> {
  status: number;
  headers: Record<string, string>;
  data: T;
}

export interface NewApiKey {
  userId?: string | undefined;
  claims?: Record<string, string> | undefined;
  expiresAt?: Date | undefined;
  description?: string | undefined;
}

export interface ApiKeyPage {
  keys: ApiKeyInfo[];
  totalCount: number;
  nextPageToken: string;
}

/** How control-plane calls (lookups, status checks, links) ride out a Scalekit outage. */
export interface OutageOptions {
  policy?: RetryPolicy;
  sleep?: (ms: number) => Promise<void>;
  now?: () => number;
}

export interface ToolDefinitionRecord {
  name: string;
  description: string;
  inputSchema: Record<string, unknown>;
  connection: string;
}

/**
 * The one adapter around `@scalekit-sdk/node`: every round trip goes through here and is counted.
 * Control-plane failures become auth-gate errors; call failures are rethrown for the call policy.
 */
export class ScalekitGateway {
  readonly #client: ScalekitClient;
  readonly #outage: Required<OutageOptions>;

  constructor(
    readonly credentials: ScalekitCredentials,
    private readonly metrics: GateMetrics,
    outage: OutageOptions = {},
  ) {
    this.#client = new ScalekitClient(credentials.envUrl, credentials.clientId, credentials.clientSecret);
    // For Retry-After of proxy 429s, which the SDK's exceptions do not carry.
    observeProxyErrorHeaders(this.#client);
    this.#outage = {
      policy: outage.policy ?? DEFAULT_RETRY_POLICY,
      sleep: outage.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms))),
      now: outage.now ?? (() => performance.now()),
    };
  }

  /** Translates control-plane failures (credentials, reachability, unknown connection). */
  #controlPlane(operation: string, error: unknown, connection?: string): never {
    const failure = classifyFailure(error);
    if (failure.kind === 'credentials') throw new InvalidCredentialsError(this.credentials.envUrl, { cause: error });
    if (failure.kind === 'unreachable') {
      throw new ScalekitUnreachableError(this.credentials.envUrl, { cause: error, networkError: failure.detail });
    }
    if (connection && isUnknownConnection(failure)) throw new ConnectorNotConfiguredError(connection);
    throw new ScalekitCallError(operation, failure.detail, { cause: error });
  }

  async #roundTrip<T>(fn: () => Promise<T>): Promise<T> {
    this.metrics.scalekitRoundTrips += 1;
    return fn();
  }

  /**
   * A control-plane round trip (lookup, status, link) that retries, within the outage budget, the
   * failures that never reached Scalekit; past it `#controlPlane` reports ScalekitUnreachableError.
   */
  async #resilientRoundTrip<T>(fn: () => Promise<T>): Promise<T> {
    const { policy, sleep, now } = this.#outage;
    const since = now();
    for (let retry = 0; ; retry += 1) {
      try {
        return await this.#roundTrip(fn);
      } catch (error) {
        if (classifyFailure(error).kind !== 'unreachable' || now() - since >= policy.unreachableBudgetMs) throw error;
        this.metrics.retries += 1;
        this.metrics.unreachableRetries += 1;
        await sleep(backoffDelay(policy, retry));
      }
    }
  }

  /** One lookup: the account, created as PENDING_AUTH when it does not exist yet. */
  async lookup(connection: string, identifier: string): Promise<AccountInfo> {
    this.metrics.lookups += 1;
    try {
      const { connectedAccount } = await this.#resilientRoundTrip(() =>
        this.#client.actions.getOrCreateConnectedAccount({ connectionName: connection, identifier }),
      );
      if (!connectedAccount) throw new ScalekitCallError('lookup', 'Scalekit returned no connected account');
      return { id: connectedAccount.id, connection, identifier, status: statusName(connectedAccount.status) };
    } catch (error) {
      if (error instanceof ScalekitCallError) throw error;
      this.#controlPlane('connected-account lookup', error, connection);
    }
  }

  /** Current status without creating anything (polling fallback, re-checks after a failed call). */
  async status(connection: string, identifier: string): Promise<AccountInfo | undefined> {
    this.metrics.statusPolls += 1;
    try {
      const { connectedAccount } = await this.#resilientRoundTrip(() =>
        this.#client.actions.getConnectedAccount({ connectionName: connection, identifier }),
      );
      return connectedAccount
        ? { id: connectedAccount.id, connection, identifier, status: statusName(connectedAccount.status) }
        : undefined;
    } catch (error) {
      // NotFound is "no such account" unless it names the connection itself.
      if (error instanceof ScalekitNotFoundException && !isUnknownConnection(classifyFailure(error))) return undefined;
      this.#controlPlane('connected-account status', error, connection);
    }
  }

  async authorizationLink(
    connection: string,
    identifier: string,
    options: { state: string; userVerifyUrl: string | undefined },
  ): Promise<string> {
    try {
      const { link } = await this.#resilientRoundTrip(() =>
        this.#client.actions.getAuthorizationLink({
          connectionName: connection,
          identifier,
          state: options.state,
          ...(options.userVerifyUrl ? { userVerifyUrl: options.userVerifyUrl } : {}),
        }),
      );
      return link;
    } catch (error) {
      this.#controlPlane('authorization link', error, connection);
    }
  }

  /** Completes user verification; resolves to Scalekit's post-verification redirect. */
  async verifyUser(authRequestId: string, identifier: string): Promise<string> {
    const { postUserVerifyRedirectUrl } = await this.#roundTrip(() =>
      this.#client.actions.verifyConnectedAccountUser({ authRequestId, identifier }),
    );
    return postUserVerifyRedirectUrl;
  }

  async executeTool(
    accountId: string,
    toolName: string,
    input: Record<string, unknown>,
  ): Promise<{ data: unknown; executionId: string }> {
    this.metrics.toolCalls += 1;
    const response = await this.#roundTrip(() =>
      this.#client.actions.executeTool({ toolName, toolInput: input, connectedAccountId: accountId }),
    );
    return { data: response.data ?? {}, executionId: response.executionId };
  }

  async request<T>(connection: string, identifier: string, call: ProxyCall): Promise<ProxyResult<T>> {
    this.metrics.proxyRequests += 1;
    const query = call.query
      ? Object.fromEntries(Object.entries(call.query).filter(([, v]) => v !== undefined))
      : undefined;
    const response = await this.#roundTrip(() =>
      this.#client.actions.request({
        connectionName: connection,
        identifier,
        path: call.path,
        method: call.method ?? 'GET',
        ...(query ? { queryParams: query } : {}),
        ...(call.body === undefined ? {} : { body: call.body }),
        ...(call.headers ? { headers: call.headers } : {}),
      }),
    );
    const headers: Record<string, string> = {};
    for (const [key, value] of Object.entries(response.headers ?? {})) {
      if (typeof value === 'string') headers[key.toLowerCase()] = value;
    }
    return { status: response.status, headers, data: response.data as T };
  }

  /** Tool definitions available to an identifier, restricted to some connections and tool names. */
  async scopedTools(identifier: string, connections: string[], toolNames: string[]): Promise<ToolDefinitionRecord[]> {
    const out: ToolDefinitionRecord[] = [];
    let pageToken: string | undefined;
    do {
      const page = await this.#roundTrip(() =>
        this.#client.tools.listScopedTools(identifier, {
          filter: { connectionNames: connections, toolNames },
          pageSize: 200,
          ...(pageToken ? { pageToken } : {}),
        }),
      );
      for (const scoped of page.tools) {
        const definition = (scoped.tool?.definition ?? {}) as Record<string, unknown>;
        const name = typeof definition['name'] === 'string' ? definition['name'] : '';
        if (!name) continue;
        const metadata = (scoped.tool?.metadata ?? {}) as Record<string, unknown>;
        out.push({
          name,
          description: typeof definition['description'] === 'string' ? definition['description'] : '',
          inputSchema: (definition['input_schema'] ??
            definition['inputSchema'] ?? { type: 'object', properties: {} }) as Record<string, unknown>,
          connection: typeof metadata['connector'] === 'string' ? metadata['connector'] : '',
        });
      }
      pageToken = page.nextPageToken || undefined;
    } while (pageToken);
    return out;
  }

  async listConnections(): Promise<{ name: string; provider: string; type: string }[]> {
    try {
      const result = await this.#roundTrip(() => this.#client.actions.listConnections({ pageSize: 100 }));
      return result.connections.map((c) => ({ name: c.connectionName, provider: c.provider, type: c.type }));
    } catch (error) {
      this.#controlPlane('list connections', error);
    }
  }

  async listAccounts(identifier: string): Promise<AccountInfo[]> {
    try {
      const result = await this.#roundTrip(() =>
        this.#client.actions.listConnectedAccounts({ identifier, pageSize: 100 }),
      );
      return result.connectedAccounts.map((a) => ({
        id: a.id,
        connection: a.connector,
        identifier: a.identifier,
        status: statusName(a.status),
      }));
    } catch (error) {
      this.#controlPlane('list connected accounts', error);
    }
  }

  async deleteAccount(connection: string, identifier: string): Promise<boolean> {
    try {
      await this.#roundTrip(() =>
        this.#client.actions.deleteConnectedAccount({ connectionName: connection, identifier }),
      );
      return true;
    } catch (error) {
      if (error instanceof ScalekitNotFoundException) return false;
      this.#controlPlane('delete connected account', error, connection);
    }
  }

  /**
   * Checks an API key with Scalekit (ValidateToken), every time: nothing is cached, so a revoked
   * key is refused on its next request. Undefined when Scalekit refuses the key.
   */
  async validateApiKey(key: string): Promise<ApiKeyInfo | undefined> {
    try {
      const { tokenInfo } = await this.#roundTrip(() => this.#client.token.validateToken(key));
      return tokenInfo ? apiKeyInfo(tokenInfo) : undefined;
    } catch (error) {
      if (error instanceof ScalekitValidateTokenFailureException) return undefined;
      this.#controlPlane('API key validation', error);
    }
  }

  /** Creates a key; the plain key is in the answer and nowhere else, ever. */
  async createApiKey(organizationId: string, options: NewApiKey = {}): Promise<{ key: string; info: ApiKeyInfo }> {
    try {
      const created = await this.#roundTrip(() =>
        this.#client.token.createToken(organizationId, {
          ...(options.userId ? { userId: options.userId } : {}),
          ...(options.claims && Object.keys(options.claims).length > 0 ? { customClaims: options.claims } : {}),
          ...(options.expiresAt ? { expiry: timestampOf(options.expiresAt) } : {}),
          ...(options.description ? { description: options.description } : {}),
        }),
      );
      if (!created.tokenInfo) throw new ScalekitCallError('API key creation', 'Scalekit returned no token metadata');
      return { key: created.token, info: apiKeyInfo(created.tokenInfo) };
    } catch (error) {
      if (error instanceof ScalekitCallError) throw error;
      this.#controlPlane('API key creation', error);
    }
  }

  /** One page of an organization's active keys (metadata only), optionally of one user. */
  async listApiKeys(
    organizationId: string,
    options: { userId?: string; pageSize?: number; pageToken?: string } = {},
  ): Promise<ApiKeyPage> {
    try {
      const page = await this.#roundTrip(() => this.#client.token.listTokens(organizationId, options));
      return { keys: page.tokens.map(apiKeyInfo), totalCount: page.totalCount, nextPageToken: page.nextPageToken };
    } catch (error) {
      this.#controlPlane('API key listing', error);
    }
  }

  /** Revokes a key (by the key or its token id) at once. False when Scalekit does not know it. */
  async revokeApiKey(keyOrTokenId: string): Promise<boolean> {
    try {
      await this.#roundTrip(() => this.#client.token.invalidateToken(keyOrTokenId));
      return true;
    } catch (error) {
      if (error instanceof ScalekitNotFoundException) return false;
      this.#controlPlane('API key revocation', error);
    }
  }
}
