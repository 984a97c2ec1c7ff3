// The crawl's proxy, from the `proxy` editor's value. On the platform it is whatever the user chose
// (Apify Proxy by default, as Apify's crawler templates do). Locally Apify Proxy needs credentials
// (APIFY_PROXY_PASSWORD, or APIFY_TOKEN from which the SDK fetches it; `apify run` sets both when
// logged in): without them the SDK would fall back to an unauthenticated proxy URL that fails every
// request, so a local run crawls directly instead and says so once.

import { Actor, type ProxyConfiguration } from 'apify';
import { ExpectedFailure, errorMessage } from '../errors.js';
import type { ProxyInput } from '../input.js';

export type ProxyPlan =
  | { kind: 'direct'; warning?: string }
  | { kind: 'apify'; groups?: string[]; countryCode?: string }
  | { kind: 'custom'; proxyUrls: string[] };

export const LOCAL_NO_APIFY_PROXY_WARNING =
  'Apify Proxy is not available outside the platform without APIFY_PROXY_PASSWORD or APIFY_TOKEN (or `apify run` while logged in): crawling without a proxy.';

export function planProxy(
  input: ProxyInput,
  context: { isAtHome: boolean; env: Readonly<Record<string, string | undefined>> },
): ProxyPlan {
  if (input.proxyUrls !== undefined && input.proxyUrls.length > 0)
    return { kind: 'custom', proxyUrls: input.proxyUrls };
  if (!input.useApifyProxy) return { kind: 'direct' };
  const credentials = Boolean(context.env['APIFY_PROXY_PASSWORD']?.trim() || context.env['APIFY_TOKEN']?.trim());
  if (!context.isAtHome && !credentials) return { kind: 'direct', warning: LOCAL_NO_APIFY_PROXY_WARNING };
  return {
    kind: 'apify',
    ...(input.apifyProxyGroups === undefined ? {} : { groups: input.apifyProxyGroups }),
    ...(input.apifyProxyCountry === undefined ? {} : { countryCode: input.apifyProxyCountry }),
  };
}

/** crawlee's ProxyConfiguration for the plan, or undefined for direct connections. */
export async function openProxyConfiguration(plan: ProxyPlan): Promise<ProxyConfiguration | undefined> {
  if (plan.kind === 'direct') return undefined;
  try {
    return await Actor.createProxyConfiguration(
      plan.kind === 'custom'
        ? { proxyUrls: plan.proxyUrls }
        : {
            ...(plan.groups === undefined ? {} : { groups: plan.groups }),
            ...(plan.countryCode === undefined ? {} : { countryCode: plan.countryCode }),
          },
    );
  } catch (error) {
    throw new ExpectedFailure(
      'PROXY_UNAVAILABLE',
      `The proxy could not be set up: ${errorMessage(error)}. Check "Proxy configuration" (proxy groups your account has, or your own proxy URLs), or choose no proxy.`,
    );
  }
}
