// The Actor's input, checked in code as well as by the platform: `node dist/main.js`, API callers
// and schedules bypass the input schema's checks. Everything wrong is reported in one message,
// before any account is touched or anything written.

import { z } from 'zod';
import { parseInputWith } from '@repo/auth-gate';
import { InputError } from './errors.js';

export const DEFAULT_DATABASE_TITLE = 'Crawled pages';

export interface CrawlInput {
  /** Absolute http(s) URLs, fragments removed, duplicates dropped. */
  startUrls: string[];
  maxPages: number;
  maxDepth: number;
  includeGlobs: string[];
  excludeGlobs: string[];
  sameDomain: boolean;
  useSitemaps: boolean;
  respectRobotsTxt: boolean;
  maxConcurrency: number;
  requestTimeoutSecs: number;
  destination: 'page' | 'database';
  /** Title, URL or id of the page the crawled pages (or the new database) go under. */
  parentPage: string | undefined;
  /** Title, URL or id of the database (database mode). */
  database: string;
  linkToNotionPages: boolean;
  /**
   * Share of the pages to write that may fail before the run fails (0: any failed page fails the
   * run). Broken links of the site do not count: there is no page to write.
   */
  maxFailedPagesPercent: number;
  /** The `proxy` editor's value, for Actor.createProxyConfiguration (see crawl/proxy-setup.ts). */
  proxyConfiguration: ProxyInput;
}

export interface ProxyInput {
  useApifyProxy: boolean;
  apifyProxyGroups?: string[];
  apifyProxyCountry?: string;
  proxyUrls?: string[];
}

/** As the input schema's default: Apify Proxy (its automatic datacenter group). */
export const DEFAULT_PROXY: ProxyInput = { useApifyProxy: true };

/** Empty strings and nulls mean "not given": the Console sends "" for cleared fields. */
const blankToUndefined = (value: unknown): unknown => {
  if (value === null) return undefined;
  if (typeof value === 'string' && value.trim() === '') return undefined;
  return typeof value === 'string' ? value.trim() : value;
};

const optionalText = z.preprocess(blankToUndefined, z.string().max(2000, 'must be at most 2000 characters').optional());

const intWithDefault = (min: number, max: number, fallback: number) =>
  z.preprocess(
    (value) => (value === null || value === undefined || value === '' ? fallback : value),
    z
      .number({ error: 'must be a whole number' })
      .int('must be a whole number')
      .min(min, `must be at least ${min}`)
      .max(max, `must be at most ${max}`),
  );

const boolWithDefault = (fallback: boolean) =>
  z.preprocess(
    (value) => (value === null || value === undefined ? fallback : value),
    z.boolean({ error: 'must be true or false' }),
  );

/** `requestListSources` gives `[{ url }]`; plain strings are accepted from API callers too. */
const startUrl = z.union([
  z.string(),
  z.looseObject({ url: z.string({ error: 'each start URL needs a "url"' }) }),
  z.looseObject({ requestsFromUrl: z.string() }),
]);

/** The `globs` editor gives `[{ glob }]`; plain strings are accepted too. */
const glob = z.union([z.string(), z.looseObject({ glob: z.string() })]);

const rawSchema = z.object({
  startUrls: z.preprocess((value) => value ?? [], z.array(startUrl, { error: 'must be a list of URLs' })),
  maxPages: intWithDefault(1, 100_000, 100),
  maxDepth: intWithDefault(0, 100, 10),
  includeGlobs: z.preprocess((value) => value ?? [], z.array(glob, { error: 'must be a list of globs' })),
  excludeGlobs: z.preprocess((value) => value ?? [], z.array(glob, { error: 'must be a list of globs' })),
  sameDomain: boolWithDefault(true),
  useSitemaps: boolWithDefault(false),
  respectRobotsTxt: boolWithDefault(true),
  maxConcurrency: intWithDefault(1, 100, 10),
  requestTimeoutSecs: intWithDefault(1, 600, 30),
  destination: z.preprocess(
    (value) => blankToUndefined(value) ?? 'page',
    z.enum(['page', 'database'], { error: 'must be "page" or "database"' }),
  ),
  parentPage: optionalText,
  database: optionalText,
  linkToNotionPages: boolWithDefault(true),
  maxFailedPagesPercent: intWithDefault(0, 100, 0),
  proxyConfiguration: z.preprocess(
    (value) => value ?? undefined,
    z
      .looseObject(
        {
          useApifyProxy: z.boolean({ error: 'useApifyProxy must be true or false' }).optional(),
          apifyProxyGroups: z.array(z.string(), { error: 'apifyProxyGroups must be a list of group names' }).optional(),
          apifyProxyCountry: z.string({ error: 'apifyProxyCountry must be a country code such as "US"' }).optional(),
          proxyUrls: z.array(z.string(), { error: 'proxyUrls must be a list of proxy URLs' }).optional(),
        },
        { error: 'must be an object such as {"useApifyProxy": true}' },
      )
      .optional(),
  ),
});

