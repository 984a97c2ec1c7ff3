import { describe, expect, it } from 'vitest';
import { addressVerdict, hostVerdict } from '../../src/crawl/address-policy.js';

describe('addressVerdict', () => {
  it.each([
    // IPv4 special ranges
    ['127.0.0.1', /loopback/],
    ['127.1.2.3', /loopback/],
    ['10.0.0.1', /private/],
    ['172.16.0.1', /private/],
    ['172.31.255.255', /private/],
    ['192.168.1.1', /private/],
    ['169.254.169.254', /link-local.*metadata/],
    ['100.64.0.1', /carrier-grade NAT/],
    ['0.0.0.0', /unspecified/],
    ['224.0.0.1', /multicast/],
    ['255.255.255.255', /broadcast/],
    ['192.0.2.1', /reserved/],
    ['240.0.0.1', /reserved/],
    // IPv6 special ranges
    ['::1', /loopback/],
    ['::', /unspecified/],
    ['fe80::1', /link-local/],
    ['fe80::1%eth0', /link-local/],
    ['fc00::1', /unique-local/],
    ['fd00:ec2::254', /unique-local/], // EC2's IPv6 metadata service
    ['fec0::1', /site-local/],
    ['ff02::1', /multicast/],
    ['2001:db8::1', /reserved|documentation/],
    // IPv6 spellings of internal IPv4 addresses
    ['::ffff:127.0.0.1', /loopback/],
    ['::ffff:7f00:1', /loopback/],
    ['[::ffff:a9fe:a9fe]', /link-local/],
    ['::ffff:0:10.0.0.1', /private/], // IPv4-translated
    ['64:ff9b::a9fe:a9fe', /link-local/], // NAT64 of 169.254.169.254
    ['2002:7f00:1::', /loopback/], // 6to4 of 127.0.0.1
    ['::127.0.0.1', /IPv4-compatible|loopback/],
    ['::a00:1', /IPv4-compatible/],
    ['2001:0:4136:e378:8000:63bf:3fff:fdd2', /Teredo|reserved/],
    // not addresses at all
    ['localhost', /not an IP address/],
    ['', /not an IP address/],
  ])('refuses %s', (address, reason) => {
    const verdict = addressVerdict(address);
    expect(verdict.allowed).toBe(false);
    if (!verdict.allowed) expect(verdict.reason).toMatch(reason);
  });

  it.each([
    '8.8.8.8',
    '1.1.1.1',
    '93.184.216.34',
    '172.32.0.1', // just outside 172.16/12
    '100.128.0.1', // just outside 100.64/10
    '2606:4700:4700::1111',
    '2a00:1450:4001:82b::200e',
    '::ffff:8.8.8.8',
    '64:ff9b::808:808', // NAT64 of 8.8.8.8
    '2002:808:808::1', // 6to4 of 8.8.8.8
  ])('allows %s', (address) => {
    expect(addressVerdict(address)).toEqual({ allowed: true });
  });
});

describe('hostVerdict over hosts as WHATWG URL normalises them', () => {
  const hostOf = (url: string): string => new URL(url).hostname;

  it.each([
    ['http://2130706433/', /loopback/], // decimal
    ['http://0x7f.1/', /loopback/], // hex
    ['http://0177.0.0.1/', /loopback/], // octal
    ['http://127.1/', /loopback/], // short form
    ['http://0/', /unspecified/],
    ['http://0xa9fea9fe/', /link-local/],
    ['http://[::ffff:127.0.0.1]/', /loopback/],
    ['http://[::1]:8080/', /loopback/],
    ['http://[fd00:ec2::254]/', /unique-local/],
    ['http://localhost:3000/', /internal host name/],
    ['http://LOCALHOST./', /internal host name/],
    ['http://api.localhost/', /internal host name/],
    ['http://metadata.google.internal/computeMetadata/v1/', /internal host name/],
    ['http://metadata/', /internal host name/],
    ['http://printer.local/', /internal host name/],
    ['http://nas.home.arpa/', /internal host name/],
  ])('refuses %s without a DNS lookup', (url, reason) => {
    const verdict = hostVerdict(hostOf(url));
    expect(verdict).toMatchObject({ allowed: false, resolved: true });
    if (!verdict.allowed) expect(verdict.reason).toMatch(reason);
  });

  it('allows a public literal as decided, and leaves names to their DNS answer', () => {
    expect(hostVerdict(hostOf('http://8.8.8.8/'))).toEqual({ allowed: true, resolved: true });
    expect(hostVerdict(hostOf('https://docs.example.com/'))).toEqual({ allowed: true, resolved: false });
    expect(hostVerdict(hostOf('https://internal-docs.example.com/'))).toEqual({ allowed: true, resolved: false });
  });
});
