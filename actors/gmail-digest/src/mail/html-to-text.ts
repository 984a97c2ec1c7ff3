import { load, type contains } from 'cheerio';

// cheerio does not re-export domhandler's node types; derive them from a function it exports.
type DomNode = Parameters<typeof contains>[0];
type DomElement = Extract<DomNode, { attribs: Record<string, string> }>;

// Elements whose content is never readable text.
const SKIPPED = new Set([
  'script',
  'style',
  'head',
  'title',
  'noscript',
  'template',
  'svg',
  'iframe',
  'object',
  'embed',
  'canvas',
  'audio',
  'video',
  'map',
  'select',
  'input',
  'textarea',
  'img',
  'picture',
  'meta',
  'link',
]);
// Block elements followed by a blank line (paragraph-like) or by a single line break.
const PARAGRAPH_BLOCKS = new Set([
  'p',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'ul',
  'ol',
  'table',
  'blockquote',
  'pre',
  'hr',
  'dl',
  'figure',
]);
const LINE_BLOCKS = new Set([
  'div',
  'section',
  'article',
  'header',
  'footer',
  'main',
  'aside',
  'nav',
  'li',
  'tr',
  'form',
  'fieldset',
  'address',
  'center',
  'dt',
  'dd',
  'figcaption',
  'caption',
  'details',
  'summary',
  'body',
  'html',
]);
// Preheaders and other text the sender hides from the reader would only duplicate content.
const HIDDEN_STYLE = /display\s*:\s*none|visibility\s*:\s*hidden|mso-hide\s*:\s*all/i;
// Zero-width and soft-hyphen characters newsletters use as invisible padding.
const INVISIBLE = /\u034F|[\u00AD\u200B-\u200D\u2060\uFEFF]/g;
const MAX_DEPTH = 400;
const MAX_USEFUL_URL = 200;

interface Line {
  quoteDepth: number;
  text: string;
}

/** Accumulates inline text and pending line breaks; breaks are emitted lazily so none dangle. */
class TextSink {
  private readonly lines: Line[] = [];
  private current = '';
  private currentDepth = 0;
  private pendingBreaks = 0;
  quoteDepth = 0;

  text(raw: string): void {
    let s = raw.replace(INVISIBLE, '').replace(/[\s\u00A0]+/g, ' ');
    if (this.pendingBreaks > 0 && s.trim() !== '') this.flushBreaks();
    if (this.current === '' || this.current.endsWith(' ')) s = s.replace(/^ /, '');
    if (s === '') return;
    if (this.current === '') this.currentDepth = this.quoteDepth;
    this.current += s;
  }

  /** Text inside <pre>: keeps its own line structure. */
  preformatted(raw: string): void {
    const lines = raw
      .replace(INVISIBLE, '')
      .replace(/\u00A0/g, ' ')
      .split(/\r?\n/);
    lines.forEach((line, index) => {
      if (index > 0) this.lineBreak(1);
      if (line.trim() !== '') {
        this.flushBreaks();
        if (this.current === '') this.currentDepth = this.quoteDepth;
        this.current += line.trimEnd();
      }
    });
  }

  lineBreak(count: 1 | 2): void {
    this.pendingBreaks = Math.max(this.pendingBreaks, count);
  }

  /** <br>: a second one in a row makes a blank line. */
  hardBreak(): void {
    this.pendingBreaks = this.pendingBreaks >= 1 || this.current === '' ? 2 : 1;
  }

  private flushBreaks(): void {
    if (this.pendingBreaks === 0) return;
    if (this.current !== '' || this.lines.length > 0) {
      // A blank line between a quote and its surroundings belongs to the shallower side.
      const blankDepth = Math.min(this.currentDepth, this.quoteDepth);
      this.pushCurrent();
      if (this.pendingBreaks === 2) this.lines.push({ quoteDepth: blankDepth, text: '' });
    }
    this.pendingBreaks = 0;
  }

  private pushCurrent(): void {
    this.lines.push({ quoteDepth: this.currentDepth, text: this.current.trimEnd() });
    this.current = '';
    this.currentDepth = this.quoteDepth;
  }

  finish(): string {
    if (this.current !== '') this.pushCurrent();
    const rendered = this.lines.map((line) => {
      const prefix = '>'.repeat(line.quoteDepth);
      if (prefix === '') return line.text;
      return line.text === '' ? prefix : `${prefix} ${line.text}`;
    });
    return rendered
      .join('\n')
      .replace(/\n{3,}/g, '\n\n')
      .trim();
  }
}

