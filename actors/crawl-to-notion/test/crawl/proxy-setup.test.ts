import { describe, expect, it } from 'vitest';
import { LOCAL_NO_APIFY_PROXY_WARNING, planProxy } from '../../src/crawl/proxy-setup.js';
import { parseInput } from '../../src/input.js';

const base = { startUrls: [{ url: 'https://docs.example.com/' }], parentPage: 'Docs' };
const proxyOf = (proxyConfiguration: unknown) => parseInput({ ...base, proxyConfiguration }).proxyConfiguration;

describe('the proxyConfiguration input', () => {
  it('defaults to Apify Proxy, as the input schema does', () => {
    expect(parseInput(base).proxyConfiguration).toEqual({ useApifyProxy: true });
    expect(proxyOf(null)).toEqual({ useApifyProxy: true });
  });

  it('keeps what the proxy editor gives', () => {
    expect(proxyOf({ useApifyProxy: false })).toEqual({ useApifyProxy: false });
    expect(proxyOf({ useApifyProxy: true, apifyProxyGroups: ['RESIDENTIAL'], apifyProxyCountry: 'US' })).toEqual({
      useApifyProxy: true,
      apifyProxyGroups: ['RESIDENTIAL'],
      apifyProxyCountry: 'US',
    });
    expect(proxyOf({ useApifyProxy: false, proxyUrls: ['http://user:pw@proxy.example.com:8000', ' '] })).toEqual({
      useApifyProxy: false,
      proxyUrls: ['http://user:pw@proxy.example.com:8000'],
    });
  });

  it.each([
    ['on', /proxyConfiguration: must be an object/],
    [{ useApifyProxy: 'yes' }, /useApifyProxy must be true or false/],
    [{ proxyUrls: ['not a url'] }, /proxy URL 1 is not a proxy address/],
    [{ useApifyProxy: true, proxyUrls: ['http://proxy.example.com:8000'] }, /both Apify Proxy and your own proxy URLs/],
  ])('refuses %j with one clear message', (value, message) => {
    expect(() => proxyOf(value)).toThrow(message);
  });

  it('never repeats a proxy password in the error', () => {
    expect(() => proxyOf({ proxyUrls: ['ftp://user:s3cret@proxy.example.com'] })).toThrow(/^(?!.*s3cret)/s);
  });
});

describe('planProxy', () => {
  const apify = { useApifyProxy: true };

  it('uses Apify Proxy on the platform', () => {
    expect(planProxy(apify, { isAtHome: true, env: {} })).toEqual({ kind: 'apify' });
    expect(
      planProxy(
        { useApifyProxy: true, apifyProxyGroups: ['RESIDENTIAL'], apifyProxyCountry: 'DE' },
        { isAtHome: true, env: {} },
      ),
    ).toEqual({
      kind: 'apify',
      groups: ['RESIDENTIAL'],
      countryCode: 'DE',
    });
  });

  it('locally without Apify credentials crawls directly and says why, instead of failing every request', () => {
    expect(planProxy(apify, { isAtHome: false, env: {} })).toEqual({
      kind: 'direct',
      warning: LOCAL_NO_APIFY_PROXY_WARNING,
    });
  });

  it('locally with a proxy password or a token uses Apify Proxy', () => {
    expect(planProxy(apify, { isAtHome: false, env: { APIFY_PROXY_PASSWORD: 'pw' } })).toEqual({ kind: 'apify' });
    expect(planProxy(apify, { isAtHome: false, env: { APIFY_TOKEN: 'token' } })).toEqual({ kind: 'apify' });
  });

  it("uses the user's own proxies anywhere, and none when none is chosen", () => {
    const custom = { useApifyProxy: false, proxyUrls: ['http://127.0.0.1:8000'] };
    expect(planProxy(custom, { isAtHome: false, env: {} })).toEqual({
      kind: 'custom',
      proxyUrls: ['http://127.0.0.1:8000'],
    });
    expect(planProxy({ useApifyProxy: false }, { isAtHome: true, env: {} })).toEqual({ kind: 'direct' });
  });
});
