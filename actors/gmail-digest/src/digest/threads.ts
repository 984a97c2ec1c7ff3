import { displayName } from '../mail/index.js';
import { type ActionItem, type Analyst, type DigestItem, type MailAnalysis } from './digest-types.js';
import { maxPriority, priorityRank } from './priority.js';

/** The analysed messages of one thread, oldest first. */
export interface MailThread {
  threadId: string;
  messages: MailAnalysis[];
}

const MAX_THREAD_ACTION_ITEMS = 8;

function byDateAscending(a: MailAnalysis, b: MailAnalysis): number {
  return a.mail.date.localeCompare(b.mail.date) || a.mail.id.localeCompare(b.mail.id);
}

/** Groups analysed mails by Gmail thread; threads come newest-activity first. */
export function groupByThread(analyses: readonly MailAnalysis[]): MailThread[] {
  const byId = new Map<string, MailAnalysis[]>();
  for (const analysis of analyses) {
    const list = byId.get(analysis.mail.threadId) ?? [];
    list.push(analysis);
    byId.set(analysis.mail.threadId, list);
  }
  const threads = [...byId.entries()].map(([threadId, messages]) => ({
    threadId,
    messages: [...messages].sort(byDateAscending),
  }));
  return threads.sort(
    (a, b) => latestOf(b).mail.date.localeCompare(latestOf(a).mail.date) || a.threadId.localeCompare(b.threadId),
  );
}

export function latestOf(thread: MailThread): MailAnalysis {
  const latest = thread.messages[thread.messages.length - 1];
  if (latest === undefined) throw new Error(`Thread ${thread.threadId} has no messages`);
  return latest;
}

/** Messages from others after the user's last message in the thread: what is still open. */
export function unansweredMessages(thread: MailThread): MailAnalysis[] {
  const lastOwn = thread.messages.map((m) => m.fromUser).lastIndexOf(true);
  return thread.messages.slice(lastOwn + 1).filter((m) => !m.fromUser);
}

function dedupeActionItems(items: readonly ActionItem[]): ActionItem[] {
  const seen = new Set<string>();
  return items
    .filter((item) => {
      const key = item.text.toLowerCase();
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    })
    .slice(0, MAX_THREAD_ACTION_ITEMS);
}

/** Link that opens the thread in Gmail's web client (the first signed-in account). */
export function gmailThreadUrl(threadId: string): string {
  return `https://mail.google.com/mail/u/0/#all/${encodeURIComponent(threadId)}`;
}

/**
 * One digest entry for a thread. The latest message represents it (subject, sender, date,
 * summary); category, priority and action items come from what is still unanswered, so an
 * early question is not lost under a later "+1", and a thread the user answered last drops
 * to low priority.
 */
export function threadToItem(thread: MailThread, generatedBy: Analyst): DigestItem {
  const latest = latestOf(thread);
  const open = unansweredMessages(thread);
  const participants = [
    ...new Map(
      thread.messages.map((m) => [m.mail.from?.address ?? '', m.fromUser ? 'you' : displayName(m.mail.from)]),
    ).values(),
  ];
  const attachments = [
    ...new Set(thread.messages.flatMap((m) => m.mail.attachments.filter((a) => !a.inline).map((a) => a.filename))),
  ];

  let category = latest.category;
  let priority = latest.priority;
  let reason = latest.reason;
  let actionItems: ActionItem[] = [];
  if (latest.fromUser) {
    category = 'people';
    priority = 'low';
    reason = 'You sent the latest message in this thread';
  } else {
    // The most pressing open message gives the reason; the latest wins ties.
    const pressing = open.reduce(
      (best, m) => (priorityRank(m.priority) < priorityRank(best.priority) ? m : best),
      latest,
    );
    priority = open.reduce((p, m) => maxPriority(p, m.priority), latest.priority);
    reason = pressing.reason;
    if (open.some((m) => m.category === 'needs_reply')) category = 'needs_reply';
    actionItems = dedupeActionItems(open.flatMap((m) => m.actionItems));
  }

  const from = latest.mail.from;
  return {
    threadId: thread.threadId,
    messageId: latest.mail.id,
    subject: latest.mail.subject !== '' ? latest.mail.subject : '(no subject)',
    from: from !== null ? (from.name !== null ? `${from.name} <${from.address}>` : from.address) : 'Unknown sender',
    fromName: displayName(from),
    fromAddress: from?.address ?? null,
    date: latest.mail.date,
    category,
    priority,
    reason,
    summary: latest.summary,
    actionItems,
    messageCount: thread.messages.length,
    participants,
    unread: thread.messages.some((m) => m.mail.labelIds.includes('UNREAD')),
    attachments,
    repliedByUser: latest.fromUser,
    gmailUrl: gmailThreadUrl(thread.threadId),
    analyzedBy: latest.analyzedBy,
    fallback: generatedBy === 'claude' && thread.messages.some((m) => m.analyzedBy === 'deterministic'),
  };
}
