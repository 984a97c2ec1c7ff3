import { setTimeout as delay } from 'node:timers/promises';
import { ConnectedAccounts } from '../core/connected-accounts.js';
import { DEFAULT_RETRY_POLICY, type RetryPolicy } from '../core/retry-policy.js';
import type { ConnectedHandles } from '../core/connector-handle.js';
import { CircuitBreaker } from '../core/circuit-breaker.js';
import { LimiterPool } from '../core/limiter-pool.js';
import { credentialsFromEnv, type ScalekitCredentials } from '../core/credentials.js';
import { labelOf, type ConnectorSpec } from '../core/connectors.js';
import { ConsentSession, type PendingConnector } from './consent-session.js';
import { LiveViewServer, localPageUrl } from './live-view-server.js';
import { RunPageState, type Progress, type SummaryLink } from './run-page-state.js';
import { AuthorizationTimeoutError, SharedConnectorNotConnectedError } from '../core/errors.js';
import { resolveIdentity, type RunIdentity } from './run-identity.js';
import { isExpectedFailure, runFailureMessage } from './run-failure.js';
import { toAnthropicTool, type AnthropicToolDefinition } from '../llm/anthropic-tools.js';
import { emptyMetrics, type GateMetrics } from '../core/metrics.js';
import type { ActorRuntime } from './actor-runtime.js';
import type { AccountStatus } from '../scalekit/account-status.js';
import { ScalekitGateway, type AccountInfo } from '../scalekit/scalekit-gateway.js';

export const CONSENT_TIMEOUT_VARIABLE = 'AUTH_GATE_CONSENT_TIMEOUT_SECS';
/** How long one call waits out 429s in total (RetryPolicy.rateLimitBudgetMs), in seconds. */
export const RATE_LIMIT_BUDGET_VARIABLE = 'AUTH_GATE_RATE_LIMIT_BUDGET_SECS';
/**
 * Four minutes: long enough for a person at the Live View, short enough that an unattended run
 * (Apify's daily Store test allows 5 minutes) ends with its AWAITING_AUTH output, not a timeout.
 */
const DEFAULT_CONSENT_TIMEOUT_SECS = 240;

export interface AuthGateOptions<K extends string> {
  /** The connectors this Actor uses, by the key the code refers to them with. */
  connectors: Record<K, ConnectorSpec>;
  page?: {
    title?: string;
    /** Port of the live-view server; defaults to ACTOR_WEB_SERVER_PORT (4321). 0 picks a free port. */
    port?: number;
    /** Public address of the live view; defaults to ACTOR_WEB_SERVER_URL, else http://<host or localhost>:<port>. */
    publicUrl?: string;
    /** Interface to listen on; default all (the platform's proxy reaches the container from outside). */
    host?: string;
    /** Whether Apify Console may frame the page (its Live View tab); default true. The CLI's page: false. */
    embeddable?: boolean;
  };
  /** How long a run waits for consent (default 240 s, or AUTH_GATE_CONSENT_TIMEOUT_SECS). */
  consentTimeoutSecs?: number;
  /** Pass `userVerifyUrl` so Scalekit's custom user verification is used (default true). */
  userVerification?: boolean;
  /** Prefix for per-user identifiers when one Scalekit environment serves several products. */
  identifierPrefix?: string;
  retry?: Partial<RetryPolicy>;
  /** Pay-per-event: charge this event after each successful tool call (off by default). */
  chargeToolCallEvent?: string;
  /** Defaults to the SCALEKIT_* environment variables. */
  credentials?: ScalekitCredentials;
  /** Defaults to the real Apify SDK. */
  runtime?: ActorRuntime;
}

export interface FinishOptions {
  summary: string;
  links?: SummaryLink[];
}