type RawProxy = NonNullable<z.infer<typeof rawSchema>['proxyConfiguration']>;

function normalizeProxy(raw: RawProxy | undefined): ProxyInput {
  if (raw === undefined) return { ...DEFAULT_PROXY };
  const proxyUrls = (raw.proxyUrls ?? []).map((url) => url.trim()).filter((url) => url !== '');
  proxyUrls.forEach((text, index) => {
    let url: URL | undefined;
    try {
      url = new URL(text);
    } catch {
      url = undefined;
    }
    if (url === undefined || !['http:', 'https:', 'socks:', 'socks4:', 'socks5:'].includes(url.protocol)) {
      throw new InputError(
        `Invalid input: proxy URL ${index + 1} is not a proxy address; use the form http://user:password@host:port.`,
      );
    }
  });
  if (proxyUrls.length > 0) {
    if (raw.useApifyProxy === true) {
      throw new InputError(
        'Invalid input: "Proxy configuration" sets both Apify Proxy and your own proxy URLs; choose one.',
      );
    }
    return { useApifyProxy: false, proxyUrls };
  }
  const groups = (raw.apifyProxyGroups ?? []).map((group) => group.trim()).filter((group) => group !== '');
  const country = raw.apifyProxyCountry?.trim() || undefined;
  return {
    useApifyProxy: raw.useApifyProxy ?? false,
    ...(groups.length > 0 ? { apifyProxyGroups: groups } : {}),
    ...(country === undefined ? {} : { apifyProxyCountry: country }),
  };
}

function normalizeStartUrl(raw: string, index: number): string {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    throw new InputError(
      `Invalid input: start URL ${index + 1} ("${raw}") is not a valid URL; use a full address such as https://docs.example.com/.`,
    );
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new InputError(`Invalid input: start URL ${index + 1} ("${raw}") must start with http:// or https://.`);
  }
  url.hash = '';
  return url.href;
}

function globText(value: z.infer<typeof glob>): string {
  return (typeof value === 'string' ? value : value.glob).trim();
}

/** The validated input, or an InputError with one message listing everything to fix. */
export function parseInput(raw: unknown): CrawlInput {
  const input = parseInputWith(rawSchema, raw, 'a JSON object with "startUrls"');
  const urls: string[] = [];
  input.startUrls.forEach((entry, index) => {
    if (typeof entry !== 'string' && 'requestsFromUrl' in entry && !('url' in entry)) {
      throw new InputError(
        'Invalid input: start URLs read from a file or a remote list are not supported; enter the URLs themselves.',
      );
    }
    const text = typeof entry === 'string' ? entry : (entry as { url: string }).url;
    if (text.trim() === '') return;
    urls.push(normalizeStartUrl(text, index));
  });
  const startUrls = [...new Set(urls)];
  if (startUrls.length === 0) {
    throw new InputError(
      'Invalid input: give at least one start URL (e.g. https://docs.example.com/) in "Start URLs".',
    );
  }
  if (input.destination === 'page' && input.parentPage === undefined) {
    throw new InputError(
      'Invalid input: set "Parent page" to the title, URL or id of a Notion page shared with the integration; the crawled pages are created under it.',
    );
  }
  return {
    startUrls,
    maxPages: input.maxPages,
    maxDepth: input.maxDepth,
    includeGlobs: input.includeGlobs.map(globText).filter((g) => g !== ''),
    excludeGlobs: input.excludeGlobs.map(globText).filter((g) => g !== ''),
    sameDomain: input.sameDomain,
    useSitemaps: input.useSitemaps,
    respectRobotsTxt: input.respectRobotsTxt,
    maxConcurrency: input.maxConcurrency,
    requestTimeoutSecs: input.requestTimeoutSecs,
    destination: input.destination,
    parentPage: input.parentPage,
    database: input.database ?? DEFAULT_DATABASE_TITLE,
    linkToNotionPages: input.linkToNotionPages,
    maxFailedPagesPercent: input.maxFailedPagesPercent,
    proxyConfiguration: normalizeProxy(input.proxyConfiguration),
  };
}
