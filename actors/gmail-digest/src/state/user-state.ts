// Per-user state across runs, in a named key-value store (named stores outlive runs and belong to
// the Apify account that runs the Actor). The record key is a hash of the auth-gate identifier, so
// neither the store name nor the key reveals whose state it is, and two identities sharing one
// storage (locally) never share a cursor.

import { createHash } from 'node:crypto';
import { Actor, log } from 'apify';
import { z } from 'zod';
import { type MailCursor } from './mail-cursor.js';

export const STATE_STORE_NAME = 'gmail-digest-state';
/** Digest mails this Actor sent to the user, remembered so the next digest leaves them out. */
const MAX_REMEMBERED_SENT = 50;

export interface UserState {
  version: 1;
  /** sha256 of the mailbox address the cursor belongs to: a different connected Gmail starts afresh. */
  mailbox: string;
  cursor: MailCursor | null;
  sentDigestIds: string[];
  lastDigestAt: string | null;
}

const stateSchema = z.object({
  version: z.literal(1),
  mailbox: z.string(),
  cursor: z.object({ internalDateMs: z.number().int().nonnegative(), idsAtBoundary: z.array(z.string()) }).nullable(),
  sentDigestIds: z.array(z.string()),
  lastDigestAt: z.string().nullable(),
});

export function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** The record key for one identity: `user-` and 40 hex characters of its hash. */
export function stateKey(userIdentifier: string): string {
  return `user-${sha256(`gmail-digest:${userIdentifier}`).slice(0, 40)}`;
}

export function mailboxFingerprint(address: string): string {
  return sha256(address.trim().toLowerCase());
}

export function emptyState(mailbox: string): UserState {
  return { version: 1, mailbox, cursor: null, sentDigestIds: [], lastDigestAt: null };
}

export function rememberSent(state: UserState, messageId: string): UserState {
  return {
    ...state,
    sentDigestIds: [...state.sentDigestIds.filter((id) => id !== messageId), messageId].slice(-MAX_REMEMBERED_SENT),
  };
}

export class UserStateStore {
  private constructor(
    private readonly store: Awaited<ReturnType<typeof Actor.openKeyValueStore>>,
    private readonly key: string,
  ) {}

  static async open(userIdentifier: string): Promise<UserStateStore> {
    return new UserStateStore(await Actor.openKeyValueStore(STATE_STORE_NAME), stateKey(userIdentifier));
  }

  /**
   * The saved state for this mailbox. A record that does not parse, or that belongs to another
   * mailbox, is treated as absent (the run then uses the look-back window) and logged.
   */
  async load(mailbox: string): Promise<UserState> {
    const raw = await this.store.getValue<unknown>(this.key);
    if (raw === null || raw === undefined) return emptyState(mailbox);
    const parsed = stateSchema.safeParse(raw);
    if (!parsed.success) {
      log.warning('The saved digest state is unreadable; this run starts from the look-back window.');
      return emptyState(mailbox);
    }
    if (parsed.data.mailbox !== mailbox) {
      log.info(
        'A different Gmail account is connected than at the last digest; this run starts from the look-back window.',
      );
      return emptyState(mailbox);
    }
    return parsed.data;
  }

  async save(state: UserState): Promise<void> {
    await this.store.setValue(this.key, state);
  }
}
