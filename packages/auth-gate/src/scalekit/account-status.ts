import { ConnectorStatus } from '@scalekit-sdk/node/lib/pkg/grpc/scalekit/v1/connected_accounts/connected_accounts_pb.js';

export type AccountStatus = 'ACTIVE' | 'EXPIRED' | 'PENDING_AUTH' | 'PENDING_VERIFICATION' | 'DISCONNECTED' | 'UNKNOWN';

/** The SDK's numeric ConnectorStatus as a name; statuses this version does not know become UNKNOWN. */
export function statusName(status: number | undefined): AccountStatus {
  switch (status) {
    case ConnectorStatus.ACTIVE:
      return 'ACTIVE';
    case ConnectorStatus.EXPIRED:
      return 'EXPIRED';
    case ConnectorStatus.PENDING_AUTH:
      return 'PENDING_AUTH';
    case ConnectorStatus.PENDING_VERIFICATION:
      return 'PENDING_VERIFICATION';
    case ConnectorStatus.DISCONNECTED:
      return 'DISCONNECTED';
    default:
      return 'UNKNOWN';
  }
}
