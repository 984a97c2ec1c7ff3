/**
 * The `q` parameter as YouTube reads it: words, "quoted phrases", `-excluded` terms and `a|b`
 * alternatives. Matching is by word (with a light plural stem), scored by where the word occurs.
 */
export interface ParsedQuery {
  /** Every group must be scored for a full match; a group matches when any alternative does. */
  groups: string[][];
  excluded: string[];
}

export interface SearchableText {
  title: string;
  tags: readonly string[];
  channelTitle: string;
  description: string;
}

const STOP_WORDS = new Set([
  'a',
  'an',
  'the',
  'and',
  'or',
  'for',
  'of',
  'to',
  'in',
  'on',
  'with',
  'how',
  'is',
  'my',
  'your',
  'best',
  'video',
  'videos',
]);

const WEIGHTS = { title: 5, tags: 3, channelTitle: 2, description: 1 } as const;

export function normalize(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase();
}

function words(text: string): string[] {
  return normalize(text)
    .split(/[^a-z0-9+#]+/)
    .filter(Boolean);
}

function stem(word: string): string {
  if (word.length > 4 && word.endsWith('ies')) return `${word.slice(0, -3)}y`;
  if (word.length > 3 && word.endsWith('s') && !word.endsWith('ss')) return word.slice(0, -1);
  return word;
}

export function parseQuery(q: string | undefined): ParsedQuery {
  const groups: string[][] = [];
  const excluded: string[] = [];
  if (!q) return { groups, excluded };
  const tokens = q.match(/-?"[^"]*"|\S+/g) ?? [];
  const phrase = (t: string) =>
    normalize(t.replace(/"/g, ''))
      .replace(/[^a-z0-9+#]+/g, ' ')
      .trim();
  for (const token of tokens) {
    if (token.startsWith('-') && token.length > 1) {
      const term = phrase(token.slice(1));
      if (term) excluded.push(term);
      continue;
    }
    const alternatives = token.split('|').map(phrase).filter(Boolean);
    if (alternatives.length > 0) groups.push(alternatives);
  }
  // Stop words only count when the query has nothing else ("how to" still searches for something).
  const meaningful = groups.filter((g) => g.some((term) => term.includes(' ') || !STOP_WORDS.has(term)));
  return { groups: meaningful.length > 0 ? meaningful : groups, excluded };
}

/** One searchable field, tokenised once: searches run against many resources. */
interface IndexedField {
  weight: number;
  text: string;
  words: ReadonlySet<string>;
  stems: ReadonlySet<string>;
  /** The words joined by single spaces and padded: ` ${term}` finds a word starting with term. */
  padded: string;
}

export type IndexedText = readonly IndexedField[];

export function indexText(text: SearchableText): IndexedText {
  return (Object.keys(WEIGHTS) as (keyof typeof WEIGHTS)[]).map((name) => {
    const raw = name === 'tags' ? text.tags.join(' ') : text[name];
    const fieldWords = words(raw);
    return {
      weight: WEIGHTS[name],
      text: normalize(raw),
      words: new Set(fieldWords),
      stems: new Set(fieldWords.map(stem)),
      padded: ` ${fieldWords.join(' ')} `,
    };
  });
}

function fieldMatches(term: string, field: IndexedField): boolean {
  if (term.includes(' ')) return field.padded.includes(` ${term} `) || field.text.includes(term);
  return (
    field.words.has(term) || field.stems.has(stem(term)) || (term.length >= 4 && field.padded.includes(` ${term}`))
  );
}

/** Relevance of a resource to the query, or null when it does not match at all. */
export function relevance(query: ParsedQuery, fields: IndexedText): number | null {
  if (query.groups.length === 0 && query.excluded.length === 0) return 0;
  for (const term of query.excluded) {
    if (fields.some((f) => fieldMatches(term, f))) return null;
  }
  if (query.groups.length === 0) return 0;
  let score = 0;
  let matchedGroups = 0;
  for (const group of query.groups) {
    let best = 0;
    for (const term of group) {
      for (const f of fields) if (f.weight > best && fieldMatches(term, f)) best = f.weight;
    }
    if (best > 0) matchedGroups += 1;
    score += best;
  }
  if (matchedGroups === 0) return null;
  // Resources that match every word rank above those that match some, the exact phrase above both.
  if (matchedGroups === query.groups.length) score += 10 * query.groups.length;
  const phrase = query.groups.map((g) => g[0]).join(' ');
  if (query.groups.length > 1 && fields[0]!.padded.includes(` ${phrase} `)) score += 8;
  return score;
}

/** True when the resource matches every word group of the query and none of its excluded terms. */
export function matchesEveryGroup(query: ParsedQuery, fields: IndexedText): boolean {
  if (query.groups.length === 0) return false;
  if (query.excluded.some((term) => fields.some((f) => fieldMatches(term, f)))) return false;
  return query.groups.every((group) => group.some((term) => fields.some((f) => fieldMatches(term, f))));
}
