import { type ParsedMail } from '../mail/index.js';
import { daysBetween, parseDay, type CalendarDay } from './calendar.js';
import { type Classification } from './classification.js';
import { type ActionItem, type Priority } from './digest-types.js';
import { URGENT } from './request-signals.js';

export interface PriorityContext {
  /** The user's calendar day now, in the user's time zone. */
  today: CalendarDay;
  /** Lower-cased addresses the user corresponds with. */
  knownCorrespondents: ReadonlySet<string>;
}

export interface PriorityVerdict {
  priority: Priority;
  reason: string;
}

// Account and money trouble that should not wait for the next digest.
const ALARMING =
  /\b(?:security alert|suspicious|unusual (?:sign[- ]?in|activity)|new sign[- ]?in|password (?:was |has been )?(?:changed|reset)|payment (?:failed|declined)|card (?:declined|expired)|account (?:locked|suspended|disabled)|final notice|overdue|action required)\b/i;
// Notifications that are about the user personally rather than general activity.
const PERSONAL_NOTIFICATION =
  /\b(?:mentioned you|@mentioned|requested your review|review requested|assigned (?:this |it )?to you|assigned you|invited you|shared .{0,40} with you|replied to your|commented on your|build failed|failed:|failing)\b/i;

const PRIORITY_RANK: Record<Priority, number> = { high: 0, medium: 1, low: 2 };

export function priorityRank(priority: Priority): number {
  return PRIORITY_RANK[priority];
}

/** The higher of two priorities. */
export function maxPriority(a: Priority, b: Priority): Priority {
  return PRIORITY_RANK[a] <= PRIORITY_RANK[b] ? a : b;
}

/** The earliest due date among action items, as days from today (negative = overdue). */
export function daysUntilEarliestDue(items: readonly ActionItem[], today: CalendarDay): number | null {
  const deltas = items
    .map((i) => (i.due !== null ? parseDay(i.due) : null))
    .filter((d): d is CalendarDay => d !== null)
    .map((d) => daysBetween(today, d));
  return deltas.length > 0 ? Math.min(...deltas) : null;
}

function describeDue(days: number): string {
  if (days < 0) return `overdue by ${-days} day${days === -1 ? '' : 's'}`;
  if (days === 0) return 'due today';
  if (days === 1) return 'due tomorrow';
  return `due in ${days} days`;
}

function sentence(fragments: readonly string[]): string {
  const text = fragments.filter((f) => f !== '').join('; ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/**
 * Priority with a reason the user can check. Known correspondents, stated urgency, near due
 * dates and stars raise personal mail; security and payment trouble raise updates; mentions and
 * review requests raise notifications; newsletters stay low.
 */
export function assessPriority(
  mail: ParsedMail,
  classification: Classification,
  actionItems: readonly ActionItem[],
  context: PriorityContext,
): PriorityVerdict {
  const fragments = [...classification.signals];
  const known = mail.from !== null && context.knownCorrespondents.has(mail.from.address);
  const starred = mail.labelIds.includes('STARRED');
  const important = mail.labelIds.includes('IMPORTANT');
  const dueIn = daysUntilEarliestDue(actionItems, context.today);
  if (dueIn !== null) fragments.push(describeDue(dueIn));
  const head = `${mail.subject}\n${mail.newText.slice(0, 2_000)}`;

  switch (classification.category) {
    case 'needs_reply': {
      const urgent = URGENT.test(head);
      if (known) fragments.push('from someone you correspond with');
      if (urgent) fragments.push('marked as urgent');
      if (starred) fragments.push('starred');
      const high = known || urgent || starred || (dueIn !== null && dueIn <= 1);
      return { priority: high ? 'high' : 'medium', reason: sentence(fragments) };
    }
    case 'people': {
      if (classification.signals.includes('sent by you')) return { priority: 'low', reason: sentence(fragments) };
      if (known) fragments.push('from someone you correspond with');
      if (starred) fragments.push('starred');
      else if (important) fragments.push('marked important by Gmail');
      return { priority: known || starred || important ? 'medium' : 'low', reason: sentence(fragments) };
    }
    case 'updates': {
      if (ALARMING.test(head))
        return { priority: 'high', reason: sentence([...fragments, 'security or payment problem']) };
      const medium = actionItems.length > 0 || starred;
      if (actionItems.length > 0) fragments.push('asks you to act');
      return { priority: medium ? 'medium' : 'low', reason: sentence(fragments) };
    }
    case 'notifications': {
      const personal = PERSONAL_NOTIFICATION.test(head);
      if (personal) fragments.push('about you or your work');
      else if (actionItems.length > 0) fragments.push('asks you to act');
      return { priority: personal || actionItems.length > 0 ? 'medium' : 'low', reason: sentence(fragments) };
    }
    case 'newsletters':
      return { priority: 'low', reason: sentence(fragments) };
  }
}
