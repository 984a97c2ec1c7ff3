/**
 * HTML to Notion blocks. Content is read as a browser lays it out: a "flow" of children where
 * runs of inline content become paragraphs and block-level elements become their own blocks.
 * Inline elements that wrap blocks (`<a><div>card</div></a>`) pass their style (the link)
 * down to the blocks inside. The output is not yet cut to Notion's size limits; see
 * `enforceNotionLimits`.
 */
import { load } from 'cheerio';
import {
  attr,
  childElements,
  classList,
  findOutermost,
  isElement,
  isText,
  type DomElement,
  type DomNode,
} from '../content/dom-types.js';
import type {
  CalloutBlock,
  CodeBlock,
  HeadingBlock,
  ImageBlock,
  NotionBlock,
  NotionEmoji,
  ParagraphBlock,
  RichText,
  TextBlock,
} from './block-types.js';
import { getChildren, withChildren } from './block-tree.js';
import {
  CALLOUT_EMOJI_CLASS,
  CALLOUT_TITLE_CLASS,
  calloutKindOf,
  calloutStyle,
  githubAlertMarker,
  type CalloutKind,
} from './callouts.js';
import { languageFromHints, toNotionLanguage } from './code-language.js';
import { buildTable, isLayoutTable, tableCaption, tableCells } from './html-tables.js';
import {
  applyElementStyle,
  collectInline,
  inlineRichText,
  isBlockElement,
  isEmojiText,
  isInlineNode,
  isNonContent,
} from './inline-html.js';
import { resolveImageUrl, type LinkContext } from './links.js';
import {
  collapseWhitespace,
  hasVisibleText,
  mergeRichText,
  PLAIN_STYLE,
  plainText,
  richText,
  segmentsToRichText,
  withAddedStyle,
  type InlineStyle,
  type TextSegment,
} from './rich-text.js';

export type HtmlToBlocksOptions = LinkContext;

interface Context {
  links: LinkContext;
  /** Elements already consumed by their parent (a callout's title line). */
  skip: ReadonlySet<DomElement>;
}

/** Converts an HTML fragment (typically `ExtractedPage.contentHtml`) to blocks. */
export function htmlToBlocks(html: string, options: HtmlToBlocksOptions): NotionBlock[] {
  const $ = load(html, null, false);
  return nodesToBlocks($.root().contents().toArray(), options);
}

/** Same as `htmlToBlocks` for nodes of an already parsed document. */
export function nodesToBlocks(nodes: readonly DomNode[], options: HtmlToBlocksOptions): NotionBlock[] {
  return flow(nodes, { links: options, skip: new Set() }, PLAIN_STYLE);
}

// ---------------------------------------------------------------------------------------------
// Flow

function flow(nodes: readonly DomNode[], ctx: Context, style: InlineStyle): NotionBlock[] {
  const out: NotionBlock[] = [];
  let run: DomNode[] = [];
  const flush = (): void => {
    if (run.length === 0) return;
    const text = inlineRichText(run, style, ctx.links);
    if (hasVisibleText(text)) out.push(paragraph(text));
    run = [];
  };
  for (const node of nodes) {
    if (isElement(node) && ctx.skip.has(node)) continue;
    if (isInlineNode(node)) {
      run.push(node);
    } else if (isElement(node) && !isNonContent(node)) {
      flush();
      out.push(...element(node, ctx, style));
    }
  }
  flush();
  return out;
}

