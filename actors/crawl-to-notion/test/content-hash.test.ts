import { describe, expect, it } from 'vitest';
import { countWords } from '../src/content/index.js';
import { canonicalJson, contentHash } from '../src/notion-blocks/index.js';
import { bullet, para } from './support/blocks.js';

/** The same value with every object's keys in reverse insertion order. */
function reverseKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(reverseKeys);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value)
      .reverse()
      .map(([k, v]) => [k, reverseKeys(v)]),
  );
}

describe('contentHash', () => {
  it('is a hex SHA-256 that does not depend on property order', () => {
    const a = para('Hello', [bullet('x')]);
    const reversed = reverseKeys(a) as typeof a;
    expect(JSON.stringify(reversed)).not.toBe(JSON.stringify(a));
    expect(contentHash([a])).toMatch(/^[0-9a-f]{64}$/);
    expect(contentHash([reversed])).toBe(contentHash([a]));
  });

  it('changes when text, annotations, order or nesting change', () => {
    const base = contentHash([para('a'), para('b')]);
    expect(contentHash([para('a'), para('c')])).not.toBe(base);
    expect(contentHash([para('b'), para('a')])).not.toBe(base);
    expect(contentHash([para('a', [para('b')])])).not.toBe(base);
    const boldA = para('a');
    if (boldA.type === 'paragraph') boldA.paragraph.rich_text[0]!.annotations.bold = true;
    expect(contentHash([boldA, para('b')])).not.toBe(base);
  });

  it('canonical JSON sorts keys at every level and skips undefined properties', () => {
    expect(canonicalJson({ b: 1, a: { d: [2, { z: 1, y: undefined, x: null }], c: 'x' } })).toBe(
      '{"a":{"c":"x","d":[2,{"x":null,"z":1}]},"b":1}',
    );
  });
});

describe('countWords', () => {
  it.each([
    ['', 0],
    ['   \n\t ', 0],
    ['one', 1],
    ['Hello, world! How are you?', 5],
    ["don't stop — it's fine", 4],
    ['v2 3.14 e-mail', 3],
    ['— … !!! ???', 0],
    ['Größe ändern', 2],
  ])('%j has %i words', (text, expected) => {
    expect(countWords(text)).toBe(expected);
  });

  it('counts words in scripts without spaces', () => {
    expect(countWords('我喜欢学习中文')).toBeGreaterThanOrEqual(3);
    expect(countWords('日本語のテキストです')).toBeGreaterThanOrEqual(3);
  });
});
