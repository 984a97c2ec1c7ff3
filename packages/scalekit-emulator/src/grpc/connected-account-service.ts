import { Code, ConnectError, type ServiceImpl } from '@connectrpc/connect';
import { timestampFromDate } from '@bufbuild/protobuf/wkt';
import type { AccountRecord, Credentials } from '../accounts/account-store.js';
import type { Connection } from '../accounts/connections.js';
import type { Environment } from '../environment.js';
import { STATIC_CREDENTIAL_FIELDS } from '../sandboxes/sandbox.js';
import { type ConnectedAccountService, type AuthorizationDetails } from '../sdk-protocol.js';
import { toConnectedAccount, toListedAccount } from './account-mapper.js';
import { checkScope } from './account-scope.js';
import { noteAccount, noteCall } from '../observability/call-details.js';
import { connectionNotFound, invalidArgument, notFound, pageWindow, scalekitError } from './errors.js';

interface Locator {
  id?: string | undefined;
  connector?: string | undefined;
  identifier?: string | undefined;
  organizationId?: string | undefined;
  userId?: string | undefined;
}

function requireConnection(env: Environment, name: string | undefined): Connection {
  if (!name) throw invalidArgument('connector is required', 'connector');
  const connection = env.connections.get(name);
  if (!connection) throw connectionNotFound(name);
  return connection;
}

function findAccount(env: Environment, loc: Locator): AccountRecord {
  let account: AccountRecord | undefined;
  if (loc.id) {
    account = env.accounts.find({ id: loc.id });
  } else {
    if (!loc.connector || !loc.identifier) {
      throw invalidArgument('either id, or connector and identifier, are required');
    }
    requireConnection(env, loc.connector);
    account = env.accounts.find({ connector: loc.connector, identifier: loc.identifier });
  }
  if (!account) throw notFound('connected account not found');
  checkScope(account, loc);
  return account;
}

/** Credentials from a create/update payload, checked against the connector's auth pattern. */
function credentialsFrom(connection: Connection, details: AuthorizationDetails | undefined): Credentials | undefined {
  const d = details?.details;
  if (!d || d.case === undefined) return undefined;
  if (d.case === 'oauthToken') {
    // The SDK's getOrCreate sends an empty OauthToken on create, whatever the connector's auth
    // pattern; that means "no credentials yet", so check it before the pattern.
    if (d.value.accessToken === '') return undefined;
    if (connection.auth !== 'OAUTH') {
      throw invalidArgument(
        `connector "${connection.name}" uses ${connection.auth} auth, not OAuth tokens`,
        'authorization_details',
      );
    }
    return {
      kind: 'oauth',
      accessToken: d.value.accessToken,
      refreshToken: d.value.refreshToken,
      scopes: d.value.scopes,
    };
  }
  if (d.case === 'staticAuth') {
    if (connection.auth === 'OAUTH') {
      throw invalidArgument(
        `connector "${connection.name}" uses OAuth; static credentials are not accepted`,
        'authorization_details',
      );
    }
    const given = d.value.details ?? {};
    const missing = STATIC_CREDENTIAL_FIELDS[connection.auth].filter(
      (f) => typeof given[f] !== 'string' || given[f] === '',
    );
    if (missing.length > 0) {
      throw invalidArgument(
        `static credentials for ${connection.auth} need: ${missing.join(', ')}`,
        'authorization_details',
      );
    }
    return { kind: 'static', details: given };
  }
  throw invalidArgument(
    `authorization details of type ${d.case} are not supported by this connector`,
    'authorization_details',
  );
}

function checkVerifyUrl(raw: string | undefined): string | undefined {
  if (raw === undefined || raw === '') return undefined;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw invalidArgument('user_verify_url must be an absolute http(s) URL', 'user_verify_url');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw invalidArgument('user_verify_url must be an absolute http(s) URL', 'user_verify_url');
  }
  return url.toString();
}

