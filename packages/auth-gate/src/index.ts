// What an Actor run needs: the gate, connector specs, handles, errors, the run journal.
// Standby servers add `@repo/auth-gate/standby`; Claude tool definitions are `@repo/auth-gate/anthropic`.
export { runGatedActor, type GatedActorOptions, type GatedResult, type GatedRun } from './run/gated-actor.js';
export { parseInputWith } from './run/input-schema.js';
export { InputError, isExpectedFailure, runFailureMessage } from './run/run-failure.js';
export {
  createAuthGate,
  AuthGate,
  CONSENT_TIMEOUT_VARIABLE,
  RATE_LIMIT_BUDGET_VARIABLE,
  type AuthGateOptions,
  type FinishOptions,
} from './run/gate.js';
export { perUser, shared, type ConnectorSpec, type PerUserConnector, type SharedConnector } from './core/connectors.js';
export type { ScalekitCredentials } from './core/credentials.js';
export { ConnectorHandle, type ConnectedHandles, type ToolResult } from './core/connector-handle.js';
export type { ProxyCall, ProxyResult } from './scalekit/scalekit-gateway.js';
export type { AccountStatus } from './scalekit/account-status.js';
export type { RetryPolicy } from './core/retry-policy.js';
export type { RunIdentity } from './run/run-identity.js';
export type { ActorRuntime } from './run/actor-runtime.js';
export {
  RunJournal,
  STOP_AFTER_STEP_VARIABLE,
  TEST_STOP_EXIT_CODE,
  type RunJournalOptions,
} from './run/run-journal.js';
export type { GateMetrics } from './core/metrics.js';
export type { Progress, SummaryLink } from './run/run-page-state.js';
export { escapeHtml } from './core/html-escape.js';
export { isJsonObject } from './core/json-object.js';
export * from './core/errors.js';
