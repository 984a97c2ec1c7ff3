import { describe, expect, it } from 'vitest';
import { parseGmailMessage } from '../src/mail/index.js';
import { renderDigestHtml, renderDigestMarkdown } from '../src/digest/index.js';
import { batchForContext, mergeLlmResults, parseDigestToolInput, type DigestToolResult } from '../src/llm/index.js';
import {
  ccFyi,
  colleagueQuestion,
  htmlNewsletter,
  NOW,
  receipt,
  TIME_ZONE,
  USER,
  userReply,
} from './fixtures/gmail-messages.js';
import { parsedMail } from './fixtures/parsed-mails.js';

const validEntry = {
  id: '193a1f2c0d4e5a01',
  category: 'needs_reply',
  priority: 'high',
  reason: 'Finance head needs numbers for the board',
  summary: 'Jürgen asks for the final Q4 numbers by Friday and a call tomorrow.',
  action_items: [
    { text: 'Send the final Q4 numbers to Jürgen', due_date: '2024-12-06' },
    { text: 'Reply about a call tomorrow afternoon', due_date: null },
  ],
};

function parsedOk(input: unknown): { result: DigestToolResult; issues: string[] } {
  const outcome = parseDigestToolInput(input);
  if (!outcome.ok) throw new Error(`expected a usable answer, got: ${outcome.error}`);
  return outcome;
}

describe('parseDigestToolInput', () => {
  it('accepts a well-formed answer and maps it to typed verdicts', () => {
    const { result, issues } = parsedOk({ mails: [validEntry], today: ['193a1f2c0d4e5a01'] });
    expect(issues).toEqual([]);
    expect(result).toEqual({
      mails: [
        {
          id: '193a1f2c0d4e5a01',
          category: 'needs_reply',
          priority: 'high',
          reason: 'Finance head needs numbers for the board',
          summary: 'Jürgen asks for the final Q4 numbers by Friday and a call tomorrow.',
          actionItems: [
            { text: 'Send the final Q4 numbers to Jürgen', due: '2024-12-06' },
            { text: 'Reply about a call tomorrow afternoon', due: null },
          ],
        },
      ],
      today: ['193a1f2c0d4e5a01'],
    });
  });

  it('rejects answers whose shape is wrong, with a clear error', () => {
    for (const input of [null, 'nonsense', 42, [], { today: [] }, { mails: 'not json' }, { mails: { id: 'x' } }]) {
      const outcome = parseDigestToolInput(input);
      expect(outcome.ok).toBe(false);
      if (!outcome.ok) expect(outcome.error).toMatch(/record_digest input/);
    }
  });

  it('drops a malformed entry but keeps the rest, and reports why', () => {
    const { result, issues } = parsedOk({
      mails: [validEntry, { ...validEntry, id: 'other', category: 'spam' }, { id: 'third', category: 'people' }],
      today: [],
    });
    expect(result.mails.map((m) => m.id)).toEqual(['193a1f2c0d4e5a01']);
    expect(issues).toHaveLength(2);
    expect(issues[0]).toMatch(/^mails\[1\] \(id other\) dropped: category: Invalid option/);
    expect(issues[1]).toMatch(/^mails\[2\] \(id third\) dropped: priority: .*summary/);
  });

  it('fails when no entry at all is usable', () => {
    const outcome = parseDigestToolInput({ mails: [{ id: 'a' }, { nonsense: true }], today: [] });
    expect(outcome.ok).toBe(false);
    if (!outcome.ok) expect(outcome.error).toMatch(/No usable entry/);
  });

  it('repairs common slips: case, aliases, stringified arrays, long summaries', () => {
    const { result, issues } = parsedOk({
      mails: JSON.stringify([{ ...validEntry, category: 'Needs Reply', priority: 'HIGH', summary: 'x'.repeat(500) }]),
    });
    expect(result.mails[0]).toMatchObject({ category: 'needs_reply', priority: 'high' });
    expect(result.mails[0]?.summary).toHaveLength(300);
    expect(result.today).toEqual([]);
    expect(issues).toEqual([]);
  });

  it('ignores an invalid due date but keeps the action item', () => {
    const { result, issues } = parsedOk({
      mails: [
        {
          ...validEntry,
          action_items: [
            { text: 'Send numbers', due_date: 'Friday' },
            { text: 'Book room', due_date: '2024-02-30' },
          ],
        },
      ],
      today: [],
    });
    expect(result.mails[0]?.actionItems).toEqual([
      { text: 'Send numbers', due: null },
      { text: 'Book room', due: null },
    ]);
    expect(issues).toHaveLength(2);
  });

  it('keeps the first of duplicate ids', () => {
    const { result, issues } = parsedOk({ mails: [validEntry, { ...validEntry, priority: 'low' }], today: [] });
    expect(result.mails).toHaveLength(1);
    expect(result.mails[0]?.priority).toBe('high');
    expect(issues[0]).toMatch(/duplicate id/);
  });
});

