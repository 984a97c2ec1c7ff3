import { describe, expect, it } from 'vitest';
import { decodeBase64Url, encodeBase64Url } from '../src/sandboxes/gmail/base64url.js';
import { decodeWords, encodeWords, formatAddress, parseAddressList } from '../src/sandboxes/gmail/encoded-words.js';
import { htmlToText } from '../src/sandboxes/gmail/html-text.js';
import { formatMailDate } from '../src/sandboxes/gmail/mail-dates.js';
import { snippetOf } from '../src/sandboxes/gmail/message-index.js';
import { buildMessage, canonicalText, encodeQuotedPrintable } from '../src/sandboxes/gmail/mime-builder.js';
import { headerValue, leafParts, parseHeaderParams, parseMessage } from '../src/sandboxes/gmail/mime-parser.js';
import { decodePageToken, encodePageToken, pageAfter } from '../src/sandboxes/gmail/page-tokens.js';
import { QuotaMeter } from '../src/sandboxes/gmail/quota.js';
import { setHeaders } from '../src/sandboxes/gmail/raw-headers.js';
import { decodeEncodedWords } from './gmail-fixture.js';

describe('RFC 2047 encoded-words', () => {
  const samples = [
    'Résumé de la réunion – café à 10h ☕',
    '来週の打ち合わせについて、よろしくお願いいたします。木曜日の15時はいかがでしょうか',
    'Встреча в пятницу',
  ];

  it.each(['B', 'Q'] as const)(
    '%s-encodes non-ASCII text into words of at most 75 characters that decode back',
    (encoding) => {
      for (const text of samples) {
        const encoded = encodeWords(text, encoding);
        expect(encoded).toMatch(new RegExp(`^=\\?UTF-8\\?${encoding}\\?`));
        expect(/^[\x20-\x7e]*$/.test(encoded)).toBe(true);
        for (const word of encoded.split(' ')) expect(word.length).toBeLessThanOrEqual(75);
        expect(decodeWords(encoded)).toBe(text);
        expect(decodeEncodedWords(encoded)).toBe(text);
      }
    },
  );

  it('leaves plain ASCII alone and decodes words from other charsets and mixed text', () => {
    expect(encodeWords('Quarterly planning')).toBe('Quarterly planning');
    expect(decodeWords('=?ISO-8859-1?Q?Caf=E9?= au lait')).toBe('Café au lait');
    expect(decodeWords('Re: =?utf-8?b?w6k=?= =?utf-8?b?w6k=?= ok')).toBe('Re: éé ok');
  });

  it('formats and parses address lists with quoted, encoded and bare entries', () => {
    expect(formatAddress({ name: "Liam O'Connor", email: 'liam@x.ie' })).toBe("Liam O'Connor <liam@x.ie>");
    expect(formatAddress({ name: 'Brown, Olivia', email: 'o@x.uk' })).toBe('"Brown, Olivia" <o@x.uk>');
    const encoded = formatAddress({ name: 'Zoë Müller', email: 'zoe@x.de' }, 'Q');
    expect(encoded).toBe('=?UTF-8?Q?Zo=C3=AB_M=C3=BCller?= <zoe@x.de>');
    expect(parseAddressList(`"Brown, Olivia" <o@x.uk>, ${encoded}, plain@x.com`)).toEqual([
      { name: 'Brown, Olivia', email: 'o@x.uk' },
      { name: 'Zoë Müller', email: 'zoe@x.de' },
      { name: '', email: 'plain@x.com' },
    ]);
    expect(parseAddressList('Team: a@x.com, b@y.com;')).toEqual([
      { name: '', email: 'a@x.com' },
      { name: '', email: 'b@y.com' },
    ]);
  });
});

