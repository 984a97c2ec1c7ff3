// The input's own addresses under the address policy, before any account is touched: a start URL
// (or a proxy of the user's) that resolves to an internal address is an input error on the
// platform. Links and redirects found later are refused page by page by the crawler.

import { InputError } from '../errors.js';
import type { CrawlInput } from '../input.js';
import type { AddressGuard } from './address-guard.js';

export async function refuseInternalTargets(input: CrawlInput, guard: AddressGuard): Promise<void> {
  if (!guard.enforced) return;
  const problems: string[] = [];
  for (const [index, url] of input.startUrls.entries()) {
    const refused = await guard.check(url);
    if (refused !== undefined)
      problems.push(
        `start URL ${index + 1} (${url}): ${refused.host === refused.address || refused.address === undefined ? refused.host : `${refused.host} resolves to ${refused.address}`}, ${refused.reason}`,
      );
  }
  for (const [index, url] of (input.proxyConfiguration.proxyUrls ?? []).entries()) {
    const refused = await guard.check(url);
    // The proxy URL may hold a password: only its host is named.
    if (refused !== undefined) problems.push(`proxy URL ${index + 1} (host ${refused.host}): ${refused.reason}`);
  }
  if (problems.length > 0) {
    throw new InputError(
      `Invalid input: ${problems.join('; ')}. On the Apify platform the crawler fetches only public web addresses, never the platform's own network; give the site's public address.`,
    );
  }
}
