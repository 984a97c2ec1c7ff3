// The SDK turns a failed proxy call into `ScalekitServerException.promote(response)`, which keeps
// the response body (`errDetails`) but drops its headers, and with them `Retry-After`. The body it
// keeps is the very object axios parsed, so a response interceptor on the SDK's own axios instance
// can remember that response's headers against its body: no second request, and the headers read
// are those of the response the SDK got.

/** The part of axios this needs, typed here: axios is the SDK's dependency, not ours. */
interface AxiosLikeInstance {
  interceptors: {
    response: { use(onFulfilled: undefined, onRejected: (error: unknown) => Promise<never>): number };
  };
}

const headersByBody = new WeakMap<object, Record<string, string>>();

function lowerCaseHeaders(raw: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (typeof raw !== 'object' || raw === null) return out;
  // AxiosHeaders is iterable as plain own properties through toJSON; a plain object works as is.
  const plain =
    typeof (raw as { toJSON?: unknown }).toJSON === 'function' ? (raw as { toJSON: () => unknown }).toJSON() : raw;
  for (const [key, value] of Object.entries(plain as Record<string, unknown>)) {
    if (typeof value === 'string' || typeof value === 'number') out[key.toLowerCase()] = String(value);
  }
  return out;
}

/**
 * Hooks the SDK client's axios instance (the proxy's transport). Returns false when this SDK
 * version does not expose it: proxy 429s then fall back to backoff without Retry-After.
 */
export function observeProxyErrorHeaders(client: unknown): boolean {
  const core = (client as { coreClient?: { axios?: unknown } } | null)?.coreClient;
  const axios = core?.axios as Partial<AxiosLikeInstance> | undefined;
  if (typeof axios?.interceptors?.response?.use !== 'function') return false;
  axios.interceptors.response.use(undefined, (error: unknown): Promise<never> => {
    const response = (error as { response?: { data?: unknown; headers?: unknown } } | null)?.response;
    if (response && typeof response.data === 'object' && response.data !== null) {
      headersByBody.set(response.data, lowerCaseHeaders(response.headers));
    }
    // Passed on untouched (axios rejects with AxiosError instances; the SDK inspects them).
    throw error;
  });
  return true;
}

/** The headers of the failed proxy response whose body the SDK kept as `errDetails`. */
export function proxyErrorHeaders(details: unknown): Record<string, string> | undefined {
  return typeof details === 'object' && details !== null ? headersByBody.get(details) : undefined;
}

/** `Retry-After` in seconds: delta-seconds or an HTTP date (RFC 9110 §10.2.3). */
export function parseRetryAfter(value: string | undefined, now: number = Date.now()): number | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed);
  const at = Date.parse(trimmed);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, Math.ceil((at - now) / 1000));
}