describe('MIME building and parsing', () => {
  const pdf = Buffer.from('%PDF-1.4\n\x00\x01\x02 binary bytes\n%%EOF\n', 'latin1');
  const raw = buildMessage(
    [
      ['Date', formatMailDate(Date.parse('2024-09-03T04:42:45Z'), 330)],
      ['Subject', encodeWords('Angebot für Q4 – Rückmeldung?', 'Q')],
      ['From', formatAddress({ name: 'Zoë Müller', email: 'zoe@kraftwerk.de' })],
      ['To', 'alex@example.com'],
    ],
    {
      kind: 'multipart',
      subtype: 'mixed',
      boundary: 'outer-boundary',
      parts: [
        {
          kind: 'multipart',
          subtype: 'alternative',
          boundary: 'inner-boundary',
          parts: [
            {
              kind: 'leaf',
              mimeType: 'text/plain',
              charset: 'UTF-8',
              transferEncoding: 'quoted-printable',
              content: canonicalText(`Grüße = regards\n${'long line '.repeat(20)}\n`),
            },
            {
              kind: 'leaf',
              mimeType: 'text/html',
              charset: 'UTF-8',
              transferEncoding: 'base64',
              content: canonicalText('<p>Grüße</p>'),
            },
          ],
        },
        {
          kind: 'leaf',
          mimeType: 'application/pdf',
          transferEncoding: 'base64',
          content: pdf,
          filename: 'Angebot Q4 – final.pdf',
        },
      ],
    },
  );

  it('writes 7-bit CRLF lines of at most 76 characters in the body', () => {
    const text = raw.toString('latin1');
    expect(/^[\t\r\n\x20-\x7e]*$/.test(text)).toBe(true);
    const body = text.slice(text.indexOf('\r\n\r\n') + 4);
    for (const line of body.split('\r\n')) expect(line.length).toBeLessThanOrEqual(76);
    expect(text).toContain('Date: Tue, 3 Sep 2024 10:12:45 +0530\r\n');
  });

  it('parses back to the same tree with decoded bodies and file names', () => {
    const root = parseMessage(raw);
    expect(root.mimeType).toBe('multipart/mixed');
    expect(decodeWords(headerValue(root.headers, 'Subject') ?? '')).toBe('Angebot für Q4 – Rückmeldung?');
    const leaves = leafParts(root);
    expect(leaves.map((l) => [l.partId, l.part.mimeType, l.part.filename])).toEqual([
      ['0.0', 'text/plain', ''],
      ['0.1', 'text/html', ''],
      ['1', 'application/pdf', 'Angebot Q4 – final.pdf'],
    ]);
    expect(leaves[0]!.part.body.toString('utf8')).toBe(`Grüße = regards\r\n${'long line '.repeat(20)}\r\n`);
    expect(leaves[1]!.part.body.toString('utf8')).toBe('<p>Grüße</p>');
    expect(leaves[2]!.part.body.equals(pdf)).toBe(true);
  });

  it('parses RFC 2231 parameters, LF-only messages and messages without a Content-Type', () => {
    expect(parseHeaderParams("attachment; filename*=UTF-8''Gr%C3%BC%C3%9Fe.txt").params['filename']).toBe('Grüße.txt');
    expect(parseHeaderParams('attachment; filename*0="part-"; filename*1="two.txt"').params['filename']).toBe(
      'part-two.txt',
    );
    const bare = parseMessage(Buffer.from('Subject: hi\nTo: a@b.co\n\nhello\nworld\n', 'utf8'));
    expect(bare.mimeType).toBe('text/plain');
    expect(headerValue(bare.headers, 'to')).toBe('a@b.co');
    expect(bare.body.toString('utf8')).toBe('hello\nworld\n');
  });

  it('never throws on malformed input', () => {
    expect(parseMessage(Buffer.from('just some text, no headers at all')).mimeType).toBe('text/plain');
    expect(parseHeaderParams("attachment; filename*=UTF-8''100%ZZ.txt").params['filename']).toBe('100%ZZ.txt');
    const broken = parseMessage(
      Buffer.from(
        'Content-Type: multipart/mixed; boundary="b"\r\n\r\n--b\r\nContent-Type: text/plain\r\n\r\nno closing boundary',
      ),
    );
    expect(leafParts(broken).map((l) => l.part.body.toString())).toEqual(['no closing boundary']);
  });

  it('reads HTML bodies as text: no head, style or script; entities decoded; blocks on their own lines', () => {
    const html =
      '<html><head><style>p{color:red}</style><title>T</title></head><body><p>Don&#39;t&nbsp;miss &amp; <b>save</b></p><script>x()</script><div>Line&#x32;</div><p>&#99999999;</p></body></html>';
    expect(htmlToText(html)).toBe("Don't miss & save\nLine2\n&#99999999;");
  });

  it('encodes quoted-printable with soft breaks and escaped "=" and trailing spaces', () => {
    const encoded = encodeQuotedPrintable(Buffer.from(`a=b \n${'x'.repeat(100)}`, 'utf8'));
    expect(encoded.split('\r\n')[0]).toBe('a=3Db=20');
    expect(encoded).toContain('=\r\n');
  });

  it('sets headers without touching the body', () => {
    const edited = setHeaders(Buffer.from('Subject: x\r\nFrom: someone@else.com\r\n  (folded)\r\n\r\nbody\r\n'), [
      ['From', 'me@example.com'],
    ]);
    expect(edited.toString()).toBe('From: me@example.com\r\nSubject: x\r\n\r\nbody\r\n');
  });
});

