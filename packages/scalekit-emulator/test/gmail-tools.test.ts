import { ScalekitServerException } from '@scalekit-sdk/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rejectionOf } from './support/core.js';
import {
  decodeData,
  fullPayload,
  headerOf,
  leaves,
  listAll,
  startGmail,
  type GmailFixture,
  type GmailLabel,
  type GmailList,
  type GmailMessage,
  type GmailThread,
  type GmailThreadList,
  type GmailUser,
} from './gmail-fixture.js';

interface FetchOut {
  messages: GmailMessage[];
  nextPageToken?: string;
  resultSizeEstimate: number;
}

interface ToolErrorShape {
  isToolError: boolean;
  toolErrorCode: string;
  toolErrorMessage: string;
}

async function toolErrorOf(promise: Promise<unknown>): Promise<ToolErrorShape> {
  const error = await rejectionOf(promise);
  expect(error).toBeInstanceOf(ScalekitServerException);
  const shaped = error as ToolErrorShape;
  expect(shaped.isToolError).toBe(true);
  return shaped;
}

describe('Gmail tools on the same mailbox as the REST API', () => {
  let fx: GmailFixture;
  let user: GmailUser;
  beforeAll(async () => {
    fx = await startGmail();
    user = await fx.user('tools-user');
  });
  afterAll(() => fx.close());

  it('lists the Gmail tools with JSON-schema inputs', async () => {
    const listed = await fx.client.tools.listTools({ filter: { provider: 'GMAIL' } });
    const names = listed.tools.map((t) => t.definition?.['name']);
    expect([...names].sort()).toEqual([
      'gmail_fetch_mails',
      'gmail_get_attachment_by_id',
      'gmail_get_message_by_id',
      'gmail_get_profile',
      'gmail_get_thread_by_id',
      'gmail_list_labels',
      'gmail_list_threads',
      'gmail_modify_message_labels',
      'gmail_send_message',
    ]);
    const send = listed.tools.find((t) => t.definition?.['name'] === 'gmail_send_message')!;
    expect(send.definition).toMatchObject({
      input_schema: {
        type: 'object',
        required: ['to', 'subject', 'body'],
        properties: { content_type: { enum: ['text/plain', 'text/html'] } },
      },
    });
  });

  it('gmail_fetch_mails returns full messages identical to messages.get, paging like messages.list', async () => {
    const fetched = await user.tool<FetchOut>('gmail_fetch_mails', { query: 'is:unread', max_results: 5 });
    const listed = await user.get<GmailList>('/messages', { q: 'is:unread', maxResults: 5 });
    expect(fetched.messages.map((m) => m.id)).toEqual(listed.messages!.map((m) => m.id));
    expect(fetched.resultSizeEstimate).toBe(listed.resultSizeEstimate);
    expect(fetched.nextPageToken).toBe(listed.nextPageToken);
    for (const message of fetched.messages)
      expect(message).toEqual(await user.get<GmailMessage>(`/messages/${message.id}`));

    const next = await user.tool<FetchOut>('gmail_fetch_mails', {
      query: 'is:unread',
      max_results: 5,
      page_token: fetched.nextPageToken,
    });
    const nextListed = await user.get<GmailList>('/messages', {
      q: 'is:unread',
      maxResults: 5,
      pageToken: listed.nextPageToken,
    });
    expect(next.messages.map((m) => m.id)).toEqual(nextListed.messages!.map((m) => m.id));
  });

  it('gmail_fetch_mails accepts the loose inputs real callers send and the other formats', async () => {
    const loose = await user.tool<FetchOut>('gmail_fetch_mails', {
      query: '',
      max_results: '3',
      label_ids: '',
      page_token: '',
      include_spam_trash: false,
      schema_version: '',
      tool_version: '',
    });
    expect(loose.messages).toHaveLength(3);
    const defaults = await user.tool<FetchOut>('gmail_fetch_mails', {});
    expect(defaults.messages).toHaveLength(10);
    const metadata = await user.tool<FetchOut>('gmail_fetch_mails', {
      label_ids: ['INBOX'],
      max_results: 2,
      format: 'metadata',
    });
    expect(metadata.messages.every((m) => m.payload && !('parts' in m.payload) && m.labelIds.includes('INBOX'))).toBe(
      true,
    );
    const none = await user.tool<FetchOut>('gmail_fetch_mails', { query: 'from:nobody-at-all.invalid' });
    expect(none).toEqual({ messages: [], resultSizeEstimate: 0 });
    const rest = await user.get<GmailList>('/messages', { q: 'from:nobody-at-all.invalid' });
    expect(rest).toEqual({ resultSizeEstimate: 0 });
  });

  it('gets messages, threads, the profile and labels exactly as REST does', async () => {
    const [first] = (await user.get<GmailList>('/messages', { maxResults: 1, q: 'has:attachment' })).messages!;
    expect(await user.tool('gmail_get_message_by_id', { message_id: first!.id })).toEqual(
      await user.get(`/messages/${first!.id}`),
    );
    expect(await user.tool('gmail_get_message_by_id', { message_id: first!.id, format: 'raw' })).toEqual(
      await user.get(`/messages/${first!.id}`, { format: 'raw' }),
    );
    expect(await user.tool<GmailThread>('gmail_get_thread_by_id', { thread_id: first!.threadId })).toEqual(
      await user.get(`/threads/${first!.threadId}`),
    );
    expect(
      await user.tool('gmail_get_thread_by_id', {
        thread_id: first!.threadId,
        format: 'metadata',
        metadata_headers: ['From'],
      }),
    ).toEqual(await user.get(`/threads/${first!.threadId}`, { format: 'metadata', metadataHeaders: 'From' }));
    expect(await user.tool<GmailThreadList>('gmail_list_threads', { query: 'in:inbox', max_results: 4 })).toEqual(
      await user.get('/threads', { q: 'in:inbox', maxResults: 4 }),
    );
    expect(await user.tool('gmail_get_profile')).toEqual(await user.get('/profile'));
    expect(await user.tool<{ labels: GmailLabel[] }>('gmail_list_labels')).toEqual(await user.get('/labels'));

    const message = await user.get<GmailMessage>(`/messages/${first!.id}`);
    const part = leaves(fullPayload(message)).find((p) => p.filename !== '')!;
    const viaTool = await user.tool<{ data: string; size: number }>('gmail_get_attachment_by_id', {
      message_id: first!.id,
      attachment_id: part.body.attachmentId,
      file_name: part.filename,
    });
    expect(viaTool).toEqual(await user.get(`/messages/${first!.id}/attachments/${part.body.attachmentId}`));
    expect(decodeData(viaTool.data).length).toBe(part.body.size);
  });

  it('gmail_send_message sends as the account; REST sees it in SENT, and in INBOX when sent to itself', async () => {
    const sent = await user.tool<{ id: string; threadId: string; labelIds: string[] }>('gmail_send_message', {
      to: 'Priya Sharma <priya.sharma@northwind.io>, marcus.chen@globex.com',
      cc: 'olivia.brown@harbourbank.co.uk',
      bcc: 'audit@example.com',
      subject: 'Café notes ☕',
      body: 'Hi both,\nnotes attached below.\n',
    });
    expect(sent.labelIds).toEqual(['SENT']);
    const message = await user.get<GmailMessage>(`/messages/${sent.id}`);
    const payload = fullPayload(message);
    expect(headerOf(payload, 'From')).toBe('Tools User <tools.user@example.com>');
    expect(headerOf(payload, 'To')).toBe('Priya Sharma <priya.sharma@northwind.io>, marcus.chen@globex.com');
    expect(headerOf(payload, 'Cc')).toBe('olivia.brown@harbourbank.co.uk');
    expect(headerOf(payload, 'Bcc')).toBe('audit@example.com');
    expect(headerOf(payload, 'Subject')).toMatch(/^=\?UTF-8\?B\?/);
    expect(payload.mimeType).toBe('text/plain');
    expect(decodeData(payload.body.data!).toString('utf8')).toBe('Hi both,\r\nnotes attached below.\r\n');
    expect((await listAll(user, { q: 'in:sent subject:café' })).ids).toEqual([sent.id]);
    expect((await listAll(user, { q: 'to:audit@example.com' })).ids).toEqual([sent.id]);

    const toSelf = await user.tool<{ id: string; labelIds: string[] }>('gmail_send_message', {
      to: 'tools.user@example.com',
      subject: 'Your digest',
      body: '<h1>Digest</h1><p>3 items</p>',
      content_type: 'text/html',
    });
    expect(toSelf.labelIds).toEqual(expect.arrayContaining(['INBOX', 'UNREAD', 'SENT']));
    const html = await user.get<GmailMessage>(`/messages/${toSelf.id}`);
    expect(fullPayload(html).mimeType).toBe('text/html');
    expect(html.snippet).toBe('Digest 3 items');
    expect((await listAll(user, { q: 'in:inbox is:unread' })).ids[0]).toBe(toSelf.id);
  });

  it('gmail_send_message with thread_id replies in the thread with In-Reply-To and References', async () => {
    const threads = await user.get<GmailThreadList>('/threads', { q: 'category:primary -from:me', maxResults: 1 });
    const thread = await user.get<GmailThread>(`/threads/${threads.threads![0]!.id}`);
    const last = fullPayload(thread.messages.at(-1)!);
    const subject = headerOf(fullPayload(thread.messages[0]!), 'Subject')!;
    const reply = await user.tool<{ id: string; threadId: string }>('gmail_send_message', {
      to: 'priya.sharma@northwind.io',
      subject: subject.startsWith('Re:') ? subject : `Re: ${subject}`,
      body: 'Sounds good.',
      thread_id: thread.id,
    });
    expect(reply.threadId).toBe(thread.id);
    const sent = fullPayload(await user.get<GmailMessage>(`/messages/${reply.id}`));
    expect(headerOf(sent, 'In-Reply-To')).toBe(headerOf(last, 'Message-ID'));
    expect(headerOf(sent, 'References')).toContain(headerOf(last, 'Message-ID'));
    expect((await user.get<GmailThread>(`/threads/${thread.id}`)).messages.at(-1)!.id).toBe(reply.id);
  });

  it('gmail_modify_message_labels changes what REST sees', async () => {
    const [target] = (await user.get<GmailList>('/messages', { q: 'is:unread', maxResults: 1 })).messages!;
    const result = await user.tool<{ labelIds: string[] }>('gmail_modify_message_labels', {
      message_id: target!.id,
      remove_label_ids: ['UNREAD'],
      add_label_ids: ['IMPORTANT'],
    });
    expect(result.labelIds).not.toContain('UNREAD');
    const after = await user.get<GmailMessage>(`/messages/${target!.id}`, { format: 'minimal' });
    expect(after.labelIds).toEqual(result.labelIds);
    expect(after.labelIds).toContain('IMPORTANT');
  });

  it('answers bad input with a 400 tool error and unknown ids with a 404 tool error', async () => {
    const [known] = (await user.get<GmailList>('/messages', { maxResults: 1 })).messages!;
    for (const [name, input] of [
      ['gmail_send_message', { subject: 'x', body: 'y' }],
      ['gmail_send_message', { to: 'not an address', subject: 'x', body: 'y' }],
      ['gmail_send_message', { to: 'a@b.co', subject: 'x', body: 'y', content_type: 'application/pdf' }],
      ['gmail_fetch_mails', { max_results: 501 }],
      ['gmail_fetch_mails', { label_ids: 7 }],
      ['gmail_get_message_by_id', {}],
      ['gmail_get_message_by_id', { message_id: 'zzz' }],
      ['gmail_modify_message_labels', { message_id: known!.id, add_label_ids: ['NOPE'] }],
    ] as const) {
      const error = await toolErrorOf(user.tool(name, input));
      expect(error.toolErrorCode, `${name} ${JSON.stringify(input)}`).toBe('invalidArgument');
    }
    const missing = await toolErrorOf(user.tool('gmail_get_message_by_id', { message_id: '0000000000000001' }));
    expect(missing.toolErrorCode).toBe('notFound');
    expect(missing.toolErrorMessage).toBe('Requested entity was not found.');
  });
});
