// The agent's tools: one zod schema per tool validates what the model sends, and the JSON
// schema the model sees is generated from it, so the two cannot drift apart. Malformed
// arguments become error messages the model can act on, never exceptions in the run.

import type { Tool } from '@anthropic-ai/sdk/resources/messages';
import { z } from 'zod';
import { notionIdFromUrlOrId, SIMPLIFIED_BLOCK_TYPES } from '../notion-report/index.js';

const notionPageId = z
  .string()
  .describe('A Notion page id (UUID, with or without hyphens) or the page URL.')
  .transform((value, ctx) => {
    const id = notionIdFromUrlOrId(value);
    if (id === undefined) {
      ctx.addIssue({ code: 'custom', message: `"${value.slice(0, 100)}" is not a Notion page id or URL` });
      return z.NEVER;
    }
    return id;
  });

const pageTitle = z.string().trim().min(1).max(2000).describe('The page title.');

const simplifiedBlock = z
  .strictObject({
    type: z.enum(SIMPLIFIED_BLOCK_TYPES),
    text: z
      .string()
      .max(20_000)
      .default('')
      .describe('Plain text; long text is split to fit Notion. Not needed for a divider.'),
    url: z
      .url({ protocol: /^https?$/ })
      .max(2000)
      .optional()
      .describe('Makes the whole text a link.'),
    language: z.string().max(50).optional().describe('Language of a code block.'),
  })
  .refine((block) => block.type === 'divider' || block.text.trim() !== '' || block.url !== undefined, {
    message: 'text is required for every block type except divider',
    path: ['text'],
  });

// RFC 3339 as YouTube expects it: a date, a time and a zone (Z or an offset).
const rfc3339 = z
  .string()
  .regex(
    /^\d{4}-\d{2}-\d{2}T(?:[01]\d|2[0-3]):[0-5]\d:[0-5]\d(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})$/,
    'must be RFC 3339, e.g. 2024-01-31T00:00:00Z',
  )
  .refine(isCalendarDate, 'is not a real calendar date')
  .describe('Only items published after this RFC 3339 time, e.g. 2024-01-31T00:00:00Z.');

