export {
  AgentLoopError,
  runAgentLoop,
  type AgentLoopOptions,
  type AgentRunResult,
  type AgentStep,
  type AgentStopReason,
  type AnthropicMessageLike,
  type CallModel,
  type ContentBlockLike,
  type ExecuteTool,
} from './agent-loop.js';
export {
  createBudget,
  type Budget,
  type BudgetLimitKind,
  type BudgetLimits,
  type BudgetTotals,
  type UsageLike,
} from './budget.js';
export {
  AGENT_TOOLS,
  agentToolSchemas,
  createToolDispatcher,
  isAgentToolName,
  ToolInputError,
  validateAgentToolInput,
  type AgentToolCall,
  type AgentToolHandlers,
  type AgentToolInput,
  type AgentToolName,
  type ToolInputValidation,
} from './tool-definitions.js';
export { NOISE_KEYS, trimToolResult, truncateText, type TrimOptions } from './tool-result-trim.js';
