// A thin adapter over Scalekit's Gmail tools (through auth-gate's connector handle): list and
// fetch mail page by page, read the profile and the labels, send one message. Tool outputs are
// "free-flowing JSON", so each is checked for the few fields used, tolerating the usual variants
// (camelCase or snake_case page tokens, `messages` missing when nothing matched).

import { z } from 'zod';
import { type GmailApiMessage } from '../mail/index.js';

/** What the adapter needs from auth-gate's ConnectorHandle. */
export interface GmailToolRunner {
  tool(name: string, input?: Record<string, unknown>): Promise<{ data: Record<string, unknown> }>;
}

export interface GmailLabel {
  id: string;
  name: string;
  type: string | null;
}

export interface FetchedMessage {
  message: GmailApiMessage;
  /** Gmail's receive time (epoch ms); the Date header's time when internalDate is missing. */
  internalDateMs: number;
}

export interface FetchOptions {
  query: string;
  /** Stop after this many kept messages. */
  max: number;
  /** Messages per tool call; full messages are heavy, so pages stay small. */
  pageSize: number;
  /** Messages the run wants (e.g. newer than the cursor); the others are neither kept nor counted. */
  keep: (message: FetchedMessage) => boolean;
  onPage?: (fetchedSoFar: number) => void | Promise<void>;
}

export interface FetchResult {
  /** Newest first, as Gmail lists them. */
  messages: FetchedMessage[];
  /** True when more matching mail exists than `max` allowed. */
  truncated: boolean;
  /** Gmail's estimate of all matches (kept or not); null when the tool did not say. */
  resultSizeEstimate: number | null;
  toolCalls: number;
}

const headerSchema = z.object({ name: z.string(), value: z.string() });
const partSchema: z.ZodType<unknown> = z.lazy(() =>
  z.looseObject({
    mimeType: z.string().optional(),
    headers: z.array(headerSchema).optional(),
    parts: z.array(partSchema).optional(),
  }),
);
const messageSchema = z.looseObject({
  id: z.string().min(1),
  threadId: z.string().optional(),
  labelIds: z.array(z.string()).optional(),
  internalDate: z.union([z.string(), z.number()]).optional(),
  payload: partSchema.optional(),
});

const fetchSchema = z.looseObject({
  messages: z.array(z.unknown()).nullish(),
  nextPageToken: z.string().nullish(),
  next_page_token: z.string().nullish(),
  resultSizeEstimate: z.union([z.number(), z.string()]).nullish(),
  result_size_estimate: z.union([z.number(), z.string()]).nullish(),
});

function internalDateOf(message: GmailApiMessage): number {
  const raw = Number(message.internalDate);
  if (Number.isFinite(raw) && raw > 0) return raw;
  const dateHeader = message.payload?.headers?.find((h) => h.name.toLowerCase() === 'date')?.value;
  const parsed = dateHeader !== undefined ? Date.parse(dateHeader) : Number.NaN;
  return Number.isFinite(parsed) ? parsed : 0;
}

function toMessage(raw: unknown): GmailApiMessage {
  const parsed = messageSchema.safeParse(raw);
  if (!parsed.success) throw new Error('gmail_fetch_mails returned a message without an id');
  // The schema checked the fields the parser relies on; the rest stays as Gmail sent it.
  const message = parsed.data as GmailApiMessage & { internalDate?: string | number };
  return { ...message, internalDate: message.internalDate === undefined ? undefined : String(message.internalDate) };
}

export class GmailMailbox {
  constructor(private readonly gmail: GmailToolRunner) {}

  /** The connected account's own address: the only address a digest is ever sent to. */
  async ownAddress(): Promise<string> {
    const { data } = await this.gmail.tool('gmail_get_profile', {});
    const address = data['emailAddress'] ?? data['email_address'] ?? data['email'];
    if (typeof address !== 'string' || !address.includes('@'))
      throw new Error('gmail_get_profile returned no email address');
    return address.trim().toLowerCase();
  }

