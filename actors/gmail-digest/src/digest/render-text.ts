import { formatDateTime, formatLongDay, parseDay } from './calendar.js';
import { CATEGORY_TITLES, type Digest, type DigestItem, type Priority } from './digest-types.js';

/** Plain-text building blocks shared by the Markdown and HTML renderers (not escaped here). */

export const PRIORITY_LABELS: Record<Priority, string> = { high: 'High', medium: 'Medium', low: 'Low' };

/** Who wrote the digest, stated plainly: the reader must know whether an LLM was involved. */
export function authorshipLine(digest: Digest): string {
  if (digest.generatedBy === 'claude') {
    return `Written by Claude${digest.model !== null ? ` (${digest.model})` : ''}: categories, priorities, summaries and action items are the model's reading of your mail.`;
  }
  return 'Written by the deterministic method: fixed rules and extractive summaries, no LLM.';
}

export function digestTitle(digest: Digest): string {
  const day = parseDay(digest.today);
  return `Gmail digest for ${day !== null ? formatLongDay(day) : digest.today}`;
}

export function countsLine(digest: Digest): string {
  const { mails, threads, needsAttention, actionItems } = digest.counts;
  const plural = (n: number, one: string, many: string): string => `${n} ${n === 1 ? one : many}`;
  return [
    `${plural(mails, 'mail', 'mails')} in ${plural(threads, 'thread', 'threads')}`,
    `${needsAttention} need${needsAttention === 1 ? 's' : ''} attention today`,
    plural(actionItems, 'action item', 'action items'),
  ].join(' · ');
}

/** "Anna Schmidt · Mon, 2 Dec, 09:15 · 3 messages (you, Anna Schmidt)". */
export function itemMetaLine(item: DigestItem, timeZone: string): string {
  const parts = [item.fromName, formatDateTime(item.date, timeZone)];
  if (item.messageCount > 1) parts.push(`${item.messageCount} messages (${item.participants.join(', ')})`);
  return parts.join(' · ');
}

export function itemLabels(item: DigestItem): string {
  const labels = [PRIORITY_LABELS[item.priority], CATEGORY_TITLES[item.category]];
  if (item.unread) labels.push('unread');
  return labels.join(' · ');
}

export function dueLabel(due: string): string {
  const day = parseDay(due);
  return day !== null ? `due ${formatLongDay(day)}` : `due ${due}`;
}

export const FALLBACK_LABEL = 'Classified by the deterministic rules: Claude skipped this mail.';
export const EMPTY_LABEL = 'No new mail in this period.';
