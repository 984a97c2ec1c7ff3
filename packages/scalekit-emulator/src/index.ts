export { startEmulator, type EmulatorOptions, type RunningEmulator } from './emulator.js';
export type { OrganizationMode } from './environment.js';
export { AdminClient, type AnthropicScriptStatus } from './admin/admin-client.js';
export { StateFileError } from './persistence/state-format.js';
export type { AccountView } from './admin/admin-api.js';
export type { AccountStatus } from './accounts/account-store.js';
export type { AuthPattern, ConnectionConfig } from './accounts/connections.js';
export type { FaultRule, FaultEffect, ActiveFault } from './faults/fault-injector.js';
export type { CallEntry, CallCounters, CallKind } from './observability/call-log.js';
export {
  ProviderError,
  type Sandbox,
  type SandboxKind,
  type SandboxContext,
  type ToolDefinition,
  type ProxyRequest,
  type ProxyResponse,
} from './sandboxes/sandbox.js';
export { youtubeSandboxKind } from './sandboxes/youtube/youtube-sandbox.js';
export {
  ScriptedAnthropic,
  type ScriptRule,
  type RecordedRequest,
  type MessagesCall,
  type MessagesReply,
} from './anthropic/scripted-anthropic.js';
export type { AnswerSource, ScriptedAnswer } from './anthropic/scripted-answers.js';
export type { RequestMatch } from './anthropic/request-view.js';
export type { ScriptPayload, ScriptRuleData } from './anthropic/script-parsing.js';
export type {
  MessageResponse,
  MessagesRequest,
  ScriptRequest,
  ToolResultView,
  StopReason,
} from './anthropic/messages-types.js';
