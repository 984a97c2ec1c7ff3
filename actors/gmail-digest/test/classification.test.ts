import { describe, expect, it } from 'vitest';
import { parseGmailMessage } from '../src/mail/index.js';
import {
  analyzeMail,
  classifyMail,
  createAnalysisContext,
  lowerSet,
  notificationPlatform,
  type Category,
} from '../src/digest/index.js';
import {
  ccFyi,
  colleagueQuestion,
  githubReviewRequest,
  htmlNewsletter,
  invoiceWithAttachments,
  jiraComment,
  NOW,
  outlookReply,
  receipt,
  securityAlert,
  TIME_ZONE,
  USER,
  userReply,
} from './fixtures/gmail-messages.js';
import { parsedMail } from './fixtures/parsed-mails.js';

const users = lowerSet([USER]);

describe('classifyMail on realistic messages', () => {
  const cases: [string, Parameters<typeof parseGmailMessage>[0], Category][] = [
    ['a colleague asking for numbers by Friday', colleagueQuestion, 'needs_reply'],
    ['an invoice from a freelancer asking to confirm', invoiceWithAttachments, 'needs_reply'],
    ['a reply that asks nothing', outlookReply, 'people'],
    ['an FYI where the user is in Cc', ccFyi, 'people'],
    ["the user's own reply", userReply, 'people'],
    ['an HTML newsletter with List-Unsubscribe', htmlNewsletter, 'newsletters'],
    ['a GitHub review request (has list headers too)', githubReviewRequest, 'notifications'],
    ['a Jira comment', jiraComment, 'notifications'],
    ['a receipt from a no-reply sender', receipt, 'updates'],
    ['a security alert', securityAlert, 'updates'],
  ];
  it.each(cases)('%s', (_label, message, expected) => {
    expect(classifyMail(parseGmailMessage(message), users).category).toBe(expected);
  });
});

describe('classifyMail rules', () => {
  it('needs a direct recipient: the same question in Cc is only people', () => {
    const body = 'Can you review the contract by Friday?';
    expect(classifyMail(parsedMail({ body }), users).category).toBe('needs_reply');
    const cc = parsedMail({
      body,
      to: [{ name: null, address: 'team@example.com' }],
      cc: [{ name: null, address: USER }],
    });
    expect(classifyMail(cc, users).category).toBe('people');
  });

  it('never asks to reply to a no-reply sender or to list mail', () => {
    const body = 'Could you rate your recent purchase? Let me know!';
    expect(
      classifyMail(parsedMail({ body, from: { name: 'Shop', address: 'noreply@shop.example' } }), users).category,
    ).toBe('notifications');
    expect(classifyMail(parsedMail({ body, listUnsubscribe: '<https://x.example/u>' }), users).category).toBe(
      'newsletters',
    );
  });

  it('does not read polite boilerplate as a request', () => {
    const body = 'Please find attached the minutes from today. Let me know if you have any questions.';
    expect(classifyMail(parsedMail({ body }), users).category).toBe('people');
  });

  it('puts Gmail promotions in newsletters even without list headers', () => {
    expect(
      classifyMail(
        parsedMail({ labelIds: ['INBOX', 'CATEGORY_PROMOTIONS'], body: 'Can you believe these prices?' }),
        users,
      ).category,
    ).toBe('newsletters');
  });

  it("treats a person at github.com as a person, and GitHub's robot as a notification", () => {
    const person = parsedMail({
      from: { name: 'Mona', address: 'mona@github.com' },
      body: 'Can we talk about the partnership?',
    });
    expect(notificationPlatform(person)).toBeNull();
    expect(classifyMail(person, users).category).toBe('needs_reply');
    expect(notificationPlatform(parseGmailMessage(githubReviewRequest))).toBe('GitHub');
  });

  it('without known user addresses, a short To list still counts as direct', () => {
    expect(classifyMail(parsedMail({ body: 'Are you free on Thursday?' }), lowerSet([])).category).toBe('needs_reply');
  });

  it('a mail to a crowd is not a personal request', () => {
    const crowd = Array.from({ length: 12 }, (_, i) => ({ name: null, address: `p${i}@example.com` }));
    expect(
      classifyMail(
        parsedMail({ body: 'Can everyone send their slides?', to: [{ name: null, address: USER }, ...crowd] }),
        users,
      ).category,
    ).toBe('people');
  });
});

