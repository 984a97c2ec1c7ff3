/**
 * Rich-text items: building them from styled text segments with the whitespace rules a browser
 * applies, merging neighbours that look the same, and reading them back as plain text.
 */
import type { Annotations, RichText } from './block-types.js';

/** The inline formatting in effect at a point of the document. */
export interface InlineStyle {
  bold: boolean;
  italic: boolean;
  strikethrough: boolean;
  underline: boolean;
  code: boolean;
  /** Absolute target of the enclosing link, if any. */
  link?: string;
}

export const PLAIN_STYLE: InlineStyle = Object.freeze({
  bold: false,
  italic: false,
  strikethrough: false,
  underline: false,
  code: false,
});

/** A run of text with one style; `\n` segments stand for `<br>`. */
export interface TextSegment {
  text: string;
  style: InlineStyle;
}

export function richText(content: string, style: InlineStyle = PLAIN_STYLE): RichText {
  const annotations: Annotations = {
    bold: style.bold,
    italic: style.italic,
    strikethrough: style.strikethrough,
    underline: style.underline,
    code: style.code,
    color: 'default',
  };
  return { type: 'text', text: { content, link: style.link === undefined ? null : { url: style.link } }, annotations };
}

export function styleOf(item: RichText): InlineStyle {
  const { bold, italic, strikethrough, underline, code } = item.annotations;
  const style: InlineStyle = { bold, italic, strikethrough, underline, code };
  if (item.text.link) style.link = item.text.link.url;
  return style;
}

export function sameStyle(a: InlineStyle, b: InlineStyle): boolean {
  return (
    a.bold === b.bold &&
    a.italic === b.italic &&
    a.strikethrough === b.strikethrough &&
    a.underline === b.underline &&
    a.code === b.code &&
    a.link === b.link
  );
}

/** Collapses runs of HTML whitespace into one space, as `white-space: normal` does. */
export function collapseWhitespace(text: string): string {
  return text.replace(/[\t\n\f\r ]+/g, ' ');
}

/**
 * Turns segments from one inline formatting context into rich text: spaces collapse across
 * segment borders, vanish at the start and end and around line breaks, and neighbours with
 * equal style merge. Text inside `pre` must not come through here.
 */
export function segmentsToRichText(segments: readonly TextSegment[]): RichText[] {
  return mergeSegments(trimAroundBreaks(dropLeadingSpaces(segments))).map((s) => richText(s.text, s.style));
}

function dropLeadingSpaces(segments: readonly TextSegment[]): TextSegment[] {
  const out: TextSegment[] = [];
  let atLineStart = true;
  let lastWasSpace = false;
  for (const segment of segments) {
    if (segment.text === '\n') {
      // A break at the very start renders nothing worth keeping.
      if (out.length > 0) out.push(segment);
      atLineStart = true;
      lastWasSpace = false;
      continue;
    }
    let text = segment.text;
    if (atLineStart || lastWasSpace) text = text.replace(/^ +/, '');
    if (text === '') continue;
    out.push({ text, style: segment.style });
    atLineStart = false;
    lastWasSpace = text.endsWith(' ');
  }
  return out;
}

function trimAroundBreaks(segments: readonly TextSegment[]): TextSegment[] {
  const out: TextSegment[] = [];
  let beforeBreakOrEnd = true;
  for (let i = segments.length - 1; i >= 0; i--) {
    const segment = segments[i]!;
    if (segment.text === '\n') {
      // Trailing breaks add nothing visible; keep those followed by text.
      if (out.length > 0) out.push(segment);
      beforeBreakOrEnd = true;
      continue;
    }
    const text = beforeBreakOrEnd ? segment.text.replace(/ +$/, '') : segment.text;
    if (text === '') continue;
    out.push({ text, style: segment.style });
    beforeBreakOrEnd = false;
  }
  return out.reverse();
}

function mergeSegments(segments: readonly TextSegment[]): TextSegment[] {
  const out: TextSegment[] = [];
  for (const segment of segments) {
    const last = out[out.length - 1];
    if (last && sameStyle(last.style, segment.style)) last.text += segment.text;
    else out.push({ text: segment.text, style: segment.style });
  }
  return out;
}

/** Merges neighbouring items with identical annotations and link. */
export function mergeRichText(items: readonly RichText[]): RichText[] {
  return mergeSegments(items.map((item) => ({ text: item.text.content, style: styleOf(item) }))).map((s) =>
    richText(s.text, s.style),
  );
}

export function plainText(items: readonly RichText[]): string {
  return items.map((item) => item.text.content).join('');
}

/** True when the items contain something other than whitespace (non-breaking spaces included). */
export function hasVisibleText(items: readonly RichText[]): boolean {
  return items.some((item) => /[^\s\u00a0\u200b]/.test(item.text.content));
}

/** A copy of `items` with `style` added on top of each item's own annotations. */
export function withAddedStyle(items: readonly RichText[], added: Partial<InlineStyle>): RichText[] {
  return items.map((item) => {
    const own = styleOf(item);
    const style: InlineStyle = {
      bold: own.bold || added.bold === true,
      italic: own.italic || added.italic === true,
      strikethrough: own.strikethrough || added.strikethrough === true,
      underline: own.underline || added.underline === true,
      code: own.code || added.code === true,
    };
    const link = own.link ?? added.link;
    if (link !== undefined) style.link = link;
    return richText(item.text.content, style);
  });
}

/** Joins several rich-text runs with a line break between non-empty ones. */
export function joinLines(runs: readonly (readonly RichText[])[]): RichText[] {
  const out: RichText[] = [];
  for (const run of runs) {
    if (!hasVisibleText(run)) continue;
    if (out.length > 0) out.push(richText('\n'));
    out.push(...run);
  }
  return mergeRichText(out);
}
