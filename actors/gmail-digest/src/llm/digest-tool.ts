import type { Tool, ToolChoiceTool } from '@anthropic-ai/sdk/resources/messages';
import { z } from 'zod';
import { CATEGORIES, PRIORITIES, parseDay, type Category, type Priority } from '../digest/index.js';

export const DIGEST_TOOL_NAME = 'record_digest';

/**
 * The tool Claude is forced to call (tool_choice below): its input is the structured digest of
 * one batch. Forced tool use gives JSON that follows this schema far more reliably than asking
 * for JSON in prose; parseDigestToolInput still checks every field.
 */
export const DIGEST_TOOL: Tool = {
  name: DIGEST_TOOL_NAME,
  description:
    'Record the digest of the mails in this batch: one entry per mail id with category, priority, reason, ' +
    'one-line summary and action items, plus the ids that need the user today.',
  input_schema: {
    type: 'object',
    properties: {
      mails: {
        type: 'array',
        description: 'Exactly one entry for every mail id in the batch.',
        items: {
          type: 'object',
          properties: {
            id: { type: 'string', description: 'The mail id from the record.' },
            category: { type: 'string', enum: [...CATEGORIES] },
            priority: { type: 'string', enum: [...PRIORITIES] },
            reason: { type: 'string', description: 'Why this priority, one short clause.' },
            summary: { type: 'string', description: 'One line, at most 25 words: what the mail says or asks.' },
            action_items: {
              type: 'array',
              description: 'What the user has to do because of this mail; empty when nothing.',
              items: {
                type: 'object',
                properties: {
                  text: { type: 'string', description: 'One short imperative sentence.' },
                  due_date: {
                    type: ['string', 'null'],
                    description: 'YYYY-MM-DD when the mail states or clearly implies a deadline, else null.',
                  },
                },
                required: ['text'],
                additionalProperties: false,
              },
            },
          },
          required: ['id', 'category', 'priority', 'reason', 'summary', 'action_items'],
          additionalProperties: false,
        },
      },
      today: {
        type: 'array',
        description: 'Ids of the mails the user should deal with today, most pressing first.',
        items: { type: 'string' },
      },
    },
    required: ['mails', 'today'],
    additionalProperties: false,
  },
};

/** tool_choice forcing exactly one call of the digest tool. */
export const DIGEST_TOOL_CHOICE: ToolChoiceTool = {
  type: 'tool',
  name: DIGEST_TOOL_NAME,
  disable_parallel_tool_use: true,
};

export interface LlmActionItem {
  text: string;
  due: string | null;
}

export interface LlmMailVerdict {
  id: string;
  category: Category;
  priority: Priority;
  reason: string;
  summary: string;
  actionItems: LlmActionItem[];
}

export interface DigestToolResult {
  mails: LlmMailVerdict[];
  today: string[];
}

/**
 * Either a usable result (with `issues` listing entries that were dropped or repaired, so the
 * caller can log them) or an error saying why the whole answer is unusable.
 */
export type DigestToolParse = { ok: true; result: DigestToolResult; issues: string[] } | { ok: false; error: string };

// Close variants a model may write instead of the enum value.
const CATEGORY_ALIASES: Record<string, Category> = {
  needs_reply: 'needs_reply',
  reply: 'needs_reply',
  needs_response: 'needs_reply',
  reply_needed: 'needs_reply',
  people: 'people',
  person: 'people',
  personal: 'people',
  updates: 'updates',
  update: 'updates',
  transactional: 'updates',
  notifications: 'notifications',
  notification: 'notifications',
  newsletters: 'newsletters',
  newsletter: 'newsletters',
  promotions: 'newsletters',
  promotion: 'newsletters',
};

const normalizeKey = (value: unknown): unknown =>
  typeof value === 'string'
    ? value
        .trim()
        .toLowerCase()
        .replace(/[\s-]+/g, '_')
    : value;

const categorySchema = z.preprocess((v) => {
  const key = normalizeKey(v);
  return typeof key === 'string' ? (CATEGORY_ALIASES[key] ?? key) : key;
}, z.enum(CATEGORIES));
const prioritySchema = z.preprocess(normalizeKey, z.enum(PRIORITIES));
const text = (max: number) =>
  z
    .string()
    .trim()
    .min(1)
    .transform((s) => (s.length > max ? `${s.slice(0, max - 1)}…` : s));

