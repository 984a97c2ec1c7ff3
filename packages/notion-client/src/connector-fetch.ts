// The one place Notion's SDK meets the network: its `fetch` option, answered by an auth-gate
// connector handle, which sends the call through Scalekit's proxy on the user's connected account.
// The handle keeps every call under the run's identity and rate limit, retries what is safe to
// retry, waits out 429s (Retry-After), trips its circuit breaker and re-authorizes; the SDK builds
// the requests and reads the answers, its errors included.

import { ProviderRequestError, type ConnectorHandle, type ProxyCall } from '@repo/auth-gate';
import type { Client } from '@notionhq/client';

export type NotionFetch = NonNullable<NonNullable<ConstructorParameters<typeof Client>[0]>['fetch']>;
type NotionFetchResponse = Awaited<ReturnType<NotionFetch>>;
type NotionFetchInit = NonNullable<Parameters<NotionFetch>[1]>;

/** The handle's part this adapter uses. */
export type ProxyHandle = Pick<ConnectorHandle, 'request'>;

/** The SDK's default base URL: Scalekit's proxy knows Notion's address, only the path travels. */
export const NOTION_API_ORIGIN = 'https://api.notion.com';

/** POSTs that only read (search, database query): safe to repeat after an ambiguous failure. */
const READ_ONLY_POST = /^\/v1\/(?:search|databases\/[^/]+\/query)$/;

function header(headers: NotionFetchInit['headers'], name: string): string | undefined {
  const wanted = name.toLowerCase();
  return Object.entries(headers ?? {}).find(([key]) => key.toLowerCase() === wanted)?.[1];
}

/** The answer as the SDK reads it: status, headers and the JSON text of the body. */
function answer(status: number, headers: Record<string, string>, data: unknown): NotionFetchResponse {
  const text = typeof data === 'string' ? data : JSON.stringify(data ?? {});
  return { ok: status >= 200 && status < 300, status, headers, text: () => Promise.resolve(text) };
}

/** Notion's error body (`{ object: 'error', status, code, message }`), which the SDK turns into APIResponseError. */
function isNotionError(body: unknown): boolean {
  if (typeof body !== 'object' || body === null) return false;
  const { code, message } = body as { code?: unknown; message?: unknown };
  return typeof code === 'string' && typeof message === 'string';
}

/** The proxy call for one SDK request. */
export function proxyCallOf(url: string, init: NotionFetchInit = {}): ProxyCall {
  const target = new URL(url);
  if (target.origin !== NOTION_API_ORIGIN) {
    throw new Error(`The Notion client only calls ${NOTION_API_ORIGIN} through the proxy, not ${target.origin}.`);
  }
  if (init.body !== undefined && typeof init.body !== 'string') {
    throw new Error('The Notion client sends JSON bodies only (file uploads do not go through the proxy).');
  }
  const method = (init.method ?? 'GET').toUpperCase();
  const version = header(init.headers, 'Notion-Version');
  return {
    method,
    path: target.pathname,
    ...(target.search === '' ? {} : { query: Object.fromEntries(target.searchParams) }),
    // The proxy takes the body as a value and encodes it itself.
    ...(init.body === undefined ? {} : { body: JSON.parse(init.body) as unknown }),
    ...(version === undefined ? {} : { headers: { 'Notion-Version': version } }),
    ...(method === 'POST' && READ_ONLY_POST.test(target.pathname) ? { idempotent: true } : {}),
  };
}

/**
 * A `fetch` for `new Client({ fetch })`. Notion's own refusals (a 4xx, or a 5xx the handle gave up
 * on, with Notion's error body) come back as responses, so the SDK raises its APIResponseError with
 * Notion's code; every other failure (authorization lost, rate-limit budget spent, breaker open,
 * Scalekit unreachable, a proxy error without Notion's body) is auth-gate's error, passed through.
 */
export function connectorFetch(handle: ProxyHandle): NotionFetch {
  return async (url, init) => {
    const call = proxyCallOf(url, init);
    try {
      const result = await handle.request(call);
      return answer(result.status, result.headers, result.data);
    } catch (error) {
      if (error instanceof ProviderRequestError && error.status !== undefined && isNotionError(error.body)) {
        return answer(error.status, {}, error.body);
      }
      throw error;
    }
  };
}
