import { AuthorizationTimeoutError, VerificationFailedError } from '../core/errors.js';
import type { GateMetrics } from '../core/metrics.js';
import type { RunPageState } from './run-page-state.js';
import type { VerifyOutcome } from './live-view-server.js';
import type { AccountInfo, ScalekitGateway } from '../scalekit/scalekit-gateway.js';
import { newToken, nonceMatches, sameToken } from '../core/browser-binding.js';

export interface PendingConnector {
  key: string;
  label: string;
  connection: string;
  identifier: string;
  account: AccountInfo;
  /** Why consent is needed, shown on the page (first connection, expired, revoked, ...). */
  reason: string;
}

/** One press of Connect: the `state` sent to Scalekit and the nonce the pressing browser holds. */
interface IssuedLink {
  state: string;
  nonce: string;
}

/** A person rarely presses Connect more than a few times; older links of a connector stop verifying. */
const MAX_LINKS_PER_CONNECTOR = 20;

/** What `/connect/<key>` needs: where to send the browser, and the binding to set as a cookie. */
export interface StartedLink extends IssuedLink {
  location: string;
}

interface Waiter extends PendingConnector {
  /** Unguessable, one per press of Connect, each bound to the browser that pressed it. */
  links: IssuedLink[];
  opened: boolean;
  done: boolean;
  resolvedAt: number | undefined;
  resolve: (account: AccountInfo) => void;
}

export interface ConsentSessionOptions {
  gateway: ScalekitGateway;
  page: RunPageState;
  metrics: GateMetrics;
  /** The live view's public address, for `userVerifyUrl` (undefined: flows without verification). */
  verifyUrl: () => string | undefined;
  pageUrl: () => string;
  sleep: (ms: number) => Promise<void>;
  /** Polling fallback: first interval and cap. */
  pollIntervalMs?: number;
  maxPollIntervalMs?: number;
}

/**
 * Waits for people to authorize pending connectors. The verify callback wakes the waiter at once;
 * polling (with backoff, only for links that were opened) covers flows without verification.
 */
export class ConsentSession {
  readonly #waiters = new Map<string, Waiter>();

  constructor(private readonly options: ConsentSessionOptions) {}

