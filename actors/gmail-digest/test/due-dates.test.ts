import { describe, expect, it } from 'vitest';
import { calendarDay, extractActionItems, findDueDate, mailDay } from '../src/digest/index.js';
import { parsedMail } from './fixtures/parsed-mails.js';

const tuesday = calendarDay(2024, 12, 3); // Tue 3 Dec 2024

describe('findDueDate', () => {
  it.each([
    ['Please send it by Friday.', '2024-12-06', 'by Friday'],
    ['Can we meet this Tuesday?', '2024-12-03', 'this Tuesday'],
    ['Can we meet Tuesday?', '2024-12-10', 'Tuesday'],
    ['I need it tomorrow.', '2024-12-04', 'tomorrow'],
    ['Due the day after tomorrow.', '2024-12-05', 'Due the day after tomorrow'],
    ['Please confirm by EOD.', '2024-12-03', 'by EOD'],
    ['Send it before close of business.', '2024-12-03', 'before close of business'],
    ['Please reply before 5 Dec.', '2024-12-05', 'before 5 Dec'],
    ['Submit by December 5th, please.', '2024-12-05', 'by December 5th'],
    ['Invoice due on 10 January 2025.', '2025-01-10', 'on 10 January 2025'],
    ['Book the venue by 2 Jan.', '2025-01-02', 'by 2 Jan'],
    ['The report was due by 28 Nov.', '2024-11-28', 'by 28 Nov'],
    ['Deadline: 2024-12-20 for all entries.', '2024-12-20', 'Deadline: 2024-12-20'],
    ['Wrap this up by the end of the week.', '2024-12-06', 'by the end of the week'],
    ['Can you look at it next week?', '2024-12-09', 'next week'],
    ['Expenses by end of the month please.', '2024-12-31', 'by end of the month'],
    ['Please respond within 3 days.', '2024-12-06', 'within 3 days'],
    ['Let us decide by May 5.', '2025-05-05', 'by May 5'],
  ])('%s -> %s', (sentence, date, text) => {
    expect(findDueDate(sentence, tuesday)).toEqual({ date, text });
  });

  it('takes the first date a sentence states', () => {
    expect(findDueDate('Send the draft by Friday and the final version on 2024-12-20.', tuesday)?.date).toBe(
      '2024-12-06',
    );
  });

  it('returns null when no date is stated or the date does not exist', () => {
    expect(findDueDate('Could you have a look when you can?', tuesday)).toBeNull();
    expect(findDueDate('Due 2024-02-30.', tuesday)).toBeNull();
    expect(findDueDate('You may 5 times try.', tuesday)?.date ?? null).not.toBe('2024-05-05');
  });

  it('reads end of week from a Saturday as the next Friday', () => {
    expect(findDueDate('Finish by end of the week', calendarDay(2024, 12, 7))?.date).toBe('2024-12-13');
  });
});

describe('mailDay', () => {
  it("uses the sender's own calendar day", () => {
    // Friday 22:30 in New York is already Saturday in UTC.
    expect(mailDay({ date: '2024-12-07T03:30:00.000Z', dateOffset: '-05:00' })).toMatchObject({
      year: 2024,
      month: 12,
      day: 6,
      weekday: 5,
    });
    expect(mailDay({ date: '2024-12-07T03:30:00.000Z', dateOffset: null })).toMatchObject({ day: 7 });
  });
});

describe('extractActionItems', () => {
  it("finds requests with due dates resolved against the sender's day", () => {
    const mail = parsedMail({
      date: '2024-12-07T03:30:00.000Z',
      dateOffset: '-05:00',
      body: 'Hi Sam,\n\nGreat meeting today. Could you send me the signed NDA tomorrow? The rest can wait.\n\nThanks,\nAnna',
    });
    expect(extractActionItems(mail, 'needs_reply')).toEqual([
      {
        text: 'Could you send me the signed NDA tomorrow?',
        due: '2024-12-07',
        dueText: 'tomorrow',
        messageId: mail.id,
      },
    ]);
  });

  it('lists each request once and keeps questions addressed to the reader', () => {
    const mail = parsedMail({
      body: [
        'Two things:',
        '- Please review the budget by Friday.',
        '- Please review the budget by Friday.',
        '- Are you joining the offsite?',
        'The weather was great.',
      ].join('\n'),
    });
    expect(extractActionItems(mail, 'needs_reply').map((a) => [a.text, a.due])).toEqual([
      ['Please review the budget by Friday.', '2024-12-06'],
      ['Are you joining the offsite?', null],
    ]);
  });

  it("ignores boilerplate, newsletters and the user's own mail", () => {
    const polite = parsedMail({ body: 'Please find attached the report. Let me know if you have any questions.' });
    expect(extractActionItems(polite, 'people')).toEqual([]);
    const news = parsedMail({ body: 'Please share this newsletter with a friend by Friday!' });
    expect(extractActionItems(news, 'newsletters')).toEqual([]);
    const own = parsedMail({ body: 'Could you send the numbers by Friday?' });
    expect(extractActionItems(own, 'people', true)).toEqual([]);
  });

  it('only takes obligation wording from machine mail', () => {
    const bill = parsedMail({
      body: 'Can you believe it is December already? Your payment failed. Please update your card by 10 Dec to keep your plan.',
    });
    expect(extractActionItems(bill, 'updates').map((a) => [a.text, a.due])).toEqual([
      ['Please update your card by 10 Dec to keep your plan.', '2024-12-10'],
    ]);
  });
});
