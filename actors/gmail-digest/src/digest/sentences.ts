/**
 * Sentence splitting for plain mail text. Mail is hard-wrapped at ~72 columns, so lines of a
 * paragraph are joined first; bullets, greetings and sign-offs stay separate segments.
 */

const BULLET = /^\s*(?:[-*•·▪–]|\d{1,2}[.)])\s+/;
export const GREETING =
  /^(?:hi|hello|hey|dear|good (?:morning|afternoon|evening)|hallo|hej|bonjour|hola|greetings)\b[^.!?\n]{0,40}[,!.:]?$/i;
const CLOSING =
  /^(?:thanks|thank you|thx|many thanks|cheers|best|best regards|kind regards|regards|warm regards|all the best|sincerely|yours|talk soon|ciao|br|viele grüße|liebe grüße|mit freundlichen grüßen|beste grüße)\b(.*)$/i;
// After the closing word only punctuation and a short capitalised name may follow
// ("Best, Anna"); "Thanks for the draft." is a sentence, not a sign-off.
const CLOSING_TAIL = /^\s*[,!.]?\s*(?:\p{Lu}[\p{L}'.-]*\s*){0,3}[,!.]?$/u;

/** A sign-off line such as "Best," "Thanks!" or "Kind regards, Anna". */
export function isSignOff(line: string): boolean {
  const match = CLOSING.exec(line.trim());
  return match !== null && CLOSING_TAIL.test(match[1] ?? '');
}

// Hard-wrapped mail lines are ~72 columns; a line this long probably continues on the next.
const WRAPPED_LINE_MIN = 40;
// Abbreviations after which a period does not end a sentence.
const ABBREVIATIONS = new Set([
  'e.g',
  'i.e',
  'mr',
  'mrs',
  'ms',
  'dr',
  'prof',
  'vs',
  'etc',
  'approx',
  'incl',
  'no',
  'st',
  'jan',
  'feb',
  'mar',
  'apr',
  'jun',
  'jul',
  'aug',
  'sep',
  'sept',
  'oct',
  'nov',
  'dec',
  'fig',
  'ca',
  'z.b',
  'u.a',
]);

/** Paragraphs -> segments: joined wrapped lines, with bullets and greeting lines kept apart. */
export function textSegments(text: string): string[] {
  const segments: string[] = [];
  for (const paragraph of text.replace(/\r\n?/g, '\n').split(/\n\s*\n/)) {
    let current = '';
    let previousLine = '';
    for (const rawLine of paragraph.split('\n')) {
      const line = rawLine.trim();
      if (line === '') continue;
      const standalone = BULLET.test(line) || GREETING.test(line) || isSignOff(line);
      // A line continues the previous one only when that one looks hard-wrapped (long, not
      // ending in a colon); short lines are records of their own ("Amount paid: $49.00").
      const continues = previousLine.length >= WRAPPED_LINE_MIN && !/:$/.test(previousLine);
      if (standalone || !continues) {
        if (current !== '') segments.push(current);
        current = '';
      }
      if (standalone) segments.push(line.replace(BULLET, ''));
      else current = current === '' ? line : `${current} ${line}`;
      previousLine = standalone ? '' : line;
    }
    if (current !== '') segments.push(current);
  }
  return segments.map((s) => s.replace(/\s+/g, ' ').trim()).filter((s) => s !== '');
}

function splitSegment(segment: string): string[] {
  const sentences: string[] = [];
  const boundary = /([.!?…]+["')\]]?)\s+(?=["'([]?[\p{Lu}\d@])/gu;
  let start = 0;
  for (const match of segment.matchAll(boundary)) {
    const end = match.index + (match[1]?.length ?? 0);
    const before = segment.slice(start, match.index);
    const lastWord = (/([\p{L}.]+)$/u.exec(before)?.[1] ?? '').toLowerCase();
    if (match[1] === '.' && (ABBREVIATIONS.has(lastWord) || /^\p{L}$/u.test(lastWord))) continue;
    sentences.push(segment.slice(start, end).trim());
    start = match.index + match[0].length;
  }
  sentences.push(segment.slice(start).trim());
  return sentences.filter((s) => s !== '');
}

/** Splits mail text into sentences (bullets and greeting lines count as sentences). */
export function splitSentences(text: string): string[] {
  return textSegments(text).flatMap(splitSegment);
}

/** Cuts text at a word boundary so it fits `max` characters, marking the cut with "…". */
export function truncateText(text: string, max: number): string {
  const clean = text.replace(/\s+/g, ' ').trim();
  if (clean.length <= max) return clean;
  const cut = clean.slice(0, Math.max(1, max - 1));
  const lastSpace = cut.lastIndexOf(' ');
  return `${(lastSpace > max * 0.6 ? cut.slice(0, lastSpace) : cut).replace(/[\s,;:.-]+$/, '')}…`;
}
