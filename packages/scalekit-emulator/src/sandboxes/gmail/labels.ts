import type { JsonObject } from '../sandbox.js';

/** Gmail labels: the fixed system labels every mailbox has, plus the user's own. */

export interface LabelRecord {
  id: string;
  name: string;
  type: 'system' | 'user';
  messageListVisibility?: 'show' | 'hide';
  labelListVisibility?: 'labelShow' | 'labelShowIfUnread' | 'labelHide';
  color?: { textColor: string; backgroundColor: string };
}

const hidden = { messageListVisibility: 'hide', labelListVisibility: 'labelHide' } as const;

export const SYSTEM_LABELS: readonly LabelRecord[] = [
  { id: 'CHAT', name: 'CHAT', type: 'system', ...hidden },
  { id: 'SENT', name: 'SENT', type: 'system' },
  { id: 'INBOX', name: 'INBOX', type: 'system' },
  { id: 'IMPORTANT', name: 'IMPORTANT', type: 'system', ...hidden },
  { id: 'TRASH', name: 'TRASH', type: 'system', ...hidden },
  { id: 'DRAFT', name: 'DRAFT', type: 'system' },
  { id: 'SPAM', name: 'SPAM', type: 'system', ...hidden },
  { id: 'CATEGORY_FORUMS', name: 'CATEGORY_FORUMS', type: 'system', ...hidden },
  { id: 'CATEGORY_UPDATES', name: 'CATEGORY_UPDATES', type: 'system', ...hidden },
  { id: 'CATEGORY_PERSONAL', name: 'CATEGORY_PERSONAL', type: 'system', ...hidden },
  { id: 'CATEGORY_PROMOTIONS', name: 'CATEGORY_PROMOTIONS', type: 'system', ...hidden },
  { id: 'CATEGORY_SOCIAL', name: 'CATEGORY_SOCIAL', type: 'system', ...hidden },
  { id: 'STARRED', name: 'STARRED', type: 'system' },
  { id: 'UNREAD', name: 'UNREAD', type: 'system' },
];

/** System labels a client may not add or remove through `messages.modify`. */
export const IMMUTABLE_LABELS: ReadonlySet<string> = new Set(['SENT', 'DRAFT', 'CHAT']);

export function userLabel(id: string, name: string, color?: LabelRecord['color']): LabelRecord {
  return {
    id,
    name,
    type: 'user',
    messageListVisibility: 'show',
    labelListVisibility: 'labelShow',
    ...(color ? { color } : {}),
  };
}

/** A label as `labels.list` returns it (no counts). */
export function labelResource(label: LabelRecord): JsonObject {
  const out: JsonObject = { id: label.id, name: label.name };
  if (label.messageListVisibility) out['messageListVisibility'] = label.messageListVisibility;
  if (label.labelListVisibility) out['labelListVisibility'] = label.labelListVisibility;
  out['type'] = label.type;
  if (label.color) out['color'] = { ...label.color };
  return out;
}

export interface LabelCounts {
  messagesTotal: number;
  messagesUnread: number;
  threadsTotal: number;
  threadsUnread: number;
}
