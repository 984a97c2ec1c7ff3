import { Code, ConnectError, type ConnectRouter, type Interceptor } from '@connectrpc/connect';
import type { Environment } from '../environment.js';
import {
  ApiTokenService,
  ConnectedAccountService,
  ConnectionService,
  OrganizationService,
  ToolService,
  UserService,
} from '../sdk-protocol.js';
import { apiTokenService } from './api-token-service.js';
import { connectedAccountService } from './connected-account-service.js';
import { connectionService } from './connection-service.js';
import { CALL_DETAILS } from '../observability/call-details.js';
import { codeFromName, codeName } from './errors.js';
import { organizationService } from './organization-service.js';
import { toolService } from './tool-service.js';
import { userService } from './user-service.js';

function field(message: unknown, name: string): string | undefined {
  const value = (message as Record<string, unknown> | undefined)?.[name];
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/**
 * Every RPC passes here: the bearer check (Unauthenticated, so the SDK re-authenticates), injected
 * faults, and the call log: one entry per call. ExecuteTool is logged as a `tool` call under the
 * tool's name; handlers add what the request did not say (the account behind an id, a tool's status).
 */
function environmentInterceptor(env: Environment): Interceptor {
  return (next) => async (req) => {
    const name = req.method.name;
    const message = req.stream ? undefined : req.message;
    const isTool = name === 'ExecuteTool';
    const started = Date.now();
    let status = 'ok';
    try {
      if (!env.clientTokens.isAuthorized(req.header.get('authorization'))) {
        throw new ConnectError('missing or invalid bearer token', Code.Unauthenticated);
      }
      await env.faults.apply(
        { kind: 'rpc', name, connector: field(message, 'connector'), identifier: field(message, 'identifier') },
        (effect) =>
          effect.type === 'error'
            ? new ConnectError(effect.message ?? `injected ${effect.code}`, codeFromName(effect.code))
            : new ConnectError(`rate limited, retry after ${effect.retryAfterSeconds}s`, Code.ResourceExhausted),
      );
      return await next(req);
    } catch (error) {
      status = error instanceof ConnectError ? codeName(error.code) : 'internal';
      throw error;
    } finally {
      const details = req.contextValues.get(CALL_DETAILS);
      env.calls.record({
        kind: isTool ? 'tool' : 'rpc',
        name: isTool ? (field(message, 'toolName') ?? name) : name,
        connector: details.connector ?? field(message, 'connector'),
        identifier: details.identifier ?? field(message, 'identifier'),
        status: details.status ?? status,
        durationMs: Date.now() - started,
        ...(details.unknownArguments ? { unknownArguments: details.unknownArguments } : {}),
      });
    }
  };
}

export function grpcRoutes(env: Environment): { routes: (router: ConnectRouter) => void; interceptors: Interceptor[] } {
  return {
    routes(router) {
      router.service(ConnectedAccountService, connectedAccountService(env));
      router.service(ToolService, toolService(env));
      router.service(ConnectionService, connectionService(env));
      router.service(ApiTokenService, apiTokenService(env));
      router.service(OrganizationService, organizationService(env));
      router.service(UserService, userService(env));
    },
    interceptors: [environmentInterceptor(env)],
  };
}
