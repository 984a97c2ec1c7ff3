/** Plain text of a subtree the way a reader sees it: blocks separated, whitespace collapsed. */
import { BLOCK_LEVEL_TAGS, NON_CONTENT_TAGS } from './html-elements.js';
import { isHtmlElement, parseHtmlDocument, TEXT_NODE, type HtmlNode } from './html-document.js';

export function textOf(node: HtmlNode): string {
  const parts: string[] = [];
  collect(node.childNodes, parts);
  return parts
    .join('')
    .replace(/[\s\u00a0]+/g, ' ')
    .trim();
}

function collect(nodes: Iterable<HtmlNode>, parts: string[]): void {
  for (const node of nodes) {
    if (node.nodeType === TEXT_NODE) {
      parts.push(node.textContent ?? '');
    } else if (isHtmlElement(node)) {
      const name = node.localName.toLowerCase();
      if (NON_CONTENT_TAGS.has(name)) continue;
      if (name === 'br') {
        parts.push(' ');
        continue;
      }
      // Words in neighbouring blocks ("Title</h1><p>Body") must not run together.
      const block = BLOCK_LEVEL_TAGS.has(name);
      if (block) parts.push(' ');
      collect(node.childNodes, parts);
      if (block) parts.push(' ');
    }
  }
}

/** Text of an HTML document or fragment (a page's extracted content, a reference extraction). */
export function htmlToText(html: string): string {
  const document = parseHtmlDocument(html);
  return textOf(document.body);
}
