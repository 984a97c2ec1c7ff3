/**
 * Phrases that turn a sentence into a request for the reader. Deliberately conservative:
 * a false "needs reply" costs the user more attention than a missed one costs in a digest
 * that still lists every mail.
 */

const REQUEST_PATTERNS: readonly RegExp[] = [
  /\b(?:could|can|would|will) you\b/i,
  /\bplease\b/i,
  /\blet me know\b/i,
  /\blmk\b/i,
  /\b(?:need|needs|needed) (?:you|your)\b/i,
  /\b(?:are|were) you (?:able|free|available|around|ok|okay)\b/i,
  /\bdo you (?:have|know|think|mind|want|agree|prefer)\b/i,
  /\bwhat do you think\b/i,
  /\bany (?:update|news|feedback|thoughts)s?\b/i,
  /\b(?:waiting|wait) (?:for|on) your\b/i,
  /\bget back to (?:me|us)\b/i,
  /\b(?:asap|urgent(?:ly)?)\b/i,
  /\bmake sure\b|\bdon't forget\b|\bremember to\b/i,
  /^(?:kindly\s+)?(?:send|share|review|approve|sign|confirm|check|fill (?:in|out)|complete|reply|respond|call|book|schedule|forward|update|add|prepare)\b/i,
];

// Polite formulas that look like requests but ask for nothing.
const BOILERPLATE: readonly RegExp[] = [
  /let (?:me|us) know if (?:you have )?any (?:other |further |more )?questions/i,
  /if you have any (?:other |further )?questions/i,
  /please (?:find|see) (?:the )?(?:attached|below|enclosed|attachment)/i,
  /please (?:do not|don't) (?:reply|respond)/i,
  /please (?:do not|don't) hesitate/i,
  /\bfeel free to\b/i,
  /please note\b/i,
  /please ignore\b/i,
  /please consider the environment/i,
  /please add .* to your address book/i,
  /\bunsubscribe\b/i,
];

// Strong obligation wording used by transactional mail and notifications.
const OBLIGATION_PATTERNS: readonly RegExp[] = [
  /\baction (?:is )?required\b/i,
  /\brequested your review\b|\breview requested\b|\bassigned (?:this |it )?to you\b|\bassigned you\b/i,
  /\bplease (?:review|confirm|verify|pay|update|complete|sign|approve|respond|renew|accept)\b/i,
  /\b(?:payment|invoice|bill) (?:is |was )?(?:due|overdue)\b/i,
  /\b(?:expires?|expiring) (?:on|in|soon|today|tomorrow)\b/i,
  /\bdeadline\b/i,
];

// Words that make a request urgent on their own.
export const URGENT =
  /\b(?:urgent(?:ly)?|asap|immediately|as soon as possible|eod|end of (?:the )?day|today|tonight|time[- ]sensitive)\b/i;

export function isBoilerplate(sentence: string): boolean {
  return BOILERPLATE.some((p) => p.test(sentence));
}

/** A sentence that asks the reader to do something. */
export function isRequestSentence(sentence: string): boolean {
  return !isBoilerplate(sentence) && REQUEST_PATTERNS.some((p) => p.test(sentence));
}

/** A question put to the reader ("Are you free Thursday?", "Did you get my invoice?"). */
export function isQuestionToReader(sentence: string): boolean {
  return /\?\s*["')\]]?\s*$/.test(sentence) && /\b(?:you|your|yours)\b/i.test(sentence) && !isBoilerplate(sentence);
}

/** Any question, addressed or not: in direct personal mail a question usually wants an answer. */
export function isQuestion(sentence: string): boolean {
  return /\?\s*["')\]]?\s*$/.test(sentence) && !isBoilerplate(sentence);
}

/** Wording that makes an automated mail's sentence an action for the user. */
export function isObligationSentence(sentence: string): boolean {
  return !/\bunsubscribe\b/i.test(sentence) && OBLIGATION_PATTERNS.some((p) => p.test(sentence));
}
