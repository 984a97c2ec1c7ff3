import { type ScalekitServerException } from '@scalekit-sdk/node';
import { expect } from 'vitest';
import type { JsonObject } from '../src/sandboxes/sandbox.js';
import {
  proxyErrorOf,
  sandboxAccounts,
  startWithClient,
  toolCaller,
  type SandboxAccounts,
} from './support/connected-client.js';

/** Shapes the Notion tests read (a subset of the API's JSON). */
export interface RichTextOut {
  type: string;
  plain_text: string;
  href: string | null;
  text?: { content: string; link: { url: string } | null };
  annotations: Record<string, unknown>;
}
export interface PropertyOut {
  id: string;
  type: string;
  title?: RichTextOut[];
  rich_text?: RichTextOut[];
  number?: number | null;
  url?: string | null;
  checkbox?: boolean;
  select?: { id: string; name: string; color: string } | null;
  multi_select?: { id: string; name: string; color: string }[];
  date?: { start: string; end: string | null } | null;
  created_time?: string;
}
export interface PageOut {
  object: 'page';
  id: string;
  url: string;
  archived: boolean;
  in_trash: boolean;
  parent: Record<string, unknown>;
  properties: Record<string, PropertyOut>;
  created_time: string;
  last_edited_time: string;
  icon: Record<string, unknown> | null;
}
export interface DatabaseOut {
  object: 'database';
  id: string;
  title: RichTextOut[];
  parent: Record<string, unknown>;
  properties: Record<string, { id: string; name: string; type: string; select?: { options: { name: string }[] } }>;
}
export interface BlockOut {
  object: 'block';
  id: string;
  type: string;
  has_children: boolean;
  archived: boolean;
  parent: Record<string, unknown>;
  [type: string]: unknown;
}
export interface ListOut<T> {
  object: 'list';
  results: T[];
  next_cursor: string | null;
  has_more: boolean;
  type: string;
}
export interface ErrorOut {
  object: 'error';
  status: number;
  code: string;
  message: string;
}

export const NOTION_VERSION_HEADER = { 'Notion-Version': '2022-06-28' };

/** One connected Notion account, used through the real SDK. */
export interface NotionUser {
  identifier: string;
  request<T = JsonObject>(method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<T>;
  tool<T = JsonObject>(toolName: string, toolInput?: Record<string, unknown>): Promise<T>;
}

export type NotionFixture = SandboxAccounts<NotionUser>;

/** An emulator with the Notion sandbox; the rate limit is off unless `notion` options turn it on. */
export async function startNotion(
  options: { seed?: number; notion?: JsonObject; persistPath?: string } = {},
): Promise<NotionFixture> {
  const fixture = await startWithClient({
    seed: options.seed ?? 7,
    sandboxes: { notion: { rateLimitPerSecond: 0, ...options.notion } },
    ...(options.persistPath === undefined ? {} : { persistPath: options.persistPath }),
  });
  const { client } = fixture;
  const handle = (identifier: string): NotionUser => ({
    identifier,
    async request<T>(
      method: string,
      path: string,
      body?: unknown,
      headers: Record<string, string> = NOTION_VERSION_HEADER,
    ) {
      const response = await client.actions.request({
        connectionName: 'notion',
        identifier,
        path,
        method,
        body,
        headers,
      });
      return response.data as T;
    },
    tool: toolCaller(client, 'notion', identifier),
  });
  return sandboxAccounts(fixture, 'notion', handle);
}

/** The Notion error body a refused proxy call carried (the SDK keeps it as `errDetails`). */
export function notionErrorOf(
  promise: Promise<unknown>,
): Promise<{ exception: ScalekitServerException; body: ErrorOut }> {
  return proxyErrorOf<ErrorOut>(promise);
}

export function text(content: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { type: 'text', text: { content }, ...extra };
}

export function paragraph(content: string, children?: unknown[]): Record<string, unknown> {
  return {
    object: 'block',
    type: 'paragraph',
    paragraph: { rich_text: [text(content)], ...(children ? { children } : {}) },
  };
}

export function titleOf(page: PageOut): string {
  const title = Object.values(page.properties).find((p) => p.type === 'title');
  return (title?.title ?? []).map((t) => t.plain_text).join('');
}

/** Every page of a paginated list, following `next_cursor`. */
export async function collect<T>(
  fetchPage: (cursor: string | undefined) => Promise<ListOut<T>>,
): Promise<{ items: T[]; pages: number }> {
  const items: T[] = [];
  let cursor: string | undefined;
  let pages = 0;
  do {
    const page = await fetchPage(cursor);
    pages += 1;
    items.push(...page.results);
    cursor = page.next_cursor ?? undefined;
    expect(page.has_more).toBe(page.next_cursor !== null);
  } while (cursor !== undefined);
  return { items, pages };
}
