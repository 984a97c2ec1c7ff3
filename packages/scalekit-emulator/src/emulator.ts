import type { IncomingMessage, ServerResponse } from 'node:http';
import { connectNodeAdapter } from '@connectrpc/connect-node';
import { AdminClient } from './admin/admin-client.js';
import { handleAdmin } from './admin/admin-api.js';
import { DEFAULT_CONNECTIONS, type ConnectionConfig } from './accounts/connections.js';
import { handleAnthropicMessages } from './anthropic/messages-route.js';
import { handleChatCompletions } from './openai-compat/chat-completions-route.js';
import { ScriptedAnthropic } from './anthropic/scripted-anthropic.js';
import { handleTokenRequest } from './auth/token-route.js';
import { handleConsent } from './consent/consent-routes.js';
import { Environment, type OrganizationMode } from './environment.js';
import { grpcRoutes } from './grpc/routes.js';
import { secretToken } from './ids.js';
import { openStateFile } from './persistence/state-file.js';
import { handleProxy } from './proxy/proxy-routes.js';
import { DEFAULT_SANDBOX_KINDS } from './sandboxes/default-kinds.js';
import type { JsonObject, SandboxKind } from './sandboxes/sandbox.js';
import { BodyTooLargeError, sendJson } from './transport/http-io.js';
import { listenSinglePort } from './transport/single-port-server.js';
import { handleUi, isUiPath } from './web-ui/ui-routes.js';

export interface EmulatorOptions {
  /** TCP port; 0 (default) picks a free one. */
  port?: number;
  /** Interface to bind; loopback by default, since the emulator has no real security. */
  host?: string;
  /** Seed for sandbox data and probabilistic faults (default 1). */
  seed?: number;
  clientId?: string;
  /** Defaults to a random secret per start. */
  clientSecret?: string;
  /** Lifetime of client-credentials bearer tokens (Scalekit issues ~86399 s). */
  tokenTtlSeconds?: number;
  /** Lifetime of magic links and of pending user verifications. */
  magicLinkTtlSeconds?: number;
  /** Connections beyond notion, gmail and youtube; any other provider gets the generic sandbox. */
  connections?: readonly ConnectionConfig[];
  /** Replace the default connections entirely. */
  replaceDefaultConnections?: boolean;
  /** Provider sandboxes (NOTION, GMAIL, ...); the generic sandbox serves everything else. */
  sandboxKinds?: readonly SandboxKind[];
  /** Sizing options per provider, e.g. `{ gmail: { messages: 500 } }`. */
  sandboxes?: Record<string, JsonObject>;
  /**
   * A JSON file to keep state across restarts: restored on start when it exists, saved shortly
   * after changes and on close. It holds the accounts' credentials (written with mode 0600).
   */
  persistPath?: string;
  /**
   * Whether API keys need an existing organization (and user), as on Scalekit (`required`), or an
   * unknown `org_…` id is created on its first key (`implicit`, the default for now, so suites that
   * issue keys for fixed ids such as `org_acme` keep working). Organizations and users are served
   * either way (OrganizationService, UserService).
   */
  organizations?: OrganizationMode;
  /** The `x-api-key` the Anthropic stand-in on `POST /v1/messages` accepts (default `sk-ant-emulator`). */
  anthropicApiKey?: string;
}

export interface RunningEmulator {
  /** `SCALEKIT_ENV_URL` for the SDK. */
  envUrl: string;
  clientId: string;
  clientSecret: string;
  adminUrl: string;
  admin: AdminClient;
  /** The three `SCALEKIT_*` variables pointing at this emulator. */
  env: { SCALEKIT_ENV_URL: string; SCALEKIT_CLIENT_ID: string; SCALEKIT_CLIENT_SECRET: string };
  /** In-process state, for embedding (the web UI and sandboxes use it). */
  environment: Environment;
  /** The scripted Anthropic Messages API at `${envUrl}/v1/messages`: queue answers, add rules, read requests. */
  anthropic: ScriptedAnthropic;
  /**
   * Simulates a Scalekit outage: the port refuses connections (ECONNREFUSED) until `resume()`.
   * Unlike a restart, every state survives (the SDK's bearer tokens too), and the port is the same.
   * The admin API is down with the rest; use it again after `resume()`.
   */
  suspend(): Promise<void>;
  resume(): Promise<void>;
  close(): Promise<void>;
}

