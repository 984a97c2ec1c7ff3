/**
 * Names for cheerio's node types. `domhandler` is not a direct dependency, so the types are taken
 * from cheerio's own signatures instead of being imported from it.
 */
import type { Cheerio } from 'cheerio';

export type DomNode = ReturnType<Cheerio<never>['contents']>[number];
export type DomElement = ReturnType<Cheerio<never>['children']>[number];

export type DomText = Extract<DomNode, { nodeType: 3 }>;

// DOM node type numbers rather than domhandler's `type` enum, which cannot be imported here.
/** Script and style elements count too. */
export function isElement(node: DomNode): node is DomElement {
  return node.nodeType === 1;
}

export function isText(node: DomNode): node is DomText {
  return node.nodeType === 3;
}

export function tagName(node: DomNode): string | undefined {
  return isElement(node) ? node.name.toLowerCase() : undefined;
}

export function classList(element: DomElement): string[] {
  const value = element.attribs['class'];
  return value ? value.split(/\s+/).filter((c) => c !== '') : [];
}

export function attr(element: DomElement, name: string): string | undefined {
  const value = element.attribs[name];
  return value === undefined ? undefined : value;
}

export function childElements(element: DomElement): DomElement[] {
  return element.children.filter(isElement);
}

/** Depth-first search below `element` (not including it). */
export function findDescendant(element: DomElement, predicate: (el: DomElement) => boolean): DomElement | undefined {
  for (const child of childElements(element)) {
    if (predicate(child)) return child;
    const found = findDescendant(child, predicate);
    if (found) return found;
  }
  return undefined;
}

/** All matches below `element`, in document order, without looking inside a match. */
export function findOutermost(element: DomElement, predicate: (el: DomElement) => boolean): DomElement[] {
  const out: DomElement[] = [];
  for (const child of childElements(element)) {
    if (predicate(child)) out.push(child);
    else out.push(...findOutermost(child, predicate));
  }
  return out;
}