function element(el: DomElement, ctx: Context, style: InlineStyle): NotionBlock[] {
  const name = el.name.toLowerCase();
  if (!isBlockElement(el)) {
    // An inline element wrapping blocks: its formatting applies to what is inside.
    return flow(el.children, ctx, applyElementStyle(el, style, ctx.links));
  }
  switch (name) {
    case 'h1':
    case 'h2':
    case 'h3':
    case 'h4':
    case 'h5':
    case 'h6':
      return heading(el, ctx, style);
    case 'ul':
    case 'ol':
    case 'menu':
    case 'dir':
      return list(el, name === 'ol', ctx, style);
    case 'li':
      return [listItem(el, false, ctx, style)];
    case 'dl':
      return definitionList(el, ctx, style);
    case 'pre':
      return [codeBlock(el)];
    case 'table':
      return table(el, ctx, style);
    case 'hr':
      return [{ type: 'divider', divider: {} }];
    case 'img':
      return image(el, ctx);
    case 'picture': {
      const img = childElements(el).find((c) => c.name === 'img');
      return img ? image(img, ctx) : [];
    }
    case 'video':
    case 'audio':
      return mediaLink(el, ctx);
    case 'figure':
      return figure(el, ctx, style);
    case 'details':
      return [toggle(el, ctx, style)];
    case 'blockquote':
      return blockquote(el, ctx, style);
    case 'div':
    case 'aside':
    case 'section': {
      if (classList(el).includes('footnote')) return footnote(el, ctx, style);
      const tabs = tabSet(el, ctx, style);
      if (tabs !== undefined) return tabs;
      const kind = calloutKindOf(name, classList(el));
      return kind === undefined ? flow(el.children, ctx, style) : [callout(el, kind, ctx, style)];
    }
    default:
      // p, article, main, header, footer, center, figcaption, summary, table parts out of place...
      return flow(el.children, ctx, style);
  }
}

// ---------------------------------------------------------------------------------------------
// Simple blocks

function paragraph(rich_text: RichText[], children: NotionBlock[] = []): ParagraphBlock {
  const block: ParagraphBlock = { type: 'paragraph', paragraph: { rich_text, color: 'default' } };
  return children.length > 0 ? (withChildren(block, children) as ParagraphBlock) : block;
}

function heading(el: DomElement, ctx: Context, style: InlineStyle): HeadingBlock[] {
  const text = inlineRichText(el.children, style, ctx.links);
  if (!hasVisibleText(text)) return [];
  const content = { rich_text: text, color: 'default' as const };
  const level = Number(el.name.slice(1));
  if (level === 1) return [{ type: 'heading_1', heading_1: content }];
  if (level === 2) return [{ type: 'heading_2', heading_2: content }];
  return [{ type: 'heading_3', heading_3: content }];
}

/**
 * Splits converted content into the text a container block shows on its own line and the
 * blocks nested under it: a leading paragraph becomes the text, the rest children.
 */
function leadAndChildren(blocks: readonly NotionBlock[]): { text: RichText[]; children: NotionBlock[] } {
  const [first, ...rest] = blocks;
  if (first?.type === 'paragraph') {
    return { text: first.paragraph.rich_text, children: [...getChildren(first), ...rest] };
  }
  return { text: [], children: [...blocks] };
}

function textBlock(
  type: 'bulleted_list_item' | 'numbered_list_item' | 'toggle' | 'quote',
  text: RichText[],
  children: NotionBlock[],
): TextBlock {
  const content = { rich_text: text, color: 'default' as const };
  let block: TextBlock;
  switch (type) {
    case 'bulleted_list_item':
      block = { type, bulleted_list_item: content };
      break;
    case 'numbered_list_item':
      block = { type, numbered_list_item: content };
      break;
    case 'toggle':
      block = { type, toggle: content };
      break;
    case 'quote':
      block = { type, quote: content };
      break;
  }
  return withChildren(block, children) as TextBlock;
}

// ---------------------------------------------------------------------------------------------
// Lists