const actionItemSchema = z.object({
  text: text(300),
  due_date: z.string().nullable().optional(),
});

const verdictSchema = z.object({
  id: z.string().trim().min(1),
  category: categorySchema,
  priority: prioritySchema,
  reason: text(300),
  summary: text(300),
  action_items: z.array(z.unknown()).nullable().optional(),
});

function formatZodError(error: z.ZodError): string {
  return error.issues.map((i) => `${i.path.length > 0 ? `${i.path.join('.')}: ` : ''}${i.message}`).join('; ');
}

/** Models sometimes send a nested array as a JSON string; accept that one common slip. */
function maybeJson(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  try {
    return JSON.parse(value) as unknown;
  } catch {
    return value;
  }
}

function entryId(entry: unknown): string | null {
  if (typeof entry !== 'object' || entry === null || !('id' in entry)) return null;
  return typeof entry.id === 'string' ? entry.id : null;
}

function parseActionItems(raw: unknown[], where: string, issues: string[]): LlmActionItem[] {
  const items: LlmActionItem[] = [];
  raw.forEach((entry, index) => {
    const parsed = actionItemSchema.safeParse(entry);
    if (!parsed.success) {
      issues.push(`${where}.action_items[${index}] dropped: ${formatZodError(parsed.error)}`);
      return;
    }
    const dueRaw = parsed.data.due_date?.trim() ?? '';
    let due: string | null = null;
    if (dueRaw !== '') {
      if (parseDay(dueRaw) !== null) due = dueRaw;
      else issues.push(`${where}.action_items[${index}].due_date "${dueRaw}" is not a YYYY-MM-DD date; ignored`);
    }
    items.push({ text: parsed.data.text, due });
  });
  return items;
}

/**
 * Validates the input of a `record_digest` tool call. The answer as a whole is rejected only
 * when its shape is wrong (not an object, no `mails` array); a malformed entry is dropped and
 * reported in `issues`, so one bad line costs one mail (which then falls back to the rules),
 * not the batch. Duplicate ids keep their first entry.
 */
export function parseDigestToolInput(input: unknown): DigestToolParse {
  const value = maybeJson(input);
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { ok: false, error: `The ${DIGEST_TOOL_NAME} input is not an object.` };
  }
  const record = value as Record<string, unknown>;
  const mails = maybeJson(record.mails);
  if (!Array.isArray(mails)) {
    return { ok: false, error: `The ${DIGEST_TOOL_NAME} input has no "mails" array.` };
  }

  const issues: string[] = [];
  const verdicts: LlmMailVerdict[] = [];
  const seen = new Set<string>();
  const entries: unknown[] = mails;
  entries.forEach((entry, index) => {
    const parsed = verdictSchema.safeParse(entry);
    if (!parsed.success) {
      const id = entryId(entry);
      issues.push(`mails[${index}]${id !== null ? ` (id ${id})` : ''} dropped: ${formatZodError(parsed.error)}`);
      return;
    }
    const { id, category, priority, reason, summary } = parsed.data;
    if (seen.has(id)) {
      issues.push(`mails[${index}] dropped: duplicate id ${id}`);
      return;
    }
    seen.add(id);
    const rawItems = maybeJson(parsed.data.action_items ?? []);
    const actionItems = Array.isArray(rawItems) ? parseActionItems(rawItems, `mails[${index}]`, issues) : [];
    if (!Array.isArray(rawItems)) issues.push(`mails[${index}].action_items is not an array; ignored`);
    verdicts.push({ id, category, priority, reason, summary, actionItems });
  });

  const todayRaw = maybeJson(record.today);
  let today: string[] = [];
  if (Array.isArray(todayRaw)) {
    today = todayRaw.filter((t): t is string => typeof t === 'string' && t.trim() !== '').map((t) => t.trim());
    if (today.length !== todayRaw.length) issues.push('today: non-string entries ignored');
  } else if (todayRaw !== undefined && todayRaw !== null) {
    issues.push('today is not an array; ignored');
  }

  if (mails.length > 0 && verdicts.length === 0) {
    return { ok: false, error: `No usable entry in the ${DIGEST_TOOL_NAME} input: ${issues.slice(0, 3).join(' | ')}` };
  }
  return { ok: true, result: { mails: verdicts, today }, issues };
}
