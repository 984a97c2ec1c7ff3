import { GREETING, isSignOff, splitSentences, truncateText } from './sentences.js';

export const SUMMARY_MAX_CHARS = 180;

// Lines every newsletter and notification carries that say nothing about this mail.
const NOISE: readonly RegExp[] = [
  /^(?:view|read|open)\b.{0,30}\b(?:online|in (?:your |a )?browser|web version)/i,
  /having trouble (?:viewing|reading)|can'?t see (?:this|the) (?:email|images)|if you (?:can(?:no|')t|are unable to) (?:see|view|read)/i,
  /^(?:unsubscribe|manage (?:your )?(?:preferences|subscription)|update your preferences)\b/i,
  /you are receiving this|you('re| are) receiving this|this (?:e-?mail|message) was sent to|to stop receiving/i,
  /^reply to this email directly|^view it on github|^—\s*$/i,
  /^\[(?:image|cid):?[^\]]*\]$/i,
  /^(?:https?:\/\/|www\.)\S+$/i,
  /^[\W_]+$/,
  // Pleasantries: true, but not what the mail is about.
  /^(?:thanks|thank you|many thanks)(?: (?:so|very) much| a lot)?(?: for [^.!?]{0,40})?[.!]?$/i,
  /^(?:i )?hope (?:you(?:'re| are) (?:well|doing well)|this (?:e-?mail|message) finds you well|all is well)[^.!?]{0,20}[.!]?$/i,
];

function isNoise(sentence: string): boolean {
  return GREETING.test(sentence) || isSignOff(sentence) || NOISE.some((p) => p.test(sentence));
}

/**
 * An extractive one-line summary: the first meaningful sentence of the new text (greetings,
 * sign-offs and "view in browser" lines skipped, a sentence of three words or more preferred over "Quick one."),
 * or the subject when the text offers none.
 */
export function summarizeText(newText: string, subject: string, maxChars = SUMMARY_MAX_CHARS): string {
  const all = splitSentences(newText.slice(0, 5_000));
  // What follows "Best," is the sender's name and signature, not content.
  const signOff = all.findIndex((s) => isSignOff(s));
  const sentences = (signOff >= 0 ? all.slice(0, signOff) : all).filter((s) => !isNoise(s));
  const chosen = sentences.find((s) => s.split(/\s+/).length >= 3) ?? sentences[0];
  if (chosen !== undefined) return truncateText(chosen, maxChars);
  const cleanSubject = subject.trim();
  return cleanSubject !== '' ? truncateText(cleanSubject, maxChars) : '(no subject)';
}
