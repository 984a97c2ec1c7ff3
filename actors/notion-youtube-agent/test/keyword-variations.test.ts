import { describe, expect, it } from 'vitest';
import { keywordVariations, topicTerms, tokenize } from '../src/research/index.js';

describe('keywordVariations', () => {
  it('starts with the topic and builds common phrasings around its subject', () => {
    expect(keywordVariations('python tutorial', { max: 5 })).toEqual([
      'python tutorial',
      'python tutorial for beginners',
      'learn python',
      'python course',
      'python explained',
    ]);
  });

  it('normalises case, spacing and punctuation but keeps technology names intact', () => {
    const variations = keywordVariations('  C++   Tutorial!! ');
    expect(variations[0]).toBe('c++ tutorial');
    expect(variations).toContain('learn c++');
  });

  it('never returns duplicates and respects max', () => {
    const variations = keywordVariations('python tutorial', { max: 20 });
    expect(new Set(variations).size).toBe(variations.length);
    expect(variations.length).toBeGreaterThan(5);
    expect(keywordVariations('python tutorial', { max: 3 })).toHaveLength(3);
    expect(keywordVariations('python tutorial', { max: 0 })).toHaveLength(1);
  });

  it('is deterministic', () => {
    expect(keywordVariations('Machine learning for finance')).toEqual(
      keywordVariations('machine   LEARNING for finance'),
    );
  });

  it('strips stop and intent words only at the ends of the subject', () => {
    expect(keywordVariations('how to bake bread')).toContain('bake bread course');
    expect(keywordVariations('how to bake bread')).not.toContain('learn how to bake bread');
    expect(keywordVariations('node.js best practices')).toContain('learn node.js best practices');
    expect(keywordVariations('best python channels')).toContain('learn python');
  });

  it('does not add "for beginners" to a topic that already targets beginners', () => {
    const variations = keywordVariations('guitar for beginners', { max: 20 });
    expect(variations.filter((v) => v.includes('beginners'))).toEqual(['guitar for beginners']);
  });

  it('returns the topic alone when it has no subject, and nothing for an empty topic', () => {
    expect(keywordVariations('tutorials')).toEqual(['tutorials']);
    expect(keywordVariations('  !! ')).toEqual([]);
  });

  it('keeps accents in search phrases', () => {
    expect(keywordVariations('Café crème')[0]).toBe('café crème');
  });
});

describe('topicTerms and tokenize', () => {
  it('drops stop words, keeps intent words, dedupes', () => {
    expect(topicTerms('The best Python tutorial for Python beginners')).toEqual(['python', 'tutorial', 'beginners']);
  });

  it('folds accents for matching', () => {
    expect(tokenize('Café Crème')).toEqual(['cafe', 'creme']);
  });
});
