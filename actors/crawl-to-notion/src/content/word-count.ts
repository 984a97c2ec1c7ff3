/**
 * Word counting that also works for scripts written without spaces (Chinese, Japanese, Thai).
 * Space-separated text is tokenised with a regular expression; only runs of those scripts go
 * through ICU word segmentation, in bounded chunks, because V8's segmenter slows down
 * quadratically on long strings.
 */
const segmenter = new Intl.Segmenter('und', { granularity: 'word' });

/** Letters, digits and combining marks, joined by inner apostrophes, dots or hyphens ("don't", "3.14", "e-mail"). */
const TOKEN = /[\p{L}\p{N}\p{M}]+(?:['’.-][\p{L}\p{N}\p{M}]+)*/gu;
const UNSPACED_SCRIPT =
  /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}]/u;
const CHUNK = 500;

function segmentedWords(token: string): number {
  let count = 0;
  for (let start = 0; start < token.length; start += CHUNK) {
    for (const segment of segmenter.segment(token.slice(start, start + CHUNK)))
      if (segment.isWordLike === true) count++;
  }
  return count;
}

export function countWords(text: string): number {
  let count = 0;
  for (const match of text.matchAll(TOKEN)) {
    const token = match[0];
    count += UNSPACED_SCRIPT.test(token) ? segmentedWords(token) : 1;
  }
  return count;
}
