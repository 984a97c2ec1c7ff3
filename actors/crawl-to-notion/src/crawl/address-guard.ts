// Where the address policy is enforced: host names resolved and judged before a fetch, and again
// by the DNS lookup the HTTP connection itself uses, so that a name answering a public address to
// the check and an internal one to the connection (DNS rebinding) is still refused. Enforced on the
// Apify platform; locally only when asked, so tests and the demo can crawl a site on localhost.

import { lookup as systemLookup, type LookupAddress, type LookupAllOptions, type LookupOptions } from 'node:dns';
import { isIP, type LookupFunction } from 'node:net';
import { addressVerdict, hostVerdict, type AddressVerdict } from './address-policy.js';

/** Set to 1 to enforce the policy outside the platform (tests of the platform behaviour). */
export const ENFORCE_LOCALLY_VARIABLE = 'CRAWL_PUBLIC_ADDRESSES_ONLY';

/** On the platform the policy always holds; no variable or input can turn it off there. */
export function shouldEnforce(isAtHome: boolean, env: Readonly<Record<string, string | undefined>>): boolean {
  return isAtHome || env[ENFORCE_LOCALLY_VARIABLE] === '1';
}

/** `dns.lookup`'s all-addresses form: the one resolver the guard needs (injectable for tests). */
export type ResolveAll = (
  hostname: string,
  options: LookupAllOptions,
  callback: (error: NodeJS.ErrnoException | null, addresses: LookupAddress[]) => void,
) => void;

export interface AddressGuardOptions {
  enforce: boolean;
  resolve?: ResolveAll;
  /** The policy; tests may wrap it to let one loopback address stand in for a public server. */
  verdict?: (address: string) => AddressVerdict;
}

const PLATFORM_NOTE = 'on the Apify platform the crawler fetches only public addresses';

/** A fetch the policy refused: recorded for the page (or reported as an input error), never retried. */
export class AddressRefusedError extends Error {
  constructor(
    readonly host: string,
    readonly address: string | undefined,
    readonly reason: string,
  ) {
    super(
      address === undefined || address === host
        ? `${host} is ${reason}; ${PLATFORM_NOTE}`
        : `${host} resolves to ${address}, ${reason}; ${PLATFORM_NOTE}`,
    );
    this.name = 'AddressRefusedError';
  }
}

const defaultResolve: ResolveAll = (hostname, options, callback) => systemLookup(hostname, options, callback);

export class AddressGuard {
  readonly enforced: boolean;
  private readonly resolveAll: ResolveAll;
  private readonly verdict: (address: string) => AddressVerdict;

  constructor(options: AddressGuardOptions) {
    this.enforced = options.enforce;
    this.resolveAll = options.resolve ?? defaultResolve;
    this.verdict = options.verdict ?? addressVerdict;
  }

  /** The first refused address among a name's addresses, as an error; undefined when all pass. */
  private judge(host: string, addresses: readonly LookupAddress[]): AddressRefusedError | undefined {
    for (const { address } of addresses) {
      const verdict = this.verdict(address);
      if (!verdict.allowed) return new AddressRefusedError(host, address, verdict.reason);
    }
    return undefined;
  }

  /**
   * Why the URL may not be fetched, or undefined. The host name is resolved here; a name that does
   * not resolve passes, and the fetch then fails as any unreachable site does.
   */
  async check(url: string | URL): Promise<AddressRefusedError | undefined> {
    if (!this.enforced) return undefined;
    const { hostname } = typeof url === 'string' ? new URL(url) : url;
    const literal = hostname.replace(/^\[(.*)\]$/, '$1');
    if (isIP(literal) !== 0) {
      const verdict = this.verdict(literal);
      return verdict.allowed ? undefined : new AddressRefusedError(literal, literal, verdict.reason);
    }
    const byName = hostVerdict(hostname);
    if (!byName.allowed) return new AddressRefusedError(hostname, undefined, byName.reason);
    const addresses = await new Promise<LookupAddress[]>((resolve) => {
      this.resolveAll(hostname, { all: true }, (error, found) => resolve(error ? [] : found));
    });
    return this.judge(hostname, addresses);
  }

  /**
   * A `lookup` for the HTTP connection (got's `dnsLookup`): the addresses the socket will connect
   * to pass through the policy. Node calls it only for names (IP literals connect directly, and
   * `check` judged them). `onRefused` lets the caller mark the request as not worth a retry.
   */
  connectionLookup(onRefused: (error: AddressRefusedError) => void = () => undefined): LookupFunction {
    return (
      hostname: string,
      options: LookupOptions,
      callback: (error: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void,
    ) => {
      const family = options.family === 4 || options.family === 6 ? options.family : undefined;
      this.resolveAll(hostname, { ...options, all: true }, (error, found) => {
        if (error) {
          callback(error, []);
          return;
        }
        const addresses = family === undefined ? found : found.filter((entry) => entry.family === family);
        const refused = this.enforced ? this.judge(hostname, addresses) : undefined;
        if (refused !== undefined) {
          onRefused(refused);
          callback(refused, []);
          return;
        }
        if (options.all === true) {
          callback(null, addresses);
          return;
        }
        const first = addresses[0];
        if (first === undefined) {
          callback(Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' }), []);
          return;
        }
        callback(null, first.address, first.family);
      });
    };
  }
}

/** The got options that keep one fetch (and each of its redirects) within the policy. */
export interface GuardedGotOptions {
  dnsLookup: LookupFunction;
  /**
   * HTTP/1.1 only: got's HTTP/2 path opens its sockets through http2-wrapper, which is not known to
   * pass the lookup on. got-scraping still probes an https origin's ALPN with a TLS handshake that
   * uses the system resolver; it comes right after `check`, and carries no request.
   */
  http2: false;
  hooks: { beforeRedirect: ((options: { url?: URL | string | undefined }) => Promise<void>)[] };
}

export function guardedGotOptions(
  guard: AddressGuard,
  onRefused: (error: AddressRefusedError) => void = () => undefined,
): GuardedGotOptions {
  return {
    dnsLookup: guard.connectionLookup(onRefused),
    http2: false,
    hooks: {
      beforeRedirect: [
        async (options) => {
          if (options.url === undefined) return;
          // Behind a proxy the lookup above never sees the target: this check is the only one.
          const refused = await guard.check(options.url);
          if (refused !== undefined) {
            onRefused(refused);
            throw refused;
          }
        },
      ],
    },
  };
}
