import { type ParsedMail } from '../mail/index.js';
import { buildDigestPrompt, promptPreamble, type MailBatch, type PromptOptions } from './digest-prompt.js';
import { DIGEST_TOOL } from './digest-tool.js';
import { DEFAULT_MAX_CHARS_PER_MAIL, serializeRecord, toMailRecord } from './mail-records.js';
import { CHARS_PER_TOKEN, estimateTokens } from './token-budget.js';

export interface BatchOptions extends PromptOptions {
  /** Input budget per request (system + tool + mails), in estimated tokens. */
  maxInputTokens: number;
  /** Upper bound on mails per request; keeps the tool answer within a sane max_tokens. */
  maxMailsPerBatch?: number;
}

export const DEFAULT_MAX_MAILS_PER_BATCH = 40;
// The API adds its own tool-use system prompt; keep room for it and for estimate error.
const TOOL_USE_OVERHEAD_TOKENS = 400;
const SAFETY_FACTOR = 0.9;
// Record fields other than text (ids, addresses, subject, hints) are bounded; this covers them.
const RECORD_METADATA_CHARS = 1_200;
const MIN_CHARS_PER_MAIL = 200;

/** Tokens every request costs before the first mail. */
export function fixedPromptTokens(options: PromptOptions, mailCount: number): number {
  const empty = buildDigestPrompt([], options);
  return (
    estimateTokens(empty.system) +
    estimateTokens(promptPreamble(options, mailCount)) +
    estimateTokens(JSON.stringify(DIGEST_TOOL)) +
    TOOL_USE_OVERHEAD_TOKENS
  );
}

/** Threads stay together and in order: a reply is clearer next to what it answers. */
function threadOrder(mails: readonly ParsedMail[]): ParsedMail[][] {
  const threads = new Map<string, ParsedMail[]>();
  for (const mail of mails) {
    const list = threads.get(mail.threadId) ?? [];
    list.push(mail);
    threads.set(mail.threadId, list);
  }
  return [...threads.values()].map((t) => [...t].sort((a, b) => a.date.localeCompare(b.date)));
}

/**
 * Splits mails into batches whose estimated prompt (~4 characters per token) stays under
 * `maxInputTokens`. The per-mail text budget shrinks when even one record would not fit an
 * otherwise empty request. Threads are kept in one batch when they fit in one.
 * Throws when the budget cannot hold a single minimal record.
 */
export function batchForContext(mails: readonly ParsedMail[], options: BatchOptions): MailBatch[] {
  const maxMails = Math.max(1, options.maxMailsPerBatch ?? DEFAULT_MAX_MAILS_PER_BATCH);
  const budget = Math.floor(options.maxInputTokens * SAFETY_FACTOR) - fixedPromptTokens(options, maxMails);
  const fitChars = (budget - 1) * CHARS_PER_TOKEN - RECORD_METADATA_CHARS;
  if (fitChars < MIN_CHARS_PER_MAIL) {
    throw new RangeError(
      `maxInputTokens ${options.maxInputTokens} is too small for the digest prompt plus one mail; allow at least ${Math.ceil(
        (fixedPromptTokens(options, maxMails) + (RECORD_METADATA_CHARS + MIN_CHARS_PER_MAIL) / CHARS_PER_TOKEN + 1) /
          SAFETY_FACTOR,
      )} tokens.`,
    );
  }
  const maxCharsPerMail = Math.min(options.maxCharsPerMail ?? DEFAULT_MAX_CHARS_PER_MAIL, fitChars);
  const cost = (mail: ParsedMail): number =>
    estimateTokens(serializeRecord(toMailRecord(mail, maxCharsPerMail, options.userAddresses))) + 1;

  const batches: ParsedMail[][] = [];
  let current: ParsedMail[] = [];
  let used = 0;
  const close = (): void => {
    if (current.length > 0) batches.push(current);
    current = [];
    used = 0;
  };
  for (const thread of threadOrder(mails)) {
    const costs = thread.map(cost);
    const total = costs.reduce((a, b) => a + b, 0);
    const fitsWhole = total <= budget && thread.length <= maxMails;
    if (fitsWhole && (used + total > budget || current.length + thread.length > maxMails)) close();
    thread.forEach((mail, i) => {
      const c = costs[i] ?? 0;
      if (current.length > 0 && (used + c > budget || current.length >= maxMails)) close();
      current.push(mail);
      used += c;
    });
  }
  close();

  const fixed = (count: number): number => fixedPromptTokens(options, count);
  return batches.map((batchMails) => ({
    mails: batchMails,
    maxCharsPerMail,
    estimatedInputTokens: fixed(batchMails.length) + batchMails.reduce((n, m) => n + cost(m), 0),
  }));
}
