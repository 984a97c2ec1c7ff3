// The Scalekit wire protocol, taken from the descriptors that @scalekit-sdk/node itself ships,
// so the emulator and the client can never disagree about field numbers or service names.
export {
  ConnectedAccountService,
  ConnectorStatus,
  ConnectorType,
  type ConnectedAccount,
  type ConnectedAccountForList,
  type AuthorizationDetails,
} from '@scalekit-sdk/node/lib/pkg/grpc/scalekit/v1/connected_accounts/connected_accounts_pb.js';
export { ToolService, type Tool } from '@scalekit-sdk/node/lib/pkg/grpc/scalekit/v1/tools/tools_pb.js';
export {
  ConnectionService,
  ConnectionStatus,
  ConnectionType,
  ConnectionProvider,
} from '@scalekit-sdk/node/lib/pkg/grpc/scalekit/v1/connections/connections_pb.js';
export { ErrorInfoSchema } from '@scalekit-sdk/node/lib/pkg/grpc/scalekit/v1/errdetails/errdetails_pb.js';
export { ApiTokenService, type Token } from '@scalekit-sdk/node/lib/pkg/grpc/scalekit/v1/tokens/tokens_pb.js';
export {
  OrganizationService,
  type Organization,
} from '@scalekit-sdk/node/lib/pkg/grpc/scalekit/v1/organizations/organizations_pb.js';
export { UserService, type User } from '@scalekit-sdk/node/lib/pkg/grpc/scalekit/v1/users/users_pb.js';
export { MembershipStatus } from '@scalekit-sdk/node/lib/pkg/grpc/scalekit/v1/commons/commons_pb.js';
