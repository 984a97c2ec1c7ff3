// The OUTPUT record and the one-line summary of a run. Pure: the actor fills in what happened.

import { type Analyst, type Digest, type DigestCounts, type Priority } from '../digest/index.js';
import { type Since } from '../input.js';
import { type TokenUsage } from '../claude/claude-digest.js';

/** CHARGE_LIMIT_REACHED: the digest holds only the newest mail the run's spending limit paid for. */
export type RunStatus = 'SUCCEEDED' | 'NO_NEW_MAIL' | 'EMAIL_FAILED' | 'CHARGE_LIMIT_REACHED';

export interface EmailReport {
  /** The connected account's own address (from its Gmail profile, never from the input). */
  to: string;
  messageId: string | null;
  error: string | null;
}

export interface RunOutput {
  status: RunStatus;
  /** The summary line, as the run page and status message show it. */
  message: string;
  generatedBy: Analyst;
  model: string | null;
  /** Why Claude was not (fully) used, or other notes shown in the digest itself. */
  note: string | null;
  generatedAt: string;
  timeZone: string;
  counts: DigestCounts;
  range: {
    since: Since;
    /** Mail received after this instant was looked at. */
    after: string;
    /** A scheduled run without saved state: the look-back window was used. */
    firstRun: boolean;
    oldest: string | null;
    newest: string | null;
  };
  /** More mail matched than maxMessages allowed; the newest were digested. */
  truncated: boolean;
  /** Gmail's estimate of matching messages left out because of maxMessages. */
  notIncludedEstimate: number | null;
  tokenUsage: TokenUsage | null;
  claude: { batches: number; batchesAnswered: number; failures: string[] } | null;
  digestUrl: string;
  markdownUrl: string;
  needsAttention: { subject: string; from: string; priority: Priority; gmailUrl: string }[];
  email: EmailReport | null;
  warnings: string[];
  gmailToolCalls: number;
  scalekitRoundTrips: number;
}

const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;

/** "Digest of 14 mails in 11 threads, 3 need attention today, by Claude (claude-sonnet-5)." */
export function summaryLine(digest: Digest, since: Since, after: string): string {
  if (digest.counts.mails === 0) {
    return since === 'lastDigest' ? `No new mail since ${after}.` : `No mail in the look-back window (since ${after}).`;
  }
  const by =
    digest.generatedBy === 'claude'
      ? `by Claude${digest.model !== null ? ` (${digest.model})` : ''}`
      : 'by the deterministic rules (no LLM)';
  const { mails, threads, needsAttention } = digest.counts;
  return `Digest of ${plural(mails, 'mail')} in ${plural(threads, 'thread')}, ${needsAttention} need${needsAttention === 1 ? 's' : ''} attention today, ${by}.`;
}

export function attentionList(digest: Digest): RunOutput['needsAttention'] {
  return digest.needsAttention.map((item) => ({
    subject: item.subject,
    from: item.from,
    priority: item.priority,
    gmailUrl: item.gmailUrl,
  }));
}

/** Subject of the digest mail sent to the user's own address. */
export function emailSubject(digest: Digest): string {
  const { mails, needsAttention } = digest.counts;
  return `Gmail digest ${digest.today}: ${plural(mails, 'mail')}, ${needsAttention} need${needsAttention === 1 ? 's' : ''} attention`;
}