  /** Resolves with every connector ACTIVE, or rejects at the deadline. */
  async authorize(pending: PendingConnector[], timeoutMs: number): Promise<Map<string, AccountInfo>> {
    const deadline = new Date(Date.now() + timeoutMs);
    const started = performance.now();
    const promises = pending.map(
      (p) =>
        new Promise<[string, AccountInfo]>((resolve) => {
          this.#waiters.set(p.key, {
            ...p,
            links: [],
            opened: false,
            done: false,
            resolvedAt: undefined,
            resolve: (account) => resolve([p.key, account]),
          });
        }),
    );
    this.options.page.authorize(
      pending.map((p) => ({ key: p.key, label: p.label, state: 'pending' as const, note: p.reason })),
      deadline,
    );
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        const open = [...this.#waiters.values()].filter((w) => !w.done).map((w) => w.key);
        reject(new AuthorizationTimeoutError(open, this.options.pageUrl(), Math.round(timeoutMs / 1000)));
      }, timeoutMs);
    });
    const stopPolling = this.#pollOpened();
    try {
      const entries = await Promise.race([Promise.all(promises), timeout]);
      const resumedAt = performance.now();
      for (const key of pending.map((p) => p.key)) {
        const at = this.#waiters.get(key)?.resolvedAt;
        if (at !== undefined) this.options.metrics.consentResumeMs.push(resumedAt - at);
      }
      return new Map(entries);
    } finally {
      clearTimeout(timer);
      stopPolling();
      this.options.metrics.consentWaitMs += performance.now() - started;
      for (const key of pending.map((p) => p.key)) this.#waiters.delete(key);
    }
  }

  /**
   * `/connect/<key>`: a fresh magic link (links expire, so one is made per click) with a fresh state,
   * bound to a fresh nonce that the route sets as a cookie in the browser that pressed the button.
   */
  async linkFor(key: string): Promise<StartedLink | undefined> {
    const waiter = this.#waiters.get(key);
    if (!waiter || waiter.done) return undefined;
    const issued: IssuedLink = { state: newToken(), nonce: newToken() };
    const location = await this.options.gateway.authorizationLink(waiter.connection, waiter.identifier, {
      state: issued.state,
      userVerifyUrl: this.options.verifyUrl(),
    });
    waiter.links = [...waiter.links, issued].slice(-MAX_LINKS_PER_CONNECTOR);
    if (!waiter.opened) {
      waiter.opened = true;
      this.options.page.setConnector(key, 'opened', waiter.reason);
    }
    return { ...issued, location };
  }

  /**
   * `/verify?auth_request_id&state`: only a state issued by this run, for a connector still pending,
   * and only in the browser that pressed Connect for it (`nonce`: what its cookie holds).
   */
  async verify(authRequestId: string, state: string, nonce: string | undefined): Promise<VerifyOutcome> {
    const arrivedAt = performance.now();
    let waiter: Waiter | undefined;
    let issued: IssuedLink | undefined;
    for (const candidate of this.#waiters.values()) {
      const match = candidate.links.find((l) => state !== '' && sameToken(l.state, state));
      if (match) [waiter, issued] = [candidate, match];
    }
    if (!waiter || !issued || !authRequestId) {
      return {
        ok: false,
        reason: 'unknown',
        label: 'Account',
        message:
          'This verification link does not belong to the current run. Go back to the run page and use its button.',
        redirectUrl: undefined,
      };
    }
    if (waiter.done) {
      return {
        ok: true,
        reason: 'connected',
        label: waiter.label,
        message: 'Already connected. You can close this tab.',
        redirectUrl: undefined,
      };
    }
    if (!nonceMatches(nonce, issued.nonce)) {
      // Someone else's browser approved a forwarded link: their account must not become this user's.
      return {
        ok: false,
        reason: 'other_browser',
        label: waiter.label,
        message: `This link was opened in another browser than the one that pressed Connect, so ${waiter.label} was not connected. To connect it, open the run page in this browser and press Connect there.`,
        redirectUrl: undefined,
      };
    }
    try {
      const redirectUrl = await this.options.gateway.verifyUser(authRequestId, waiter.identifier);
      this.#complete(waiter, { ...waiter.account, status: 'ACTIVE' }, arrivedAt);
      return {
        ok: true,
        reason: 'connected',
        label: waiter.label,
        message: 'You can close this tab; the run continues.',
        redirectUrl,
      };
    } catch {
      const error = new VerificationFailedError(waiter.label, 'Scalekit refused the verification');
      this.options.page.setConnector(waiter.key, 'pending', error.message);
      return { ok: false, reason: 'refused', label: waiter.label, message: error.message, redirectUrl: undefined };
    }
  }

  /** `since`: when the signal arrived (the verify request), so resume latency includes verifying. */
  #complete(waiter: Waiter, account: AccountInfo, since: number = performance.now()): void {
    if (waiter.done) return;
    waiter.done = true;
    waiter.resolvedAt = since;
    this.options.page.setConnector(waiter.key, 'connected');
    waiter.resolve(account);
  }

  #pollOpened(): () => void {
    let stopped = false;
    const first = this.options.pollIntervalMs ?? 2_000;
    const cap = this.options.maxPollIntervalMs ?? 15_000;
    void (async () => {
      let interval = first;
      while (!stopped) {
        await this.options.sleep(interval);
        if (stopped) return;
        const opened = [...this.#waiters.values()].filter((w) => w.opened && !w.done);
        for (const waiter of opened) {
          try {
            const current = await this.options.gateway.status(waiter.connection, waiter.identifier);
            if (current?.status === 'ACTIVE') this.#complete(waiter, current);
          } catch {
            // A failed poll is retried on the next tick; the verify callback does not depend on it.
          }
        }
        interval = opened.length > 0 ? Math.min(cap, Math.round(interval * 1.5)) : first;
      }
    })();
    return () => {
      stopped = true;
    };
  }
}
