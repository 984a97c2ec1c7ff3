/**
 * Inline HTML (text, `<strong>`, `<a>`, `<code>`, `<br>`...) to styled text segments, and the
 * classification of elements into inline and block level that the block converter relies on.
 */
import { attr, classList, isElement, isText, type DomElement, type DomNode } from '../content/dom-types.js';
import { BLOCK_LEVEL_TAGS, NON_CONTENT_TAGS } from '../content/html-elements.js';
import { resolveHref, type LinkContext } from './links.js';
import { collapseWhitespace, segmentsToRichText, type InlineStyle, type TextSegment } from './rich-text.js';
import type { NotionEmoji, RichText } from './block-types.js';

const BOLD_TAGS = new Set(['strong', 'b']);
const ITALIC_TAGS = new Set(['em', 'i', 'cite', 'dfn', 'var']);
const CODE_TAGS = new Set(['code', 'kbd', 'samp', 'tt']);
const STRIKE_TAGS = new Set(['s', 'del', 'strike']);
const UNDERLINE_TAGS = new Set(['u', 'ins']);

/** Invisible characters that only steer line breaking. */
const INVISIBLE = /[\u200b\u00ad\ufeff]/g;

const EMOJI_ONLY = /^(?:\p{Extended_Pictographic}|\p{Emoji_Component}|\u200d|\ufe0f)+$/u;

/**
 * Emoji only. Taken for one of the emoji Notion accepts as an icon: its SDK lists those as a type
 * only, so this is the run-time check there is.
 */
export function isEmojiText(text: string): text is NotionEmoji {
  return EMOJI_ONLY.test(text);
}

/** WordPress and Twitter replace emoji with images that carry the character in `alt`. */
export function isEmojiImage(element: DomElement): boolean {
  if (element.name.toLowerCase() !== 'img') return false;
  const alt = attr(element, 'alt')?.trim() ?? '';
  if (alt === '') return false;
  const classes = classList(element).map((c) => c.toLowerCase());
  return classes.includes('emoji') || classes.includes('wp-smiley') || EMOJI_ONLY.test(alt);
}

export function isNonContent(element: DomElement): boolean {
  return NON_CONTENT_TAGS.has(element.name.toLowerCase());
}

/** True for elements that start their own block: `<p>`, `<ul>`, real images... */
export function isBlockElement(element: DomElement): boolean {
  const name = element.name.toLowerCase();
  if (name === 'img') return !isEmojiImage(element);
  return BLOCK_LEVEL_TAGS.has(name);
}

const blockDescendantCache = new WeakMap<DomElement, boolean>();

/** `<a><div>card</div></a>`: an inline element that still has to be converted as blocks. */
export function hasBlockDescendant(element: DomElement): boolean {
  const cached = blockDescendantCache.get(element);
  if (cached !== undefined) return cached;
  const found = element.children.some(
    (child) => isElement(child) && !isNonContent(child) && (isBlockElement(child) || hasBlockDescendant(child)),
  );
  blockDescendantCache.set(element, found);
  return found;
}

export function isInlineNode(node: DomNode): boolean {
  if (isText(node)) return true;
  if (!isElement(node) || isNonContent(node)) return false;
  return !isBlockElement(node) && !hasBlockDescendant(node);
}

/** The style inside `element`, given the style around it. */
export function applyElementStyle(element: DomElement, outer: InlineStyle, links: LinkContext): InlineStyle {
  const name = element.name.toLowerCase();
  const style: InlineStyle = { ...outer };
  if (BOLD_TAGS.has(name)) style.bold = true;
  if (ITALIC_TAGS.has(name)) style.italic = true;
  if (CODE_TAGS.has(name)) style.code = true;
  if (STRIKE_TAGS.has(name)) style.strikethrough = true;
  if (UNDERLINE_TAGS.has(name)) style.underline = true;
  if (name === 'a') {
    const href = resolveHref(attr(element, 'href'), links);
    if (href !== undefined) style.link = href;
  }
  // Google Docs exports and some editors style with attributes instead of tags.
  const css = attr(element, 'style');
  if (css) {
    if (/font-weight\s*:\s*(?:bold|bolder|[6-9]00)\b/i.test(css)) style.bold = true;
    if (/font-style\s*:\s*italic\b/i.test(css)) style.italic = true;
    if (/text-decoration(?:-line)?\s*:[^;]*\bline-through\b/i.test(css)) style.strikethrough = true;
    if (/text-decoration(?:-line)?\s*:[^;]*\bunderline\b/i.test(css)) style.underline = true;
  }
  return style;
}

/**
 * Appends the segments of `nodes` to `out`. Block-level elements met here (only in contexts
 * that cannot hold blocks, such as headings) are separated from their neighbours by a space.
 */
export function collectInline(
  nodes: readonly DomNode[],
  style: InlineStyle,
  links: LinkContext,
  out: TextSegment[],
): void {
  for (const node of nodes) {
    if (isText(node)) {
      const text = collapseWhitespace(node.data.replace(INVISIBLE, ''));
      if (text !== '') out.push({ text, style });
      continue;
    }
    if (!isElement(node) || isNonContent(node)) continue;
    const name = node.name.toLowerCase();
    if (name === 'br') {
      out.push({ text: '\n', style });
    } else if (name === 'img') {
      if (isEmojiImage(node)) out.push({ text: attr(node, 'alt')!.trim(), style });
    } else if (name === 'input' || name === 'wbr') {
      continue;
    } else if (name === 'q') {
      const inner = applyElementStyle(node, style, links);
      out.push({ text: '“', style: inner });
      collectInline(node.children, inner, links, out);
      out.push({ text: '”', style: inner });
    } else {
      const block = BLOCK_LEVEL_TAGS.has(name);
      if (block) out.push({ text: ' ', style });
      collectInline(node.children, applyElementStyle(node, style, links), links, out);
      if (block) out.push({ text: ' ', style });
    }
  }
}

export function inlineRichText(nodes: readonly DomNode[], style: InlineStyle, links: LinkContext): RichText[] {
  const segments: TextSegment[] = [];
  collectInline(nodes, style, links, segments);
  return segmentsToRichText(segments);
}
