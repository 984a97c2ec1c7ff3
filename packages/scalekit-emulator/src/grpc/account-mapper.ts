import { timestampFromDate } from '@bufbuild/protobuf/wkt';
import type { JsonObject } from '@bufbuild/protobuf';
import type { AccountRecord, AccountStatus, Credentials } from '../accounts/account-store.js';
import type { AuthPattern } from '../accounts/connections.js';
import { ConnectorStatus, ConnectorType } from '../sdk-protocol.js';

const STATUS: Record<AccountStatus, ConnectorStatus> = {
  ACTIVE: ConnectorStatus.ACTIVE,
  EXPIRED: ConnectorStatus.EXPIRED,
  PENDING_AUTH: ConnectorStatus.PENDING_AUTH,
  PENDING_VERIFICATION: ConnectorStatus.PENDING_VERIFICATION,
  DISCONNECTED: ConnectorStatus.DISCONNECTED,
};

const TYPE: Record<AuthPattern, ConnectorType> = {
  OAUTH: ConnectorType.OAUTH,
  API_KEY: ConnectorType.API_KEY,
  BASIC: ConnectorType.BASIC_AUTH,
  BEARER: ConnectorType.BEARER_TOKEN,
};

function details(credentials: Credentials) {
  switch (credentials.kind) {
    case 'oauth':
      return {
        details: {
          case: 'oauthToken' as const,
          value: {
            accessToken: credentials.accessToken,
            refreshToken: credentials.refreshToken,
            scopes: credentials.scopes,
            domain: '',
          },
        },
      };
    case 'static':
      return { details: { case: 'staticAuth' as const, value: { details: credentials.details as JsonObject } } };
    case 'none':
      return { details: { case: undefined } };
  }
}

/** The list form: no credentials, ever. */
export function toListedAccount(a: AccountRecord) {
  return {
    identifier: a.identifier,
    provider: a.provider,
    status: STATUS[a.status],
    authorizationType: TYPE[a.auth],
    connector: a.connector,
    id: a.id,
    connectionId: a.connectionId,
    updatedAt: timestampFromDate(a.updatedAt),
    ...(a.tokenExpiresAt ? { tokenExpiresAt: timestampFromDate(a.tokenExpiresAt) } : {}),
    ...(a.lastUsedAt ? { lastUsedAt: timestampFromDate(a.lastUsedAt) } : {}),
  };
}

/** The full form returned by get/create/update, which carries the credentials like the real API. */
export function toConnectedAccount(a: AccountRecord) {
  return {
    ...toListedAccount(a),
    authorizationDetails: details(a.credentials),
    ...(a.apiConfig ? { apiConfig: a.apiConfig as JsonObject } : {}),
  };
}
