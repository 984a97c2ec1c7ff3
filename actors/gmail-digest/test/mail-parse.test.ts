import { describe, expect, it } from 'vitest';
import {
  decodeHeaderText,
  parseAddressList,
  parseDateHeader,
  parseGmailMessage,
  resolveMailDate,
  MAX_BODY_CHARS,
  type GmailApiMessage,
} from '../src/mail/index.js';
import {
  b64url,
  colleagueQuestion,
  githubReviewRequest,
  gmailMessage,
  htmlNewsletter,
  invoiceWithAttachments,
  jiraComment,
  noDateHeader,
  outlookReply,
  textPart,
} from './fixtures/gmail-messages.js';

describe('headers', () => {
  it('decodes RFC 2047 B and Q words, including adjacent words joined without a space', () => {
    expect(decodeHeaderText('=?UTF-8?B?8J+TsCBJc3N1ZSAjNDIyOiBDYWbDqSBjdWx0dXJlICYgZnJhbWV3b3Jrcw==?=')).toBe(
      '📰 Issue #422: Café culture & frameworks',
    );
    expect(decodeHeaderText('=?ISO-8859-1?Q?Gr=FC=DFe_aus_K=F6ln?=')).toBe('Grüße aus Köln');
    expect(decodeHeaderText('=?UTF-8?B?Wm/Dqw==?= =?UTF-8?Q?_=C3=85ngstr=C3=B6m?=')).toBe('Zoë Ångström');
  });

  it('unfolds folded header lines', () => {
    expect(decodeHeaderText('Quarterly planning:\r\n\tagenda and\r\n  owners')).toBe(
      'Quarterly planning: agenda and owners',
    );
  });

  it('leaves already-decoded text alone', () => {
    expect(decodeHeaderText('Grüße, Jürgen')).toBe('Grüße, Jürgen');
  });
});

describe('address lists', () => {
  it('keeps a quoted display name with a comma as one mailbox', () => {
    expect(parseAddressList('"Taylor, Sam" <Sam.Taylor@Example.com>, dana@example.com')).toEqual([
      { name: 'Taylor, Sam', address: 'sam.taylor@example.com' },
      { name: null, address: 'dana@example.com' },
    ]);
  });

  it('splits before decoding, so an encoded comma stays inside the name', () => {
    expect(parseAddressList('=?UTF-8?Q?M=C3=BCller=2C_Hans?= <hans@example.de>, b@example.de')).toEqual([
      { name: 'Müller, Hans', address: 'hans@example.de' },
      { name: null, address: 'b@example.de' },
    ]);
  });

  it('reads old-style comments and group syntax, and skips empty groups', () => {
    expect(parseAddressList('anna@example.com (Anna Schmidt)')).toEqual([
      { name: 'Anna Schmidt', address: 'anna@example.com' },
    ]);
    expect(parseAddressList('Team: a@example.com, b@example.com;')).toEqual([
      { name: null, address: 'a@example.com' },
      { name: null, address: 'b@example.com' },
    ]);
    expect(parseAddressList('undisclosed-recipients:;')).toEqual([]);
  });
});

describe('dates', () => {
  it('keeps the sender offset of an RFC 5322 Date header and converts to UTC', () => {
    expect(parseDateHeader('Tue, 3 Dec 2024 16:45:07 -0500 (EST)')).toEqual({
      epochMs: Date.parse('2024-12-03T21:45:07Z'),
      offsetMinutes: -300,
    });
    expect(parseDateHeader('Wed, 4 Dec 2024 11:20:00 +0530')?.offsetMinutes).toBe(330);
  });

  it('understands obsolete zone names and two-digit years', () => {
    expect(parseDateHeader('Mon, 2 Dec 24 09:00:00 PST')).toEqual({
      epochMs: Date.parse('2024-12-02T17:00:00Z'),
      offsetMinutes: -480,
    });
    expect(parseDateHeader('2 Dec 2024 09:00 GMT')?.offsetMinutes).toBe(0);
  });

  it('falls back to internalDate when the header is missing or garbage', () => {
    expect(resolveMailDate(null, '1733300000000')).toEqual({
      iso: '2024-12-04T08:13:20.000Z',
      offsetMinutes: null,
      source: 'internalDate',
    });
    expect(resolveMailDate('next tuesday-ish', '1733300000000').source).toBe('internalDate');
  });

  it('does not crash on an absurd year', () => {
    expect(resolveMailDate('Mon, 2 Dec 999999 09:00:00 +0000', '1733300000000').source).toBe('internalDate');
  });
});

