import type { JsonObject, JsonValue } from '@bufbuild/protobuf';
import type { AuthPattern, Connection } from '../accounts/connections.js';
import type { Credentials } from '../accounts/account-store.js';

export type { JsonObject, JsonValue };

/** A tool as `ListTools` describes it: the `definition` Struct carries name, description and input schema. */
export interface ToolDefinition {
  name: string;
  description: string;
  inputSchema: JsonObject;
}

/**
 * A provider-side failure of a tool call or proxied request. The gRPC layer turns it into a
 * `TOOL_ERROR` ErrorInfo (so the SDK raises its tool exception types); the proxy relays it as the
 * provider's HTTP status and JSON body.
 */
export class ProviderError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly options: { retryAfterSeconds?: number; body?: JsonObject } = {},
  ) {
    super(message);
    this.name = 'ProviderError';
  }
}

export interface ProxyRequest {
  method: string;
  /** The provider path after `/proxy`, e.g. `/v1/pages`, without the query string. */
  path: string;
  query: URLSearchParams;
  headers: Record<string, string | undefined>;
  /** Parsed JSON body, the raw text when it is not JSON, or undefined when empty. */
  body: unknown;
}

export interface ProxyResponse {
  status: number;
  headers?: Record<string, string>;
  body: JsonValue;
}

export interface SandboxContext {
  connection: Connection;
  identifier: string;
  /** A seed derived from the emulator seed, the connection and the identifier. */
  seed: number;
  /** Per-provider sizing options from `startEmulator({ sandboxes })`. */
  options: JsonObject;
  /** The account's current credentials, read on each call (sandboxes may check them). */
  credentials(): Credentials;
}

/** One account's view of a provider: its data and its API. */
export interface Sandbox {
  executeTool(name: string, params: JsonObject): Promise<JsonObject> | JsonObject;
  handleRequest(request: ProxyRequest): Promise<ProxyResponse> | ProxyResponse;
  /** The sandbox's contents, for the admin API and UI. */
  snapshot(): JsonObject;
  /**
   * The contents as a person reads them (pages as pages, mails as a list), an HTML fragment for
   * the emulator's web UI. Every value from the data must go through `escapeHtml`.
   */
  renderHtml?(): string;
  /** All state as plain JSON, for optional persistence to a file; `SandboxKind.create` takes it back. */
  exportState?(): JsonObject;
}

/** A kind of sandbox, chosen by the connection's provider. */
export interface SandboxKind {
  /** Provider key it serves (`NOTION`), or `*` for the generic sandbox. */
  provider: string;
  tools(connection: Connection): ToolDefinition[];
  /** A new sandbox: seeded from `context.seed`, or restored from `saved` (an earlier `exportState()`). */
  create(context: SandboxContext, saved?: JsonObject): Sandbox;
}

/** Credential fields a static-auth connector requires, by auth pattern. */
export const STATIC_CREDENTIAL_FIELDS: Record<Exclude<AuthPattern, 'OAUTH'>, string[]> = {
  API_KEY: ['api_key'],
  BASIC: ['username', 'password'],
  BEARER: ['token'],
};
