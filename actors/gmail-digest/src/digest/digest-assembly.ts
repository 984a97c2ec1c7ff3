import { daysBetween, dayInTimeZone, formatDay, parseDay, type CalendarDay } from './calendar.js';
import {
  CATEGORIES,
  CATEGORY_TITLES,
  PRIORITIES,
  type Analyst,
  type Category,
  type Digest,
  type DigestItem,
  type DigestSection,
  type MailAnalysis,
  type Priority,
} from './digest-types.js';
import { priorityRank } from './priority.js';
import { groupByThread, threadToItem } from './threads.js';

export interface AssemblyMeta {
  generatedBy: Analyst;
  model: string | null;
  note: string | null;
  now: Date;
  timeZone: string;
  /** Message ids someone (Claude) flagged for today, on top of the rules below. */
  flaggedForToday?: ReadonlySet<string>;
}

function earliestDue(item: DigestItem): string | null {
  const dues = item.actionItems
    .map((a) => a.due)
    .filter((d): d is string => d !== null)
    .sort();
  return dues[0] ?? null;
}

/** Needs attention today: asked for a reply, high priority, due by today, or flagged. */
export function needsAttentionToday(
  item: DigestItem,
  today: CalendarDay,
  flagged: ReadonlySet<string>,
  messageIds: readonly string[],
): boolean {
  if (item.repliedByUser) return false;
  if (item.category === 'needs_reply' || item.priority === 'high') return true;
  const due = earliestDue(item);
  const dueDay = due !== null ? parseDay(due) : null;
  if (dueDay !== null && daysBetween(today, dueDay) <= 0) return true;
  return messageIds.some((id) => flagged.has(id));
}

/** Most pressing first: priority, then replies owed, then earliest due date, then newest. */
export function compareAttention(a: DigestItem, b: DigestItem): number {
  const byPriority = priorityRank(a.priority) - priorityRank(b.priority);
  if (byPriority !== 0) return byPriority;
  const byReply = Number(b.category === 'needs_reply') - Number(a.category === 'needs_reply');
  if (byReply !== 0) return byReply;
  const dueA = earliestDue(a);
  const dueB = earliestDue(b);
  if (dueA !== dueB) {
    if (dueA === null) return 1;
    if (dueB === null) return -1;
    return dueA.localeCompare(dueB);
  }
  return b.date.localeCompare(a.date) || a.threadId.localeCompare(b.threadId);
}

/** Within a category: priority, then newest first. */
export function compareInSection(a: DigestItem, b: DigestItem): number {
  return (
    priorityRank(a.priority) - priorityRank(b.priority) ||
    b.date.localeCompare(a.date) ||
    a.threadId.localeCompare(b.threadId)
  );
}

function zeroCounts<K extends string>(keys: readonly K[]): Record<K, number> {
  return Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>;
}

/**
 * Builds the digest from per-mail verdicts, whoever made them: threads, the "needs attention
 * today" list, category sections (without the threads already listed for today) and counts.
 */
export function assembleDigest(analyses: readonly MailAnalysis[], meta: AssemblyMeta): Digest {
  const today = dayInTimeZone(meta.now, meta.timeZone);
  const flagged = meta.flaggedForToday ?? new Set<string>();
  const threads = groupByThread(analyses);
  const items = threads.map((t) => ({
    item: threadToItem(t, meta.generatedBy),
    ids: t.messages.map((m) => m.mail.id),
  }));

  const attention = items
    .filter(({ item, ids }) => needsAttentionToday(item, today, flagged, ids))
    .map(({ item }) => item);
  const attentionIds = new Set(attention.map((i) => i.threadId));
  attention.sort(compareAttention);

  const sections: DigestSection[] = CATEGORIES.map((category) => ({
    category,
    title: CATEGORY_TITLES[category],
    items: items
      .map(({ item }) => item)
      .filter((i) => i.category === category && !attentionIds.has(i.threadId))
      .sort(compareInSection),
  })).filter((s) => s.items.length > 0);

  const byCategory = zeroCounts<Category>(CATEGORIES);
  const byPriority = zeroCounts<Priority>(PRIORITIES);
  for (const { item } of items) {
    byCategory[item.category]++;
    byPriority[item.priority]++;
  }
  const dates = analyses.map((a) => a.mail.date).sort();

  return {
    generatedBy: meta.generatedBy,
    model: meta.model,
    note: meta.note,
    generatedAt: meta.now.toISOString(),
    timeZone: meta.timeZone,
    today: formatDay(today),
    range: { oldest: dates[0] ?? null, newest: dates[dates.length - 1] ?? null },
    needsAttention: attention,
    sections,
    counts: {
      mails: analyses.length,
      threads: items.length,
      byCategory,
      byPriority,
      actionItems: items.reduce((n, { item }) => n + item.actionItems.length, 0),
      needsAttention: attention.length,
      fallbackMails:
        meta.generatedBy === 'claude' ? analyses.filter((a) => a.analyzedBy === 'deterministic').length : 0,
    },
  };
}
