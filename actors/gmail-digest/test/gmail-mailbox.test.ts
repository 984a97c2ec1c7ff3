// The Gmail adapter's paging and tolerance, over a stand-in for auth-gate's handle that serves a
// newest-first list the way gmail_fetch_mails does (the real tool runs in the end-to-end tests).

import { describe, expect, it } from 'vitest';
import { GmailMailbox, type FetchedMessage, type GmailToolRunner } from '../src/gmail/gmail-mailbox.js';

interface Call {
  name: string;
  input: Record<string, unknown>;
}

/** `count` messages, newest first, one second apart; page tokens are offsets. */
function fakeGmail(count: number, options: { snakeCase?: boolean } = {}): GmailToolRunner & { calls: Call[] } {
  const all = Array.from({ length: count }, (_, i) => ({
    id: `id${String(count - i).padStart(3, '0')}`,
    threadId: 't',
    internalDate: String(1_000_000 + (count - i) * 1000),
    payload: { mimeType: 'text/plain', headers: [{ name: 'Subject', value: `Mail ${count - i}` }] },
  }));
  const calls: Call[] = [];
  return {
    calls,
    tool(name, input = {}) {
      calls.push({ name, input });
      if (name !== 'gmail_fetch_mails') return Promise.resolve({ data: {} });
      const start = Number(input['page_token'] ?? 0);
      const size = Number(input['max_results']);
      const page = all.slice(start, start + size);
      const next = start + size < all.length ? String(start + size) : undefined;
      const data: Record<string, unknown> = options.snakeCase
        ? {
            ...(page.length > 0 ? { messages: page } : {}),
            ...(next ? { next_page_token: next } : {}),
            result_size_estimate: all.length,
          }
        : {
            ...(page.length > 0 ? { messages: page } : {}),
            ...(next ? { nextPageToken: next } : {}),
            resultSizeEstimate: all.length,
          };
      return Promise.resolve({ data });
    },
  };
}

const keepAll = (): boolean => true;
const idsOf = (messages: readonly FetchedMessage[]): string[] => messages.map((m) => m.message.id);

describe('GmailMailbox.fetch', () => {
  it('pages until nothing is left, with bounded pages and the query on every call', async () => {
    const gmail = fakeGmail(45);
    const result = await new GmailMailbox(gmail).fetch({ query: 'after:1', max: 200, pageSize: 20, keep: keepAll });
    expect(result).toMatchObject({ truncated: false, resultSizeEstimate: 45, toolCalls: 3 });
    expect(result.messages).toHaveLength(45);
    expect(gmail.calls.map((c) => [c.input['max_results'], c.input['page_token']])).toEqual([
      [20, undefined],
      [20, '20'],
      [20, '40'],
    ]);
    expect(gmail.calls.every((c) => c.input['query'] === 'after:1' && c.input['format'] === 'full')).toBe(true);
    expect(result.messages[0]!.internalDateMs).toBe(1_045_000);
  });

  it('stops at max and reports that more mail matched', async () => {
    const result = await new GmailMailbox(fakeGmail(30)).fetch({ query: '', max: 25, pageSize: 20, keep: keepAll });
    expect(idsOf(result.messages)).toHaveLength(25);
    expect(idsOf(result.messages)[0]).toBe('id030');
    expect(result.truncated).toBe(true);
  });

  it('is not truncated when the only messages left are ones the run does not want', async () => {
    // max reached exactly; the rest is older than the cursor (the one-second overlap of the search).
    const keep = (m: FetchedMessage) => m.internalDateMs > 1_010_000;
    const result = await new GmailMailbox(fakeGmail(30)).fetch({ query: '', max: 20, pageSize: 20, keep });
    expect(result.messages).toHaveLength(20);
    expect(result.truncated).toBe(false);
  });

  it('reads snake_case page tokens and an empty answer without a messages list', async () => {
    const snake = await new GmailMailbox(fakeGmail(25, { snakeCase: true })).fetch({
      query: '',
      max: 100,
      pageSize: 20,
      keep: keepAll,
    });
    expect(snake.messages).toHaveLength(25);
    const empty = await new GmailMailbox(fakeGmail(0)).fetch({ query: '', max: 100, pageSize: 20, keep: keepAll });
    expect(empty).toMatchObject({ messages: [], truncated: false, resultSizeEstimate: 0, toolCalls: 1 });
  });

  it('refuses an answer that is not a message list', async () => {
    const broken: GmailToolRunner = { tool: () => Promise.resolve({ data: { messages: [{ snippet: 'no id' }] } }) };
    await expect(new GmailMailbox(broken).fetch({ query: '', max: 5, pageSize: 5, keep: keepAll })).rejects.toThrow(
      /without an id/,
    );
  });
});

describe('GmailMailbox profile, labels and send', () => {
  it('reads the own address, label names and the sent message id', async () => {
    const calls: Call[] = [];
    const gmail: GmailToolRunner = {
      tool(name, input = {}) {
        calls.push({ name, input });
        const data: Record<string, Record<string, unknown>> = {
          gmail_get_profile: { emailAddress: ' Sam.Taylor@Example.com ' },
          gmail_list_labels: {
            labels: [
              { id: 'INBOX', name: 'INBOX', type: 'system' },
              { id: 'Label_1', name: 'Receipts' },
            ],
          },
          gmail_send_message: { id: 'sent1', labelIds: ['SENT'] },
        };
        return Promise.resolve({ data: data[name] ?? {} });
      },
    };
    const mailbox = new GmailMailbox(gmail);
    expect(await mailbox.ownAddress()).toBe('sam.taylor@example.com');
    expect(await mailbox.labels()).toEqual([
      { id: 'INBOX', name: 'INBOX', type: 'system' },
      { id: 'Label_1', name: 'Receipts', type: null },
    ]);
    expect(await mailbox.sendHtml('sam.taylor@example.com', 'Digest', '<p>hi</p>')).toBe('sent1');
    expect(calls.at(-1)).toEqual({
      name: 'gmail_send_message',
      input: { to: 'sam.taylor@example.com', subject: 'Digest', body: '<p>hi</p>', content_type: 'text/html' },
    });
  });

  it('refuses a profile without an address (a digest is never sent to a guess)', async () => {
    const gmail: GmailToolRunner = { tool: () => Promise.resolve({ data: { messagesTotal: 3 } }) };
    await expect(new GmailMailbox(gmail).ownAddress()).rejects.toThrow(/no email address/);
  });
});