const REASONS: Record<AccountStatus, string> = {
  ACTIVE: '',
  PENDING_AUTH: 'Not connected yet.',
  PENDING_VERIFICATION: 'An earlier connection was not completed; connect again.',
  EXPIRED: 'The connection expired; connect again to renew it.',
  DISCONNECTED: 'The connection was revoked or disconnected; connect again.',
  UNKNOWN: 'The connection is in an unexpected state; connect again.',
};

/** An operator (or a test) may shorten or lengthen the 429 wait without a code change. */
function rateLimitBudgetFromEnv(runtime: ActorRuntime): Partial<RetryPolicy> {
  // Read once; unset or blank means "no override" (Number('') would be a 0 s budget).
  const raw = runtime.env(RATE_LIMIT_BUDGET_VARIABLE)?.trim();
  const secs = raw ? Number(raw) : Number.NaN;
  return Number.isFinite(secs) && secs >= 0 ? { rateLimitBudgetMs: secs * 1000 } : {};
}

function idleSleep(ms: number): Promise<void> {
  // Unref'd so a waiting poll never keeps a finished run alive.
  return delay(ms, undefined, { ref: false });
}

export class AuthGate<K extends string> {
  readonly identity: RunIdentity;
  readonly #gateway: ScalekitGateway;
  readonly #metrics: GateMetrics = emptyMetrics();
  readonly #page: RunPageState;
  readonly #server: LiveViewServer;
  readonly #session: ConsentSession;
  readonly #runtime: ActorRuntime;
  readonly #policy: RetryPolicy;
  readonly #accounts: ConnectedAccounts<K>;
  /** One breaker per connector, shared by its handles: the run stops calling a connector in outage. */
  readonly #breakers = new Map<K, CircuitBreaker>();
  /** Mid-run re-authorizations in flight, one per connector, awaited by every call that needs it. */
  readonly #reconnecting = new Map<K, Promise<AccountInfo>>();
  readonly #connected = new Map<K, AccountInfo>();
  #pageUrl = '';

