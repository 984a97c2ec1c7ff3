import { DEFAULT_RETRY_POLICY, type RetryPolicy } from '../core/retry-policy.js';
import { credentialsFromEnv, type ScalekitCredentials } from '../core/credentials.js';
import type { ConnectorSpec } from '../core/connectors.js';
import { PREFIX_VARIABLE } from '../core/connectors.js';
import { emptyMetrics, type GateMetrics } from '../core/metrics.js';
import { ScalekitGateway } from '../scalekit/scalekit-gateway.js';
import type { ApiKeyCaller } from './api-key-caller.js';
import { createApiKeyGuard, type ApiKeyGuard } from './api-key-guard.js';
import { CallerSession, type SessionContext } from './caller-session.js';
import { LimiterPool } from '../core/limiter-pool.js';
import {
  bindingSetCookie,
  clearBindingCookie,
  cookieScopeOf,
  presentedNonce,
  type CookieScope,
} from '../core/browser-binding.js';
import type { AuthorizationLink } from './caller-session.js';
import { LinkVerifications } from './link-verifications.js';

export interface StandbyGateOptions<K extends string> {
  /** The connectors the server uses, as for `createAuthGate`. */
  connectors: Record<K, ConnectorSpec>;
  /** Defaults to the SCALEKIT_* environment variables. */
  credentials?: ScalekitCredentials;
  /** Prefix of per-user identifiers; defaults to AUTH_GATE_IDENTIFIER_PREFIX, as for Actor runs. */
  userIdentifierPrefix?: string;
  retry?: Partial<RetryPolicy>;
  /**
   * The address browsers reach this very process at (an Actor run's container URL), for Scalekit
   * environments with custom user verification. With it, consent is bound to the browser that
   * starts it: `consentLink` hands out `<publicUrl>/consent/<ticket>` (a route that must answer with
   * `gate.openConsent(...)`) and Scalekit returns to `<publicUrl>/verify` (route: `gate.verify(...)`).
   */
  publicUrl?: string;
}

/** An answer for a browser: `setCookie` goes in a Set-Cookie header when present. */
export type StandbyVerifyOutcome =
  | { ok: true; connector: string; redirectUrl: string; setCookie?: string }
  | { ok: false; reason: 'unknown' | 'other_browser' | 'refused'; message: string };

export type StandbyConsentStart =
  | { ok: true; location: string; setCookie: string }
  | { ok: false; reason: 'unknown' | 'already_opened'; message: string };

/**
 * auth-gate for a long-lived HTTP server (an Actor in Standby mode) that serves many callers, each
 * identified by an API key: no live-view page, no run identity. One instance per process.
 */
export class StandbyGate<K extends string> {
  /** The request guard, with the same credentials and identifier prefix as the sessions. */
  readonly guard: ApiKeyGuard;
  readonly #ctx: SessionContext<K>;
  readonly #verifications: LinkVerifications;
  readonly #publicUrl: string | undefined;
  readonly #scope: CookieScope | undefined;