function list(el: DomElement, ordered: boolean, ctx: Context, style: InlineStyle): NotionBlock[] {
  const out: NotionBlock[] = [];
  const attachToPrevious = (blocks: NotionBlock[]): void => {
    const previous = out[out.length - 1];
    if (previous !== undefined && isListBlock(previous)) {
      out[out.length - 1] = withChildren(previous, [...getChildren(previous), ...blocks]);
    } else {
      out.push(...blocks);
    }
  };
  for (const child of el.children) {
    if (!isElement(child)) {
      if (isText(child) && child.data.trim() !== '') attachToPrevious(flow([child], ctx, style));
      continue;
    }
    if (isNonContent(child) || ctx.skip.has(child)) continue;
    if (child.name === 'li') out.push(listItem(child, ordered, ctx, style));
    // `<ul><li>a</li><ul>...</ul></ul>` is invalid but common: the list belongs to the item before it.
    else attachToPrevious(element(child, ctx, style));
  }
  return out;
}

function isListBlock(block: NotionBlock): boolean {
  return block.type === 'bulleted_list_item' || block.type === 'numbered_list_item' || block.type === 'to_do';
}

function listItem(li: DomElement, ordered: boolean, ctx: Context, style: InlineStyle): NotionBlock {
  const checkbox = taskCheckbox(li);
  const { text, children } = leadAndChildren(flow(li.children, ctx, style));
  if (checkbox !== undefined) {
    const block: NotionBlock = {
      type: 'to_do',
      to_do: { rich_text: text, checked: checkbox.checked, color: 'default' },
    };
    return withChildren(block, children);
  }
  return textBlock(ordered ? 'numbered_list_item' : 'bulleted_list_item', text, children);
}

/**
 * The checkbox of a task-list item (GitHub, MkDocs, Docusaurus): an `<input type=checkbox>`
 * before any text of the item, outside nested lists.
 */
function taskCheckbox(li: DomElement): { checked: boolean } | undefined {
  let result: { checked: boolean } | undefined;
  let sawText = false;
  const walk = (nodes: readonly DomNode[]): boolean => {
    for (const node of nodes) {
      if (isText(node)) {
        if (node.data.trim() !== '') sawText = true;
      } else if (isElement(node)) {
        const name = node.name.toLowerCase();
        if (name === 'ul' || name === 'ol') return true;
        if (name === 'input' && (attr(node, 'type') ?? '').toLowerCase() === 'checkbox') {
          if (!sawText) result = { checked: attr(node, 'checked') !== undefined };
          return true;
        }
        if (walk(node.children)) return true;
      }
      if (sawText) return true;
    }
    return false;
  };
  walk(li.children);
  return result;
}

