import { parsePeriod, parseSearchDate, type Period } from './search-dates.js';

/**
 * The Gmail search box syntax as a tree: operators (`from:`, `newer_than:`, `is:unread`...), bare
 * words and "quoted phrases", `-` negation, `OR` and `{...}` alternatives, `( ... )` groups and
 * `op:(a b)` groups. Like Gmail, it never rejects a query: an operator with an unusable value
 * simply matches nothing.
 */

export type AddressField = 'from' | 'to' | 'cc' | 'bcc' | 'deliveredto' | 'list';

export type SearchTerm =
  | { kind: 'text'; value: string; phrase: boolean }
  | { kind: 'address'; field: AddressField; value: string }
  | { kind: 'subject'; value: string }
  | { kind: 'label'; value: string }
  | { kind: 'is'; value: string }
  | { kind: 'in'; value: string }
  | { kind: 'category'; value: string }
  | { kind: 'has'; value: string }
  | { kind: 'after' | 'before'; epochMs: number }
  | { kind: 'newer_than' | 'older_than'; period: Period }
  | { kind: 'larger' | 'smaller'; bytes: number }
  | { kind: 'filename'; value: string }
  | { kind: 'rfc822msgid'; value: string }
  | { kind: 'none'; operator: string; value: string };

export type SearchQuery =
  | { type: 'and'; children: SearchQuery[] }
  | { type: 'or'; children: SearchQuery[] }
  | { type: 'not'; child: SearchQuery }
  | { type: 'term'; term: SearchTerm };

type Token =
  | { t: 'open' | 'close' | 'lbrace' | 'rbrace' | 'or' | 'neg' }
  | { t: 'word'; text: string; quoted: boolean }
  | { t: 'op'; name: string; value: string; quoted: boolean }
  | { t: 'opgroup'; name: string };

const OPERATORS = new Set([
  'from',
  'to',
  'cc',
  'bcc',
  'deliveredto',
  'list',
  'subject',
  'label',
  'is',
  'in',
  'category',
  'has',
  'after',
  'before',
  'newer',
  'older',
  'newer_than',
  'older_than',
  'larger',
  'smaller',
  'size',
  'filename',
  'rfc822msgid',
]);

const PUNCTUATION: Record<string, Token> = {
  '(': { t: 'open' },
  ')': { t: 'close' },
  '{': { t: 'lbrace' },
  '}': { t: 'rbrace' },
};

function readQuoted(q: string, start: number): { text: string; end: number } {
  const close = q.indexOf('"', start + 1);
  const end = close < 0 ? q.length : close;
  return { text: q.slice(start + 1, end), end: end + 1 };
}