describe('parseGmailMessage', () => {
  it('reads sender, recipients, subject, thread, labels and date with offset', () => {
    const mail = parseGmailMessage(colleagueQuestion);
    expect(mail.from).toEqual({ name: 'Jürgen Müller', address: 'juergen.mueller@acme.example' });
    expect(mail.to).toEqual([{ name: 'Taylor, Sam', address: 'sam.taylor@example.com' }]);
    expect(mail.cc.map((a) => a.address)).toEqual(['priya@acme.example']);
    expect(mail.subject).toBe('Re: Q4 budget review');
    expect(mail.threadId).toBe('193a1e0000000001');
    expect(mail.labelIds).toContain('IMPORTANT');
    expect(mail.date).toBe('2024-12-03T21:45:07.000Z');
    expect(mail.dateOffset).toBe('-05:00');
    expect(mail.inReplyTo).toBe('<CAF=prev999@mail.example.com>');
  });

  it('prefers the text/plain alternative and trims the quoted reply and signature', () => {
    const mail = parseGmailMessage(colleagueQuestion);
    expect(mail.bodySource).toBe('plain');
    expect(mail.bodyText).toContain('wrote:');
    expect(mail.newText).toContain('Could you send me the final Q4 numbers');
    expect(mail.newText).not.toContain('Head of Finance');
    expect(mail.newText).not.toContain('here is the draft');
    expect(mail.newText).not.toMatch(/\r/);
  });

  it('decodes an ISO-8859-1 body and lists attachments without their content', () => {
    const mail = parseGmailMessage(invoiceWithAttachments);
    expect(mail.from?.name).toBe('Zoë Ångström');
    expect(mail.subject).toBe('Rechnung für Dezember – bitte prüfen');
    expect(mail.bodyText).toContain('Grüße aus Köln');
    expect(mail.bodyText).toContain('Rechnung für Dezember');
    expect(mail.attachments).toEqual([
      { filename: 'Rechnung-2024-12.pdf', mimeType: 'application/pdf', size: 48213, inline: false },
      { filename: 'logo.png', mimeType: 'image/png', size: 5120, inline: true },
    ]);
  });

  it('converts an HTML-only newsletter and records its list headers', () => {
    const mail = parseGmailMessage(htmlNewsletter);
    expect(mail.bodySource).toBe('html');
    expect(mail.subject).toBe('📰 Issue #422: Café culture & frameworks');
    expect(mail.listUnsubscribe).toContain('https://frontendweekly.example/unsub');
    expect(mail.listId).toBe('Frontend Weekly <weekly.frontendweekly.example>');
    expect(mail.automated).toBe(true);
    expect(mail.bodyText).toContain('café culture among developers ☕');
    expect(mail.bodyText).toContain('Signals explained (https://blog.example/posts/signals)');
    expect(mail.bodyText).not.toContain('Preheader');
    expect(mail.bodyText).not.toContain('track()');
    expect(mail.bodyText).not.toContain('color:red');
    expect(mail.bodyText).not.toContain('click.frontendweekly.example');
  });

  it('treats Auto-Submitted mail as automated but not Auto-Submitted: no', () => {
    expect(parseGmailMessage(jiraComment).automated).toBe(true);
    const manual = gmailMessage({
      id: 'm1',
      internalDate: '1733300000000',
      headers: { From: 'a@example.com', 'Auto-Submitted': 'no', Subject: 'hi' },
      payload: textPart('', 'text/plain', 'hello'),
    });
    expect(parseGmailMessage(manual).automated).toBe(false);
  });

  it('uses internalDate and the HTML-unescaped snippet when the header and body are missing', () => {
    const mail = parseGmailMessage(noDateHeader);
    expect(mail.dateSource).toBe('internalDate');
    expect(mail.dateOffset).toBeNull();
    expect(mail.bodySource).toBe('snippet');
    expect(mail.bodyText).toBe("Lunch on Thursday? I'm buying & you pick.");
  });

  it('keeps Reply-To and reads the GitHub List-ID', () => {
    const mail = parseGmailMessage(githubReviewRequest);
    expect(mail.replyTo[0]?.address).toBe('reply+abcd1234@reply.github.com');
    expect(mail.listId).toContain('payments.acme.github.com');
    expect(mail.dateOffset).toBe('-08:00');
  });

  it('cuts Outlook quote blocks and mobile signatures', () => {
    const mail = parseGmailMessage(outlookReply);
    expect(mail.newText).toBe(
      'Thanks Sam, the signed copy is attached to the portal.\nWe will countersign on our side next week.',
    );
  });

  it('falls back to HTML when the plain part is a stub', () => {
    const message = gmailMessage({
      id: 'stub1',
      internalDate: '1733300000000',
      headers: { From: 'Shop <news@shop.example>', Subject: 'Winter sale' },
      payload: {
        partId: '',
        mimeType: 'multipart/alternative',
        filename: '',
        body: { size: 0 },
        parts: [
          textPart('0', 'text/plain', 'View this email in your browser.'),
          textPart(
            '1',
            'text/html',
            `<p>${'Our winter sale starts today with discounts on every jacket and boot in the store. '.repeat(3)}</p>`,
          ),
        ],
      },
    });
    const mail = parseGmailMessage(message);
    expect(mail.bodySource).toBe('html');
    expect(mail.bodyText).toContain('winter sale starts today');
  });

  it('accepts standard base64 (with + and /) as well as base64url bodies', () => {
    const text = 'Ünïcödé ~~~ ???';
    const standard = Buffer.from(text, 'utf8').toString('base64');
    expect(standard).toMatch(/[+/]/);
    const message = gmailMessage({
      id: 'b64',
      internalDate: '1733300000000',
      headers: { From: 'a@example.com', Subject: 's' },
      payload: {
        partId: '',
        mimeType: 'text/plain',
        filename: '',
        headers: [{ name: 'Content-Type', value: 'text/plain; charset=utf-8' }],
        body: { size: 20, data: standard },
      },
    });
    expect(parseGmailMessage(message).bodyText).toBe(text);
    expect(b64url(text)).not.toMatch(/[+/=]/);
  });

  it('undoes format=flowed soft breaks', () => {
    const message = gmailMessage({
      id: 'flowed',
      internalDate: '1733300000000',
      headers: { From: 'a@example.com', Subject: 's' },
      payload: {
        partId: '',
        mimeType: 'text/plain',
        filename: '',
        headers: [{ name: 'Content-Type', value: 'text/plain; charset=utf-8; format=flowed' }],
        body: { size: 40, data: b64url('This line was soft \r\nwrapped by the client.\r\n') },
      },
    });
    expect(parseGmailMessage(message).bodyText).toBe('This line was soft wrapped by the client.');
  });

  it('caps huge bodies and says so', () => {
    const message = gmailMessage({
      id: 'huge',
      internalDate: '1733300000000',
      headers: { From: 'a@example.com', Subject: 's' },
      payload: textPart('', 'text/plain', 'word '.repeat(MAX_BODY_CHARS)),
    });
    const mail = parseGmailMessage(message);
    expect(mail.bodyTruncated).toBe(true);
    expect(mail.bodyText.length).toBeLessThanOrEqual(MAX_BODY_CHARS);
  });

  it('tolerates null where the API type says array (loosely typed tool output)', () => {
    const loose = JSON.parse(
      '{"id":"loose","threadId":null,"labelIds":null,"payload":{"mimeType":"multipart/mixed","headers":[{"name":"Subject","value":"Hi"}],"parts":null,"body":null}}',
    ) as GmailApiMessage;
    expect(parseGmailMessage(loose)).toMatchObject({
      id: 'loose',
      threadId: 'loose',
      labelIds: [],
      subject: 'Hi',
      attachments: [],
    });
  });

  it('survives a minimal message with no payload', () => {
    const minimal: GmailApiMessage = { id: 'bare' };
    const mail = parseGmailMessage(minimal);
    expect(mail).toMatchObject({
      id: 'bare',
      threadId: 'bare',
      from: null,
      subject: '',
      bodySource: 'none',
      dateSource: 'none',
    });
  });
});
