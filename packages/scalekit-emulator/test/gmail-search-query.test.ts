import { describe, expect, it } from 'vitest';
import { pacificMidnight, parseSearchDate } from '../src/sandboxes/gmail/search-dates.js';
import {
  includesSpamOrTrash,
  matchesQuery,
  searchDocument,
  type MatchContext,
  type SearchFields,
} from '../src/sandboxes/gmail/search-matcher.js';
import { parseSearchQuery } from '../src/sandboxes/gmail/search-query.js';

const NOW = Date.parse('2025-03-10T12:00:00Z');
const DAY = 86_400_000;

const ctx: MatchContext = {
  nowMs: NOW,
  ownAddress: 'alex@example.com',
  labels: [
    { id: 'INBOX', name: 'INBOX', type: 'system' },
    { id: 'UNREAD', name: 'UNREAD', type: 'system' },
    { id: 'SENT', name: 'SENT', type: 'system' },
    { id: 'SPAM', name: 'SPAM', type: 'system' },
    { id: 'TRASH', name: 'TRASH', type: 'system' },
    { id: 'STARRED', name: 'STARRED', type: 'system' },
    { id: 'Label_1', name: 'Work/Projects', type: 'user' },
    { id: 'Label_2', name: 'Follow up', type: 'user' },
  ],
};

function doc(fields: Partial<SearchFields> = {}) {
  return searchDocument({
    labelIds: ['INBOX'],
    internalDate: NOW - 2 * 3_600_000,
    sizeEstimate: 4_000,
    from: 'Priya Sharma <priya.sharma@northwind.io>',
    to: 'Alex Morgan <alex@example.com>',
    cc: '',
    bcc: '',
    deliveredTo: 'alex@example.com',
    listId: '',
    subject: 'Q3 budget numbers',
    body: 'Could you send me the Q3 budget numbers by Friday? I need them for the board deck.',
    filenames: [],
    messageId: '<abc.123@northwind.io>',
    ...fields,
  });
}

const matches = (q: string, d = doc()): boolean => matchesQuery(parseSearchQuery(q), d, ctx);

describe('parseSearchQuery', () => {
  it('reads operators, quoted values, negation and bare words', () => {
    expect(parseSearchQuery('from:alice subject:"quarterly report" -is:read invoice')).toEqual({
      type: 'and',
      children: [
        { type: 'term', term: { kind: 'address', field: 'from', value: 'alice' } },
        { type: 'term', term: { kind: 'subject', value: 'quarterly report' } },
        { type: 'not', child: { type: 'term', term: { kind: 'is', value: 'read' } } },
        { type: 'term', term: { kind: 'text', value: 'invoice', phrase: false } },
      ],
    });
  });

  it('binds OR tighter than the implicit AND, and reads {a b} as alternatives', () => {
    const q = parseSearchQuery('from:a OR from:b budget');
    expect(q).toMatchObject({
      type: 'and',
      children: [{ type: 'or', children: [{ type: 'term' }, { type: 'term' }] }, { type: 'term' }],
    });
    expect(parseSearchQuery('{from:a from:b}')).toMatchObject({
      type: 'or',
      children: [{ type: 'term' }, { type: 'term' }],
    });
  });

  it('applies an operator to every word of a group: from:(a OR b)', () => {
    expect(parseSearchQuery('from:(alice OR bob)')).toEqual({
      type: 'or',
      children: [
        { type: 'term', term: { kind: 'address', field: 'from', value: 'alice' } },
        { type: 'term', term: { kind: 'address', field: 'from', value: 'bob' } },
      ],
    });
  });

  it('parses dates as midnight Pacific time or epoch seconds, and periods with d/h/m/y', () => {
    expect(parseSearchQuery('after:2025/03/08')).toEqual({
      type: 'term',
      term: { kind: 'after', epochMs: Date.parse('2025-03-08T00:00:00-08:00') },
    });
    // After the DST switch Los Angeles is UTC-7.
    expect(parseSearchDate('2025/03/10')).toBe(Date.parse('2025-03-10T00:00:00-07:00'));
    expect(parseSearchDate('2024-07-01')).toBe(pacificMidnight(2024, 7, 1));
    expect(parseSearchQuery('before:1700000000')).toEqual({
      type: 'term',
      term: { kind: 'before', epochMs: 1_700_000_000_000 },
    });
    expect(parseSearchQuery('newer_than:3m')).toEqual({
      type: 'term',
      term: { kind: 'newer_than', period: { amount: 3, unit: 'm' } },
    });
  });

  it('never rejects a query: unusable values match nothing, unknown operators are words', () => {
    expect(parseSearchQuery('newer_than:2x')).toEqual({
      type: 'term',
      term: { kind: 'none', operator: 'newer_than', value: '2x' },
    });
    expect(parseSearchQuery('after:2025/02/30')).toMatchObject({ term: { kind: 'none' } });
    expect(parseSearchQuery('foo:bar')).toEqual({
      type: 'term',
      term: { kind: 'text', value: 'foo:bar', phrase: false },
    });
    expect(parseSearchQuery('')).toEqual({ type: 'and', children: [] });
    expect(parseSearchQuery('(unbalanced OR')).toMatchObject({
      type: 'term',
      term: { kind: 'text', value: 'unbalanced' },
    });
  });
});