  constructor(options: StandbyGateOptions<K>) {
    const credentials = options.credentials ?? credentialsFromEnv();
    const prefix = options.userIdentifierPrefix ?? process.env[PREFIX_VARIABLE] ?? '';
    const metrics = emptyMetrics();
    this.#publicUrl = options.publicUrl?.replace(/\/+$/, '');
    this.#scope = this.#publicUrl === undefined ? undefined : cookieScopeOf(this.#publicUrl);
    this.#verifications = new LinkVerifications();
    this.guard = createApiKeyGuard({ credentials, userIdentifierPrefix: prefix });
    this.#ctx = {
      connectors: options.connectors,
      gateway: new ScalekitGateway(credentials, metrics),
      metrics,
      policy: { ...DEFAULT_RETRY_POLICY, ...options.retry },
      limiters: new LimiterPool(options.connectors),
      verifications: this.#verifications,
      userVerifyUrl: this.#publicUrl === undefined ? undefined : `${this.#publicUrl}/verify`,
    };
  }

  /** The connected accounts of one caller (a guard's `caller`); create one per request. */
  forCaller(caller: ApiKeyCaller): CallerSession<K> {
    return new CallerSession(caller, this.#ctx);
  }

  /**
   * A consent link for one caller's per-user connector, to hand to that caller only. With
   * `publicUrl` it is a start link on this server: the first browser to open it is the one bound to
   * the consent (a cookie), and the magic link it leads to completes in that browser only, so a
   * forwarded magic link does not connect. Without `publicUrl`, the raw magic link (no binding).
   */
  async consentLink(caller: ApiKeyCaller, key: K): Promise<AuthorizationLink> {
    let state: string | undefined;
    const session = new CallerSession(caller, {
      ...this.#ctx,
      verifications: this.#verifications.reporting((bound) => (state = bound)),
    });
    const link = await session.authorizationLink(key);
    if (this.#publicUrl === undefined) return link;
    const ticket = state === undefined ? undefined : this.#verifications.hold(state, link.url);
    // No state bound means the session made no verifiable link: hand out nothing rather than a raw one.
    if (ticket === undefined) throw new Error('the consent link could not be bound to a verification state');
    return { connector: link.connector, url: `${this.#publicUrl}/consent/${ticket}` };
  }

  /**
   * The start route (`/consent/<ticket>`, opened by a browser): redirect to the magic link with the
   * binding cookie. The first browser to open a ticket owns it; it may open it again, nobody else can.
   */
  openConsent(ticket: string, cookieHeader: string | undefined): StandbyConsentStart {
    const scope = this.#scope;
    if (scope === undefined || !ticket)
      return { ok: false, reason: 'unknown', message: 'This consent link is unknown or expired. Request a new one.' };
    const opened = this.#verifications.open(ticket, (state) => presentedNonce(cookieHeader, state, scope));
    if (!opened.ok) {
      return opened.reason === 'already_opened'
        ? {
            ok: false,
            reason: 'already_opened',
            message:
              'This consent link was already opened in another browser, so it cannot be used here. Request a new link and open it in the browser you will approve in.',
          }
        : { ok: false, reason: 'unknown', message: 'This consent link is unknown or expired. Request a new one.' };
    }
    return { ok: true, location: opened.link, setCookie: bindingSetCookie(opened.state, opened.nonce, scope) };
  }

  /**
   * The verify route (`?auth_request_id=…&state=…`, with the request's Cookie header): completes
   * user verification for the caller the link was made for, only in the browser that opened the
   * start link (it holds the nonce bound to the state). Any other browser (a forwarded magic link)
   * gets `other_browser` and nothing is verified.
   */
  async verify(authRequestId: string, state: string, cookieHeader?: string): Promise<StandbyVerifyOutcome> {
    const scope = this.#scope;
    const checked =
      state && scope ? this.#verifications.check(state, presentedNonce(cookieHeader, state, scope)) : undefined;
    if (!checked || !authRequestId || (!checked.ok && checked.reason === 'unknown')) {
      return {
        ok: false,
        reason: 'unknown',
        message: 'This verification link is unknown or expired. Request a new authorization link.',
      };
    }
    if (!checked.ok) {
      return {
        ok: false,
        reason: 'other_browser',
        message:
          'This link was opened in another browser than the one that opened the consent link, so nothing was connected. Request a new consent link and open it in this browser.',
      };
    }
    const { binding } = checked;
    try {
      const redirectUrl = await this.#ctx.gateway.verifyUser(authRequestId, binding.identifier);
      this.#verifications.forget(state);
      return {
        ok: true,
        connector: binding.connector,
        redirectUrl,
        ...(scope ? { setCookie: clearBindingCookie(state, scope) } : {}),
      };
    } catch {
      return {
        ok: false,
        reason: 'refused',
        message: `Scalekit refused to verify the ${binding.connector} connection. Request a new authorization link.`,
      };
    }
  }

  metrics(): GateMetrics {
    return structuredClone(this.#ctx.metrics);
  }
}

/** Builds the Standby gate. Fails fast on missing SCALEKIT_* credentials; nothing listens. */
export function createStandbyGate<K extends string>(options: StandbyGateOptions<K>): StandbyGate<K> {
  return new StandbyGate(options);
}
