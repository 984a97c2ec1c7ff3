import { periodStart } from './search-dates.js';
import type { SearchQuery, SearchTerm } from './search-query.js';

/** Evaluates a parsed Gmail query against one message; pure, so it is tested on its own. */

export interface SearchLabel {
  id: string;
  name: string;
  type: 'system' | 'user';
}

export interface MatchContext {
  /** "Now" for newer_than / older_than. */
  nowMs: number;
  /** The account's address, for `from:me` / `to:me`. */
  ownAddress: string;
  labels: readonly SearchLabel[];
}

export interface SearchDocument {
  labelIds: readonly string[];
  internalDate: number;
  sizeEstimate: number;
  /** Decoded, lower-case header values. */
  from: string;
  to: string;
  cc: string;
  bcc: string;
  deliveredTo: string;
  listId: string;
  subjectWords: string[];
  /** Words of everything a bare term searches: subject, body, senders, recipients, file names. */
  textWords: string[];
  filenames: string[];
  messageId: string;
}

export interface SearchFields {
  labelIds: readonly string[];
  internalDate: number;
  sizeEstimate: number;
  from: string;
  to: string;
  cc: string;
  bcc: string;
  deliveredTo: string;
  listId: string;
  subject: string;
  body: string;
  filenames: readonly string[];
  messageId: string;
}

const CJK = '\\p{Script=Han}\\p{Script=Hiragana}\\p{Script=Katakana}';
// Latin-like scripts split into words; CJK has no spaces, so each character is its own token.
const WORD = new RegExp(`[${CJK}]|(?:(?![${CJK}])[\\p{L}\\p{N}])+`, 'gu');

export function wordsOf(text: string): string[] {
  return text.normalize('NFKC').toLowerCase().match(WORD) ?? [];
}

/** Precomputes the words of a message once, so a query over 500 messages stays cheap. */
export function searchDocument(fields: SearchFields): SearchDocument {
  const lower = (s: string): string => s.toLowerCase();
  return {
    labelIds: fields.labelIds,
    internalDate: fields.internalDate,
    sizeEstimate: fields.sizeEstimate,
    from: lower(fields.from),
    to: lower(fields.to),
    cc: lower(fields.cc),
    bcc: lower(fields.bcc),
    deliveredTo: lower(fields.deliveredTo),
    listId: lower(fields.listId),
    subjectWords: wordsOf(fields.subject),
    textWords: wordsOf(
      [fields.subject, fields.body, fields.from, fields.to, fields.cc, ...fields.filenames].join('\n'),
    ),
    filenames: fields.filenames.map(lower),
    messageId: lower(fields.messageId.replace(/^<|>$/g, '')),
  };
}

function containsSequence(haystack: readonly string[], needle: readonly string[]): boolean {
  if (needle.length === 0) return false;
  if (needle.length === 1) return haystack.includes(needle[0]!);
  outer: for (let i = 0; i + needle.length <= haystack.length; i++) {
    for (let j = 0; j < needle.length; j++) if (haystack[i + j] !== needle[j]) continue outer;
    return true;
  }
  return false;
}

/** Label names in queries are case-insensitive, with spaces and `/` written as `-`. */
function normalizeLabel(name: string): string {
  return name.toLowerCase().replace(/[\s/_-]+/g, '-');
}

function hasLabelNamed(doc: SearchDocument, value: string, ctx: MatchContext): boolean {
  const wanted = normalizeLabel(value);
  const ids = ctx.labels
    .filter((l) => l.id.toLowerCase() === value || normalizeLabel(l.name) === wanted)
    .map((l) => l.id);
  return ids.some((id) => doc.labelIds.includes(id));
}

const CATEGORY_LABELS: Record<string, string> = {
  primary: 'CATEGORY_PERSONAL',
  personal: 'CATEGORY_PERSONAL',
  social: 'CATEGORY_SOCIAL',
  promotions: 'CATEGORY_PROMOTIONS',
  updates: 'CATEGORY_UPDATES',
  forums: 'CATEGORY_FORUMS',
};

