import { type ParsedMail } from '../mail/index.js';
import {
  analyzeMail,
  assembleDigest,
  createAnalysisContext,
  isFromUser,
  truncateText,
  SUMMARY_MAX_CHARS,
  type AnalysisContext,
  type Digest,
  type DigestOptions,
  type MailAnalysis,
} from '../digest/index.js';
import { type DigestToolResult, type LlmMailVerdict } from './digest-tool.js';

export interface MergeOptions extends DigestOptions {
  /** The model that answered, shown in the digest. */
  model?: string;
  /** Extra information for the reader (e.g. "batch 3 of 5 failed"); appended to the note. */
  note?: string;
}

const MAX_ACTION_ITEM_CHARS = 240;
const MAX_REASON_CHARS = 200;

function fromVerdict(mail: ParsedMail, verdict: LlmMailVerdict, context: AnalysisContext): MailAnalysis {
  const fromUser = isFromUser(mail, context.userAddresses);
  return {
    mail,
    category: verdict.category,
    priority: verdict.priority,
    reason: truncateText(verdict.reason, MAX_REASON_CHARS),
    summary: truncateText(verdict.summary, SUMMARY_MAX_CHARS),
    // The user's own mail never creates tasks for the user, whatever the model says.
    actionItems: fromUser
      ? []
      : verdict.actionItems.map((a) => ({
          text: truncateText(a.text, MAX_ACTION_ITEM_CHARS),
          due: a.due,
          dueText: null,
          messageId: mail.id,
        })),
    analyzedBy: 'claude',
    fromUser,
  };
}

function joinNotes(...notes: (string | null | undefined)[]): string | null {
  const kept = notes.map((n) => n?.trim() ?? '').filter((n) => n !== '');
  return kept.length > 0 ? kept.join(' ') : null;
}

/**
 * The per-mail verdicts behind a Claude digest: Claude's where it gave one, the rules' otherwise.
 * Exposed so callers can store one record per mail that agrees with the digest.
 */
export function analyzeWithLlmResults(
  mails: readonly ParsedMail[],
  results: readonly DigestToolResult[],
  options: DigestOptions,
): MailAnalysis[] {
  const context = createAnalysisContext(mails, options);
  const verdicts = new Map<string, LlmMailVerdict>();
  for (const result of results) {
    for (const verdict of result.mails) if (!verdicts.has(verdict.id)) verdicts.set(verdict.id, verdict);
  }
  return mails.map((mail) => {
    const verdict = verdicts.get(mail.id);
    return verdict !== undefined ? fromVerdict(mail, verdict, context) : analyzeMail(mail, context);
  });
}

/**
 * Builds the Claude digest from the validated tool answers of all batches. Mails Claude left
 * out are classified by the rules and flagged (`fallback` on their item, counted in the note).
 * When Claude classified none of the mails, the digest is labelled deterministic: it is honest
 * about who wrote it.
 */
export function mergeLlmResults(
  mails: readonly ParsedMail[],
  results: readonly DigestToolResult[],
  options: MergeOptions,
): Digest {
  const analyses = analyzeWithLlmResults(mails, results, options);
  const byClaude = analyses.filter((a) => a.analyzedBy === 'claude').length;
  const skipped = mails.length - byClaude;

  if (mails.length > 0 && byClaude === 0) {
    return assembleDigest(analyses, {
      generatedBy: 'deterministic',
      model: null,
      note: joinNotes('Claude was not used: its answers covered none of the mails.', options.note),
      now: options.now,
      timeZone: options.timeZone,
    });
  }
  const skippedNote =
    skipped > 0
      ? `Claude did not classify ${skipped} of ${mails.length} mails; the deterministic rules handled those and they are marked.`
      : null;
  return assembleDigest(analyses, {
    generatedBy: 'claude',
    model: options.model ?? null,
    note: joinNotes(skippedNote, options.note),
    now: options.now,
    timeZone: options.timeZone,
    flaggedForToday: new Set(results.flatMap((r) => r.today)),
  });
}
