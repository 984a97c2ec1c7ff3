import { ScalekitBadRequestException, ScalekitForbiddenException, ScalekitNotFoundException } from '@scalekit-sdk/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ANCHOR_MS,
  decodeData,
  decodeEncodedWords,
  fullPayload,
  gmailErrorOf,
  headerOf,
  leaves,
  listAll,
  startGmail,
  type GmailFixture,
  type GmailLabel,
  type GmailList,
  type GmailMessage,
  type GmailPart,
  type GmailThread,
  type GmailThreadList,
  type GmailUser,
} from './gmail-fixture.js';

const DAY = 86_400_000;

/** What the tests know about each message, read from the API like a client would. */
interface Mail {
  message: GmailMessage;
  id: string;
  threadId: string;
  labels: string[];
  date: number;
  from: string;
  to: string;
  subject: string;
  text: string;
  filenames: string[];
}

const words = (text: string): string[] => text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];

function readableText(payload: GmailPart): string {
  const parts = leaves(payload).filter((p) => p.filename === '' && p.body.data !== undefined);
  const plain = parts.find((p) => p.mimeType === 'text/plain');
  if (plain) return decodeData(plain.body.data!).toString('utf8');
  const html = parts.find((p) => p.mimeType === 'text/html');
  return html
    ? decodeData(html.body.data!)
        .toString('utf8')
        .replace(/<[^>]*>/g, ' ')
    : '';
}

function toMail(message: GmailMessage): Mail {
  const payload = fullPayload(message);
  const decoded = (name: string): string => decodeEncodedWords(headerOf(payload, name) ?? '');
  return {
    message,
    id: message.id,
    threadId: message.threadId,
    labels: message.labelIds,
    date: Number(message.internalDate),
    from: decoded('From'),
    to: `${decoded('To')} ${decoded('Cc')}`,
    subject: decoded('Subject'),
    text: readableText(payload),
    filenames: leaves(payload)
      .map((p) => p.filename)
      .filter(Boolean),
  };
}

async function corpusOf(user: GmailUser): Promise<Mail[]> {
  const { ids } = await listAll(user, { includeSpamTrash: true, maxResults: 500 });
  const messages = await Promise.all(ids.map((id) => user.get<GmailMessage>(`/messages/${id}`)));
  return messages.map(toMail);
}

const inSpamOrTrash = (m: Mail): boolean => m.labels.includes('SPAM') || m.labels.includes('TRASH');
const sorted = (ids: string[]): string[] => [...ids].sort();

