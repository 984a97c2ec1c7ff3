import { describe, expect, it } from 'vitest';
import { splitSentences, summarizeText, truncateText } from '../src/digest/index.js';

describe('splitSentences', () => {
  it('joins hard-wrapped lines but keeps short record lines apart', () => {
    const text =
      "thanks for the draft. Could you send me the final Q4 numbers by\nFriday? I'd like to present them.\n\nReceipt #22\nAmount paid: $49.00";
    expect(splitSentences(text)).toEqual([
      'thanks for the draft.',
      'Could you send me the final Q4 numbers by Friday?',
      "I'd like to present them.",
      'Receipt #22',
      'Amount paid: $49.00',
    ]);
  });

  it('does not split after common abbreviations or initials', () => {
    expect(splitSentences('We met Dr. Weber e.g. at the fair. Then J. Smith joined.')).toEqual([
      'We met Dr. Weber e.g. at the fair.',
      'Then J. Smith joined.',
    ]);
  });

  it('keeps greeting lines and bullets as their own segments', () => {
    expect(
      splitSentences(
        'Hi Sam,\nthe deck is ready and it looks great overall\n- slide 3 needs numbers\n* slide 7 is new',
      ),
    ).toEqual(['Hi Sam,', 'the deck is ready and it looks great overall', 'slide 3 needs numbers', 'slide 7 is new']);
  });
});

describe('summarizeText', () => {
  it('skips greetings and pleasantries and takes the first real sentence', () => {
    expect(
      summarizeText(
        'Hi Sam,\n\nThanks for the draft. Could you send me the final Q4 numbers by Friday?\n\nBest,\nJürgen',
        'Re: Q4',
      ),
    ).toBe('Could you send me the final Q4 numbers by Friday?');
  });

  it('skips newsletter chrome such as "View in browser" lines and bare links', () => {
    expect(
      summarizeText(
        'View in browser (https://x.example/v)\n\nhttps://x.example\n\nThis week: three new features in the editor.',
        'Weekly',
      ),
    ).toBe('This week: three new features in the editor.');
  });

  it('prefers a sentence of three or more words over a fragment', () => {
    expect(summarizeText('Quick one.\nLunch on Thursday?', 'lunch')).toBe('Lunch on Thursday?');
  });

  it('falls back to the subject, then to a placeholder', () => {
    expect(summarizeText('', 'Invoice 2024-12')).toBe('Invoice 2024-12');
    expect(summarizeText('Hi Sam,\n\nBest,\nAnna', '')).toBe('(no subject)');
  });

  it('cuts long sentences at a word boundary with an ellipsis', () => {
    const summary = summarizeText(
      `${'The quarterly numbers look considerably better than expected '.repeat(6)}today.`,
      's',
    );
    expect(summary.length).toBeLessThanOrEqual(180);
    expect(summary.endsWith('…')).toBe(true);
    expect(summary).not.toMatch(/\s…$/);
  });
});

describe('truncateText', () => {
  it('leaves short text unchanged and collapses whitespace', () => {
    expect(truncateText('  a\n b  ', 10)).toBe('a b');
    expect(truncateText('abcdefghijkl', 5)).toBe('abcd…');
  });
});
