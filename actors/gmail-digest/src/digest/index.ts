export {
  CATEGORIES,
  CATEGORY_TITLES,
  PRIORITIES,
  type ActionItem,
  type Analyst,
  type Category,
  type Digest,
  type DigestCounts,
  type DigestItem,
  type DigestOptions,
  type DigestSection,
  type MailAnalysis,
  type Priority,
} from './digest-types.js';
export { buildDeterministicDigest, type DeterministicDigestOptions } from './deterministic-digest.js';
export {
  assembleDigest,
  compareAttention,
  compareInSection,
  needsAttentionToday,
  type AssemblyMeta,
} from './digest-assembly.js';
export { analyzeMail, createAnalysisContext, type AnalysisContext } from './mail-analysis.js';
export {
  classifyMail,
  isAddressedToUser,
  isFromUser,
  isMachineSent,
  lowerSet,
  requestSignals,
  type Classification,
} from './classification.js';
export {
  assessPriority,
  daysUntilEarliestDue,
  maxPriority,
  priorityRank,
  type PriorityContext,
  type PriorityVerdict,
} from './priority.js';
export { extractActionItems } from './action-items.js';
export { findDueDate, type DueDate } from './due-dates.js';
export { collectCorrespondents } from './correspondents.js';
export {
  groupByThread,
  threadToItem,
  unansweredMessages,
  gmailThreadUrl,
  latestOf,
  type MailThread,
} from './threads.js';
export { summarizeText, SUMMARY_MAX_CHARS } from './summary.js';
export { splitSentences, textSegments, truncateText } from './sentences.js';
export { isNoReplyAddress, isMachineAddress, notificationPlatform } from './sender-kind.js';
export {
  isBoilerplate,
  isObligationSentence,
  isQuestion,
  isQuestionToReader,
  isRequestSentence,
} from './request-signals.js';
export {
  assertTimeZone,
  isValidTimeZone,
  dayInTimeZone,
  mailDay,
  formatDay,
  parseDay,
  addDays,
  daysBetween,
  calendarDay,
  formatDateTime,
  type CalendarDay,
} from './calendar.js';
// Mail is untrusted text: the same escaping as every HTML auth-gate renders.
export { escapeHtml } from '@repo/auth-gate';
export { renderDigestMarkdown, escapeMarkdown } from './markdown-render.js';
export { renderDigestHtml } from './html-render.js';
