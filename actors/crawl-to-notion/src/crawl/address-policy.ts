// Which network addresses the crawler may fetch on the Apify platform. The crawler fetches what a
// user (or a page the user points at) names, from inside Apify's network: without this rule a start
// URL, a redirect or a link could reach the container's own services, the cloud's metadata service
// or a private network (SSRF). Only globally routable unicast addresses pass. Pure functions: the
// DNS resolution and the moment of the check are the address guard's business.

import { isIP } from 'node:net';
import ipaddr from 'ipaddr.js';

export type AddressVerdict = { allowed: true } | { allowed: false; reason: string };

const ALLOWED: AddressVerdict = { allowed: true };
const refused = (reason: string): AddressVerdict => ({ allowed: false, reason });

/** Why an ipaddr.js range is refused, in words a user understands. */
const RANGE_REASONS: Readonly<Record<string, string>> = {
  unspecified: 'an unspecified address',
  broadcast: 'a broadcast address',
  multicast: 'a multicast address',
  linkLocal: 'a link-local address (where cloud metadata services live)',
  loopback: 'a loopback address (the machine the crawler runs on)',
  carrierGradeNat: "a carrier-grade NAT address (a provider's internal network)",
  private: 'a private network address',
  uniqueLocal: 'a unique-local IPv6 address (a private network)',
  deprecatedSiteLocal: 'a site-local IPv6 address (a private network)',
  reserved: 'a reserved or documentation-only address',
};

function describeRange(range: string): string {
  return RANGE_REASONS[range] ?? `a special-purpose address (${range})`;
}

/** The IPv4 address carried in bits `offset`..`offset + 32` of an IPv6 address. */
function embeddedIPv4(address: ipaddr.IPv6, offset: 16 | 96): ipaddr.IPv4 {
  const bytes = address.toByteArray();
  const start = offset / 8;
  return new ipaddr.IPv4(bytes.slice(start, start + 4));
}

function ipv4Verdict(address: ipaddr.IPv4): AddressVerdict {
  const range = address.range();
  return range === 'unicast' ? ALLOWED : refused(describeRange(range));
}

/**
 * Whether the crawler may connect to `address` (an IPv4 or IPv6 address as DNS or a URL gives it;
 * brackets and an IPv6 zone are tolerated). IPv6 forms that carry an IPv4 address (IPv4-mapped,
 * IPv4-translated, NAT64, 6to4) are judged by that IPv4 address; IPv4-compatible (::a.b.c.d) and
 * Teredo forms, deprecated or opaque, are refused.
 */
export function addressVerdict(address: string): AddressVerdict {
  const text = address
    .trim()
    .replace(/^\[(.*)\]$/, '$1')
    .replace(/%.*$/, '');
  if (isIP(text) === 0) return refused(`not an IP address ("${address}")`);
  const parsed = ipaddr.parse(text);
  if (parsed.kind() === 'ipv4') return ipv4Verdict(parsed as ipaddr.IPv4);
  const v6 = parsed as ipaddr.IPv6;
  const range = v6.range();
  switch (range) {
    case 'ipv4Mapped':
      return ipv4Verdict(v6.toIPv4Address());
    case 'rfc6145':
    case 'rfc6052':
      return ipv4Verdict(embeddedIPv4(v6, 96));
    case '6to4':
      return ipv4Verdict(embeddedIPv4(v6, 16));
    case 'teredo':
      return refused('a Teredo tunnel address');
    case 'unicast': {
      // ::a.b.c.d (IPv4-compatible, deprecated by RFC 4291) matches no ipaddr.js range.
      const parts = v6.parts;
      if (parts.slice(0, 6).every((part) => part === 0)) return refused('an IPv4-compatible IPv6 address (deprecated)');
      return ALLOWED;
    }
    default:
      return refused(describeRange(range));
  }
}

/**
 * Host names that are internal whatever they resolve to, judged before any DNS lookup. They matter
 * most behind a proxy: the proxy resolves names in its own network, which the crawler cannot see.
 */
const INTERNAL_NAMES = [
  /^localhost$/,
  /\.localhost$/, // RFC 6761: always loopback
  /(^|\.)internal$/, // reserved for private use (ICANN, 2024); metadata.google.internal
  /(^|\.)local$/, // mDNS
  /(^|\.)home\.arpa$/,
  /^metadata$/,
  /^instance-data(\.ec2\.internal)?$/, // EC2's metadata host name
];

/**
 * The verdict on a URL's host (as `new URL().hostname` gives it, so odd IPv4 spellings such as
 * `0x7f.1` or `2130706433` are already normalised to dotted decimal): IP literals are judged at
 * once, internal names are refused, and other names are allowed here pending their DNS answer
 * (`resolved: false`).
 */
export function hostVerdict(hostname: string): AddressVerdict & { resolved: boolean } {
  const host = hostname.trim().toLowerCase().replace(/\.$/, '');
  const literal = host.replace(/^\[(.*)\]$/, '$1');
  if (isIP(literal) !== 0) return { ...addressVerdict(literal), resolved: true };
  if (host === '' || INTERNAL_NAMES.some((pattern) => pattern.test(host))) {
    return { ...refused('an internal host name'), resolved: true };
  }
  return { ...ALLOWED, resolved: false };
}
