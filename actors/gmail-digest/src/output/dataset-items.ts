// One dataset item per message (the fields of .actor/dataset_schema.json). The body is included
// only when the user asked for it; the snippet counts as body text and follows the same rule.

import { formatAddress } from '../mail/index.js';
import { gmailThreadUrl, type Analyst, type Category, type MailAnalysis, type Priority } from '../digest/index.js';

export interface MessageItem {
  id: string;
  threadId: string;
  /** ISO UTC sending time. */
  date: string;
  from: string;
  fromAddress: string | null;
  to: string[];
  subject: string;
  category: Category;
  priority: Priority;
  reason: string;
  summary: string;
  actionItems: { text: string; due: string | null }[];
  /** Label names as the user sees them (user labels resolved from their ids). */
  labels: string[];
  /** File names of real attachments (inline images left out); contents are never downloaded. */
  attachments: string[];
  unread: boolean;
  analyzedBy: Analyst;
  gmailUrl: string;
  /** Readable text of the body; only with includeBodies. */
  body?: string;
}

export function toMessageItem(
  analysis: MailAnalysis,
  labelNames: ReadonlyMap<string, string>,
  includeBodies: boolean,
): MessageItem {
  const { mail } = analysis;
  const item: MessageItem = {
    id: mail.id,
    threadId: mail.threadId,
    date: mail.date,
    from: mail.from !== null ? formatAddress(mail.from) : '',
    fromAddress: mail.from?.address ?? null,
    to: mail.to.map(formatAddress),
    subject: mail.subject,
    category: analysis.category,
    priority: analysis.priority,
    reason: analysis.reason,
    summary: analysis.summary,
    actionItems: analysis.actionItems.map((a) => ({ text: a.text, due: a.due })),
    labels: mail.labelIds.map((id) => labelNames.get(id) ?? id),
    attachments: mail.attachments.filter((a) => !a.inline).map((a) => a.filename),
    unread: mail.labelIds.includes('UNREAD'),
    analyzedBy: analysis.analyzedBy,
    gmailUrl: gmailThreadUrl(mail.threadId),
  };
  if (includeBodies) item.body = mail.bodyText;
  return item;
}

/** Newest first, like the mailbox. */
export function toMessageItems(
  analyses: readonly MailAnalysis[],
  labelNames: ReadonlyMap<string, string>,
  includeBodies: boolean,
): MessageItem[] {
  return analyses
    .map((a) => toMessageItem(a, labelNames, includeBodies))
    .sort((a, b) => b.date.localeCompare(a.date) || a.id.localeCompare(b.id));
}
