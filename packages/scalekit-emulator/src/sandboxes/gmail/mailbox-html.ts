import { escapeHtml } from '../../html/escape.js';
import { formatListDate } from './mail-dates.js';
import type { Mailbox } from './mailbox.js';
import type { IndexedMessage } from './message-index.js';

/** The mailbox as a person reads it, for the emulator's web UI: Inbox, each message's text, Sent. */

const HIDDEN_LABELS = new Set(['INBOX', 'UNREAD', 'SENT']);
const CATEGORY_NAMES: Record<string, string> = {
  CATEGORY_PERSONAL: 'Primary',
  CATEGORY_UPDATES: 'Updates',
  CATEGORY_PROMOTIONS: 'Promotions',
  CATEGORY_SOCIAL: 'Social',
  CATEGORY_FORUMS: 'Forums',
};

function labelNames(message: IndexedMessage, mailbox: Mailbox): string {
  return message.stored.labelIds
    .filter((id) => !HIDDEN_LABELS.has(id))
    .map((id) => CATEGORY_NAMES[id] ?? mailbox.label(id)?.name ?? id)
    .map((name) => `<span class="label">${escapeHtml(name)}</span>`)
    .join(' ');
}

function preview(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > 140 ? `${flat.slice(0, 140)}…` : flat;
}

function listTable(messages: readonly IndexedMessage[], mailbox: Mailbox, testId: string, who: 'from' | 'to'): string {
  if (messages.length === 0) return `<p class="muted" data-testid="${testId}-empty">No messages.</p>`;
  const rows = messages.map((m) => {
    const unread = m.stored.labelIds.includes('UNREAD');
    const subject = escapeHtml(m.decoded.subject || '(no subject)');
    return (
      `<tr data-testid="gmail-message" data-message-id="${escapeHtml(m.stored.id)}"${unread ? ' class="unread"' : ''}>` +
      `<td>${escapeHtml(who === 'from' ? m.decoded.from : m.decoded.to)}</td>` +
      `<td>${unread ? `<strong>${subject}</strong>` : subject}<div class="muted">${escapeHtml(preview(m.text))}</div></td>` +
      `<td>${escapeHtml(formatListDate(m.stored.internalDate))}</td><td>${labelNames(m, mailbox)}</td></tr>`
    );
  });
  const head = `<thead><tr><th>${who === 'from' ? 'From' : 'To'}</th><th>Subject</th><th>Date</th><th>Labels</th></tr></thead>`;
  return `<table data-testid="${testId}">${head}<tbody>${rows.join('')}</tbody></table>`;
}

function messageBodies(messages: readonly IndexedMessage[]): string {
  return messages
    .map((m) => {
      const attachments =
        m.attachments.length === 0
          ? ''
          : `<p class="muted">Attachments: ${m.attachments.map((a) => `${escapeHtml(a.filename)} (${escapeHtml(a.mimeType)}, ${a.data.length} bytes)`).join(', ')}</p>`;
      return (
        `<details data-testid="gmail-message-body" data-message-id="${escapeHtml(m.stored.id)}"><summary>${escapeHtml(m.decoded.subject || '(no subject)')} · ${escapeHtml(m.decoded.from)}</summary>` +
        `<p class="muted">To: ${escapeHtml(m.decoded.to)}${m.decoded.cc ? ` · Cc: ${escapeHtml(m.decoded.cc)}` : ''} · ${escapeHtml(m.decoded.date)}</p>` +
        `<pre style="white-space:pre-wrap">${escapeHtml(m.text)}</pre>${attachments}</details>`
      );
    })
    .join('');
}

export function renderMailboxHtml(mailbox: Mailbox): string {
  const all = mailbox.all();
  const inbox = all.filter((m) => m.stored.labelIds.includes('INBOX'));
  const sent = all.filter((m) => m.stored.labelIds.includes('SENT'));
  const unread = inbox.filter((m) => m.stored.labelIds.includes('UNREAD')).length;
  return (
    `<section data-testid="gmail-mailbox"><h2>Gmail · ${escapeHtml(mailbox.address)}</h2>` +
    `<p class="muted">${all.length} messages · ${inbox.length} in Inbox (${unread} unread) · ${sent.length} sent</p>` +
    `<h3>Inbox</h3>${listTable(inbox, mailbox, 'gmail-inbox', 'from')}${messageBodies(inbox)}` +
    `<h3>Sent</h3>${listTable(sent, mailbox, 'gmail-sent', 'to')}${messageBodies(sent)}</section>`
  );
}
