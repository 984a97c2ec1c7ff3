/** Plain text of a subtree the way a reader sees it: blocks separated, whitespace collapsed. */
import { isElement, isText, type DomNode } from './dom-types.js';
import { BLOCK_LEVEL_TAGS, NON_CONTENT_TAGS } from './html-elements.js';

export function visibleText(nodes: readonly DomNode[]): string {
  const parts: string[] = [];
  collect(nodes, parts);
  return parts
    .join('')
    .replace(/[\s\u00a0]+/g, ' ')
    .trim();
}

function collect(nodes: readonly DomNode[], parts: string[]): void {
  for (const node of nodes) {
    if (isText(node)) {
      parts.push(node.data);
    } else if (isElement(node)) {
      const name = node.name.toLowerCase();
      if (NON_CONTENT_TAGS.has(name)) continue;
      if (name === 'br') {
        parts.push(' ');
        continue;
      }
      // Words in neighbouring blocks ("Title</h1><p>Body") must not run together.
      const block = BLOCK_LEVEL_TAGS.has(name);
      if (block) parts.push(' ');
      collect(node.children, parts);
      if (block) parts.push(' ');
    }
  }
}
