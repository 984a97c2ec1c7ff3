/**
 * How close an extracted text is to a reference text, as extraction benchmarks measure it:
 * both are split into lower-case word tokens and compared as bags of words (a token counts as
 * many times as it occurs in both).
 */

const WORD = /[\p{L}\p{N}\p{M}]+/gu;
const UNSPACED_SCRIPT =
  /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}]/u;
const segmenter = new Intl.Segmenter('und', { granularity: 'word' });

/** Word tokens, lower case; runs of scripts written without spaces are split into words by ICU. */
export function tokenize(text: string): string[] {
  const tokens: string[] = [];
  for (const [run] of text.toLowerCase().matchAll(WORD)) {
    if (!UNSPACED_SCRIPT.test(run)) {
      tokens.push(run);
      continue;
    }
    for (const segment of segmenter.segment(run)) if (segment.isWordLike === true) tokens.push(segment.segment);
  }
  return tokens;
}

export interface TokenScore {
  /** Share of the extracted tokens that are in the reference. */
  precision: number;
  /** Share of the reference tokens that were extracted. */
  recall: number;
  /** Harmonic mean of precision and recall. */
  f1: number;
}

/**
 * Two empty texts agree fully; an empty extraction of a non-empty reference (or the reverse)
 * scores 0 on every measure, so a miss is not rewarded with a perfect precision.
 */
export function tokenOverlap(extracted: string, reference: string): TokenScore {
  const got = tokenize(extracted);
  const want = tokenize(reference);
  if (got.length === 0 && want.length === 0) return { precision: 1, recall: 1, f1: 1 };
  if (got.length === 0 || want.length === 0) return { precision: 0, recall: 0, f1: 0 };
  const remaining = new Map<string, number>();
  for (const token of want) remaining.set(token, (remaining.get(token) ?? 0) + 1);
  let shared = 0;
  for (const token of got) {
    const left = remaining.get(token) ?? 0;
    if (left > 0) {
      shared++;
      remaining.set(token, left - 1);
    }
  }
  const precision = shared / got.length;
  const recall = shared / want.length;
  const f1 = shared === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { precision, recall, f1 };
}

/** Mean of each measure over several pages (each page weighs the same, whatever its length). */
export function meanScore(scores: readonly TokenScore[]): TokenScore {
  if (scores.length === 0) return { precision: Number.NaN, recall: Number.NaN, f1: Number.NaN };
  const mean = (pick: (s: TokenScore) => number): number => scores.reduce((sum, s) => sum + pick(s), 0) / scores.length;
  return { precision: mean((s) => s.precision), recall: mean((s) => s.recall), f1: mean((s) => s.f1) };
}