describe('base64url, snippets, page tokens', () => {
  it('encodes base64url with padding and decodes both alphabets', () => {
    const bytes = Buffer.from([0xfb, 0xff, 0xfe, 0x00]);
    expect(encodeBase64Url(bytes)).toBe('-__-AA==');
    expect(decodeBase64Url('-__-AA==')?.equals(bytes)).toBe(true);
    expect(decodeBase64Url('+//+AA')?.equals(bytes)).toBe(true);
    expect(decodeBase64Url('not base64!')).toBeUndefined();
  });

  it('makes snippets one line, HTML-escaped like Gmail and cut at a word', () => {
    expect(snippetOf("Hi Bob,\n\nIt's <fine> & done")).toBe('Hi Bob, It&#39;s &lt;fine&gt; &amp; done');
    const long = snippetOf('word '.repeat(100));
    expect(long.length).toBeLessThanOrEqual(200);
    expect(long.endsWith('word')).toBe(true);
  });

  it('round-trips page tokens and pages by cursor', () => {
    const key = { date: 1_741_600_000_123, id: '1957fa9f298d4710' };
    const token = encodePageToken(key);
    expect(token).toMatch(/^\d{35}$/);
    expect(decodePageToken(token)).toEqual(key);
    expect(decodePageToken('abc')).toBeUndefined();
    const items = [5, 4, 3, 2, 1].map((n) => ({ date: n, id: n.toString(16).padStart(16, '0') }));
    const first = pageAfter(items, (i) => i, undefined, 2);
    expect(first.page.map((i) => i.date)).toEqual([5, 4]);
    const second = pageAfter(items, (i) => i, decodePageToken(first.next!), 2);
    expect(second.page.map((i) => i.date)).toEqual([3, 2]);
    const third = pageAfter(items, (i) => i, decodePageToken(second.next!), 2);
    expect(third).toEqual({ page: [items[4]] });
  });
});

describe('QuotaMeter', () => {
  it('admits units within the per-second window and refuses past it until the window moves', () => {
    const meter = new QuotaMeter(10);
    expect(meter.charge(5, 1_000)).toEqual({ ok: true });
    expect(meter.charge(5, 1_100)).toEqual({ ok: true });
    expect(meter.charge(5, 1_200)).toEqual({ ok: false, retryAfterSeconds: 1 });
    // A refused call spends nothing: once the first charge expires there is room again.
    expect(meter.charge(5, 2_001)).toEqual({ ok: true });
    expect(meter.charge(1, 2_050)).toEqual({ ok: false, retryAfterSeconds: 1 });
  });

  it('lets one large call through on an idle window (a burst), and 0 disables the limit', () => {
    const meter = new QuotaMeter(10);
    expect(meter.charge(505, 0)).toEqual({ ok: true });
    expect(meter.charge(1, 500)).toEqual({ ok: false, retryAfterSeconds: 1 });
    expect(meter.charge(1, 1_000)).toEqual({ ok: true });
    const off = new QuotaMeter(0);
    for (let i = 0; i < 100; i++) expect(off.charge(100, 0)).toEqual({ ok: true });
  });
});
