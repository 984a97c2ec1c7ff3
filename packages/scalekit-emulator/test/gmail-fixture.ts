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

/** The Gmail API shapes the tests read. */
export interface GmailHeader {
  name: string;
  value: string;
}
export interface GmailPart {
  partId: string;
  mimeType: string;
  filename: string;
  headers: GmailHeader[];
  body: { size: number; data?: string; attachmentId?: string };
  parts?: GmailPart[];
}
export interface GmailMessage {
  id: string;
  threadId: string;
  labelIds: string[];
  snippet: string;
  payload?: GmailPart | { mimeType: string; headers: GmailHeader[] };
  sizeEstimate: number;
  historyId: string;
  internalDate: string;
  raw?: string;
}
export interface GmailList {
  messages?: { id: string; threadId: string }[];
  nextPageToken?: string;
  resultSizeEstimate: number;
}
export interface GmailThreadList {
  threads?: { id: string; snippet: string; historyId: string }[];
  nextPageToken?: string;
  resultSizeEstimate: number;
}
export interface GmailThread {
  id: string;
  historyId: string;
  messages: GmailMessage[];
}
export interface GmailLabel {
  id: string;
  name: string;
  type: 'system' | 'user';
  messagesTotal?: number;
  messagesUnread?: number;
  threadsTotal?: number;
  threadsUnread?: number;
}
export interface GmailErrorBody {
  error: {
    code: number;
    message: string;
    errors: { message: string; domain: string; reason: string }[];
    status: string;
  };
}

/** The anchor ("now") the test mailboxes are seeded against. */
export const ANCHOR = '2025-03-10T12:00:00.000Z';
export const ANCHOR_MS = Date.parse(ANCHOR);

export interface GmailUser {
  identifier: string;
  get<T = JsonObject>(path: string, query?: Record<string, unknown>): Promise<T>;
  post<T = JsonObject>(path: string, body: unknown, query?: Record<string, unknown>): Promise<T>;
  tool<T = JsonObject>(toolName: string, toolInput?: Record<string, unknown>): Promise<T>;
}

export type GmailFixture = SandboxAccounts<GmailUser>;

/** An emulator whose Gmail mailboxes are seeded at ANCHOR with the rate limit off unless `gmail` turns it on. */
export async function startGmail(
  options: { seed?: number; gmail?: JsonObject; persistPath?: string } = {},
): Promise<GmailFixture> {
  const fixture = await startWithClient({
    seed: options.seed ?? 11,
    sandboxes: { gmail: { now: ANCHOR, quotaUnitsPerSecond: 0, ...options.gmail } },
    ...(options.persistPath === undefined ? {} : { persistPath: options.persistPath }),
  });
  const { client } = fixture;
  const handle = (identifier: string): GmailUser => ({
    identifier,
    async get<T>(path: string, query?: Record<string, unknown>): Promise<T> {
      const response = await client.actions.request({
        connectionName: 'gmail',
        identifier,
        path: `/gmail/v1/users/me${path}`,
        queryParams: query,
      });
      return response.data as T;
    },
    async post<T>(path: string, body: unknown, query?: Record<string, unknown>): Promise<T> {
      const response = await client.actions.request({
        connectionName: 'gmail',
        identifier,
        path: `/gmail/v1/users/me${path}`,
        method: 'POST',
        body,
        queryParams: query,
      });
      return response.data as T;
    },
    tool: toolCaller(client, 'gmail', identifier),
  });
  return sandboxAccounts(fixture, 'gmail', handle);
}

/** The Google error body of a refused proxy call (the SDK keeps it as `errDetails`). */
export function gmailErrorOf(
  promise: Promise<unknown>,
): Promise<{ exception: ScalekitServerException; body: GmailErrorBody }> {
  return proxyErrorOf<GmailErrorBody>(promise);
}

export function headerOf(part: { headers: GmailHeader[] } | undefined, name: string): string | undefined {
  return part?.headers.find((h) => h.name.toLowerCase() === name.toLowerCase())?.value;
}

export function fullPayload(message: GmailMessage): GmailPart {
  expect(message.payload).toBeDefined();
  return message.payload as GmailPart;
}

/** Every leaf part, depth first. */
export function leaves(part: GmailPart): GmailPart[] {
  return part.parts && part.parts.length > 0 ? part.parts.flatMap(leaves) : [part];
}

/** Gmail data is base64url (with padding); decode it the way a client would. */
export function decodeData(data: string): Buffer {
  expect(data).toMatch(/^[A-Za-z0-9_-]*={0,2}$/);
  return Buffer.from(data, 'base64url');
}

/**
 * A small RFC 2047 decoder written for the tests, independent of the emulator's, so that checking
 * the emulator's encoding does not reuse its own decoder.
 */
export function decodeEncodedWords(value: string): string {
  return value
    .replace(/\?=\s+=\?/g, '?==?')
    .replace(/=\?utf-8\?([bq])\?([^?]*)\?=/gi, (_m, kind: string, text: string) => {
      if (kind.toLowerCase() === 'b') return Buffer.from(text, 'base64').toString('utf8');
      const bytes = text.replace(/_/g, ' ').replace(/=([0-9A-F]{2})/gi, (_x, hex: string) => `%${hex}`);
      return decodeURIComponent(bytes);
    });
}

/** Every message of a listing, following nextPageToken. */
export async function listAll(
  user: GmailUser,
  query: Record<string, unknown>,
): Promise<{ ids: string[]; pages: number; estimates: number[] }> {
  const ids: string[] = [];
  const estimates: number[] = [];
  let pageToken: string | undefined;
  let pages = 0;
  do {
    const page = await user.get<GmailList>('/messages', { ...query, ...(pageToken ? { pageToken } : {}) });
    pages += 1;
    ids.push(...(page.messages ?? []).map((m) => m.id));
    estimates.push(page.resultSizeEstimate);
    pageToken = page.nextPageToken;
  } while (pageToken !== undefined);
  return { ids, pages, estimates };
}
