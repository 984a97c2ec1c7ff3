import { type ParsedMail } from '../mail/index.js';

/** Categories, in the order the digest shows them. */
export const CATEGORIES = ['needs_reply', 'people', 'updates', 'notifications', 'newsletters'] as const;
export type Category = (typeof CATEGORIES)[number];

export const PRIORITIES = ['high', 'medium', 'low'] as const;
export type Priority = (typeof PRIORITIES)[number];

export const CATEGORY_TITLES: Record<Category, string> = {
  needs_reply: 'Needs a reply',
  people: 'People',
  updates: 'Updates',
  notifications: 'Notifications',
  newsletters: 'Newsletters',
};

/** Who decided a mail's category, priority and summary. */
export type Analyst = 'claude' | 'deterministic';

export interface ActionItem {
  /** The request as the sender wrote it (one sentence). */
  text: string;
  /** Due date as YYYY-MM-DD, resolved against the mail's own date; null when none is stated. */
  due: string | null;
  /** The words the due date was read from ("by Friday"); null when unknown or not stated. */
  dueText: string | null;
  /** The message the request comes from. */
  messageId: string;
}

/** One mail with its verdict: the unit both the rules and Claude produce. */
export interface MailAnalysis {
  mail: ParsedMail;
  category: Category;
  priority: Priority;
  reason: string;
  summary: string;
  actionItems: ActionItem[];
  analyzedBy: Analyst;
  /** True when the user sent this message (SENT label or one of the user's addresses). */
  fromUser: boolean;
}

/** One thread in the digest, represented by its latest message. No mail bodies are kept. */
export interface DigestItem {
  threadId: string;
  /** Id of the latest message, the one that represents the thread. */
  messageId: string;
  subject: string;
  /** "Name <address>" of the latest message's sender. */
  from: string;
  fromName: string;
  fromAddress: string | null;
  /** ISO UTC date of the latest message. */
  date: string;
  category: Category;
  priority: Priority;
  reason: string;
  summary: string;
  actionItems: ActionItem[];
  messageCount: number;
  /** Display names of everyone who wrote in the thread, in order of first message. */
  participants: string[];
  unread: boolean;
  /** Names of real attachments (inline images left out) across the thread. */
  attachments: string[];
  /** True when the user wrote the latest message: the ball is in someone else's court. */
  repliedByUser: boolean;
  gmailUrl: string;
  analyzedBy: Analyst;
  /** True in a Claude digest when Claude skipped this mail and the rules decided instead. */
  fallback: boolean;
}

export interface DigestSection {
  category: Category;
  title: string;
  items: DigestItem[];
}

export interface DigestCounts {
  mails: number;
  threads: number;
  /** Threads per category (the category of the thread as a whole). */
  byCategory: Record<Category, number>;
  byPriority: Record<Priority, number>;
  actionItems: number;
  needsAttention: number;
  /** Mails the rules classified in a Claude digest because Claude skipped them. */
  fallbackMails: number;
}

export interface Digest {
  generatedBy: Analyst;
  /** The Claude model that wrote the digest; null for the deterministic method. */
  model: string | null;
  /** Why the deterministic method was used, or what Claude left out; null when nothing to say. */
  note: string | null;
  /** ISO UTC instant the digest was made for. */
  generatedAt: string;
  timeZone: string;
  /** The user's calendar date (YYYY-MM-DD) in `timeZone` at `generatedAt`. */
  today: string;
  /** Oldest and newest mail dates covered (ISO UTC); null when there were no mails. */
  range: { oldest: string | null; newest: string | null };
  /** Threads that need attention today, most pressing first. Not repeated in `sections`. */
  needsAttention: DigestItem[];
  /** The remaining threads by category, in CATEGORIES order; empty categories are left out. */
  sections: DigestSection[];
  counts: DigestCounts;
}

/** Options shared by the deterministic digest and the Claude merge. */
export interface DigestOptions {
  now: Date;
  /** IANA time zone of the user, e.g. 'Europe/Berlin'; used for "today" and for display. */
  timeZone: string;
  /** The user's own addresses (from gmail_get_profile), to tell direct mail and own replies apart. */
  userAddresses?: readonly string[];
  /** Addresses the user writes to or often hears from; mail from them ranks higher. */
  knownCorrespondents?: ReadonlySet<string> | readonly string[];
}
