/**
 * A page parsed into a standard DOM (linkedom: fast, light, and the DOM Mozilla Readability
 * works on), behind the few DOM interfaces this package uses. The project compiles without the
 * DOM library, so those interfaces are declared here instead of taken from lib.dom.
 */
import { load } from 'cheerio';
import { parseHTML } from 'linkedom';

export interface HtmlNode {
  readonly nodeType: number;
  readonly textContent: string | null;
  readonly parentNode: HtmlNode | null;
  readonly childNodes: ArrayLike<HtmlNode> & Iterable<HtmlNode>;
  remove(): void;
}

export interface HtmlElement extends HtmlNode {
  /** Lower case for HTML elements. */
  readonly localName: string;
  readonly children: ArrayLike<HtmlElement> & Iterable<HtmlElement>;
  readonly innerHTML: string;
  getAttribute(name: string): string | null;
  hasAttribute(name: string): boolean;
  querySelector(selectors: string): HtmlElement | null;
  querySelectorAll(selectors: string): ArrayLike<HtmlElement> & Iterable<HtmlElement>;
  closest(selectors: string): HtmlElement | null;
  matches(selectors: string): boolean;
  contains(other: HtmlNode): boolean;
}

export interface HtmlDocument {
  readonly documentElement: HtmlElement;
  readonly head: HtmlElement;
  readonly body: HtmlElement;
  querySelector(selectors: string): HtmlElement | null;
  querySelectorAll(selectors: string): ArrayLike<HtmlElement> & Iterable<HtmlElement>;
}

export const ELEMENT_NODE = 1;
export const TEXT_NODE = 3;

export function isHtmlElement(node: HtmlNode): node is HtmlElement {
  return node.nodeType === ELEMENT_NODE;
}

/** Elements that may sit outside `<head>`/`<body>` without the page being malformed. */
const STRAY_TOLERATED = new Set(['head', 'body', 'script', 'style', 'noscript', 'template', 'link', 'meta']);

/**
 * linkedom builds the tree as written, without the implied `<html>`, `<head>` and `<body>` of
 * the HTML parsing algorithm. A page that leaves them out (valid HTML) or puts content beside
 * them would lose that content, so such a page is first normalised by a spec-compliant parser
 * (parse5, through cheerio); well-formed pages, the usual case, are parsed once.
 */
function isWellFormed(document: Partial<HtmlDocument>): boolean {
  const root = document.documentElement;
  if (!root || root.localName !== 'html') return false;
  let body = false;
  for (const child of root.children) {
    if (child.localName === 'body') body = true;
    else if (!STRAY_TOLERATED.has(child.localName)) return false;
  }
  return body;
}

function parse(html: string): Partial<HtmlDocument> {
  // linkedom's declarations name lib.dom's Window, which this project does not compile with.
  const { document } = parseHTML(html) as unknown as { document: Partial<HtmlDocument> };
  return document;
}

export function parseHtmlDocument(html: string): HtmlDocument {
  const document = parse(html);
  if (isWellFormed(document)) return document as HtmlDocument;
  const normalized = parse(load(html).html());
  if (!isWellFormed(normalized)) throw new Error('HTML could not be parsed into a document with a body');
  return normalized as HtmlDocument;
}