function definitionList(dl: DomElement, ctx: Context, style: InlineStyle): NotionBlock[] {
  const out: NotionBlock[] = [];
  let term: ParagraphBlock | undefined;
  const items = childElements(dl).flatMap((c) => (c.name === 'div' ? childElements(c) : [c]));
  for (const item of items) {
    if (item.name === 'dt') {
      const text = inlineRichText(item.children, { ...style, bold: true }, ctx.links);
      term = paragraph(text);
      out.push(term);
    } else if (item.name === 'dd') {
      // A definition is shown indented under its term, as browsers do.
      const blocks = flow(item.children, ctx, style);
      if (term !== undefined) {
        const index = out.lastIndexOf(term);
        term = withChildren(term, [...getChildren(term), ...blocks]) as ParagraphBlock;
        out[index] = term;
      } else {
        out.push(...blocks);
      }
    } else {
      out.push(...element(item, ctx, style));
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Code

const LINE_NUMBER_CLASS =
  /^(?:linenos?|lineno|line-numbers-rows|gutter|ln|line-number|linenumber|lnt|code-line-number)$/i;

function codeText(pre: DomElement): string {
  const parts: string[] = [];
  const walk = (nodes: readonly DomNode[]): void => {
    for (const node of nodes) {
      if (isText(node)) {
        parts.push(node.data);
      } else if (isElement(node) && !isNonContent(node)) {
        const name = node.name.toLowerCase();
        if (name === 'br') {
          parts.push('\n');
          continue;
        }
        if (classList(node).some((c) => LINE_NUMBER_CLASS.test(c)) || attr(node, 'data-line-number') !== undefined)
          continue;
        walk(node.children);
        // Highlighters that wrap each line in a block element omit the newline.
        if ((name === 'div' || name === 'p') && !(parts[parts.length - 1] ?? '').endsWith('\n')) parts.push('\n');
      }
    }
  };
  walk(pre.children);
  return parts
    .join('')
    .replace(/\r\n?/g, '\n')
    .replace(/^(?:[ \t]*\n)+/, '')
    .replace(/\s+$/, '');
}

const DATA_LANGUAGE_ATTRIBUTES = ['data-lang', 'data-language', 'data-code-block-lang', 'data-highlight-language'];

function codeLanguageOf(pre: DomElement): string | undefined {
  // The element right inside <pre> (<code>, or Medium's <span>), then <pre>, then a few wrappers.
  const inner = childElements(pre)[0];
  const chain: DomElement[] = inner ? [inner, pre] : [pre];
  let parent = pre.parent;
  for (let i = 0; i < 3 && parent && isElement(parent); i++) {
    chain.push(parent);
    parent = parent.parent;
  }
  return languageFromHints(
    chain.map((el) => ({
      classes: classList(el),
      dataLanguage: DATA_LANGUAGE_ATTRIBUTES.map((name) => attr(el, name)).find(
        (v) => v !== undefined && v.trim() !== '',
      ),
    })),
  );
}

function codeBlock(pre: DomElement): CodeBlock {
  return {
    type: 'code',
    code: { rich_text: [richText(codeText(pre))], caption: [], language: toNotionLanguage(codeLanguageOf(pre)) },
  };
}

// ---------------------------------------------------------------------------------------------
// Media

function largestFromSrcset(srcset: string | undefined): string | undefined {
  if (!srcset) return undefined;
  let best: { url: string; size: number } | undefined;
  for (const candidate of srcset.split(/,\s+/)) {
    const [url, descriptor = '1x'] = candidate.trim().split(/\s+/);
    if (!url) continue;
    const size = Number.parseFloat(descriptor);
    if (best === undefined || (Number.isFinite(size) && size > best.size))
      best = { url, size: Number.isFinite(size) ? size : 1 };
  }
  return best?.url;
}

function imageUrl(img: DomElement, baseUrl: string): string | undefined {
  // Lazy loaders keep the real source in data-* and a placeholder in src.
  const candidates = [
    attr(img, 'data-src'),
    attr(img, 'data-lazy-src'),
    attr(img, 'data-original'),
    attr(img, 'data-lazy'),
    attr(img, 'src'),
    largestFromSrcset(attr(img, 'data-srcset') ?? attr(img, 'srcset')),
  ];
  for (const candidate of candidates) {
    const url = resolveImageUrl(candidate, baseUrl);
    if (url !== undefined) return url;
  }
  return undefined;
}

function image(img: DomElement, ctx: Context): ImageBlock[] {
  const url = imageUrl(img, ctx.links.baseUrl);
  if (url === undefined) return [];
  if (attr(img, 'width') === '1' && attr(img, 'height') === '1') return []; // tracking pixel
  const alt = collapseWhitespace(attr(img, 'alt') ?? '').trim();
  return [
    { type: 'image', image: { type: 'external', external: { url }, caption: alt === '' ? [] : [richText(alt)] } },
  ];
}

/** Notion cannot play arbitrary media by URL reliably, so a link keeps it reachable. */
function mediaLink(el: DomElement, ctx: Context): NotionBlock[] {
  const source =
    attr(el, 'src') ?? childElements(el).find((c) => c.name === 'source' && attr(c, 'src'))?.attribs['src'];
  const url = resolveImageUrl(source, ctx.links.baseUrl);
  if (url === undefined) return [];
  const label = attr(el, 'title') ?? attr(el, 'aria-label') ?? (el.name === 'video' ? 'Video' : 'Audio');
  return [paragraph([richText(label, { ...PLAIN_STYLE, link: url })])];
}

function figure(el: DomElement, ctx: Context, style: InlineStyle): NotionBlock[] {
  const caption = childElements(el).find((c) => c.name === 'figcaption');
  const blocks = flow(
    el.children.filter((c) => c !== caption),
    ctx,
    style,
  );
  if (caption === undefined) return blocks;
  const captionText = inlineRichText(caption.children, PLAIN_STYLE, ctx.links);
  if (!hasVisibleText(captionText)) return blocks;
  const captionable = blocks.filter((b) => b.type === 'image' || b.type === 'code');
  if (captionable.length === 1) {
    return blocks.map((b) => {
      if (b.type === 'image') return { ...b, image: { ...b.image, caption: captionText } };
      if (b.type === 'code') return { ...b, code: { ...b.code, caption: captionText } };
      return b;
    });
  }
  return [...blocks, paragraph(withAddedStyle(captionText, { italic: true }))];
}

// ---------------------------------------------------------------------------------------------
// Tables

function table(el: DomElement, ctx: Context, style: InlineStyle): NotionBlock[] {
  if (isLayoutTable(el)) {
    return tableCells(el)
      .filter((cell) => !classList(cell).some((c) => LINE_NUMBER_CLASS.test(c)))
      .flatMap((cell) => flow(cell.children, ctx, style));
  }
  const caption = tableCaption(el);
  const before: NotionBlock[] = [];
  if (caption !== undefined) {
    const text = inlineRichText(caption.children, style, ctx.links);
    if (hasVisibleText(text)) before.push(paragraph(withAddedStyle(text, { italic: true })));
  }
  const built = buildTable(el, (nodes) => flow(nodes, ctx, style));
  return built === undefined ? before : [...before, built];
}

// ---------------------------------------------------------------------------------------------
// Tabs

const isTabList = (el: DomElement): boolean =>
  attr(el, 'role') === 'tablist' || classList(el).includes('tabbed-labels');
const isTabPanel = (el: DomElement): boolean =>
  attr(el, 'role') === 'tabpanel' || classList(el).includes('tabbed-block');

/**
 * Tabbed content (Docusaurus `role=tablist`/`tabpanel`, MkDocs `.tabbed-set`): Notion has no
 * tabs, so every panel is written one after another under its label in bold.
 */
function tabSet(el: DomElement, ctx: Context, style: InlineStyle): NotionBlock[] | undefined {
  const tabList = childElements(el).find(isTabList);
  if (tabList === undefined) return undefined;
  const panels = findOutermost(el, isTabPanel);
  if (panels.length === 0) return undefined;
  const labels = findOutermost(tabList, (c) => attr(c, 'role') === 'tab' || c.name === 'label').map((tab) =>
    inlineRichText(tab.children, { ...style, bold: true }, ctx.links),
  );
  return panels.flatMap((panel, i) => {
    const label = labels[i];
    const content = flow(panel.children, ctx, style);
    return label !== undefined && hasVisibleText(label) ? [paragraph(label), ...content] : content;
  });
}

// ---------------------------------------------------------------------------------------------
// Quotes, callouts, toggles

function blockquote(el: DomElement, ctx: Context, style: InlineStyle): NotionBlock[] {
  const kind = calloutKindOf('blockquote', classList(el));
  if (kind !== undefined) return [callout(el, kind, ctx, style)];
  const blocks = flow(el.children, ctx, style);
  const first = blocks[0];
  if (first?.type === 'paragraph') {
    const marker = githubAlertMarker(plainText(first.paragraph.rich_text));
    if (marker !== undefined) {
      const rest = dropLeadingCharacters(first.paragraph.rich_text, marker.length);
      const remaining = hasVisibleText(rest)
        ? [paragraph(rest, [...getChildren(first)]), ...blocks.slice(1)]
        : [...getChildren(first), ...blocks.slice(1)];
      return [calloutFrom(marker.kind, [], remaining)];
    }
  }
  const { text, children } = leadAndChildren(blocks);
  return [textBlock('quote', text, children)];
}

function dropLeadingCharacters(items: readonly RichText[], count: number): RichText[] {
  const out: RichText[] = [];
  let toDrop = count;
  for (const item of items) {
    const content = item.text.content;
    if (toDrop >= content.length) {
      toDrop -= content.length;
      continue;
    }
    out.push({ ...item, text: { ...item.text, content: content.slice(toDrop) } });
    toDrop = 0;
  }
  return out;
}

/** A direct child, or grandchild (Docusaurus nests one level deeper in some versions), by class. */
function findPart(el: DomElement, pattern: RegExp): DomElement | undefined {
  const matches = (c: DomElement): boolean => classList(c).some((cls) => pattern.test(cls));
  for (const child of childElements(el)) {
    if (matches(child)) return child;
    const nested = childElements(child).find(matches);
    if (nested) return nested;
  }
  return undefined;
}

function callout(el: DomElement, kind: CalloutKind, ctx: Context, style: InlineStyle): CalloutBlock {
  const titleEl = findPart(el, CALLOUT_TITLE_CLASS);
  const emojiEl = findPart(el, CALLOUT_EMOJI_CLASS);
  const title = titleEl === undefined ? [] : inlineRichText(titleEl.children, { ...style, bold: true }, ctx.links);
  const emojiText =
    emojiEl === undefined
      ? ''
      : collapseWhitespace(plainText(inlineRichText(emojiEl.children, PLAIN_STYLE, ctx.links))).trim();
  const skip = new Set([...ctx.skip, ...(titleEl ? [titleEl] : []), ...(emojiEl ? [emojiEl] : [])]);
  const emoji = isEmojiText(emojiText) ? emojiText : undefined;
  return calloutFrom(kind, title, flow(el.children, { ...ctx, skip }, style), emoji);
}

function calloutFrom(
  kind: CalloutKind,
  title: RichText[],
  blocks: readonly NotionBlock[],
  ownEmoji?: NotionEmoji,
): CalloutBlock {
  const { text, children } = leadAndChildren(blocks);
  const rich_text = hasVisibleText(title)
    ? mergeRichText(hasVisibleText(text) ? [...title, richText('\n'), ...text] : title)
    : text;
  const { emoji, color } = calloutStyle(kind);
  const block: CalloutBlock = {
    type: 'callout',
    callout: { rich_text, icon: { type: 'emoji', emoji: ownEmoji ?? emoji }, color },
  };
  return withChildren(block, children) as CalloutBlock;
}

/** A footnote label as docutils writes it: `[1]`, `[*]`, `[#note]`. */
const FOOTNOTE_LABEL = /^\[[^\s\]]{1,20}\]$/;

/**
 * A footnote (docutils' `aside.footnote`): its label leads the first paragraph of its text, as
 * it is read, instead of standing on a line of its own.
 */
function footnote(el: DomElement, ctx: Context, style: InlineStyle): NotionBlock[] {
  const blocks = flow(el.children, ctx, style);
  const [label, text, ...rest] = blocks;
  if (label?.type !== 'paragraph' || text?.type !== 'paragraph' || getChildren(label).length > 0) return blocks;
  if (!FOOTNOTE_LABEL.test(plainText(label.paragraph.rich_text).trim())) return blocks;
  const merged = mergeRichText([...label.paragraph.rich_text, richText(' '), ...text.paragraph.rich_text]);
  return [paragraph(merged, [...getChildren(text)]), ...rest];
}

function toggle(details: DomElement, ctx: Context, style: InlineStyle): NotionBlock {
  const summary = childElements(details).find((c) => c.name === 'summary');
  const segments: TextSegment[] = [];
  if (summary) collectInline(summary.children, style, ctx.links, segments);
  const summaryText = segmentsToRichText(segments);
  const body = flow(
    details.children.filter((c) => c !== summary),
    ctx,
    style,
  );
  return textBlock('toggle', hasVisibleText(summaryText) ? summaryText : [richText('Details')], body);
}
