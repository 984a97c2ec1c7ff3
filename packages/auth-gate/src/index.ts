export { createAuthGate, AuthGate, CONSENT_TIMEOUT_VARIABLE, RATE_LIMIT_BUDGET_VARIABLE, type AuthGateOptions, type ConnectedHandles, type FinishOptions } from './gate.js';
export { perUser, shared, type ConnectorSpec, type PerUserConnector, type SharedConnector } from './config/connectors.js';
export { credentialsFromEnv, CREDENTIAL_VARIABLES, type ScalekitCredentials } from './config/credentials.js';
export { ConnectorHandle, type ToolResult } from './calls/connector-handle.js';
export type { ProxyCall, ProxyResult } from './scalekit/scalekit-gateway.js';
export type { AccountStatus } from './scalekit/account-status.js';
export { DEFAULT_RETRY_POLICY, type RetryPolicy } from './calls/retry-policy.js';
export { LOCAL_IDENTIFIER_VARIABLE, OPERATOR_VARIABLE, PREFIX_VARIABLE, type RunIdentity } from './identity/run-identity.js';
export { apifyRuntime, type ActorRuntime } from './runtime/actor-runtime.js';
export { readActorInput } from './runtime/actor-input.js';
export { RunJournal, STOP_AFTER_STEP_VARIABLE, TEST_STOP_EXIT_CODE, type RunJournalOptions } from './runtime/run-journal.js';
export { toAnthropicTool, type AnthropicToolDefinition } from './llm/anthropic-tools.js';
export type { GateMetrics } from './metrics.js';
export type { Progress, SummaryLink } from './consent/run-page-state.js';
export { escapeHtml } from './consent/run-page-html.js';
export * from './errors.js';
export {
  createApiKeyGuard,
  writeApiKeyRefusal,
  type ApiKeyGuard,
  type ApiKeyGuardOptions,
  type ApiKeyGuardResult,
  type ApiKeyRefusal,
  type ApiKeyRefusalBody,
} from './api-keys/api-key-guard.js';
export type { ApiKeyCaller } from './api-keys/api-key-caller.js';
export { callerIdentifier, MAX_CALLER_PREFIX_CHARS } from './api-keys/caller-identifier.js';
export type { ApiKeyInfo } from './api-keys/api-key-record.js';
export {
  createStandbyGate,
  StandbyGate,
  type StandbyConsentStart,
  type StandbyGateOptions,
  type StandbyVerifyOutcome,
} from './api-keys/standby-gate.js';
export { CallerSession, type AuthorizationLink } from './api-keys/caller-session.js';
export * from './api-keys/api-key-errors.js';