// Date.parse rolls 2024-02-31 over to March; a round trip through UTC catches that.
function isCalendarDate(value: string): boolean {
  const [year, month, day] = value.slice(0, 10).split('-').map(Number) as [number, number, number];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

const youtubeChannelId = z
  .string()
  .regex(/^[A-Za-z0-9_-]{2,64}$/, 'must be a channel id like UC_x5XG1OV2P6uZZ5FSM9Ttw (not a @handle or URL)');

export const agentToolSchemas = {
  notion_search_pages: z.strictObject({
    query: z.string().max(200).describe('Words of the page title; empty lists recently edited pages.'),
  }),
  notion_read_page: z.strictObject({ page_id: notionPageId }),
  notion_find_or_create_page: z.strictObject({
    title: pageTitle,
    parent_page_id: notionPageId
      .optional()
      .describe('Where to create the page if none has this title. Omit to use the default parent.'),
  }),
  notion_append_blocks: z.strictObject({
    page_id: notionPageId,
    blocks: z.array(simplifiedBlock).min(1).max(100).describe('Blocks appended at the end of the page, in order.'),
  }),
  notion_create_page: z.strictObject({
    title: pageTitle,
    parent_page_id: notionPageId.optional().describe('The parent page. Omit to use the default parent.'),
  }),
  youtube_search: z.strictObject({
    query: z.string().trim().min(1).max(500).describe('Search words.'),
    type: z.enum(['video', 'channel', 'playlist']).default('video'),
    max_results: z.int().min(1).max(50).default(10),
    order: z.enum(['relevance', 'date', 'viewCount', 'rating', 'title', 'videoCount']).default('relevance'),
    published_after: rfc3339.optional(),
  }),
  youtube_channel_details: z.strictObject({
    channel_ids: z
      .array(youtubeChannelId)
      .min(1)
      .max(50)
      .transform((ids) => [...new Set(ids)])
      .describe('Up to 50 channel ids (the "UC..." ids from search results).'),
  }),
  youtube_research: z.strictObject({
    topic: z.string().trim().min(1).max(200).describe('What the channels should be about, e.g. "python tutorial".'),
    count: z.int().min(1).max(50).default(10).describe('How many channels to return.'),
    min_subscribers: z
      .int()
      .min(0)
      .optional()
      .describe('Leave out channels with fewer subscribers (or a hidden count).'),
    max_days_since_upload: z
      .int()
      .min(1)
      .max(3650)
      .optional()
      .describe('Leave out channels that have not uploaded for longer.'),
  }),
} as const;

export type AgentToolName = keyof typeof agentToolSchemas;
export type AgentToolInput<N extends AgentToolName> = z.output<(typeof agentToolSchemas)[N]>;
export type AgentToolCall = { [N in AgentToolName]: { name: N; input: AgentToolInput<N> } }[AgentToolName];

const DESCRIPTIONS: Record<AgentToolName, string> = {
  notion_search_pages: "Search the user's Notion for pages by title. Returns ids, titles and URLs.",
  notion_read_page: 'Read the text content of a Notion page (its blocks).',
  notion_find_or_create_page:
    'Return the Notion page with exactly this title, creating it if there is none. Use this before appending results so reruns add to the same page.',
  notion_append_blocks:
    'Append blocks to the end of a Notion page. Each block is {type, text, url?}. Use heading_2 for a section title, numbered_list_item for ranked entries, divider to close a section.',
  notion_create_page: 'Create a new Notion page (always a new one, even if the title exists).',
  youtube_search:
    'Search YouTube (Data API search.list). Costs 100 quota units per call, so prefer youtube_research for finding channels on a topic. Returns video/channel ids, titles, channel ids and publish dates.',
  youtube_channel_details:
    'Statistics and descriptions of up to 50 channels in one call (channels.list, 1 quota unit): subscribers, video count, views, handle, country.',
  youtube_research:
    'The whole channel research pipeline in one call: keyword variations, searches within a quota budget, channel statistics, latest uploads, a 0-10 score with a reason for each channel, filters and ranking. Use this first for any "find channels about X" task.',
};

/** The tools as the Messages API takes them. */
export const AGENT_TOOLS: Tool[] = (Object.keys(agentToolSchemas) as AgentToolName[]).map((name) => ({
  name,
  description: DESCRIPTIONS[name],
  input_schema: inputJsonSchema(agentToolSchemas[name]),
}));

export type ToolInputValidation = ({ ok: true } & AgentToolCall) | { ok: false; error: string };

/** The typed call, or an error message meant for a `tool_result` with `is_error: true`. */
export function validateAgentToolInput(name: string, input: unknown): ToolInputValidation {
  if (!isAgentToolName(name)) {
    return {
      ok: false,
      error: `Unknown tool "${name}". Available tools: ${Object.keys(agentToolSchemas).join(', ')}.`,
    };
  }
  const parsed = agentToolSchemas[name].safeParse(input ?? {});
  if (!parsed.success) {
    const issues = parsed.error.issues.map(
      (issue) => `${issue.path.length > 0 ? issue.path.join('.') : 'input'}: ${issue.message}`,
    );
    return {
      ok: false,
      error: `Invalid arguments for ${name}: ${issues.join('; ')}. Fix them and call ${name} again.`,
    };
  }
  // safeParse on the schema selected by `name` returns that schema's output type.
  return { ok: true, name, input: parsed.data } as ToolInputValidation;
}

export function isAgentToolName(name: string): name is AgentToolName {
  return Object.hasOwn(agentToolSchemas, name);
}

/** Thrown by a dispatcher for arguments that fail validation; the loop answers it as a tool error. */
export class ToolInputError extends Error {
  override name = 'ToolInputError';
}

export type AgentToolHandlers = { [N in AgentToolName]: (input: AgentToolInput<N>) => Promise<unknown> };

/**
 * An `executeTool(name, input)` for the agent loop that validates first and hands each
 * handler its typed input; invalid input throws ToolInputError.
 */
export function createToolDispatcher(handlers: AgentToolHandlers): (name: string, input: unknown) => Promise<unknown> {
  return async (name, input) => {
    const validation = validateAgentToolInput(name, input);
    if (!validation.ok) throw new ToolInputError(validation.error);
    return dispatch(handlers, validation);
  };
}

function dispatch(handlers: AgentToolHandlers, call: AgentToolCall): Promise<unknown> {
  // TypeScript cannot correlate handlers[call.name] with call.input across the union.
  const handler = handlers[call.name] as (input: AgentToolCall['input']) => Promise<unknown>;
  return handler(call.input);
}

function inputJsonSchema(schema: z.ZodType): Tool.InputSchema {
  // `io: 'input'` describes what the model may send: fields with defaults are optional.
  const { $schema: _ignored, ...jsonSchema } = z.toJSONSchema(schema, { io: 'input' });
  return { ...jsonSchema, type: 'object' };
}
