import { describe, expect, it } from 'vitest';
import { parseGmailMessage, type ParsedMail } from '../src/mail/index.js';
import { buildDeterministicDigest, type DigestItem } from '../src/digest/index.js';
import { allFixtures, colleagueQuestion, NOW, TIME_ZONE, USER } from './fixtures/gmail-messages.js';
import { parsedMail } from './fixtures/parsed-mails.js';

const options = { now: NOW, timeZone: TIME_ZONE, userAddresses: [USER] };

function allItems(digest: ReturnType<typeof buildDeterministicDigest>): DigestItem[] {
  return [...digest.needsAttention, ...digest.sections.flatMap((s) => s.items)];
}

describe('buildDeterministicDigest on a realistic inbox', () => {
  const mails = allFixtures.map(parseGmailMessage);
  const digest = buildDeterministicDigest(mails, options);

  it("is labelled deterministic, dated in the user's time zone, and counts everything", () => {
    expect(digest.generatedBy).toBe('deterministic');
    expect(digest.model).toBeNull();
    expect(digest.note).toBeNull();
    expect(digest.today).toBe('2024-12-04');
    expect(digest.generatedAt).toBe('2024-12-04T08:00:00.000Z');
    expect(digest.counts.mails).toBe(11);
    expect(digest.counts.threads).toBe(10);
    expect(Object.values(digest.counts.byCategory).reduce((a, b) => a + b, 0)).toBe(10);
    expect(digest.range).toEqual({ oldest: '2024-12-03T09:05:00.000Z', newest: '2024-12-04T08:13:20.000Z' });
  });

  it('lists every thread exactly once across "today" and the sections', () => {
    const ids = allItems(digest).map((i) => i.threadId);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.length).toBe(digest.counts.threads);
  });

  it('puts the high-priority security alert first in "today", then the requests', () => {
    expect(digest.needsAttention.map((i) => i.subject)).toEqual([
      'Security alert',
      'Rechnung für Dezember – bitte prüfen',
      'lunch',
    ]);
  });

  it('drops a thread the user answered last to low, with nothing left to do', () => {
    const thread = allItems(digest).find((i) => i.threadId === '193a1e0000000001');
    expect(thread).toMatchObject({
      messageCount: 2,
      repliedByUser: true,
      priority: 'low',
      category: 'people',
      actionItems: [],
    });
    expect(thread?.participants).toEqual(['Jürgen Müller', 'you']);
    expect(thread?.summary).toBe('Sure, numbers come Thursday.');
  });

  it('keeps attachment names (not inline images) and unread state on the item', () => {
    const invoice = allItems(digest).find((i) => i.messageId === '193a2100000000b4');
    expect(invoice?.attachments).toEqual(['Rechnung-2024-12.pdf']);
    expect(invoice?.unread).toBe(true);
    expect(invoice?.gmailUrl).toBe('https://mail.google.com/mail/u/0/#all/193a2100000000b4');
  });

  it('orders sections by category and items by priority then recency', () => {
    expect(digest.sections.map((s) => s.category)).toEqual(['people', 'updates', 'notifications', 'newsletters']);
    const notifications = digest.sections.find((s) => s.category === 'notifications');
    expect(notifications?.items.map((i) => i.priority)).toEqual(['medium', 'low']);
  });

  it('is deterministic: the same input gives the same digest', () => {
    expect(buildDeterministicDigest([...mails].reverse(), options)).toEqual(digest);
  });
});

describe('threads', () => {
  it('keeps an earlier unanswered question open under a later "+1" from someone else', () => {
    const question = parsedMail({
      id: 'q1',
      threadId: 't1',
      date: '2024-12-03T09:00:00.000Z',
      body: 'Can you approve the budget by Friday?',
    });
    const plusOne = parsedMail({
      id: 'q2',
      threadId: 't1',
      date: '2024-12-03T11:00:00.000Z',
      from: { name: 'Priya', address: 'priya@partner.example' },
      to: [{ name: null, address: 'anna@partner.example' }],
      cc: [{ name: null, address: USER }],
      body: '+1, that would be great.',
    });
    const digest = buildDeterministicDigest([question, plusOne], options);
    const [item] = digest.needsAttention;
    expect(digest.needsAttention).toHaveLength(1);
    expect(item).toMatchObject({ messageId: 'q2', fromName: 'Priya', category: 'needs_reply', messageCount: 2 });
    expect(item?.actionItems.map((a) => a.due)).toEqual(['2024-12-06']);
    expect(item?.participants).toEqual(['Anna Schmidt', 'Priya']);
  });

  it('brings a mail due today into "today" even when it is not a reply request', () => {
    const bill: ParsedMail = parsedMail({
      from: { name: 'Utility', address: 'billing@utility.example' },
      labelIds: ['INBOX', 'CATEGORY_UPDATES'],
      subject: 'Your bill is ready',
      body: 'Your invoice is due today. Please pay today to avoid a late fee.',
      date: '2024-12-04T06:00:00.000Z',
    });
    const digest = buildDeterministicDigest([bill], options);
    expect(digest.needsAttention.map((i) => i.messageId)).toEqual([bill.id]);
    expect(digest.needsAttention[0]?.category).toBe('updates');
  });

  it('orders "today" by priority, then replies owed, then earliest due date', () => {
    const later = parsedMail({
      id: 'a',
      body: 'Could you check the draft by Friday?',
      date: '2024-12-03T12:00:00.000Z',
    });
    const sooner = parsedMail({
      id: 'b',
      body: 'Could you check the slides by Thursday?',
      date: '2024-12-03T08:00:00.000Z',
    });
    const undated = parsedMail({ id: 'c', body: 'Could you check the notes?', date: '2024-12-03T13:00:00.000Z' });
    const digest = buildDeterministicDigest([later, sooner, undated], options);
    expect(digest.needsAttention.map((i) => i.messageId)).toEqual(['b', 'a', 'c']);
  });
});

describe('fallback note and edge cases', () => {
  it('says why Claude was not used', () => {
    const digest = buildDeterministicDigest([parseGmailMessage(colleagueQuestion)], {
      ...options,
      fallbackReason: 'no ANTHROPIC_API_KEY is set',
    });
    expect(digest.note).toBe('Claude was not used: no ANTHROPIC_API_KEY is set');
  });

  it('builds an empty digest for an empty mailbox', () => {
    const digest = buildDeterministicDigest([], options);
    expect(digest.counts.threads).toBe(0);
    expect(digest.sections).toEqual([]);
    expect(digest.range).toEqual({ oldest: null, newest: null });
  });

  it('computes "today" in the user\'s zone, not UTC', () => {
    const lateEvening = new Date('2024-12-04T23:30:00Z');
    expect(buildDeterministicDigest([], { ...options, now: lateEvening, timeZone: 'Asia/Tokyo' }).today).toBe(
      '2024-12-05',
    );
    expect(buildDeterministicDigest([], { ...options, now: lateEvening, timeZone: 'America/Los_Angeles' }).today).toBe(
      '2024-12-04',
    );
  });
});
