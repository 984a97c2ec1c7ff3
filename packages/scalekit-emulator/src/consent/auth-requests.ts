import type { EmulatorClock } from '../clock.js';
import { secretToken } from '../ids.js';

/** A magic link handed out by GetMagicLinkForConnectedAccount. */
export interface MagicLink {
  token: string;
  accountId: string;
  identifier: string;
  connector: string;
  state: string | undefined;
  userVerifyUrl: string | undefined;
  expiresAt: Date;
  used: boolean;
}

/** A consent that was approved and now waits for VerifyConnectedAccountUser. */
export interface PendingVerification {
  authRequestId: string;
  accountId: string;
  identifier: string;
  expiresAt: Date;
}

export type LinkLookup =
  | { ok: true; link: MagicLink }
  | { ok: false; reason: 'unknown' }
  | { ok: false; reason: 'expired' | 'used'; link: MagicLink };

export type VerifyLookup =
  | { ok: true; pending: PendingVerification }
  | { ok: false; reason: 'unknown' | 'expired' }
  | { ok: false; reason: 'identifier_mismatch'; pending: PendingVerification };

/** Magic links and pending verifications; every token is unguessable and single-use. */
export class AuthRequestStore {
  readonly #links = new Map<string, MagicLink>();
  readonly #pending = new Map<string, PendingVerification>();

  constructor(
    private readonly linkTtlMs: number,
    private readonly verifyTtlMs: number,
    private readonly clock: EmulatorClock,
  ) {}

  issueLink(input: Omit<MagicLink, 'token' | 'expiresAt' | 'used'>): MagicLink {
    const link: MagicLink = {
      ...input,
      token: secretToken(),
      expiresAt: new Date(this.clock.now() + this.linkTtlMs),
      used: false,
    };
    this.#links.set(link.token, link);
    return link;
  }

  lookupLink(token: string): LinkLookup {
    const link = this.#links.get(token);
    if (!link) return { ok: false, reason: 'unknown' };
    if (link.used) return { ok: false, reason: 'used', link };
    if (link.expiresAt.getTime() <= this.clock.now()) return { ok: false, reason: 'expired', link };
    return { ok: true, link };
  }

  consumeLink(link: MagicLink): void {
    link.used = true;
  }

  startVerification(link: MagicLink): PendingVerification {
    const pending: PendingVerification = {
      authRequestId: secretToken(),
      accountId: link.accountId,
      identifier: link.identifier,
      expiresAt: new Date(this.clock.now() + this.verifyTtlMs),
    };
    this.#pending.set(pending.authRequestId, pending);
    return pending;
  }

  /** Checks a verification; only a successful check consumes it, as Scalekit's is single-use. */
  verify(authRequestId: string, identifier: string): VerifyLookup {
    const pending = this.#pending.get(authRequestId);
    if (!pending) return { ok: false, reason: 'unknown' };
    if (pending.expiresAt.getTime() <= this.clock.now()) {
      this.#pending.delete(authRequestId);
      return { ok: false, reason: 'expired' };
    }
    if (pending.identifier !== identifier) return { ok: false, reason: 'identifier_mismatch', pending };
    this.#pending.delete(authRequestId);
    return { ok: true, pending };
  }

  /** Forget links and verifications of a deleted account. */
  forgetAccount(accountId: string): void {
    for (const [token, link] of this.#links) if (link.accountId === accountId) this.#links.delete(token);
    for (const [id, pending] of this.#pending) if (pending.accountId === accountId) this.#pending.delete(id);
  }

  /** Expire every outstanding link now (fault injection / tests of the expired-link path). */
  expireAllLinks(): number {
    let n = 0;
    for (const link of this.#links.values()) {
      if (!link.used) {
        link.expiresAt = new Date(0);
        n += 1;
      }
    }
    return n;
  }
}