export function connectedAccountService(env: Environment): Partial<ServiceImpl<typeof ConnectedAccountService>> {
  return {
    getConnectedAccountAuth(req, ctx) {
      const account = findAccount(env, req);
      noteAccount(ctx, account);
      return { connectedAccount: toConnectedAccount(account) };
    },

    createConnectedAccount(req) {
      const connection = requireConnection(env, req.connector);
      if (!req.identifier) throw invalidArgument('identifier is required', 'identifier');
      const existing = env.accounts.find({ connector: connection.name, identifier: req.identifier });
      if (existing) {
        // Someone else's account is a PermissionDenied, as the lookup says (see checkScope).
        checkScope(existing, req);
        throw scalekitError(
          Code.AlreadyExists,
          'ALREADY_EXISTS',
          'connected account already exists for this connector and identifier',
        );
      }
      const account = env.accounts.create({
        connection,
        identifier: req.identifier,
        organizationId: req.organizationId || undefined,
        userId: req.userId || undefined,
        credentials: credentialsFrom(connection, req.connectedAccount?.authorizationDetails),
        apiConfig: req.connectedAccount?.apiConfig,
      });
      return { connectedAccount: toConnectedAccount(account) };
    },

    updateConnectedAccount(req, ctx) {
      const account = findAccount(env, req);
      noteAccount(ctx, account);
      const connection = requireConnection(env, account.connector);
      env.accounts.update(account, {
        credentials: credentialsFrom(connection, req.connectedAccount?.authorizationDetails),
        apiConfig: req.connectedAccount?.apiConfig,
      });
      return { connectedAccount: toConnectedAccount(account) };
    },

    deleteConnectedAccount(req, ctx) {
      const account = findAccount(env, req);
      noteAccount(ctx, account);
      env.accounts.delete(account);
      env.authRequests.forgetAccount(account.id);
      return {};
    },

    listConnectedAccounts(req) {
      if (req.connectionNames.length > 20)
        throw invalidArgument('connection_names accepts at most 20 names', 'connection_names');
      const all = env.accounts.list({
        connector: req.connector || undefined,
        connectorNames: req.connectionNames.length > 0 ? req.connectionNames : undefined,
        identifier: req.identifier || undefined,
        provider: req.provider || undefined,
        organizationId: req.organizationId || undefined,
        userId: req.userId || undefined,
        query: req.query || undefined,
      });
      const page = pageWindow(all.length, req.pageSize, req.pageToken, { default: 20, max: 100 });
      return {
        connectedAccounts: all.slice(page.start, page.end).map(toListedAccount),
        totalSize: all.length,
        nextPageToken: page.next,
        prevPageToken: page.prev,
      };
    },

    getMagicLinkForConnectedAccount(req, ctx) {
      const userVerifyUrl = checkVerifyUrl(req.userVerifyUrl);
      let account: AccountRecord;
      if (req.id) {
        account = findAccount(env, req);
      } else {
        const connection = requireConnection(env, req.connector);
        if (!req.identifier) throw invalidArgument('identifier is required', 'identifier');
        // Scalekit creates the account on first link, so the quickstart works without a create call.
        const existing = env.accounts.find({ connector: connection.name, identifier: req.identifier });
        if (existing) checkScope(existing, req);
        account =
          existing ??
          env.accounts.create({
            connection,
            identifier: req.identifier,
            organizationId: req.organizationId || undefined,
            userId: req.userId || undefined,
          });
      }
      noteAccount(ctx, account);
      const link = env.authRequests.issueLink({
        accountId: account.id,
        identifier: account.identifier,
        connector: account.connector,
        state: req.state || undefined,
        userVerifyUrl,
      });
      return { link: `${env.baseUrl}/magicLink/${link.token}`, expiry: timestampFromDate(link.expiresAt) };
    },

    verifyConnectedAccountUser(req, ctx) {
      if (!req.authRequestId) throw invalidArgument('auth_request_id is required', 'auth_request_id');
      if (!req.identifier) throw invalidArgument('identifier is required', 'identifier');
      const result = env.authRequests.verify(req.authRequestId, req.identifier);
      // The request names no connector: the log takes it from the account being verified.
      if (result.ok || result.reason === 'identifier_mismatch') {
        noteCall(ctx, { connector: env.accounts.find({ id: result.pending.accountId })?.connector });
      }
      if (!result.ok) {
        if (result.reason === 'identifier_mismatch') {
          throw scalekitError(
            Code.PermissionDenied,
            'PERMISSION_DENIED',
            'identifier does not match the user who started this authorization',
          );
        }
        // Scalekit's wording (its SDK's tests match it) for an unknown, expired or used id alike.
        throw notFound('auth request not found or no longer valid');
      }
      const account = env.accounts.find({ id: result.pending.accountId });
      if (!account || account.status !== 'PENDING_VERIFICATION' || !account.pendingCredentials) {
        throw new ConnectError('the connected account is no longer awaiting verification', Code.FailedPrecondition);
      }
      env.accounts.activate(account, account.pendingCredentials);
      return { postUserVerifyRedirectUrl: `${env.baseUrl}/connect/success` };
    },
  };
}