export function tokenize(q: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < q.length) {
    const ch = q[i]!;
    if (/\s/.test(ch)) {
      i++;
      continue;
    }
    const punctuation = PUNCTUATION[ch];
    if (punctuation) {
      tokens.push(punctuation);
      i++;
      continue;
    }
    if (ch === '-') {
      if (i + 1 < q.length && !/\s/.test(q[i + 1]!)) tokens.push({ t: 'neg' });
      i++;
      continue;
    }
    if (ch === '"') {
      const { text, end } = readQuoted(q, i);
      if (text.trim() !== '') tokens.push({ t: 'word', text, quoted: true });
      i = end;
      continue;
    }
    let end = i;
    while (end < q.length && !/[\s(){}"]/.test(q[end]!)) end++;
    const word = q.slice(i, end);
    i = end;
    if (word === 'OR' || word === '|') {
      tokens.push({ t: 'or' });
      continue;
    }
    if (word === 'AND') continue;
    const colon = word.indexOf(':');
    const name = colon > 0 ? word.slice(0, colon).toLowerCase() : '';
    if (!OPERATORS.has(name)) {
      tokens.push({ t: 'word', text: word, quoted: false });
      continue;
    }
    const rest = word.slice(colon + 1);
    if (rest === '' && q[i] === '"') {
      const { text, end: after } = readQuoted(q, i);
      tokens.push({ t: 'op', name, value: text, quoted: true });
      i = after;
    } else if (rest === '' && q[i] === '(') {
      tokens.push({ t: 'opgroup', name });
    } else {
      tokens.push({ t: 'op', name, value: rest, quoted: false });
    }
  }
  return tokens;
}

function sizeInBytes(value: string): number | undefined {
  const match = /^(\d+(?:\.\d+)?)([kmKM])?$/.exec(value);
  if (!match) return undefined;
  const multiplier = { k: 1024, m: 1024 * 1024 }[match[2]?.toLowerCase() ?? ''] ?? 1;
  return Math.round(Number(match[1]) * multiplier);
}

/** One operator with its value as a term; `none` when the value is unusable. */
export function operatorTerm(operator: string, rawValue: string): SearchTerm {
  const value = rawValue.trim();
  const none: SearchTerm = { kind: 'none', operator, value };
  if (value === '') return none;
  switch (operator) {
    case 'from':
    case 'to':
    case 'cc':
    case 'bcc':
    case 'deliveredto':
    case 'list':
      return { kind: 'address', field: operator, value: value.toLowerCase() };
    case 'subject':
      return { kind: 'subject', value };
    case 'label':
    case 'is':
    case 'in':
    case 'category':
    case 'has':
    case 'filename':
      return { kind: operator, value: value.toLowerCase() };
    case 'after':
    case 'newer':
    case 'before':
    case 'older': {
      const epochMs = parseSearchDate(value);
      if (epochMs === undefined) return none;
      return { kind: operator === 'after' || operator === 'newer' ? 'after' : 'before', epochMs };
    }
    case 'newer_than':
    case 'older_than': {
      const period = parsePeriod(value);
      return period ? { kind: operator, period } : none;
    }
    case 'larger':
    case 'size':
    case 'smaller': {
      const bytes = sizeInBytes(value);
      if (bytes === undefined) return none;
      return { kind: operator === 'smaller' ? 'smaller' : 'larger', bytes };
    }
    case 'rfc822msgid':
      return { kind: 'rfc822msgid', value: value.replace(/^<|>$/g, '') };
    default:
      return none;
  }
}

function collapse(type: 'and' | 'or', children: SearchQuery[]): SearchQuery {
  return children.length === 1 ? children[0]! : { type, children };
}

class QueryParser {
  #pos = 0;
  constructor(private readonly tokens: Token[]) {}

  /** Items up to `closer` (consumed) or the end; stray closers and ORs are skipped, as Gmail tolerates them. */
  sequence(closer: 'close' | 'rbrace' | undefined, operator: string | undefined): SearchQuery[] {
    const items: SearchQuery[] = [];
    while (this.#pos < this.tokens.length) {
      const token = this.tokens[this.#pos]!;
      if (token.t === closer) {
        this.#pos++;
        break;
      }
      if (token.t === 'close' || token.t === 'rbrace' || token.t === 'or') {
        this.#pos++;
        continue;
      }
      items.push(this.#orChain(operator));
    }
    return items;
  }

  /** `a OR b` binds tighter than the implicit AND between items, as in Gmail. */
  #orChain(operator: string | undefined): SearchQuery {
    const alternatives = [this.#unary(operator)];
    while (this.tokens[this.#pos]?.t === 'or') {
      const next = this.tokens[this.#pos + 1];
      if (!next || next.t === 'close' || next.t === 'rbrace' || next.t === 'or') break;
      this.#pos++;
      alternatives.push(this.#unary(operator));
    }
    return collapse('or', alternatives);
  }

  #unary(operator: string | undefined): SearchQuery {
    if (this.tokens[this.#pos]?.t === 'neg') {
      this.#pos++;
      if (this.#pos >= this.tokens.length) return { type: 'and', children: [] };
      return { type: 'not', child: this.#unary(operator) };
    }
    return this.#primary(operator);
  }

  #primary(operator: string | undefined): SearchQuery {
    const token = this.tokens[this.#pos++]!;
    switch (token.t) {
      case 'open':
        return collapse('and', this.sequence('close', operator));
      case 'lbrace':
        return collapse('or', this.sequence('rbrace', operator));
      case 'opgroup':
        if (this.tokens[this.#pos]?.t === 'open') {
          this.#pos++;
          return collapse('and', this.sequence('close', token.name));
        }
        return { type: 'term', term: operatorTerm(token.name, '') };
      case 'op':
        return { type: 'term', term: operatorTerm(token.name, token.value) };
      case 'word':
        if (operator) return { type: 'term', term: operatorTerm(operator, token.text) };
        return { type: 'term', term: { kind: 'text', value: token.text, phrase: token.quoted } };
      default:
        // Only reachable for tokens `sequence` filters out; treat them as matching everything.
        return { type: 'and', children: [] };
    }
  }
}

/** Parses a Gmail `q`; the empty query is an AND of nothing, which matches every message. */
export function parseSearchQuery(q: string): SearchQuery {
  return collapse('and', new QueryParser(tokenize(q)).sequence(undefined, undefined));
}