describe('priority and reasons', () => {
  const context = (mails: Parameters<typeof createAnalysisContext>[0], known?: string[]) =>
    createAnalysisContext(mails, { now: NOW, timeZone: TIME_ZONE, userAddresses: [USER], knownCorrespondents: known });

  it("a question due tomorrow from the sender's point of view is high", () => {
    const mail = parseGmailMessage(colleagueQuestion);
    const analysis = analyzeMail(mail, context([mail]));
    expect(analysis.priority).toBe('high');
    expect(analysis.reason).toMatch(/due today/); // "tomorrow afternoon" written on Tue in New York = Wed 4 Dec
  });

  it('known correspondents raise a request from medium to high', () => {
    const mail = parsedMail({
      body: 'Could you send me the slides next week?',
      from: { name: 'Lee', address: 'lee@example.org' },
    });
    expect(analyzeMail(mail, context([mail])).priority).toBe('medium');
    // The caller's set is matched case-insensitively.
    const known = analyzeMail(mail, context([mail], [' Lee@Example.org']));
    expect(known.priority).toBe('high');
    expect(known.reason).toContain('from someone you correspond with');
  });

  it("learns correspondents from the user's sent mail in the same batch", () => {
    const question = parsedMail({
      body: 'Could you send me the slides next week?',
      from: { name: 'Lee', address: 'lee@example.org' },
    });
    const sent = parsedMail({
      labelIds: ['SENT'],
      from: { name: 'Sam', address: USER },
      to: [{ name: 'Lee', address: 'lee@example.org' }],
    });
    expect(analyzeMail(question, context([question, sent])).priority).toBe('high');
  });

  it("a known person's FYI is medium, an unknown person's is low", () => {
    const fyi = parsedMail({ body: 'Here are the photos from Saturday.' });
    expect(analyzeMail(fyi, context([fyi])).priority).toBe('low');
    expect(analyzeMail(fyi, context([fyi], ['anna@partner.example'])).priority).toBe('medium');
  });

  it('security alerts are high, receipts low, newsletters low even from known senders', () => {
    const alert = parseGmailMessage(securityAlert);
    const paid = parseGmailMessage(receipt);
    const news = parseGmailMessage(htmlNewsletter);
    const ctx = context([alert, paid, news], ['hello@frontendweekly.example']);
    expect(analyzeMail(alert, ctx).priority).toBe('high');
    expect(analyzeMail(paid, ctx).priority).toBe('low');
    expect(analyzeMail(news, ctx).priority).toBe('low');
  });

  it('a review request is a medium notification with an action item', () => {
    const mail = parseGmailMessage(githubReviewRequest);
    const analysis = analyzeMail(mail, context([mail]));
    expect(analysis.priority).toBe('medium');
    expect(analysis.actionItems.map((a) => a.text)).toEqual([
      '@octocat requested your review on: acme/payments#512 Retry failed webhooks with backoff.',
    ]);
  });

  it('urgent wording makes a request high', () => {
    const mail = parsedMail({ body: 'Can you call me? It is urgent.' });
    expect(analyzeMail(mail, context([mail])).priority).toBe('high');
  });

  it('rejects an unknown time zone with a clear message', () => {
    expect(() => createAnalysisContext([], { now: NOW, timeZone: 'Mars/Olympus' })).toThrow(
      /Unknown time zone "Mars\/Olympus"/,
    );
  });
});
