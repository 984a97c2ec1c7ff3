/**
 * Finds the part of a fetched page that is its content and reads the page's metadata.
 * Pure: HTML and URL in, a plain object out.
 *
 * Three ways to the content, the most exact first: the article element of a known documentation
 * generator, cleaned of the chrome it still holds; else Mozilla Readability, for pages that look
 * like an article; else the page's main landmark (or body) without site chrome.
 */
import {
  removeChrome,
  removeConsentBanners,
  removeHeadingPermalinks,
  removeInvisible,
  removePageChrome,
  removeScreenReaderText,
} from './boilerplate.js';
import { findDocumentationContainer } from './documentation-containers.js';
import { textOf } from './dom-text.js';
import { parseHtmlDocument, type HtmlDocument, type HtmlElement } from './html-document.js';
import { readMetadata } from './page-metadata.js';
import { normalizeSpace, pickTitle } from './page-title.js';
import { looksLikeArticle, readableContent } from './readable-content.js';
import { countWords } from './word-count.js';

/** Which way the content was found. */
export type ContentSource =
  | { kind: 'documentation'; generator: string }
  | { kind: 'readability' }
  /** The page's `main` element, or its body, without site chrome: a page Readability does not read. */
  | { kind: 'page' };

export interface ExtractedPage {
  title: string;
  /** Absolute, without fragment: the canonical link when it is on the same site, else the page URL. */
  canonicalUrl: string;
  description: string | undefined;
  /** BCP 47 tag as the page declares it (`en`, `pt-BR`), if it does. */
  language: string | undefined;
  /** What relative URLs in `contentHtml` resolve against: `<base href>` or the page URL. */
  baseUrl: string;
  /** Inner HTML of the content root, with boilerplate removed. */
  contentHtml: string;
  wordCount: number;
  source: ContentSource;
}

function firstHeading(root: HtmlElement): string | undefined {
  return normalizeSpace(root.querySelector('h1')?.textContent ?? '') || undefined;
}

/** The one `main` landmark of the page, if it has one with text. */
function mainLandmark(body: HtmlElement): HtmlElement | undefined {
  const mains = [...body.querySelectorAll('main, [role="main"]')].filter(
    (el, _, all) => !all.some((other) => other !== el && other.contains(el)),
  );
  const only = mains.length === 1 ? mains[0] : undefined;
  return only !== undefined && (only.textContent ?? '').trim() !== '' ? only : undefined;
}

function pageContent(body: HtmlElement): HtmlElement {
  removeInvisible(body);
  removeConsentBanners(body);
  const root = mainLandmark(body) ?? body;
  removePageChrome(root);
  return root;
}

function contentOf(document: HtmlDocument, html: string): { root: HtmlElement; source: ContentSource } {
  const documentation = findDocumentationContainer(document);
  if (documentation !== undefined) {
    const { container, generator, chrome } = documentation;
    if (chrome !== undefined) for (const el of [...container.querySelectorAll(chrome)]) el.remove();
    removeInvisible(container);
    removeChrome(container, { asidesAreContent: true });
    return { root: container, source: { kind: 'documentation', generator } };
  }
  if (!looksLikeArticle(document)) return { root: pageContent(document.body), source: { kind: 'page' } };
  removeConsentBanners(document.body);
  const readable = readableContent(document);
  if (readable !== undefined) {
    removeHeadingPermalinks(readable);
    removeScreenReaderText(readable);
    return { root: readable, source: { kind: 'readability' } };
  }
  // Readability has emptied parts of the document before giving up: start from the HTML again.
  return { root: pageContent(parseHtmlDocument(html).body), source: { kind: 'page' } };
}

export function extractMainContent(html: string, pageUrl: string): ExtractedPage {
  const document = parseHtmlDocument(html);
  const meta = readMetadata(document, pageUrl);
  // Read before Readability, which demotes and removes headings.
  const pageHeading = firstHeading(document.body);
  const { root, source } = contentOf(document, html);
  const heading = (source.kind === 'readability' ? undefined : firstHeading(root)) ?? pageHeading;
  return {
    title: pickTitle({ ...meta.titleSources, heading, pageUrl }),
    canonicalUrl: meta.canonicalUrl,
    description: meta.description,
    language: meta.language,
    baseUrl: meta.baseUrl,
    contentHtml: root.innerHTML,
    wordCount: countWords(textOf(root)),
    source,
  };
}