describe('matchesQuery', () => {
  it('matches the empty query and bare words on whole words of subject, body and sender', () => {
    expect(matches('')).toBe(true);
    expect(matches('budget')).toBe(true);
    expect(matches('BOARD')).toBe(true);
    expect(matches('priya')).toBe(true);
    expect(matches('bud')).toBe(false);
    expect(matches('budget spaceship')).toBe(false);
  });

  it('matches quoted phrases only in order', () => {
    expect(matches('"board deck"')).toBe(true);
    expect(matches('"deck board"')).toBe(false);
    expect(matches('deck board')).toBe(true);
  });

  it('matches from:, to: (any recipient, Cc included), from:me and to:me', () => {
    expect(matches('from:northwind.io')).toBe(true);
    expect(matches('from:priya.sharma@northwind.io')).toBe(true);
    expect(matches('from:"Priya Sharma"')).toBe(true);
    expect(matches('from:globex.com')).toBe(false);
    expect(matches('to:me')).toBe(true);
    expect(matches('from:me')).toBe(false);
    expect(matches('from:me', doc({ from: 'Alex Morgan <alex@example.com>', to: 'priya@northwind.io' }))).toBe(true);
    expect(matches('to:marcus', doc({ to: 'a@b.co', cc: 'Marcus Chen <marcus@globex.com>' }))).toBe(true);
    expect(matches('cc:marcus', doc({ to: 'Marcus Chen <marcus@globex.com>' }))).toBe(false);
  });

  it('matches subject: on words of the subject only', () => {
    expect(matches('subject:budget')).toBe(true);
    expect(matches('subject:"Q3 budget"')).toBe(true);
    expect(matches('subject:friday')).toBe(false);
  });

  it('evaluates newer_than/older_than against now, with m meaning months', () => {
    expect(matches('newer_than:1d')).toBe(true);
    expect(matches('newer_than:1h')).toBe(false);
    expect(matches('older_than:1h')).toBe(true);
    const fortyDaysOld = doc({ internalDate: NOW - 40 * DAY });
    expect(matches('newer_than:1m', fortyDaysOld)).toBe(false);
    expect(matches('newer_than:2m', fortyDaysOld)).toBe(true);
    expect(matches('older_than:1y', doc({ internalDate: NOW - 400 * DAY }))).toBe(true);
  });

  it('evaluates after: inclusive and before: exclusive', () => {
    const at = Date.parse('2025-03-08T00:00:00-08:00');
    expect(matches('after:2025/03/08', doc({ internalDate: at }))).toBe(true);
    expect(matches('before:2025/03/08', doc({ internalDate: at }))).toBe(false);
    expect(matches('before:2025/03/08', doc({ internalDate: at - 1 }))).toBe(true);
    expect(matches(`after:${Math.floor(NOW / 1000) - 60}`, doc({ internalDate: NOW }))).toBe(true);
  });

  it('matches is:, in:, label: and category: through label ids, user labels by normalised name', () => {
    const d = doc({ labelIds: ['INBOX', 'UNREAD', 'STARRED', 'CATEGORY_SOCIAL', 'Label_1', 'Label_2'] });
    expect(matches('is:unread', d)).toBe(true);
    expect(matches('is:read', d)).toBe(false);
    expect(matches('is:starred is:unread', d)).toBe(true);
    expect(matches('is:important', d)).toBe(false);
    expect(matches('in:inbox', d)).toBe(true);
    expect(matches('in:sent', d)).toBe(false);
    expect(matches('label:work-projects', d)).toBe(true);
    expect(matches('label:work/projects', d)).toBe(true);
    expect(matches('label:"Follow up"', d)).toBe(true);
    expect(matches('label:follow-up', d)).toBe(true);
    expect(matches('label:receipts', d)).toBe(false);
    expect(matches('category:social', d)).toBe(true);
    expect(matches('category:primary', d)).toBe(false);
    expect(matches('category:primary', doc({ labelIds: ['CATEGORY_PERSONAL'] }))).toBe(true);
    expect(matches('has:userlabels', d)).toBe(true);
    expect(matches('has:nouserlabels', d)).toBe(false);
    expect(matches('in:anywhere', doc({ labelIds: ['SPAM'] }))).toBe(true);
  });

  it('matches attachments by presence, file name, extension and size', () => {
    const withPdf = doc({ filenames: ['Receipt-2291.pdf'], sizeEstimate: 2 * 1024 * 1024 });
    expect(matches('has:attachment', withPdf)).toBe(true);
    expect(matches('has:attachment')).toBe(false);
    expect(matches('filename:pdf', withPdf)).toBe(true);
    expect(matches('filename:receipt', withPdf)).toBe(true);
    expect(matches('filename:png', withPdf)).toBe(false);
    expect(matches('larger:1M', withPdf)).toBe(true);
    expect(matches('smaller:1M', withPdf)).toBe(false);
    expect(matches('receipt', withPdf)).toBe(true);
  });

  it('negates any term or group, and combines OR with AND', () => {
    expect(matches('-from:northwind.io')).toBe(false);
    expect(matches('-from:globex.com')).toBe(true);
    expect(matches('-(budget spaceship)')).toBe(true);
    expect(matches('-"board deck"')).toBe(false);
    expect(matches('from:globex.com OR from:northwind.io')).toBe(true);
    expect(matches('spaceship OR rocket budget')).toBe(false);
    expect(matches('{spaceship budget} -is:unread')).toBe(true);
    expect(matches('-newer_than:1d')).toBe(false);
  });

  it('finds CJK words without spaces and accented words', () => {
    const ja = doc({ subject: '来週の打ち合わせについて', body: '木曜日の15時はいかがでしょうか' });
    expect(matches('打ち合わせ', ja)).toBe(true);
    expect(matches('subject:来週', ja)).toBe(true);
    expect(matches('会議', ja)).toBe(false);
    expect(matches('Résumé', doc({ subject: 'Résumé de la réunion' }))).toBe(true);
  });

  it('matches rfc822msgid: with or without angle brackets', () => {
    expect(matches('rfc822msgid:abc.123@northwind.io')).toBe(true);
    expect(matches('rfc822msgid:<abc.123@northwind.io>')).toBe(true);
    expect(matches('rfc822msgid:other@northwind.io')).toBe(false);
  });
});

describe('includesSpamOrTrash', () => {
  it('is true only when the query positively asks for spam or trash', () => {
    expect(includesSpamOrTrash(parseSearchQuery('in:anywhere budget'))).toBe(true);
    expect(includesSpamOrTrash(parseSearchQuery('in:spam'))).toBe(true);
    expect(includesSpamOrTrash(parseSearchQuery('label:trash OR is:unread'))).toBe(true);
    expect(includesSpamOrTrash(parseSearchQuery('-in:trash'))).toBe(false);
    expect(includesSpamOrTrash(parseSearchQuery('is:unread'))).toBe(false);
    expect(includesSpamOrTrash(parseSearchQuery('-(-in:spam)'))).toBe(true);
  });
});