function normalizeForComparison(value: string): string {
  return value
    .trim()
    .toLowerCase()
    .replace(/^mailto:/, '')
    .replace(/^https?:\/\//, '')
    .replace(/^www\./, '')
    .replace(/\/+$/, '');
}

/**
 * What to append after a link's text, or null. A URL is shown only when it tells the reader
 * something the text does not: not for image-only links, not when the text already is the
 * URL or a domain, not for long tracking redirects, not for javascript: or #anchors.
 */
export function linkAnnotation(href: string | undefined, linkText: string): string | null {
  if (href === undefined) return null;
  const url = href.trim();
  const text = linkText.replace(/\s+/g, ' ').trim();
  if (text === '' || url.length > MAX_USEFUL_URL) return null;
  const isHttp = /^https?:\/\//i.test(url);
  const isMailto = /^mailto:/i.test(url);
  if (!isHttp && !isMailto) return null;
  const target = isMailto ? (url.slice('mailto:'.length).split('?')[0] ?? '') : url;
  if (target === '') return null;
  const normalizedText = normalizeForComparison(text);
  if (normalizedText === normalizeForComparison(target)) return null;
  if (/^(https?:\/\/)?[\w-]+(\.[\w-]+)+(\/\S*)?$/i.test(text)) return null;
  if (isMailto && normalizedText.includes(target.toLowerCase())) return null;
  return target;
}

function isHidden(element: DomElement): boolean {
  const style = element.attribs.style ?? '';
  return 'hidden' in element.attribs || element.attribs['aria-hidden'] === 'true' || HIDDEN_STYLE.test(style);
}

/** Text content of a subtree; iterative so hostile nesting cannot overflow the stack. */
function textOf(root: DomNode): string {
  const out: string[] = [];
  const stack: DomNode[] = [root];
  while (stack.length > 0) {
    const node = stack.pop();
    if (node === undefined) break;
    if (node.nodeType === 3) out.push(node.data);
    else if ('attribs' in node && !SKIPPED.has(node.name.toLowerCase())) {
      for (let i = node.children.length - 1; i >= 0; i--) {
        const child = node.children[i];
        if (child !== undefined) stack.push(child);
      }
    }
  }
  return out.join('');
}

function walk(node: DomNode, sink: TextSink, depth: number, inPre: boolean): void {
  if (node.nodeType === 3) {
    if (inPre) sink.preformatted(node.data);
    else sink.text(node.data);
    return;
  }
  if (node.nodeType === 9) {
    for (const child of node.children) walk(child, sink, depth + 1, inPre);
    return;
  }
  if (!('attribs' in node)) return; // comments, CDATA, processing instructions
  const name = node.name.toLowerCase();
  if (SKIPPED.has(name) || isHidden(node)) return;
  if (depth > MAX_DEPTH) {
    sink.text(` ${textOf(node)} `);
    return;
  }
  if (name === 'br') {
    sink.hardBreak();
    return;
  }
  const paragraph = PARAGRAPH_BLOCKS.has(name);
  const block = paragraph || LINE_BLOCKS.has(name);
  if (block) sink.lineBreak(paragraph ? 2 : 1);
  if (name === 'td' || name === 'th') sink.text(' ');
  if (name === 'li') sink.text(listMarker(node));
  if (name === 'blockquote') sink.quoteDepth++;

  for (const child of node.children) walk(child, sink, depth + 1, inPre || name === 'pre');

  if (name === 'a') {
    const annotation = linkAnnotation(node.attribs.href, textOf(node));
    if (annotation !== null) sink.text(` (${annotation})`);
  }
  if (name === 'blockquote') {
    // Close the quoted paragraph before leaving the quote so its last line keeps the marker.
    sink.lineBreak(2);
    sink.quoteDepth--;
  }
  if (block) sink.lineBreak(paragraph ? 2 : 1);
  if (name === 'td' || name === 'th') sink.text(' ');
}

function listMarker(item: DomElement): string {
  const parent = item.parent;
  if (parent !== null && 'attribs' in parent && parent.name.toLowerCase() === 'ol') {
    const siblings = parent.children.filter((c) => 'attribs' in c && c.name.toLowerCase() === 'li');
    const start = Number.parseInt(parent.attribs.start ?? '1', 10);
    return `${(Number.isFinite(start) ? start : 1) + siblings.indexOf(item)}. `;
  }
  return '- ';
}

/**
 * Converts an HTML mail body into readable plain text: block elements become line breaks,
 * list items get markers, <blockquote> content is prefixed with "> " (so reply trimming treats
 * it like a plain-text quote), links keep their URL only when useful, and scripts, styles and
 * hidden preheaders are dropped.
 */
export function htmlToText(html: string): string {
  const $ = load(html);
  const sink = new TextSink();
  for (const node of $.root().toArray()) walk(node, sink, 0, false);
  return sink.finish();
}
