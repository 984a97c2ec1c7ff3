// Tokenising and term extraction shared by keyword variations and channel scoring, so both
// agree on what a "word of the topic" is.

/** Words that carry no topic meaning in a YouTube query or a channel description. */
export const STOP_WORDS: ReadonlySet<string> = new Set([
  'a',
  'an',
  'the',
  'and',
  'or',
  'of',
  'for',
  'to',
  'in',
  'on',
  'at',
  'with',
  'about',
  'by',
  'from',
  'how',
  'what',
  'why',
  'is',
  'are',
  'be',
  'my',
  'your',
  'our',
  'i',
  'you',
  'we',
  'me',
  'best',
  'top',
  'good',
  'find',
  'some',
  'any',
  'all',
  'into',
  'youtube',
  'video',
  'videos',
  'channel',
  'channels',
  'youtuber',
  'youtubers',
]);

/**
 * Words that describe the kind of content wanted rather than its subject. They still count as
 * topic terms (a "tutorial" channel is more relevant to "python tutorial"), but keyword
 * variations are built around the subject words, and scoring weighs them lower.
 */
export const INTENT_WORDS: ReadonlySet<string> = new Set([
  'tutorial',
  'tutorials',
  'course',
  'courses',
  'guide',
  'guides',
  'learn',
  'learning',
  'lesson',
  'lessons',
  'beginner',
  'beginners',
  'explained',
  'tips',
  'howto',
  'review',
  'reviews',
  'class',
  'classes',
  'training',
  'crash',
  'basics',
]);

// Letters and digits of any script, plus the characters that belong inside technology names
// ("c++", "c#", "node.js").
const TOKEN_PATTERN = /[\p{L}\p{N}+#.']+/gu;

/**
 * Lower-cased words of a text, surrounding dots and apostrophes dropped. Accents are removed by
 * default so "café" matches "cafe" when scoring; search queries keep them (`foldAccents: false`).
 */
export function tokenize(text: string, options: { foldAccents?: boolean } = {}): string[] {
  const prepared =
    options.foldAccents === false ? text.normalize('NFC') : text.normalize('NFKD').replace(/\p{M}/gu, '');
  const folded = prepared.toLowerCase();
  const tokens: string[] = [];
  for (const match of folded.matchAll(TOKEN_PATTERN)) {
    const token = match[0].replace(/^[.']+|[.']+$/g, '');
    if (token.length > 0) tokens.push(token);
  }
  return tokens;
}

/** The meaningful words of a topic, in first-seen order, without duplicates. */
export function topicTerms(topic: string): string[] {
  return unique(tokenize(topic).filter((word) => !STOP_WORDS.has(word)));
}

/** Whether a topic term describes content kind (weighted lower in scoring). */
export function isIntentWord(term: string): boolean {
  return INTENT_WORDS.has(term);
}

/** Whether a term occurs in a tokenised text; a plain English plural counts as a match. */
export function containsTerm(tokens: ReadonlySet<string>, term: string): boolean {
  if (tokens.has(term) || tokens.has(`${term}s`) || tokens.has(`${term}es`)) return true;
  return term.endsWith('s') && term.length > 3 && tokens.has(term.slice(0, -1));
}

export function unique<T>(values: Iterable<T>): T[] {
  return [...new Set(values)];
}
