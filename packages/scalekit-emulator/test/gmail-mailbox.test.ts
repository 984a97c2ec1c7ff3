import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ANCHOR_MS,
  decodeData,
  fullPayload,
  headerOf,
  listAll,
  startGmail,
  type GmailFixture,
  type GmailLabel,
  type GmailMessage,
  type GmailUser,
} from './gmail-fixture.js';

interface SnapshotMessage {
  id: string;
  threadId: string;
  labelIds: string[];
  from: string;
  subject: string;
  text: string;
  attachments: { filename: string; mimeType: string; size: number }[];
}
interface Snapshot {
  kind: string;
  address: string;
  messagesTotal: number;
  labels: { id: string; name: string; messagesTotal: number; messagesUnread: number }[];
  messages: SnapshotMessage[];
  sent: SnapshotMessage[];
}

async function rawMailbox(user: GmailUser): Promise<string[]> {
  const { ids } = await listAll(user, { includeSpamTrash: true, maxResults: 500 });
  const raws = await Promise.all(ids.map((id) => user.get<GmailMessage>(`/messages/${id}`, { format: 'raw' })));
  return raws.map((m) => `${m.id} ${m.threadId} ${m.labelIds.join(',')} ${m.internalDate} ${m.historyId} ${m.raw}`);
}