export async function startEmulator(options: EmulatorOptions = {}): Promise<RunningEmulator> {
  const clientId = options.clientId ?? 'skc_emulator';
  const clientSecret = options.clientSecret ?? secretToken('test_');
  const environment = new Environment({
    credentials: { clientId, clientSecret },
    seed: options.seed ?? 1,
    tokenTtlSeconds: options.tokenTtlSeconds ?? 86_399,
    magicLinkTtlSeconds: options.magicLinkTtlSeconds ?? 600,
    connections: [...(options.replaceDefaultConnections ? [] : DEFAULT_CONNECTIONS), ...(options.connections ?? [])],
    sandboxKinds: options.sandboxKinds ?? DEFAULT_SANDBOX_KINDS,
    sandboxOptions: options.sandboxes ?? {},
    organizations: options.organizations ?? 'implicit',
  });

  // Before listening: a bad state file must fail the start, not a later request.
  const persister =
    options.persistPath === undefined ? undefined : await openStateFile(environment, options.persistPath);

  const anthropic = new ScriptedAnthropic(options.anthropicApiKey ?? 'sk-ant-emulator');
  const grpc = grpcRoutes(environment);
  const grpcHandler = connectNodeAdapter({
    routes: grpc.routes,
    interceptors: grpc.interceptors,
    grpc: true,
    connect: false,
    grpcWeb: false,
  });

  async function http1(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', environment.baseUrl);
    try {
      if (url.pathname === '/oauth/token' && req.method === 'POST')
        return await handleTokenRequest(environment, req, res);
      if (url.pathname === '/proxy' || url.pathname.startsWith('/proxy/'))
        return await handleProxy(environment, req, res, url);
      if (url.pathname.startsWith('/admin/')) return await handleAdmin(environment, req, res, url, anthropic);
      if (url.pathname === '/v1/messages' && req.method === 'POST')
        return await handleAnthropicMessages(anthropic, req, res);
      if (url.pathname === '/v1/chat/completions' && req.method === 'POST')
        return await handleChatCompletions(anthropic, req, res);
      if (isUiPath(url.pathname)) return handleUi(environment, req, res, url);
      if (await handleConsent(environment, req, res, url.pathname)) return;
      sendJson(res, 404, { error: 'not_found', message: `no route for ${req.method} ${url.pathname}` });
    } catch (error) {
      if (res.headersSent) return void res.destroy();
      if (error instanceof BodyTooLargeError)
        return sendJson(res, 413, { error: 'payload_too_large', message: error.message });
      sendJson(res, 500, { error: 'internal', message: 'emulator error; see its console' });
      console.error('[scalekit-emulator]', error);
    }
  }

  const server = await listenSinglePort({
    host: options.host ?? '127.0.0.1',
    port: options.port ?? 0,
    http1: (req, res) => {
      persister?.watch(res);
      void http1(req, res);
    },
    http2: (req, res) => {
      persister?.watch(res);
      grpcHandler(req, res);
    },
  });
  const host = options.host === undefined || options.host === '0.0.0.0' ? '127.0.0.1' : options.host;
  environment.baseUrl = `http://${host}:${server.port}`;
  const envUrl = environment.baseUrl;

  return {
    envUrl,
    clientId,
    clientSecret,
    adminUrl: `${envUrl}/admin`,
    admin: new AdminClient(envUrl),
    env: { SCALEKIT_ENV_URL: envUrl, SCALEKIT_CLIENT_ID: clientId, SCALEKIT_CLIENT_SECRET: clientSecret },
    environment,
    anthropic,
    suspend: () => server.suspend(),
    resume: () => server.resume(),
    close: async () => {
      await server.close();
      await persister?.close();
    },
  };
}
