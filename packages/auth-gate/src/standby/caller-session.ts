import type { ConnectedHandles } from '../core/connector-handle.js';
import { ConnectedAccounts, type AccountsContext } from '../core/connected-accounts.js';
import { labelOf, type ConnectorSpec } from '../core/connectors.js';
import { SharedConnectorNotConnectedError } from '../core/errors.js';
import { isIssuedCaller, type ApiKeyCaller } from './api-key-caller.js';
import {
  ConnectorAuthorizationRequiredError,
  OperatorOnlyConnectorError,
  UntrustedCallerError,
  UserKeyRequiredError,
} from './api-key-errors.js';
import type { LinkVerifications } from './link-verifications.js';

/** What every session of one Standby gate shares; nothing in it belongs to a single caller. */
export interface SessionContext<K extends string> extends AccountsContext<K> {
  verifications: LinkVerifications;
  userVerifyUrl: string | undefined;
}

/** A fresh magic link for one connector of one caller: hand it to that caller only, never log it. */
export interface AuthorizationLink {
  connector: string;
  url: string;
}

/**
 * Connected accounts acting for one API caller. Its identity is fixed at creation, from the key
 * Scalekit validated; sessions of different callers share nothing but the SDK client and limits.
 * There is no consent page: a connector that is not ACTIVE is an error the caller can act on.
 */
export class CallerSession<K extends string> {
  /** This caller's accounts: organization keys get shared connectors only, a per-user one needs a user key. */
  readonly #accounts: ConnectedAccounts<K>;

  constructor(
    readonly caller: ApiKeyCaller,
    private readonly ctx: SessionContext<K>,
  ) {
    if (!isIssuedCaller(caller))
      throw new UntrustedCallerError('it was not produced by an API key guard from a validated key.');
    const sharedIds = Object.values<ConnectorSpec>(ctx.connectors)
      .filter((s) => s.kind === 'shared')
      .map((s) => s.identifier);
    // Caller identifiers are `<prefix>apikey:…`, but a shared identifier is the operator's free text:
    // one spelled like a caller's would hand the operator's shared account to that caller as "its own".
    if (caller.identifier !== undefined && sharedIds.includes(caller.identifier)) {
      throw new UntrustedCallerError('its identifier equals the identifier of a shared account.');
    }
    this.#accounts = new ConnectedAccounts(ctx, {
      perUserIdentifier: (key, spec) => {
        if (caller.identifier === undefined) throw new UserKeyRequiredError(labelOf(key, spec));
        return caller.identifier;
      },
      // No one to show a consent page to mid-request: the caller learns what to do instead.
      reconnect: (key, status) =>
        Promise.reject(
          this.#accounts.spec(key).kind === 'shared'
            ? new SharedConnectorNotConnectedError(this.#accounts.connection(key))
            : new ConnectorAuthorizationRequiredError([{ connector: key, status }]),
        ),
    });
  }

  /**
   * One lookup per connector, in parallel. All ACTIVE: handles with the usual retries and limits.
   * Otherwise a typed error: UserKeyRequiredError (before any lookup), SharedConnectorNotConnectedError
   * (the operator must act) or ConnectorAuthorizationRequiredError (ask for a link).
   */
  async connect<S extends K>(keys: readonly S[]): Promise<ConnectedHandles<S>> {
    const accounts = await this.#accounts.lookup(keys);
    const sharedMissing = accounts.find(
      ([key, account]) => account.status !== 'ACTIVE' && this.#accounts.spec(key).kind === 'shared',
    );
    if (sharedMissing) throw new SharedConnectorNotConnectedError(this.#accounts.connection(sharedMissing[0]));
    const pending = accounts
      .filter(([, account]) => account.status !== 'ACTIVE')
      .map(([key, account]) => ({ connector: key, status: account.status }));
    if (pending.length > 0) throw new ConnectorAuthorizationRequiredError(pending);
    return this.#accounts.handles(accounts);
  }

  /** A fresh magic link (links expire, so one per request) for a per-user connector of this caller. */
  async authorizationLink(key: K): Promise<AuthorizationLink> {
    if (this.#accounts.spec(key).kind === 'shared')
      throw new OperatorOnlyConnectorError(this.#accounts.connection(key));
    const identifier = this.#accounts.identifierFor(key);
    const connection = this.#accounts.connection(key);
    const state = this.ctx.verifications.bind({ connector: key, connection, identifier });
    const url = await this.ctx.gateway.authorizationLink(connection, identifier, {
      state,
      userVerifyUrl: this.ctx.userVerifyUrl,
    });
    return { connector: key, url };
  }
}