describe('seeded mailboxes', () => {
  it('gives the same seed and anchor the same mailbox, byte for byte, and another seed another one', async () => {
    const first = await startGmail({ seed: 5 });
    const second = await startGmail({ seed: 5 });
    const other = await startGmail({ seed: 6 });
    try {
      const a = await rawMailbox(await first.user('dana'));
      const b = await rawMailbox(await second.user('dana'));
      const c = await rawMailbox(await other.user('dana'));
      expect(a).toHaveLength(60);
      expect(b).toEqual(a);
      const ids = (rows: string[]): Set<string> => new Set(rows.map((r) => r.split(' ')[0]!));
      expect([...ids(c)].filter((id) => ids(a).has(id))).toEqual([]);
    } finally {
      await Promise.all([first.close(), second.close(), other.close()]);
    }
  });

  describe('per identifier', () => {
    let fx: GmailFixture;
    beforeAll(async () => {
      fx = await startGmail();
    });
    afterAll(() => fx.close());

    it('gives two identifiers different mailboxes, addresses and sent folders', async () => {
      const alice = await fx.user('alice');
      const bob = await fx.user('Bob Smith');
      expect((await alice.get<{ emailAddress: string }>('/profile')).emailAddress).toBe('alice@example.com');
      expect((await bob.get<{ emailAddress: string }>('/profile')).emailAddress).toBe('bob.smith@example.com');
      const aliceIds = (await listAll(alice, { maxResults: 500 })).ids;
      const bobIds = new Set((await listAll(bob, { maxResults: 500 })).ids);
      expect(aliceIds.filter((id) => bobIds.has(id))).toEqual([]);

      const sent = await alice.tool<{ id: string }>('gmail_send_message', {
        to: 'bob.smith@example.com',
        subject: 'Only in Alice’s mailbox',
        body: 'hi',
      });
      expect((await listAll(bob, { q: 'in:sent', maxResults: 500 })).ids).not.toContain(sent.id);
      expect((await listAll(bob, { q: 'subject:"only in alice"' })).ids).toEqual([]);

      const received = await alice.get<GmailMessage>(`/messages/${aliceIds[0]!}`);
      const to = `${headerOf(fullPayload(received), 'To')} ${headerOf(fullPayload(received), 'Cc') ?? ''} ${headerOf(fullPayload(received), 'Delivered-To') ?? ''}`;
      expect(to).toContain('alice@example.com');
    });

    it('snapshots the mailbox with decoded headers, label counts and the sent folder', async () => {
      const user = await fx.user('snap');
      const sent = await user.tool<{ id: string }>('gmail_send_message', {
        to: 'priya.sharma@northwind.io',
        subject: 'Grüße, Priya',
        body: 'Bis bald',
      });
      const snapshot = fx.emulator.environment.sandboxes.find('gmail', 'snap')!.snapshot() as unknown as Snapshot;
      expect(snapshot.kind).toBe('gmail');
      expect(snapshot.address).toBe('snap@example.com');
      expect(snapshot.messages).toHaveLength(61);
      expect(snapshot.messagesTotal).toBe(61);
      expect(snapshot.sent[0]).toMatchObject({
        id: sent.id,
        subject: 'Grüße, Priya',
        text: 'Bis bald',
        labelIds: ['SENT'],
      });
      expect(snapshot.sent.every((m) => m.labelIds.includes('SENT'))).toBe(true);
      expect(snapshot.messages.some((m) => /[^\x20-\x7e]/.test(m.subject) && !m.subject.includes('=?'))).toBe(true);
      expect(snapshot.messages.some((m) => m.attachments.length > 0)).toBe(true);
      const inbox = snapshot.labels.find((l) => l.id === 'INBOX')!;
      expect(inbox).toMatchObject(
        await user
          .get<GmailLabel>('/labels/INBOX')
          .then((l) => ({ messagesTotal: l.messagesTotal, messagesUnread: l.messagesUnread })),
      );
      // The admin API serves the same snapshot; only the mailbox clock (`now`) has moved on.
      const { now: _now, ...viaAdmin } = await fx.emulator.admin.sandbox<Snapshot & { now: string }>('gmail', 'snap');
      const { now: _then, ...direct } = fx.emulator.environment.sandboxes.find('gmail', 'snap')!.snapshot();
      expect(viaAdmin).toEqual(JSON.parse(JSON.stringify(direct)));
    });

    it('renders the mailbox as a reader sees it, with every value escaped', async () => {
      const user = await fx.user('html');
      await user.tool('gmail_send_message', {
        to: 'html@example.com',
        subject: '<script>alert("x")</script> & co',
        body: 'Look: <img src=x onerror=alert(1)>',
      });
      const html = fx.emulator.environment.sandboxes.find('gmail', 'html')!.renderHtml!();
      expect(html).toContain('data-testid="gmail-inbox"');
      expect(html).toContain('data-testid="gmail-sent"');
      expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; co');
      expect(html).toContain('Look: &lt;img src=x onerror=alert(1)&gt;');
      expect(html).not.toContain('<script>');
      expect(html).not.toContain('<img');
      const inboxRows =
        html
          .slice(html.indexOf('data-testid="gmail-inbox"'), html.indexOf('</table>'))
          .match(/data-testid="gmail-message"/g) ?? [];
      expect(inboxRows.length).toBe((await listAll(user, { labelIds: 'INBOX', maxResults: 500 })).ids.length);
    });
  });

  it('seeds 500 messages on request, spread over time with older mail', async () => {
    const fx = await startGmail({ gmail: { messages: 500 } });
    try {
      const user = await fx.user('bench');
      expect((await user.get<{ messagesTotal: number }>('/profile')).messagesTotal).toBe(500);
      const all = await listAll(user, { includeSpamTrash: true });
      expect(all.pages).toBe(5);
      expect(new Set(all.ids).size).toBe(500);
      const recent = await listAll(user, { q: 'newer_than:1d', maxResults: 500 });
      const old = await listAll(user, { q: 'older_than:60d', maxResults: 500 });
      expect(recent.ids.length).toBeGreaterThan(20);
      expect(old.ids.length).toBeGreaterThan(10);
      const sample = await Promise.all(
        all.ids
          .slice(0, 40)
          .map((id) => user.get<GmailMessage>(`/messages/${id}`, { format: 'metadata', metadataHeaders: 'Subject' })),
      );
      expect(new Set(sample.map((m) => headerOf(m.payload, 'Subject'))).size).toBeGreaterThan(20);
    } finally {
      await fx.close();
    }
  });

  it('uses the address and name options for the account', async () => {
    const fx = await startGmail({ gmail: { address: 'dana@corp.example', name: 'Dana Scully' } });
    try {
      const user = await fx.user('user_42');
      expect((await user.get<{ emailAddress: string }>('/profile')).emailAddress).toBe('dana@corp.example');
      expect((await listAll(user, { q: 'deliveredto:dana@corp.example' })).ids.length).toBeGreaterThan(20);
      const sent = await user.tool<{ id: string }>('gmail_send_message', { to: 'x@y.co', subject: 's', body: 'b' });
      expect(headerOf(fullPayload(await user.get<GmailMessage>(`/messages/${sent.id}`)), 'From')).toBe(
        'Dana Scully <dana@corp.example>',
      );
      const viaAddress = await fx.client.actions.request({
        connectionName: 'gmail',
        identifier: 'user_42',
        path: '/gmail/v1/users/dana%40corp.example/labels/INBOX',
      });
      expect((viaAddress.data as GmailLabel).id).toBe('INBOX');
    } finally {
      await fx.close();
    }
  });

  it('anchors at the creation time when no `now` is given', async () => {
    const before = Date.now();
    const fx = await startGmail({ gmail: { now: null } });
    try {
      const user = await fx.user('live');
      const recent = await user.tool<{ messages: GmailMessage[] }>('gmail_fetch_mails', {
        query: 'newer_than:1d',
        max_results: 500,
        format: 'minimal',
      });
      expect(recent.messages.length).toBeGreaterThan(0);
      const newest = Number(recent.messages[0]!.internalDate);
      expect(newest).toBeGreaterThan(before - 86_400_000);
      expect(newest).toBeLessThanOrEqual(Date.now());
      expect(newest).toBeGreaterThan(ANCHOR_MS);
    } finally {
      await fx.close();
    }
  });
});

