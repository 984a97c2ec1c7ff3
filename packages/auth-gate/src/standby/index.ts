// auth-gate for a Standby server: API-key callers, their connected accounts, consent links bound
// to the caller's browser. Connector specs, handles and the shared errors come from `@repo/auth-gate`.
export {
  createApiKeyGuard,
  writeApiKeyRefusal,
  type ApiKeyGuard,
  type ApiKeyGuardOptions,
  type ApiKeyGuardResult,
  type ApiKeyRefusal,
  type ApiKeyRefusalBody,
} from './api-key-guard.js';
export type { ApiKeyCaller } from './api-key-caller.js';
export { callerIdentifier, MAX_CALLER_PREFIX_CHARS } from './caller-identifier.js';
export type { ApiKeyInfo } from '../scalekit/api-key-record.js';
export {
  createStandbyGate,
  StandbyGate,
  type StandbyConsentStart,
  type StandbyGateOptions,
  type StandbyVerifyOutcome,
} from './standby-gate.js';
export { CallerSession, type AuthorizationLink } from './caller-session.js';
export * from './api-key-errors.js';
export { accountErrorAnswer, type AccountErrorAnswer, type AccountErrorOptions } from './account-error-answer.js';