  constructor(
    private readonly options: AuthGateOptions<K>,
    runtime: ActorRuntime,
    credentials: ScalekitCredentials,
  ) {
    this.#runtime = runtime;
    this.identity = resolveIdentity(
      runtime,
      options.identifierPrefix === undefined ? {} : { prefix: options.identifierPrefix },
    );
    this.#policy = { ...DEFAULT_RETRY_POLICY, ...rateLimitBudgetFromEnv(runtime), ...options.retry };
    this.#gateway = new ScalekitGateway(credentials, this.#metrics, { policy: this.#policy });
    this.#page = new RunPageState(options.page?.title ?? 'Actor run');
    this.#session = new ConsentSession({
      gateway: this.#gateway,
      page: this.#page,
      metrics: this.#metrics,
      verifyUrl: () => (options.userVerification === false ? undefined : `${this.#pageUrl}/verify`),
      pageUrl: () => this.#pageUrl,
      sleep: idleSleep,
    });
    this.#server = new LiveViewServer(
      this.#page,
      {
        connect: (key) => this.#session.linkFor(key),
        verify: (authRequestId, state, nonce) => this.#session.verify(authRequestId, state, nonce),
      },
      { publicUrl: () => this.#pageUrl, embeddable: options.page?.embeddable ?? true },
    );
    for (const key of Object.keys(options.connectors) as K[])
      this.#breakers.set(key, new CircuitBreaker(this.#policy.breakerThreshold));
    const chargeEvent = options.chargeToolCallEvent;
    this.#accounts = new ConnectedAccounts(
      {
        connectors: options.connectors,
        gateway: this.#gateway,
        metrics: this.#metrics,
        policy: this.#policy,
        limiters: new LimiterPool(options.connectors),
      },
      {
        perUserIdentifier: () => this.identity.userIdentifier,
        reconnect: (key, status, current) => this.#reconnectOnce(key, status, current),
        onToolCall: chargeEvent ? () => this.#runtime.charge(chargeEvent, 1) : undefined,
        breaker: (key) => this.#breakers.get(key),
      },
    );
  }

  /** @internal used by createAuthGate */
  async start(): Promise<void> {
    const requested = this.options.page?.port ?? this.#runtime.webServerPort();
    const host = this.options.page?.host;
    let port: number;
    try {
      port = await this.#server.listen(requested, host);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE' || this.#runtime.isAtHome()) throw error;
      port = await this.#server.listen(0, host);
      this.#runtime.log.warning(`Port ${requested} is busy; the run page is on port ${port} instead.`);
    }
    const configured = this.options.page?.publicUrl ?? this.#runtime.webServerUrl();
    this.#pageUrl = (configured ?? localPageUrl(host, port)).replace(/\/+$/, '');
  }

  /** The live-view page address (safe to log and show: it is not a magic link). */
  get pageUrl(): string {
    return this.#pageUrl;
  }

  /**
   * Makes the connectors ready: one lookup each (in parallel); ACTIVE ones need nothing else.
   * The others go through consent on the live-view page, with a deadline.
   */
  async connect<S extends K>(keys: readonly S[]): Promise<ConnectedHandles<S>> {
    const looked = await this.#accounts.lookup(keys);
    const pending: PendingConnector[] = [];
    let operator: boolean | undefined;
    for (const [key, account] of looked) {
      if (account.status === 'ACTIVE') {
        this.#connected.set(key, account);
        continue;
      }
      const spec = this.#accounts.spec(key);
      if (spec.kind === 'shared') {
        operator ??= await this.identity.isOperator();
        if (!operator) throw new SharedConnectorNotConnectedError(this.#accounts.connection(key));
      }
      pending.push({
        key,
        label: spec.kind === 'shared' ? `${labelOf(key, spec)} (shared account of this Actor)` : labelOf(key, spec),
        connection: this.#accounts.connection(key),
        identifier: account.identifier,
        account,
        reason: REASONS[account.status],
      });
    }
    if (pending.length > 0) await this.#consent(pending);
    this.#page.running();
    return this.#accounts.handles(keys.map((key) => [key, this.#connected.get(key)!] as const));
  }

  async #consent(pending: PendingConnector[]): Promise<void> {
    const names = pending.map((p) => p.label).join(', ');
    const message = `Waiting for authorization: open the Live View (${this.#pageUrl}) and connect ${names}.`;
    this.#runtime.log.info(message);
    await this.#runtime.setStatusMessage(message);
    const accounts = await this.#session.authorize(pending, this.#consentTimeoutMs());
    for (const [key, account] of accounts) this.#connected.set(key as K, account);
    await this.#runtime.setStatusMessage(`Connected ${names}. Running…`);
  }

  #consentTimeoutMs(): number {
    const fromEnv = Number(this.#runtime.env(CONSENT_TIMEOUT_VARIABLE));
    const secs =
      this.options.consentTimeoutSecs ??
      (Number.isFinite(fromEnv) && fromEnv > 0 ? fromEnv : DEFAULT_CONSENT_TIMEOUT_SECS);
    return secs * 1000;
  }

  /** Handles of one connector that lose it at the same time share one consent. */
  #reconnectOnce(key: K, status: AccountStatus, current: AccountInfo | undefined): Promise<AccountInfo> {
    const inFlight = this.#reconnecting.get(key);
    if (inFlight) return inFlight;
    const renewal = this.#reconnect(key, status, current).finally(() => this.#reconnecting.delete(key));
    this.#reconnecting.set(key, renewal);
    return renewal;
  }

  /** A connection lost mid-run goes through consent once more (the page shows why). */
  async #reconnect(key: K, status: AccountStatus, current: AccountInfo | undefined): Promise<AccountInfo> {
    const spec = this.#accounts.spec(key);
    const connection = this.#accounts.connection(key);
    if (spec.kind === 'shared' && !(await this.identity.isOperator()))
      throw new SharedConnectorNotConnectedError(connection);
    // The handle's status call just returned `current`; only a deleted account needs a lookup (which recreates it).
    const account = current ?? (await this.#gateway.lookup(connection, this.#accounts.identifierFor(key)));
    await this.#consent([
      {
        key,
        label: labelOf(key, spec),
        connection,
        identifier: account.identifier,
        account,
        reason: REASONS[status === 'ACTIVE' ? 'UNKNOWN' : status],
      },
    ]);
    this.#page.running();
    return this.#connected.get(key)!;
  }

  /** Progress for the live-view page and the run's status message. */
  async progress(progress: Progress): Promise<void> {
    this.#page.progress(progress);
    // While a connector is being re-authorized the status message keeps asking for it.
    if (this.#reconnecting.size > 0) return;
    const figures = progress.total === undefined ? `${progress.done}` : `${progress.done}/${progress.total}`;
    await this.#runtime.setStatusMessage(`${figures} ${progress.label}`);
  }

  /** A step of the run, shown on the live-view page. */
  step(text: string): void {
    this.#page.step(text);
  }

  async finish(options: FinishOptions): Promise<void> {
    this.#page.done(options.summary, options.links ?? []);
    await this.#runtime.setStatusMessage(options.summary, { isStatusMessageTerminal: true });
  }

  /**
   * Ends a failed run cleanly: the page and status message show the message; an authorization
   * timeout writes OUTPUT { status: 'AWAITING_AUTH' } so scheduled and automated runs read clearly.
   * Returns the message to pass to `Actor.fail`.
   */
  async reportFailure(error: unknown): Promise<string> {
    const message = runFailureMessage(error);
    if (!isExpectedFailure(error)) this.#runtime.log.error(error instanceof Error ? (error.stack ?? message) : message);
    if (error instanceof AuthorizationTimeoutError) {
      // Stable fields for an automated caller: nothing was done for lack of consent, and only a
      // person can fix it (retrying the same call without them fails the same way).
      await this.#runtime.setValue('OUTPUT', {
        status: 'AWAITING_AUTH',
        code: error.code,
        message,
        connectors: error.connectors,
        waitedSeconds: error.waitedSeconds,
        needsPerson: true,
        nextStep:
          "Start the Actor from Apify Console, open the run's Live View tab and click Connect; later runs need no consent.",
        liveViewUrl: error.pageUrl,
      });
    } else if (error instanceof SharedConnectorNotConnectedError) {
      await this.#runtime.setValue('OUTPUT', {
        status: 'OPERATOR_ACTION_REQUIRED',
        connector: error.connector,
        message,
      });
    }
    this.#page.failed(message);
    await this.#runtime.setStatusMessage(message, { isStatusMessageTerminal: true, level: 'ERROR' });
    return message;
  }

  /** Anthropic tool definitions for the given Scalekit tools of a connected connector. */
  async toolDefinitions(key: K, toolNames: string[]): Promise<AnthropicToolDefinition[]> {
    const records = await this.#gateway.scopedTools(
      this.#accounts.identifierFor(key),
      [this.#accounts.connection(key)],
      toolNames,
    );
    return records.map(toAnthropicTool);
  }

  metrics(): GateMetrics {
    return structuredClone(this.#metrics);
  }

  async close(): Promise<void> {
    await this.#server.close();
  }
}

/** Builds the gate for this run and starts the live-view server. Fails fast on missing credentials. */
export async function createAuthGate<K extends string>(options: AuthGateOptions<K>): Promise<AuthGate<K>> {
  // Loaded on demand: the operator CLI passes its own runtime and starts without the Apify SDK.
  const runtime = options.runtime ?? (await import('./actor-runtime.js')).apifyRuntime;
  const credentials = options.credentials ?? credentialsFromEnv();
  const gate = new AuthGate(options, runtime, credentials);
  await gate.start();
  return gate;
}