describe('persistence', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'gmail-state-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('restores the mailbox, sent mail and label changes from exportState after a restart', async () => {
    const persistPath = join(dir, 'state.json');
    const first = await startGmail({ persistPath });
    const user = await first.user('keeper');
    const sent = await user.tool<{ id: string }>('gmail_send_message', {
      to: 'keeper@example.com',
      subject: 'Remember me',
      body: 'Persisted body',
    });
    await user.post(`/messages/${sent.id}/modify`, { addLabelIds: ['STARRED'], removeLabelIds: ['UNREAD'] });
    const before = await user.get<GmailMessage>(`/messages/${sent.id}`);
    const listBefore = await listAll(user, { includeSpamTrash: true, maxResults: 500 });
    await first.close();

    const second = await startGmail({ persistPath });
    try {
      // The SDK's first call is gRPC (request() alone would go out without a token); the account is back ACTIVE.
      const account = await second.client.actions.getConnectedAccount({
        connectionName: 'gmail',
        identifier: 'keeper',
      });
      expect(account.connectedAccount?.identifier).toBe('keeper');
      const again = second.handle('keeper');
      expect(await again.get<GmailMessage>(`/messages/${sent.id}`)).toEqual(before);
      expect(before.labelIds).toEqual(expect.arrayContaining(['STARRED', 'INBOX', 'SENT']));
      expect((await listAll(again, { includeSpamTrash: true, maxResults: 500 })).ids).toEqual(listBefore.ids);
      expect(decodeData(fullPayload(before).body.data!).toString('utf8')).toBe('Persisted body');
      const later = await again.tool<{ id: string }>('gmail_send_message', {
        to: 'a@b.co',
        subject: 'After restart',
        body: 'x',
      });
      const laterMessage = await again.get<GmailMessage>(`/messages/${later.id}`, { format: 'minimal' });
      expect(Number(laterMessage.internalDate)).toBeGreaterThanOrEqual(Number(before.internalDate));
      expect(BigInt(`0x${later.id}`) > BigInt(`0x${sent.id}`)).toBe(true);
    } finally {
      await second.close();
    }
  });
});
