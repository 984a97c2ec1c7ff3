import { INTENT_WORDS, STOP_WORDS, tokenize, unique } from './topic-terms.js';

export interface KeywordVariationOptions {
  /** Maximum number of variations returned (default 8, at least 1). */
  max?: number;
}

const DEFAULT_MAX_VARIATIONS = 8;

/**
 * Deterministic search phrases for a topic: the topic itself first, then common phrasings
 * people use on YouTube around the topic's subject words. Same input, same output and order,
 * so quota use and results are reproducible between runs.
 */
export function keywordVariations(topic: string, options: KeywordVariationOptions = {}): string[] {
  const max = Math.max(1, Math.floor(options.max ?? DEFAULT_MAX_VARIATIONS));
  const words = tokenize(topic, { foldAccents: false });
  if (words.length === 0) return [];

  const normalized = words.join(' ');
  const subjectWords = trimNonSubjectWords(words);
  // A topic made only of intent or stop words ("tutorials") has no subject to vary.
  if (subjectWords.length === 0) return [normalized].slice(0, max);
  const subject = subjectWords.join(' ');
  const isHowTo = words[0] === 'how' && words[1] === 'to';
  const mentionsBeginners = words.some((word) => word.startsWith('beginner'));

  const candidates: (string | undefined)[] = [
    normalized,
    mentionsBeginners ? undefined : `${normalized} for beginners`,
    // "learn how to bake bread" reads badly; a how-to topic already says what to learn.
    isHowTo ? undefined : `learn ${subject}`,
    `${subject} course`,
    `${subject} tutorial`,
    `${subject} explained`,
    `${subject} crash course`,
    `${subject} tips`,
    `${subject} guide`,
    `best ${subject} channels`,
    mentionsBeginners ? undefined : `${subject} for beginners`,
  ];
  return unique(candidates.filter((value): value is string => value !== undefined)).slice(0, max);
}

// The subject is the topic without the stop and intent words at its ends: "python tutorial
// for beginners" -> "python", "how to bake bread" -> "bake bread". Words inside the phrase stay
// ("node.js best practices" keeps "best"), because dropping them breaks the phrase.
function trimNonSubjectWords(words: readonly string[]): string[] {
  const isFiller = (word: string): boolean => STOP_WORDS.has(word) || INTENT_WORDS.has(word);
  let start = 0;
  let end = words.length;
  while (start < end && isFiller(words[start]!)) start += 1;
  while (end > start && isFiller(words[end - 1]!)) end -= 1;
  return words.slice(start, end);
}
