/**
 * The article element of well-known documentation generators. Where one of these is on the
 * page it is more exact than any general extractor: it holds exactly the page's content, index
 * pages made only of links included (which Readability's link-density rules would discard).
 */
import type { HtmlDocument, HtmlElement } from './html-document.js';

export interface DocumentationContainer {
  generator: string;
  selector: string;
  /** The generator's own widgets inside its article that the general chrome rules keep. */
  chrome?: string;
}

/** Most specific first; each selector names one generator's own markup, never a generic class. */
export const DOCUMENTATION_CONTAINERS: readonly DocumentationContainer[] = [
  { generator: 'Docusaurus', selector: '.theme-doc-markdown' },
  // The "Last update" facts sit in an <aside>, which inside articles is otherwise content.
  { generator: 'MkDocs Material', selector: '.md-content', chrome: '.md-source-file' },
  { generator: 'Sphinx / MkDocs (Read the Docs theme)', selector: '.rst-content [itemprop="articleBody"]' },
  { generator: 'Sphinx / MkDocs (Read the Docs theme)', selector: '.rst-content [role="main"]' },
  { generator: 'Sphinx (Furo)', selector: 'article#furo-main-content' },
  { generator: 'Sphinx (PyData, Book)', selector: 'article.bd-article' },
  { generator: 'Sphinx (classic, Alabaster, python.org docs)', selector: 'div.body[role="main"]' },
  { generator: 'GitBook (legacy)', selector: 'section.markdown-section' },
  { generator: 'VitePress', selector: '.vp-doc' },
  { generator: 'VuePress', selector: '.theme-default-content' },
  { generator: 'Astro Starlight', selector: '.sl-markdown-content' },
  { generator: 'Hugo Docsy', selector: '.td-content' },
  { generator: 'mdBook', selector: '#page-wrapper #content > main' },
  { generator: 'Antora', selector: 'article.doc' },
  { generator: 'GitHub Markdown', selector: 'article.markdown-body' },
];

const ALL_SELECTORS = DOCUMENTATION_CONTAINERS.map((c) => c.selector).join(', ');

/** Matches that are not inside another match: nested elements of one generator count once. */
function outermost(matches: readonly HtmlElement[]): HtmlElement[] {
  return matches.filter((el) => !matches.some((other) => other !== el && other.contains(el)));
}

function hasContent(el: HtmlElement): boolean {
  return (el.textContent ?? '').trim() !== '' || el.querySelector('img, pre, table') !== null;
}

/**
 * The one content container of a known generator on this page, if there is one with content. A
 * selector matching several separate elements (a listing of many articles) is not taken.
 */
export function findDocumentationContainer(
  document: HtmlDocument,
): { container: HtmlElement; generator: string; chrome: string | undefined } | undefined {
  // One pass over the page for all generators; most pages match none.
  const candidates = [...document.body.querySelectorAll(ALL_SELECTORS)];
  if (candidates.length === 0) return undefined;
  for (const { generator, selector, chrome } of DOCUMENTATION_CONTAINERS) {
    const matches = outermost(candidates.filter((el) => el.matches(selector)));
    if (matches.length === 1 && hasContent(matches[0]!)) return { container: matches[0]!, generator, chrome };
  }
  return undefined;
}
