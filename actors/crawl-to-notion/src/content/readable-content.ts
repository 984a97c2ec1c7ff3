/**
 * The general case: Mozilla Readability (the extractor of Firefox Reader View) finds the article
 * in a page with no known content container. Like Firefox, it is only asked about pages that look
 * like an article; on short pages it tends to return the whole body, navigation included.
 */
import { isProbablyReaderable, Readability } from '@mozilla/readability';
import type { HtmlDocument, HtmlElement } from './html-document.js';

type ReadabilityDocument = ConstructorParameters<typeof Readability>[0];

// Readability is typed against lib.dom; the document is linkedom's, seen through this package's interfaces.
const asReadabilityDocument = (document: HtmlDocument): ReadabilityDocument =>
  document as unknown as ReadabilityDocument;

/** Readability's own quick test (the one that decides whether Firefox offers Reader View); changes nothing. */
export function looksLikeArticle(document: HtmlDocument): boolean {
  return isProbablyReaderable(asReadabilityDocument(document));
}

/**
 * The element Readability builds around the article; undefined when it found nothing in it.
 * Changes `document`. Class names are kept: the block converter reads code languages and
 * callout kinds from them.
 */
export function readableContent(document: HtmlDocument): HtmlElement | undefined {
  const reader = new Readability<HtmlElement>(asReadabilityDocument(document), {
    keepClasses: true,
    // Metadata is read by this package; JSON-LD would only feed Readability's own.
    disableJSONLD: true,
    serializer: (node) => node as unknown as HtmlElement,
  });
  const content = reader.parse()?.content ?? undefined;
  if (content === undefined) return undefined;
  const empty = (content.textContent ?? '').trim() === '' && content.querySelector('img, pre, table') === null;
  return empty ? undefined : content;
}
