import { describe, expect, it } from 'vitest';
import { callerIdentifier, MAX_CALLER_PREFIX_CHARS } from '../src/standby/index.js';

const LIMIT = 100;
const chars = (s: string): number => [...s].length;

describe('callerIdentifier: the connected-account identifier of a user-scoped API key', () => {
  it('names the organization and the user, readably, after the prefix', () => {
    expect(callerIdentifier('', 'org_acme', 'user-a')).toBe('apikey:org_acme:user-a');
    expect(callerIdentifier('svc-', 'org_acme', 'user-a')).toBe('svc-apikey:org_acme:user-a');
  });

  it('gives the same user id in two organizations two identifiers', () => {
    expect(callerIdentifier('', 'org_other', 'user-a')).not.toBe(callerIdentifier('', 'org_acme', 'user-a'));
  });

  // Pairs of (organization, user) that a naive join of free text would merge.
  const collisions: [string, string, string, string][] = [
    ['a:b', 'c', 'a', 'b:c'],
    ['a%3Ab', 'c', 'a:b', 'c'],
    ['org', 'u ', 'org', 'u'],
    [' org', 'u', 'org', 'u'],
    ['org', 'u\n', 'org', 'u'],
    ['org', '', 'org:', ''],
    ['o', 'apikey:o:u', 'o:apikey', 'o:u'],
    ['o', '\ud800', 'o', '\ufffd'],
    ['o', '\ud800', 'o', '\udc00'],
  ];
  it.each(collisions)('(%j, %j) and (%j, %j) never share an identifier', (orgA, userA, orgB, userB) => {
    expect(callerIdentifier('', orgA, userA)).not.toBe(callerIdentifier('', orgB, userB));
    expect(callerIdentifier('p-', orgA, userA)).not.toBe(callerIdentifier('p-', orgB, userB));
  });

  it('is a valid HTTP header value that trimming cannot change (the SDK sends it as one on proxy calls)', () => {
    for (const [org, user] of [
      ['org 1', ' ü\t'],
      ['o', '\r\nx-injected: 1'],
      ['o', '\ud800'],
      ['o', 'x'.repeat(300)],
    ] as const) {
      const id = callerIdentifier('', org, user);
      expect(id).toMatch(/^[\x21-\x7e]+$/);
      expect(() => new Headers({ identifier: id })).not.toThrow();
    }
  });

  it("stays within Scalekit's 100 characters: long ids are hashed, still distinct", () => {
    const longUser = 'u'.repeat(90);
    const a = callerIdentifier('svc-', 'org_acme', longUser);
    const b = callerIdentifier('svc-', 'org_other', longUser);

    expect(a).toMatch(/^svc-apikey#[0-9a-f]{40}$/);
    expect(a).not.toBe(b);
    expect(callerIdentifier('svc-', 'org_acme', longUser)).toBe(a);
    const widest = callerIdentifier('p'.repeat(MAX_CALLER_PREFIX_CHARS), 'org', 'x'.repeat(500));
    expect(chars(widest)).toBe(LIMIT);
    // An identifier exactly at the limit stays readable; one character more is hashed.
    const fits = 'x'.repeat(LIMIT - 'apikey:o:'.length);
    expect(callerIdentifier('', 'o', fits)).toBe(`apikey:o:${fits}`);
    expect(callerIdentifier('', 'o', `${fits}x`)).toMatch(/^apikey#/);
  });

  it('can never equal the identifier of an Apify run (<prefix><alphanumeric Apify user id>)', () => {
    const apifyUser = 'ZscMwFR5H7eCtWtyh';
    for (const [org, user] of [
      ['', apifyUser],
      ['org', apifyUser],
      ['x'.repeat(80), apifyUser],
    ] as const) {
      const id = callerIdentifier('', org, user);
      expect(id).not.toBe(apifyUser);
      expect(id).toMatch(/^apikey[:#]/);
    }
  });
});