describe('mergeLlmResults', () => {
  const question = parseGmailMessage(colleagueQuestion);
  const newsletter = parseGmailMessage(htmlNewsletter);
  const paid = parseGmailMessage(receipt);
  const fyi = parseGmailMessage(ccFyi);
  const options = { now: NOW, timeZone: TIME_ZONE, userAddresses: [USER], model: 'claude-sonnet-5' };

  const answer: DigestToolResult = parsedOk({
    mails: [
      validEntry,
      {
        id: newsletter.id,
        category: 'newsletters',
        priority: 'low',
        reason: 'Weekly newsletter',
        summary: 'Issue 422: café culture and a framework release.',
        action_items: [],
      },
      {
        id: paid.id,
        category: 'updates',
        priority: 'low',
        reason: 'Paid receipt',
        summary: 'Acme Cloud charged $49.00.',
        action_items: [],
      },
    ],
    today: [question.id, paid.id],
  }).result;

  it("uses Claude's verdicts, labels the digest, and flags the mail Claude skipped", () => {
    const digest = mergeLlmResults([question, newsletter, paid, fyi], [answer], options);
    expect(digest.generatedBy).toBe('claude');
    expect(digest.model).toBe('claude-sonnet-5');
    expect(digest.counts.fallbackMails).toBe(1);
    expect(digest.note).toBe(
      'Claude did not classify 1 of 4 mails; the deterministic rules handled those and they are marked.',
    );

    const items = [...digest.needsAttention, ...digest.sections.flatMap((s) => s.items)];
    const q = items.find((i) => i.messageId === question.id);
    expect(q).toMatchObject({ analyzedBy: 'claude', fallback: false, summary: validEntry.summary, priority: 'high' });
    expect(q?.actionItems[0]).toEqual({
      text: 'Send the final Q4 numbers to Jürgen',
      due: '2024-12-06',
      dueText: null,
      messageId: question.id,
    });
    const skipped = items.find((i) => i.messageId === fyi.id);
    expect(skipped).toMatchObject({ analyzedBy: 'deterministic', fallback: true, category: 'people' });
  });

  it('puts the mails Claude flagged for today into "today", even low ones', () => {
    const digest = mergeLlmResults([question, newsletter, paid, fyi], [answer], options);
    expect(digest.needsAttention.map((i) => i.messageId)).toEqual([question.id, paid.id]);
  });

  it('merges several batches and keeps the first verdict for an id', () => {
    const second: DigestToolResult = { mails: [{ ...answer.mails[0]!, priority: 'low' }], today: [] };
    const digest = mergeLlmResults([question], [answer, second], options);
    expect(digest.needsAttention[0]?.priority).toBe('high');
  });

  it("never gives the user tasks from the user's own mail", () => {
    const own = parseGmailMessage(userReply);
    const result: DigestToolResult = {
      mails: [
        {
          id: own.id,
          category: 'people',
          priority: 'low',
          reason: 'Your reply',
          summary: 'You promised numbers Thursday.',
          actionItems: [{ text: 'Send numbers', due: '2024-12-05' }],
        },
      ],
      today: [],
    };
    const digest = mergeLlmResults([own], [result], options);
    expect(digest.sections.flatMap((s) => s.items)[0]?.actionItems).toEqual([]);
  });

  it('is labelled deterministic when Claude covered none of the mails', () => {
    const digest = mergeLlmResults([question, fyi], [{ mails: [], today: [] }], {
      ...options,
      note: 'Batch 1 of 1 failed validation.',
    });
    expect(digest.generatedBy).toBe('deterministic');
    expect(digest.model).toBeNull();
    expect(digest.note).toBe(
      'Claude was not used: its answers covered none of the mails. Batch 1 of 1 failed validation.',
    );
  });

  it('renders "Written by Claude" with the model and marks the fallback item', () => {
    const digest = mergeLlmResults([question, newsletter, paid, fyi], [answer], options);
    const html = renderDigestHtml(digest);
    const markdown = renderDigestMarkdown(digest);
    expect(html).toContain('data-generated-by="claude"');
    expect(html).toContain('Written by Claude (claude-sonnet-5)');
    expect(html).toContain('Claude skipped this mail');
    expect(markdown).toContain('*Written by Claude \\(claude-sonnet-5\\)');
    expect(markdown.match(/Claude skipped this mail/g)).toHaveLength(1);
  });

  it('round-trips: batches -> per-batch answers -> one digest covering every mail', () => {
    const mails = Array.from({ length: 60 }, (_, i) => parsedMail({ id: `r${i}`, body: `Status ${i}: all good.` }));
    const batches = batchForContext(mails, { maxInputTokens: 1_000_000, maxMailsPerBatch: 25 });
    expect(batches.map((b) => b.mails.length)).toEqual([25, 25, 10]);
    const results = batches.map((b) => ({
      mails: b.mails.map((m) => ({
        id: m.id,
        category: 'people' as const,
        priority: 'low' as const,
        reason: 'FYI',
        summary: m.newText,
        actionItems: [],
      })),
      today: [],
    }));
    const digest = mergeLlmResults(mails, results, options);
    expect(digest.counts.threads).toBe(60);
    expect(digest.counts.fallbackMails).toBe(0);
    expect(digest.note).toBeNull();
  });
});
