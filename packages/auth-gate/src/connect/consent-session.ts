import { randomBytes, timingSafeEqual } from 'node:crypto';
import { AuthorizationTimeoutError, VerificationFailedError } from '../errors.js';
import type { GateMetrics } from '../metrics.js';
import type { RunPageState } from '../consent/run-page-state.js';
import type { VerifyOutcome } from '../consent/live-view-server.js';
import type { AccountInfo, ScalekitGateway } from '../scalekit/scalekit-gateway.js';

export interface PendingConnector {
  key: string;
  label: string;
  connection: string;
  identifier: string;
  account: AccountInfo;
  /** Why consent is needed, shown on the page (first connection, expired, revoked, ...). */
  reason: string;
}

interface Waiter extends PendingConnector {
  /** Unguessable, bound to this run and connector; echoed back by Scalekit to the verify route. */
  state: string;
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

function sameToken(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
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
            state: randomBytes(32).toString('base64url'),
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

  /** `/connect/<key>`: a fresh magic link (links expire, so one is made per click). */
  async linkFor(key: string): Promise<string | undefined> {
    const waiter = this.#waiters.get(key);
    if (!waiter || waiter.done) return undefined;
    const link = await this.options.gateway.authorizationLink(waiter.connection, waiter.identifier, {
      state: waiter.state,
      userVerifyUrl: this.options.verifyUrl(),
    });
    if (!waiter.opened) {
      waiter.opened = true;
      this.options.page.setConnector(key, 'opened', waiter.reason);
    }
    return link;
  }

  /** `/verify?auth_request_id&state`: only a state issued by this run, for a connector still pending. */
  async verify(authRequestId: string, state: string): Promise<VerifyOutcome> {
    const arrivedAt = performance.now();
    const waiter = [...this.#waiters.values()].find((w) => state !== '' && sameToken(w.state, state));
    if (!waiter || !authRequestId) {
      return {
        ok: false,
        label: 'Account',
        message: 'This verification link does not belong to the current run. Go back to the run page and use its button.',
        redirectUrl: undefined,
      };
    }
    if (waiter.done) {
      return { ok: true, label: waiter.label, message: 'Already connected. You can close this tab.', redirectUrl: undefined };
    }
    try {
      const redirectUrl = await this.options.gateway.verifyUser(authRequestId, waiter.identifier);
      this.#complete(waiter, { ...waiter.account, status: 'ACTIVE' }, arrivedAt);
      return { ok: true, label: waiter.label, message: 'You can close this tab; the run continues.', redirectUrl };
    } catch {
      const error = new VerificationFailedError(waiter.label, 'Scalekit refused the verification');
      this.options.page.setConnector(waiter.key, 'pending', error.message);
      return { ok: false, label: waiter.label, message: error.message, redirectUrl: undefined };
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
