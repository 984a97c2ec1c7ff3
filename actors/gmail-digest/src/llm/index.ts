export {
  DIGEST_TOOL,
  DIGEST_TOOL_CHOICE,
  DIGEST_TOOL_NAME,
  parseDigestToolInput,
  type DigestToolParse,
  type DigestToolResult,
  type LlmActionItem,
  type LlmMailVerdict,
} from './digest-tool.js';
export {
  DIGEST_SYSTEM_PROMPT,
  buildDigestPrompt,
  promptPreamble,
  renderMailRecords,
  type DigestPrompt,
  type MailBatch,
  type PromptOptions,
} from './digest-prompt.js';
export { batchForContext, fixedPromptTokens, DEFAULT_MAX_MAILS_PER_BATCH, type BatchOptions } from './batching.js';
export {
  toMailRecord,
  serializeRecord,
  compactText,
  senderLocalIso,
  DEFAULT_MAX_CHARS_PER_MAIL,
  type MailRecord,
} from './mail-records.js';
export { estimateTokens, suggestedMaxOutputTokens, CHARS_PER_TOKEN } from './token-budget.js';
export { analyzeWithLlmResults, mergeLlmResults, type MergeOptions } from './merge-results.js';