describe('Gmail REST API through actions.request', () => {
  let fx: GmailFixture;
  let alice: GmailUser;
  let corpus: Mail[];
  let visible: Mail[];

  beforeAll(async () => {
    fx = await startGmail();
    alice = await fx.user('alice');
    corpus = await corpusOf(alice);
    visible = corpus.filter((m) => !inSpamOrTrash(m));
  });
  afterAll(() => fx.close());

  const search = async (q: string, extra: Record<string, unknown> = {}): Promise<string[]> =>
    (await listAll(alice, { q, maxResults: 500, ...extra })).ids;

  it('answers the profile for me and for the account address; another user is refused', async () => {
    const profile = await alice.get<{
      emailAddress: string;
      messagesTotal: number;
      threadsTotal: number;
      historyId: string;
    }>('/profile');
    expect(profile.emailAddress).toBe('alice@example.com');
    expect(profile.messagesTotal).toBe(60);
    expect(profile.threadsTotal).toBe(new Set(corpus.map((m) => m.threadId)).size);
    expect(profile.threadsTotal).toBeLessThan(60);
    expect(profile.historyId).toMatch(/^\d+$/);

    const byAddress = await fx.client.actions.request({
      connectionName: 'gmail',
      identifier: 'alice',
      path: '/gmail/v1/users/alice@example.com/profile',
    });
    expect((byAddress.data as { emailAddress: string }).emailAddress).toBe('alice@example.com');
    const { exception, body } = await gmailErrorOf(
      fx.client.actions.request({
        connectionName: 'gmail',
        identifier: 'alice',
        path: '/gmail/v1/users/bob@example.com/profile',
      }),
    );
    expect(exception).toBeInstanceOf(ScalekitForbiddenException);
    expect(body.error).toMatchObject({
      code: 403,
      status: 'PERMISSION_DENIED',
      errors: [{ reason: 'forbidden', domain: 'global' }],
    });
  });

  it('lists messages newest first with 16-hex ids, leaving out spam and trash unless asked', async () => {
    const page = await alice.get<GmailList>('/messages');
    expect(page.nextPageToken).toBeUndefined();
    expect(page.resultSizeEstimate).toBe(visible.length);
    expect(page.messages!.map((m) => m.id)).toEqual(visible.map((m) => m.id));
    for (const m of page.messages!) expect(m.id).toMatch(/^[0-9a-f]{16}$/);
    const dates = visible.map((m) => m.date);
    expect(dates).toEqual([...dates].sort((a, b) => b - a));
    expect(dates.every((d) => d <= ANCHOR_MS)).toBe(true);
    expect(corpus.length).toBe(60);
    expect(corpus.length - visible.length).toBeGreaterThanOrEqual(2);
    const withSpam = await alice.get<GmailList>('/messages', { includeSpamTrash: true });
    expect(withSpam.resultSizeEstimate).toBe(60);
  });

  it('pages with nextPageToken over three pages without gaps or repeats', async () => {
    const { ids, pages, estimates } = await listAll(alice, { maxResults: 20 });
    expect(pages).toBe(3);
    expect(ids).toEqual(visible.map((m) => m.id));
    expect(new Set(ids).size).toBe(ids.length);
    expect(estimates.every((e) => e === visible.length)).toBe(true);

    const first = await alice.get<GmailList>('/messages', { maxResults: 20 });
    const second = await alice.get<GmailList>('/messages', { maxResults: 20, pageToken: first.nextPageToken });
    expect(second.messages!.map((m) => m.id)).toEqual(ids.slice(20, 40));
    expect(first.nextPageToken).toMatch(/^\d+$/);
  });

  it('gets a message in full, metadata, minimal and raw formats', async () => {
    const mail = visible.find((m) => fullPayload(m.message).mimeType === 'multipart/mixed')!;
    const full = mail.message;
    expect(Object.keys(full)).toEqual([
      'id',
      'threadId',
      'labelIds',
      'snippet',
      'payload',
      'sizeEstimate',
      'historyId',
      'internalDate',
    ]);
    expect(full.historyId).toMatch(/^\d+$/);
    expect(full.internalDate).toMatch(/^\d{13}$/);

    const metadata = await alice.get<GmailMessage>(`/messages/${mail.id}`, {
      format: 'metadata',
      metadataHeaders: ['Subject', 'from'],
    });
    expect(metadata.payload).toEqual({
      mimeType: 'multipart/mixed',
      headers: fullPayload(full).headers.filter((h) => ['subject', 'from'].includes(h.name.toLowerCase())),
    });
    const allHeaders = await alice.get<GmailMessage>(`/messages/${mail.id}`, { format: 'metadata' });
    expect(allHeaders.payload!.headers).toEqual(fullPayload(full).headers);

    const minimal = await alice.get<GmailMessage>(`/messages/${mail.id}`, { format: 'minimal' });
    expect(minimal).toEqual({
      id: full.id,
      threadId: full.threadId,
      labelIds: full.labelIds,
      snippet: full.snippet,
      sizeEstimate: full.sizeEstimate,
      historyId: full.historyId,
      internalDate: full.internalDate,
    });

    const raw = await alice.get<GmailMessage>(`/messages/${mail.id}`, { format: 'raw' });
    expect(raw.payload).toBeUndefined();
    const bytes = decodeData(raw.raw!);
    expect(bytes.length).toBe(full.sizeEstimate);
    const head = bytes
      .toString('latin1')
      .split('\r\n\r\n')[0]!
      .replace(/\r\n[ \t]/g, ' ');
    expect(head).toContain(`Subject: ${headerOf(fullPayload(full), 'Subject')}`);
    expect(head).toContain(`Message-ID: ${headerOf(fullPayload(full), 'Message-ID')}`);
  });

  it('has multipart/alternative messages whose base64url parts decode to the text and HTML', () => {
    const alternatives = visible.filter((m) => fullPayload(m.message).mimeType === 'multipart/alternative');
    expect(alternatives.length).toBeGreaterThan(5);
    for (const mail of alternatives) {
      const payload = fullPayload(mail.message);
      expect(payload.partId).toBe('');
      expect(payload.body).toEqual({ size: 0 });
      const [plain, html] = payload.parts!;
      expect([plain!.partId, plain!.mimeType, html!.partId, html!.mimeType]).toEqual([
        '0',
        'text/plain',
        '1',
        'text/html',
      ]);
      const text = decodeData(plain!.body.data!);
      expect(plain!.body.size).toBe(text.length);
      expect(decodeData(html!.body.data!).toString('utf8')).toMatch(/^<div dir="ltr">/);
      // The snippet is the start of the text on one line, HTML-escaped.
      const flat = text
        .toString('utf8')
        .replace(/\s+/g, ' ')
        .trim()
        .replace(/&/g, '&amp;')
        .replace(/'/g, '&#39;')
        .replace(/"/g, '&quot;')
        .replace(/</g, '&lt;')
        .replace(/>/g, '&gt;');
      expect(flat.startsWith(mail.message.snippet)).toBe(true);
      expect(mail.message.snippet.length).toBeGreaterThan(10);
    }
  });

  it('has HTML-only newsletters and promotions with List-Unsubscribe and List-Id', () => {
    const htmlOnly = visible.filter((m) => fullPayload(m.message).mimeType === 'text/html');
    expect(htmlOnly.length).toBeGreaterThanOrEqual(2);
    for (const mail of htmlOnly) {
      const payload = fullPayload(mail.message);
      expect(payload.parts).toBeUndefined();
      expect(decodeData(payload.body.data!).toString('utf8')).toMatch(/^<!DOCTYPE html><html>/);
      expect(headerOf(payload, 'List-Unsubscribe')).toMatch(/^<https:\/\/[^>]+>, <mailto:[^>]+>$/);
      expect(headerOf(payload, 'List-Id')).toMatch(/<[^>]+>$/);
    }
  });

  it('has attachments as parts with filename, attachmentId and size, downloadable by id', async () => {
    const withFiles = visible.filter((m) => m.filenames.length > 0);
    expect(withFiles.length).toBeGreaterThanOrEqual(3);
    const kinds = new Set<string>();
    for (const mail of withFiles) {
      expect(fullPayload(mail.message).mimeType).toBe('multipart/mixed');
      for (const part of leaves(fullPayload(mail.message)).filter((p) => p.filename !== '')) {
        expect(part.body.data).toBeUndefined();
        expect(part.body.attachmentId).toMatch(/^[A-Za-z0-9_-]{20,}$/);
        const attachment = await alice.get<{ attachmentId: string; size: number; data: string }>(
          `/messages/${mail.id}/attachments/${part.body.attachmentId}`,
        );
        const bytes = decodeData(attachment.data);
        expect(bytes.length).toBe(part.body.size);
        expect(attachment.size).toBe(part.body.size);
        kinds.add(part.mimeType);
        if (part.mimeType === 'application/pdf') expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
        if (part.mimeType === 'image/png') expect(bytes.subarray(1, 4).toString('latin1')).toBe('PNG');
        if (part.mimeType === 'application/ics') expect(bytes.toString('utf8')).toContain('BEGIN:VCALENDAR');
      }
    }
    expect(kinds.has('application/pdf')).toBe(true);
  });

  it('keeps non-ASCII subjects and sender names as raw RFC 2047 encoded-words', () => {
    const encoded = visible.filter((m) => /=\?UTF-8\?[BQ]\?/.test(headerOf(fullPayload(m.message), 'Subject') ?? ''));
    expect(encoded.length).toBeGreaterThanOrEqual(2);
    for (const mail of encoded) {
      const raw = headerOf(fullPayload(mail.message), 'Subject')!;
      expect(/^[\x20-\x7e]*$/.test(raw)).toBe(true);
      expect(/[^\x20-\x7e]/.test(decodeEncodedWords(raw))).toBe(true);
    }
    const senders = visible
      .map((m) => headerOf(fullPayload(m.message), 'From')!)
      .filter((f) => /^=\?UTF-8\?[BQ]\?.*\?= <[^>]+>$/.test(f));
    expect(senders.length).toBeGreaterThanOrEqual(1);
  });

  it('threads replies with In-Reply-To/References, quoted text and signatures', () => {
    const replies = visible.filter((m) => headerOf(fullPayload(m.message), 'In-Reply-To') !== undefined);
    expect(replies.length).toBeGreaterThanOrEqual(2);
    for (const reply of replies) {
      const parentId = headerOf(fullPayload(reply.message), 'In-Reply-To');
      const parent = corpus.find((m) => headerOf(fullPayload(m.message), 'Message-ID') === parentId);
      expect(parent?.threadId).toBe(reply.threadId);
      expect(headerOf(fullPayload(reply.message), 'References')).toContain(parentId);
      expect(reply.subject).toMatch(/^Re: /);
    }
    expect(replies.some((r) => /\nOn [^\n]+ wrote:\r?\n> /.test(r.text))).toBe(true);
    expect(visible.some((m) => /\r?\n-- \r?\n/.test(m.text))).toBe(true);
    expect(visible.some((m) => m.labels.includes('SENT') && m.from.includes('alice@example.com'))).toBe(true);
  });

  it('dates mail in the senders’ own time zones and has notifications, questions with deadlines and older mail', () => {
    const zones = new Set(visible.map((m) => /([+-]\d{4})$/.exec(headerOf(fullPayload(m.message), 'Date')!)![1]));
    expect(zones.size).toBeGreaterThanOrEqual(4);
    expect([...zones].some((z) => !z!.endsWith('00'))).toBe(true);
    expect(visible.some((m) => /<(noreply|notifications)@github\.com>/.test(m.from))).toBe(true);
    expect(visible.some((m) => /\b(Could|Can) you\b[^?]*\bby\b/i.test(m.text))).toBe(true);
    expect(visible.some((m) => m.date < ANCHOR_MS - 60 * DAY)).toBe(true);
    expect(visible.some((m) => m.date > ANCHOR_MS - DAY)).toBe(true);
    const labels = new Set(visible.flatMap((m) => m.labels));
    for (const id of [
      'INBOX',
      'UNREAD',
      'IMPORTANT',
      'STARRED',
      'SENT',
      'CATEGORY_PERSONAL',
      'CATEGORY_UPDATES',
      'CATEGORY_PROMOTIONS',
      'CATEGORY_SOCIAL',
      'CATEGORY_FORUMS',
    ]) {
      expect(labels).toContain(id);
    }
    expect([...labels].some((l) => l.startsWith('Label_'))).toBe(true);
  });

  describe('search with q', () => {
    let labels: GmailLabel[];
    beforeAll(async () => {
      labels = (await alice.get<{ labels: GmailLabel[] }>('/labels')).labels;
    });
    const userLabel = (name: string): string => labels.find((l) => l.name === name)!.id;
    const has = (label: string) => (m: Mail) => m.labels.includes(label);

    it.each([
      ['is:unread', has('UNREAD')],
      ['is:read', (m: Mail) => !m.labels.includes('UNREAD')],
      ['is:starred', has('STARRED')],
      ['is:important', has('IMPORTANT')],
      ['in:inbox', has('INBOX')],
      ['-in:inbox', (m: Mail) => !m.labels.includes('INBOX')],
      ['in:sent', has('SENT')],
      ['category:primary', has('CATEGORY_PERSONAL')],
      ['category:promotions', has('CATEGORY_PROMOTIONS')],
      ['category:social', has('CATEGORY_SOCIAL')],
      ['category:updates', has('CATEGORY_UPDATES')],
      ['category:forums', has('CATEGORY_FORUMS')],
      [
        '-category:promotions -category:social',
        (m: Mail) => !m.labels.includes('CATEGORY_PROMOTIONS') && !m.labels.includes('CATEGORY_SOCIAL'),
      ],
      ['has:attachment', (m: Mail) => m.filenames.length > 0],
      ['-has:attachment', (m: Mail) => m.filenames.length === 0],
      ['from:github.com', (m: Mail) => m.from.toLowerCase().includes('github.com')],
      ['-from:github.com', (m: Mail) => !m.from.toLowerCase().includes('github.com')],
      ['from:me', (m: Mail) => m.from.includes('alice@example.com')],
      ['to:me', (m: Mail) => m.to.includes('alice@example.com')],
      ['from:linkedin.com OR from:github.com', (m: Mail) => /linkedin\.com|github\.com/.test(m.from)],
      [
        'invoice',
        (m: Mail) => words(`${m.subject} ${m.text} ${m.from} ${m.to} ${m.filenames.join(' ')}`).includes('invoice'),
      ],
      ['subject:budget', (m: Mail) => words(m.subject).includes('budget')],
      [
        'is:unread -category:promotions',
        (m: Mail) => m.labels.includes('UNREAD') && !m.labels.includes('CATEGORY_PROMOTIONS'),
      ],
    ] as const)('%s', async (q, predicate) => {
      const expected = visible.filter(predicate).map((m) => m.id);
      expect(await search(q)).toEqual(expected);
    });

    it('finds guaranteed content for the core operators', async () => {
      for (const q of [
        'is:unread',
        'has:attachment',
        'from:github.com',
        'in:sent',
        'category:primary',
        'category:promotions',
        'is:important',
        'invoice',
      ]) {
        expect((await search(q)).length, q).toBeGreaterThan(0);
      }
    });

    it('matches user labels by name, with spaces and slashes written as dashes', async () => {
      for (const [q, name] of [
        ['label:receipts', 'Receipts'],
        ['label:work-projects', 'Work/Projects'],
        ['label:follow-up', 'Follow up'],
        ['label:Travel', 'Travel'],
      ] as const) {
        const expected = visible.filter((m) => m.labels.includes(userLabel(name))).map((m) => m.id);
        expect(await search(q), q).toEqual(expected);
      }
      expect((await search('label:receipts')).length).toBeGreaterThan(0);
    });

    it('matches quoted phrases in order only', async () => {
      const phrase = visible.find((m) => words(m.subject).length >= 3)!;
      const [a, b] = words(phrase.subject);
      const inOrder = await search(`"${a} ${b}"`);
      expect(inOrder).toContain(phrase.id);
      const reversed = await search(`"${b} ${a}"`);
      expect(reversed).not.toContain(phrase.id);
    });

    it('includes spam and trash only for in:anywhere, in:spam, in:trash or includeSpamTrash', async () => {
      expect(sorted(await search('in:anywhere'))).toEqual(sorted(corpus.map((m) => m.id)));
      const spam = corpus.filter(has('SPAM')).map((m) => m.id);
      const trash = corpus.filter(has('TRASH')).map((m) => m.id);
      expect(spam.length).toBeGreaterThan(0);
      expect(trash.length).toBeGreaterThan(0);
      expect(await search('in:spam')).toEqual(spam);
      expect(await search('in:trash')).toEqual(trash);
      expect(sorted(await search('', { includeSpamTrash: true }))).toEqual(sorted(corpus.map((m) => m.id)));
      expect(await search('', { labelIds: 'SPAM' })).toEqual(spam);
    });

    it('filters by repeated labelIds (all must match)', async () => {
      const expected = visible
        .filter((m) => m.labels.includes('INBOX') && m.labels.includes('UNREAD'))
        .map((m) => m.id);
      expect(expected.length).toBeGreaterThan(0);
      expect(await search('', { labelIds: ['INBOX', 'UNREAD'] })).toEqual(expected);
    });

    it('evaluates newer_than/older_than against the mailbox clock (the anchor plus elapsed time)', async () => {
      // The clock has moved on by the test's own run time since the anchor; allow ten minutes.
      const slack = 10 * 60_000;
      for (const [q, start] of [
        ['newer_than:1d', ANCHOR_MS - DAY],
        ['newer_than:2h', ANCHOR_MS - 2 * 3_600_000],
        ['newer_than:7d', ANCHOR_MS - 7 * DAY],
      ] as const) {
        const got = new Set(await search(q));
        for (const m of visible) {
          if (m.date > start + slack) expect(got.has(m.id), `${q} ${m.id}`).toBe(true);
          if (m.date <= start) expect(got.has(m.id), `${q} ${m.id}`).toBe(false);
        }
      }
      expect((await search('newer_than:1d')).length).toBeGreaterThan(0);
      const old = new Set(await search('older_than:30d'));
      expect(old.size).toBeGreaterThan(0);
      for (const m of visible) if (m.date > ANCHOR_MS - 30 * DAY) expect(old.has(m.id)).toBe(false);
      // m is a month: everything newer than 1d is newer than 1m, and 1m reaches past 7d.
      const month = new Set(await search('newer_than:1m'));
      expect((await search('newer_than:1d')).every((id) => month.has(id))).toBe(true);
      expect(
        visible
          .filter((m) => m.date < ANCHOR_MS - 8 * DAY && m.date > ANCHOR_MS - 27 * DAY)
          .every((m) => month.has(m.id)),
      ).toBe(true);
    });

    it('evaluates after:/before: dates at midnight Pacific time and epoch seconds', async () => {
      const after = Date.parse('2025-03-08T00:00:00-08:00');
      expect(await search('after:2025/03/08')).toEqual(visible.filter((m) => m.date >= after).map((m) => m.id));
      const before = Date.parse('2025-03-01T00:00:00-08:00');
      expect(await search('before:2025/03/01')).toEqual(visible.filter((m) => m.date < before).map((m) => m.id));
      const epoch = Math.floor((ANCHOR_MS - 3 * DAY) / 1000);
      expect(await search(`after:${epoch} -is:unread`)).toEqual(
        visible.filter((m) => m.date >= epoch * 1000 && !m.labels.includes('UNREAD')).map((m) => m.id),
      );
    });
  });

  describe('threads', () => {
    it('lists threads with their newest snippet and gets a thread oldest first', async () => {
      const list = await alice.get<GmailThreadList>('/threads', { maxResults: 500 });
      const threadIds = new Set(visible.map((m) => m.threadId));
      expect(sorted(list.threads!.map((t) => t.id))).toEqual(sorted([...threadIds]));
      expect(list.resultSizeEstimate).toBe(threadIds.size);

      const multi = list.threads!.find((t) => visible.filter((m) => m.threadId === t.id).length > 1)!;
      const members = corpus.filter((m) => m.threadId === multi.id).sort((a, b) => a.date - b.date);
      const thread = await alice.get<GmailThread>(`/threads/${multi.id}`);
      expect(thread.id).toBe(multi.id);
      expect(thread.messages.map((m) => m.id)).toEqual(members.map((m) => m.id));
      expect(thread.messages[0]!.payload).toEqual(members[0]!.message.payload);
      expect(multi.snippet).toBe(members.at(-1)!.message.snippet);
      expect(thread.historyId).toBe(String(Math.max(...members.map((m) => Number(m.message.historyId)))));

      const meta = await alice.get<GmailThread>(`/threads/${multi.id}`, {
        format: 'metadata',
        metadataHeaders: 'Subject',
      });
      expect(
        meta.messages.every((m) => m.payload!.headers.length === 1 && m.payload!.headers[0]!.name === 'Subject'),
      ).toBe(true);

      const paged = await alice.get<GmailThreadList>('/threads', { maxResults: 5, q: 'in:inbox' });
      expect(paged.threads).toHaveLength(5);
      const next = await alice.get<GmailThreadList>('/threads', {
        maxResults: 5,
        q: 'in:inbox',
        pageToken: paged.nextPageToken,
      });
      expect(next.threads!.some((t) => paged.threads!.some((p) => p.id === t.id))).toBe(false);
    });

    it('answers 404 for an unknown thread', async () => {
      const { exception, body } = await gmailErrorOf(alice.get('/threads/00000000000000ff'));
      expect(exception).toBeInstanceOf(ScalekitNotFoundException);
      expect(body.error.errors[0]!.reason).toBe('notFound');
    });
  });

  describe('errors', () => {
    it('answers an unknown message id with Google’s 404 body', async () => {
      const { exception, body } = await gmailErrorOf(alice.get('/messages/0000000000000001'));
      expect(exception).toBeInstanceOf(ScalekitNotFoundException);
      expect(body).toEqual({
        error: {
          code: 404,
          message: 'Requested entity was not found.',
          errors: [{ message: 'Requested entity was not found.', domain: 'global', reason: 'notFound' }],
          status: 'NOT_FOUND',
        },
      });
    });

    it.each([
      ['/messages', { maxResults: 501 }],
      ['/messages', { maxResults: 0 }],
      ['/messages', { maxResults: 'ten' }],
      ['/messages', { pageToken: 'not-a-token' }],
      ['/messages', { includeSpamTrash: 'maybe' }],
      ['/messages/not-an-id!', {}],
      ['/threads', { maxResults: 1000 }],
    ] as const)('answers 400 invalidArgument for GET %s %j', async (path, query) => {
      const { exception, body } = await gmailErrorOf(alice.get(path, query));
      expect(exception).toBeInstanceOf(ScalekitBadRequestException);
      expect(body.error).toMatchObject({
        code: 400,
        status: 'INVALID_ARGUMENT',
        errors: [{ domain: 'global', reason: 'invalidArgument' }],
      });
    });

    it('answers 400 for an unknown format and 404 for an unknown label, attachment message or route', async () => {
      const id = visible[0]!.id;
      expect((await gmailErrorOf(alice.get(`/messages/${id}`, { format: 'html' }))).body.error.code).toBe(400);
      expect(
        (await gmailErrorOf(alice.get(`/threads/${visible[0]!.threadId}`, { format: 'raw' }))).body.error.code,
      ).toBe(400);
      expect((await gmailErrorOf(alice.get('/labels/Label_nope'))).body.error.code).toBe(404);
      expect((await gmailErrorOf(alice.get('/messages/00000000000000aa/attachments/x'))).body.error.code).toBe(404);
      expect((await gmailErrorOf(alice.get('/drafts'))).body.error.code).toBe(404);
    });
  });
});

describe('Gmail REST writes: send, modify, labels', () => {
  let fx: GmailFixture;
  let user: GmailUser;
  beforeAll(async () => {
    fx = await startGmail({ gmail: { messages: 40 } });
    user = await fx.user('writer');
  });
  afterAll(() => fx.close());

  const raw = (lines: string[], body: string): string =>
    Buffer.from(`${lines.join('\r\n')}\r\n\r\n${body}`, 'utf8').toString('base64url');

  it('sends a message: it is in SENT with From, Date and Message-ID filled in, and not in INBOX', async () => {
    const subject = '=?UTF-8?B?' + Buffer.from('Grüße aus Berlin', 'utf8').toString('base64') + '?=';
    const sent = await user.post<{ id: string; threadId: string; labelIds: string[] }>('/messages/send', {
      raw: raw(
        [
          `To: Priya Sharma <priya.sharma@northwind.io>`,
          `Subject: ${subject}`,
          'Content-Type: text/plain; charset="UTF-8"',
          'Content-Transfer-Encoding: 8bit',
        ],
        'Hallo Priya,\r\nviele Grüße!\r\n',
      ),
    });
    expect(sent).toEqual({
      id: expect.stringMatching(/^[0-9a-f]{16}$/) as string,
      threadId: sent.id,
      labelIds: ['SENT'],
    });

    const message = await user.get<GmailMessage>(`/messages/${sent.id}`);
    const payload = fullPayload(message);
    expect(headerOf(payload, 'From')).toBe('Writer <writer@example.com>');
    expect(headerOf(payload, 'Subject')).toBe(subject);
    expect(headerOf(payload, 'Date')).toMatch(/^\w{3}, \d{1,2} \w{3} \d{4} \d{2}:\d{2}:\d{2} \+0000$/);
    expect(headerOf(payload, 'Message-ID')).toMatch(/^<.+@mail\.gmail\.com>$/);
    expect(decodeData(payload.body.data!).toString('utf8')).toBe('Hallo Priya,\r\nviele Grüße!\r\n');
    expect(message.snippet).toBe('Hallo Priya, viele Grüße!');
    expect(Number(message.internalDate)).toBeGreaterThanOrEqual(ANCHOR_MS);

    expect((await listAll(user, { q: 'in:sent' })).ids[0]).toBe(sent.id);
    expect(await listAll(user, { q: 'subject:grüße' })).toMatchObject({ ids: [sent.id] });
    expect((await listAll(user, { q: 'in:inbox', maxResults: 500 })).ids).not.toContain(sent.id);
  });

  it('delivers mail sent to the account itself to INBOX as unread as well', async () => {
    const sent = await user.post<{ id: string; labelIds: string[] }>('/messages/send', {
      raw: raw(
        ['From: Writer <writer@example.com>', 'To: writer@example.com', 'Subject: Daily digest'],
        'Your digest is ready.',
      ),
    });
    expect(sent.labelIds).toEqual(expect.arrayContaining(['SENT', 'INBOX', 'UNREAD']));
    expect((await listAll(user, { q: 'in:inbox is:unread newer_than:1h' })).ids[0]).toBe(sent.id);
    expect((await listAll(user, { q: 'in:sent' })).ids[0]).toBe(sent.id);
  });

  it('threads a reply sent with threadId and a matching subject; a different subject starts a new thread', async () => {
    const threads = await user.get<GmailThreadList>('/threads', { q: 'in:inbox -from:me' });
    const target = await user.get<GmailThread>(`/threads/${threads.threads![0]!.id}`);
    const first = fullPayload(target.messages[0]!);
    const subject = headerOf(first, 'Subject')!;
    const reply = await user.post<{ id: string; threadId: string }>('/messages/send', {
      raw: raw(
        ['To: someone@example.org', `Subject: Re: ${subject}`, `In-Reply-To: ${headerOf(first, 'Message-ID')}`],
        'Thanks!',
      ),
      threadId: target.id,
    });
    expect(reply.threadId).toBe(target.id);
    const after = await user.get<GmailThread>(`/threads/${target.id}`);
    expect(after.messages.at(-1)!.id).toBe(reply.id);

    const unrelated = await user.post<{ id: string; threadId: string }>('/messages/send', {
      raw: raw(['To: someone@example.org', 'Subject: Something else entirely'], 'Hi'),
      threadId: target.id,
    });
    expect(unrelated.threadId).toBe(unrelated.id);

    const { exception } = await gmailErrorOf(
      user.post('/messages/send', { raw: raw(['To: a@b.co', 'Subject: x'], 'x'), threadId: '00000000000000ee' }),
    );
    expect(exception).toBeInstanceOf(ScalekitNotFoundException);
  });

  it('refuses a missing or malformed raw and a message without recipients with 400', async () => {
    for (const body of [
      {},
      { raw: '%%% not base64 %%%' },
      { raw: raw(['Subject: nobody'], 'hello') },
      { raw: raw(['To: not an address', 'Subject: x'], 'x') },
    ]) {
      const { exception, body: error } = await gmailErrorOf(user.post('/messages/send', body));
      expect(exception).toBeInstanceOf(ScalekitBadRequestException);
      expect(error.error).toMatchObject({
        code: 400,
        status: 'INVALID_ARGUMENT',
        errors: [{ reason: 'invalidArgument' }],
      });
    }
    expect(
      (await gmailErrorOf(user.post('/messages/send', { raw: raw(['Subject: nobody'], 'hello') }))).body.error.message,
    ).toBe('Recipient address required');
  });

  it('modifies labels and keeps the label counts in step', async () => {
    const unread = (await listAll(user, { labelIds: ['INBOX', 'UNREAD'] })).ids;
    const before = await user.get<GmailLabel>('/labels/UNREAD');
    const target = unread.at(-1)!;
    const modified = await user.post<{ id: string; labelIds: string[] }>(`/messages/${target}/modify`, {
      removeLabelIds: ['UNREAD'],
      addLabelIds: ['STARRED'],
    });
    expect(modified.labelIds).not.toContain('UNREAD');
    expect(modified.labelIds).toContain('STARRED');
    const after = await user.get<GmailLabel>('/labels/UNREAD');
    expect(after.messagesUnread).toBe(before.messagesUnread! - 1);
    expect(after.messagesTotal).toBe(before.messagesTotal! - 1);
    expect((await listAll(user, { q: 'is:unread', maxResults: 500 })).ids).not.toContain(target);
    expect((await listAll(user, { q: 'is:starred', maxResults: 500 })).ids).toContain(target);

    for (const change of [{ addLabelIds: ['NOPE'] }, { addLabelIds: ['SENT'] }, {}]) {
      expect((await gmailErrorOf(user.post(`/messages/${target}/modify`, change))).body.error.code).toBe(400);
    }
    expect(
      (await gmailErrorOf(user.post('/messages/00000000000000ab/modify', { addLabelIds: ['STARRED'] }))).body.error
        .code,
    ).toBe(404);
  });

  it('lists system and user labels, and gets one with message and thread counts', async () => {
    const { labels } = await user.get<{ labels: GmailLabel[] }>('/labels');
    const ids = labels.map((l) => l.id);
    for (const id of [
      'INBOX',
      'SENT',
      'UNREAD',
      'STARRED',
      'IMPORTANT',
      'SPAM',
      'TRASH',
      'DRAFT',
      'CATEGORY_PERSONAL',
      'CATEGORY_SOCIAL',
      'CATEGORY_PROMOTIONS',
      'CATEGORY_UPDATES',
      'CATEGORY_FORUMS',
    ]) {
      expect(labels.find((l) => l.id === id)?.type).toBe('system');
    }
    expect(
      labels
        .filter((l) => l.type === 'user')
        .map((l) => l.name)
        .sort(),
    ).toEqual(['Follow up', 'Newsletters', 'Receipts', 'Travel', 'Work/Projects']);
    expect(labels.every((l) => l.messagesTotal === undefined)).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);

    const inbox = await user.get<GmailLabel>('/labels/INBOX');
    const inInbox = await listAll(user, { labelIds: 'INBOX', maxResults: 500 });
    const unreadInInbox = await listAll(user, { labelIds: ['INBOX', 'UNREAD'], maxResults: 500 });
    expect(inbox).toMatchObject({
      id: 'INBOX',
      name: 'INBOX',
      type: 'system',
      messagesTotal: inInbox.ids.length,
      messagesUnread: unreadInInbox.ids.length,
    });
    const threadsInInbox = await user.get<GmailThreadList>('/threads', { labelIds: 'INBOX', maxResults: 500 });
    expect(inbox.threadsTotal).toBe(threadsInInbox.resultSizeEstimate);
    const receipts = labels.find((l) => l.name === 'Receipts')!;
    expect((await user.get<GmailLabel>(`/labels/${receipts.id}`)).messagesTotal).toBe(
      (await listAll(user, { q: 'label:receipts', includeSpamTrash: true })).ids.length,
    );
  });
});