  async labels(): Promise<GmailLabel[]> {
    const { data } = await this.gmail.tool('gmail_list_labels', {});
    const labels = z
      .array(z.looseObject({ id: z.string(), name: z.string(), type: z.string().optional() }))
      .safeParse(data['labels'] ?? []);
    return labels.success ? labels.data.map((l) => ({ id: l.id, name: l.name, type: l.type ?? null })) : [];
  }

  /** Pages through `gmail_fetch_mails` (newest first) until `max` messages are kept or nothing is left. */
  async fetch(options: FetchOptions): Promise<FetchResult> {
    const kept: FetchedMessage[] = [];
    let pageToken: string | undefined;
    let estimate: number | null = null;
    let toolCalls = 0;
    for (;;) {
      const want = Math.max(1, Math.min(options.pageSize, options.max - kept.length));
      const { data } = await this.gmail.tool('gmail_fetch_mails', {
        query: options.query,
        max_results: want,
        format: 'full',
        ...(pageToken !== undefined ? { page_token: pageToken } : {}),
      });
      toolCalls += 1;
      const page = fetchSchema.safeParse(data);
      if (!page.success) throw new Error('gmail_fetch_mails returned an unexpected answer (no messages list)');
      const sizeEstimate = Number(page.data.resultSizeEstimate ?? page.data.result_size_estimate);
      if (estimate === null && Number.isFinite(sizeEstimate)) estimate = sizeEstimate;
      const messages = (page.data.messages ?? []).map(toMessage);
      let overflow = false;
      for (const message of messages) {
        const fetched = { message, internalDateMs: internalDateOf(message) };
        if (!options.keep(fetched)) continue;
        if (kept.length >= options.max) {
          overflow = true;
          break;
        }
        kept.push(fetched);
      }
      await options.onPage?.(kept.length);
      const next = page.data.nextPageToken ?? page.data.next_page_token ?? undefined;
      if (overflow) return { messages: kept, truncated: true, resultSizeEstimate: estimate, toolCalls };
      if (next === undefined || next === '' || messages.length === 0) {
        return { messages: kept, truncated: false, resultSizeEstimate: estimate, toolCalls };
      }
      if (kept.length >= options.max) {
        // More pages exist; they may hold only boundary messages, so look at one more message.
        const probe = await this.#hasMore(options, next);
        toolCalls += 1;
        return { messages: kept, truncated: probe, resultSizeEstimate: estimate, toolCalls };
      }
      pageToken = next;
    }
  }

  async #hasMore(options: FetchOptions, pageToken: string): Promise<boolean> {
    const { data } = await this.gmail.tool('gmail_fetch_mails', {
      query: options.query,
      max_results: 1,
      format: 'minimal',
      page_token: pageToken,
    });
    const page = fetchSchema.safeParse(data);
    if (!page.success) return false;
    return (page.data.messages ?? [])
      .map(toMessage)
      .some((message) => options.keep({ message, internalDateMs: internalDateOf(message) }));
  }

  /** The id of the newest message matching `query` (one metadata-sized call), or null. */
  async findOne(query: string): Promise<string | null> {
    const { data } = await this.gmail.tool('gmail_fetch_mails', { query, max_results: 1, format: 'minimal' });
    const page = fetchSchema.safeParse(data);
    if (!page.success) throw new Error('gmail_fetch_mails returned an unexpected answer (no messages list)');
    const first = page.data.messages?.[0];
    return first === undefined ? null : toMessage(first).id;
  }

  /** Sends an HTML message; returns the new message's id when the tool reports it. */
  async sendHtml(to: string, subject: string, html: string): Promise<string | null> {
    const { data } = await this.gmail.tool('gmail_send_message', {
      to,
      subject,
      body: html,
      content_type: 'text/html',
    });
    const id = data['id'] ?? data['message_id'];
    return typeof id === 'string' && id !== '' ? id : null;
  }
}
