/** Characters per token for estimates: ~4 for English prose, a deliberately simple rule. */
export const CHARS_PER_TOKEN = 4;

/** Rough token count of a text; batching keeps a safety margin on top of it. */
export function estimateTokens(text: string): number {
  return Math.ceil(text.length / CHARS_PER_TOKEN);
}

/**
 * A max_tokens value large enough for the tool answer of `mailCount` mails: each entry (id,
 * category, priority, reason, summary, a few action items) stays well under 150 tokens.
 */
export function suggestedMaxOutputTokens(mailCount: number): number {
  return 512 + 150 * mailCount;
}
