import { AccountStore } from './accounts/account-store.js';
import { ApiTokenStore } from './api-keys/api-token-store.js';
import { ConnectionCatalog, type ConnectionConfig } from './accounts/connections.js';
import { EmulatorClock } from './clock.js';
import { ClientCredentialsIssuer, type ClientCredentials } from './auth/client-credentials.js';
import { AuthRequestStore } from './consent/auth-requests.js';
import { FaultInjector } from './faults/fault-injector.js';
import { CallLog } from './observability/call-log.js';
import { Directory } from './organizations/directory.js';
import type { JsonObject, SandboxKind } from './sandboxes/sandbox.js';
import { SandboxRegistry } from './sandboxes/sandbox-registry.js';

export interface EnvironmentConfig {
  credentials: ClientCredentials;
  seed: number;
  tokenTtlSeconds: number;
  magicLinkTtlSeconds: number;
  connections: readonly ConnectionConfig[];
  sandboxKinds: readonly SandboxKind[];
  sandboxOptions: Record<string, JsonObject>;
  /**
   * `required`: API keys only for organizations (and users) that exist, as on Scalekit.
   * `implicit`: an unknown `org_…` id is created on its first API key (tests with fixed ids).
   */
  organizations: OrganizationMode;
}

export type OrganizationMode = 'required' | 'implicit';

/** The whole state of one emulated Scalekit environment; every protocol surface works on it. */
export class Environment {
  /** "Now" for expiries; the admin API moves it forward so tests never wait on the wall clock. */
  readonly clock = new EmulatorClock();
  readonly connections: ConnectionCatalog;
  readonly accounts = new AccountStore();
  /** Organizations and their users (OrganizationService, UserService). */
  readonly directory: Directory;
  /** API keys (Scalekit's ApiTokenService): hashes and metadata only. */
  readonly apiTokens: ApiTokenStore;
  readonly authRequests: AuthRequestStore;
  readonly sandboxes: SandboxRegistry;
  readonly calls = new CallLog();
  readonly faults: FaultInjector;
  readonly clientTokens: ClientCredentialsIssuer;
  /** Set once the server listens: the env URL that links and redirects are built on. */
  baseUrl = '';

  constructor(readonly config: EnvironmentConfig) {
    this.connections = new ConnectionCatalog(config.connections);
    this.apiTokens = new ApiTokenStore(this.clock);
    this.directory = new Directory(this.clock);
    this.authRequests = new AuthRequestStore(
      config.magicLinkTtlSeconds * 1000,
      config.magicLinkTtlSeconds * 1000,
      this.clock,
    );
    this.sandboxes = new SandboxRegistry(config.sandboxKinds, config.seed, config.sandboxOptions, this.accounts);
    this.faults = new FaultInjector(config.seed);
    this.clientTokens = new ClientCredentialsIssuer(config.credentials, config.tokenTtlSeconds);
  }
}