const IS_LABELS: Record<string, string> = { unread: 'UNREAD', starred: 'STARRED', important: 'IMPORTANT' };

function addressField(doc: SearchDocument, field: string): string {
  switch (field) {
    case 'from':
      return doc.from;
    case 'to':
      // Gmail's to: matches every recipient, Cc and Bcc included.
      return `${doc.to}\n${doc.cc}\n${doc.bcc}`;
    case 'cc':
      return doc.cc;
    case 'bcc':
      return doc.bcc;
    case 'deliveredto':
      return doc.deliveredTo;
    default:
      return doc.listId;
  }
}

function userLabelIds(ctx: MatchContext): Set<string> {
  return new Set(ctx.labels.filter((l) => l.type === 'user').map((l) => l.id));
}

function matchesTerm(term: SearchTerm, doc: SearchDocument, ctx: MatchContext): boolean {
  switch (term.kind) {
    case 'text':
      return containsSequence(doc.textWords, wordsOf(term.value));
    case 'subject':
      return containsSequence(doc.subjectWords, wordsOf(term.value));
    case 'address': {
      const value = term.value === 'me' ? ctx.ownAddress.toLowerCase() : term.value;
      return addressField(doc, term.field).includes(value);
    }
    case 'label':
      return hasLabelNamed(doc, term.value, ctx);
    case 'is':
      if (term.value === 'read') return !doc.labelIds.includes('UNREAD');
      return IS_LABELS[term.value] !== undefined && doc.labelIds.includes(IS_LABELS[term.value]!);
    case 'in':
      return term.value === 'anywhere' || hasLabelNamed(doc, term.value, ctx);
    case 'category': {
      const label = CATEGORY_LABELS[term.value];
      return label !== undefined && doc.labelIds.includes(label);
    }
    case 'has':
      if (term.value === 'attachment') return doc.filenames.length > 0;
      if (term.value === 'userlabels') return doc.labelIds.some((id) => userLabelIds(ctx).has(id));
      if (term.value === 'nouserlabels') return !doc.labelIds.some((id) => userLabelIds(ctx).has(id));
      return false;
    case 'after':
      return doc.internalDate >= term.epochMs;
    case 'before':
      return doc.internalDate < term.epochMs;
    case 'newer_than':
      return doc.internalDate > periodStart(ctx.nowMs, term.period);
    case 'older_than':
      return doc.internalDate < periodStart(ctx.nowMs, term.period);
    case 'larger':
      return doc.sizeEstimate > term.bytes;
    case 'smaller':
      return doc.sizeEstimate < term.bytes;
    case 'filename':
      return doc.filenames.some((name) => name.includes(term.value) || name.endsWith(`.${term.value}`));
    case 'rfc822msgid':
      return doc.messageId === term.value.toLowerCase();
    case 'none':
      return false;
  }
}

export function matchesQuery(query: SearchQuery, doc: SearchDocument, ctx: MatchContext): boolean {
  switch (query.type) {
    case 'and':
      return query.children.every((child) => matchesQuery(child, doc, ctx));
    case 'or':
      return query.children.some((child) => matchesQuery(child, doc, ctx));
    case 'not':
      return !matchesQuery(query.child, doc, ctx);
    case 'term':
      return matchesTerm(query.term, doc, ctx);
  }
}

function asksForSpamOrTrash(term: SearchTerm): boolean {
  if (term.kind === 'in') return ['anywhere', 'spam', 'trash'].includes(term.value);
  if (term.kind === 'label') return ['spam', 'trash'].includes(term.value);
  return false;
}

/** Whether the query itself asks for spam or trash (`in:anywhere`, `in:spam`, `label:trash`, not negated). */
export function includesSpamOrTrash(query: SearchQuery, positive = true): boolean {
  switch (query.type) {
    case 'and':
    case 'or':
      return query.children.some((child) => includesSpamOrTrash(child, positive));
    case 'not':
      return includesSpamOrTrash(query.child, !positive);
    case 'term':
      return positive && asksForSpamOrTrash(query.term);
  }
}
