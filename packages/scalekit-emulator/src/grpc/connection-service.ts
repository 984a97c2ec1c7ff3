import type { ServiceImpl } from '@connectrpc/connect';
import { timestampFromDate } from '@bufbuild/protobuf/wkt';
import type { AuthPattern } from '../accounts/connections.js';
import type { Environment } from '../environment.js';
import { type ConnectionService, ConnectionStatus, ConnectionType } from '../sdk-protocol.js';
import { pageWindow } from './errors.js';

const TYPE: Record<AuthPattern, ConnectionType> = {
  OAUTH: ConnectionType.OAUTH,
  API_KEY: ConnectionType.API_KEY,
  BASIC: ConnectionType.BASIC,
  BEARER: ConnectionType.BEARER,
};

export function connectionService(env: Environment): Partial<ServiceImpl<typeof ConnectionService>> {
  return {
    listAppConnections(req) {
      let connections = env.connections.list();
      if (req.provider) connections = connections.filter((c) => c.provider === req.provider!.toUpperCase());
      // A search, not a lookup: case does not matter here (lookups by name are exact).
      if (req.query) connections = connections.filter((c) => c.name.toLowerCase().includes(req.query!.toLowerCase()));
      const page = pageWindow(connections.length, req.pageSize, req.pageToken, { default: 50, max: 100 });
      return {
        connections: connections.slice(page.start, page.end).map((c) => ({
          id: c.id,
          type: TYPE[c.auth],
          status: ConnectionStatus.COMPLETED,
          enabled: true,
          providerKey: c.provider.toLowerCase(),
          keyId: c.name,
          createdAt: timestampFromDate(c.createdAt),
        })),
        totalSize: connections.length,
        nextPageToken: page.next,
        prevPageToken: page.prev,
      };
    },
  };
}
