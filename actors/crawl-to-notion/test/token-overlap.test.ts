import { describe, expect, it } from 'vitest';
import { meanScore, tokenize, tokenOverlap } from '../src/content/index.js';

describe('tokenize', () => {
  it('splits on anything that is not a letter, digit or mark, in lower case', () => {
    expect(tokenize('Hello, World! 3.14 — e-mail')).toEqual(['hello', 'world', '3', '14', 'e', 'mail']);
    expect(tokenize('Über Straße café')).toEqual(['über', 'straße', 'café']);
    expect(tokenize('  \n ')).toEqual([]);
  });

  it('splits scripts written without spaces into words', () => {
    const tokens = tokenize('我喜欢学习中文');
    expect(tokens.length).toBeGreaterThanOrEqual(3);
    expect(tokens.join('')).toBe('我喜欢学习中文');
  });
});

describe('tokenOverlap', () => {
  it('is 1 on every measure for the same text, whatever the spacing and case', () => {
    expect(tokenOverlap('The cat sat.', 'the  CAT\nsat')).toEqual({ precision: 1, recall: 1, f1: 1 });
  });

  it('counts extra words against precision and missing words against recall', () => {
    // 4 extracted tokens, 3 of them in the reference; the reference has 6.
    const score = tokenOverlap('menu the cat sat', 'the cat sat on the mat');
    expect(score.precision).toBeCloseTo(3 / 4);
    expect(score.recall).toBeCloseTo(3 / 6);
    expect(score.f1).toBeCloseTo((2 * 0.75 * 0.5) / 1.25);
  });

  it('compares bags of words: a repeated word only matches as often as the reference has it', () => {
    const score = tokenOverlap('news news news', 'news');
    expect(score.precision).toBeCloseTo(1 / 3);
    expect(score.recall).toBe(1);
  });

  it('scores an empty extraction of a real page 0, and two empty texts 1', () => {
    expect(tokenOverlap('', 'some content')).toEqual({ precision: 0, recall: 0, f1: 0 });
    expect(tokenOverlap('some chrome', '')).toEqual({ precision: 0, recall: 0, f1: 0 });
    expect(tokenOverlap('', ' ')).toEqual({ precision: 1, recall: 1, f1: 1 });
  });

  it('averages pages with equal weight', () => {
    const mean = meanScore([
      { precision: 1, recall: 0.5, f1: 2 / 3 },
      { precision: 0.5, recall: 1, f1: 2 / 3 },
    ]);
    expect(mean).toEqual({ precision: 0.75, recall: 0.75, f1: 2 / 3 });
    expect(Number.isNaN(meanScore([]).f1)).toBe(true);
  });
});
