/**
 * Finds the part of a fetched page that is its content and reads the page's metadata.
 * Pure: HTML and URL in, a plain object out; the caller's cheerio document is not touched.
 */
import { load, type CheerioAPI } from 'cheerio';
import {
  removeChrome,
  removeConsentBanners,
  removeForms,
  removeHeadingPermalinks,
  removeHidden,
  removeNonContent,
  removeSkipLinks,
} from './boilerplate.js';
import { pickCanonicalUrl } from './canonical-url.js';
import type { DomElement } from './dom-types.js';
import { normalizeSpace, pickTitle } from './page-title.js';
import { visibleText } from './visible-text.js';
import { countWords } from './word-count.js';

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
}

/**
 * Content containers of common generators, most specific first: Docusaurus, MkDocs, Sphinx,
 * WordPress, Ghost, GitHub-style markdown, help centers (Zendesk, Help Scout, Intercom).
 */
const SPECIFIC_CONTAINERS = [
  '.theme-doc-markdown',
  '.md-content',
  '[itemprop="articleBody"]',
  '.entry-content',
  '.post-content',
  '.post-full-content',
  '.gh-content',
  '.article-content',
  '.article-body',
  '.article__body',
  '#fullArticle',
  '.post-body',
  '.markdown-body',
  '.rst-content',
  '.content-body',
  '.page-content',
];
const SEMANTIC_CONTAINERS = ['article', 'main', '[role="main"]'];
const GENERIC_CONTAINERS = ['#content', '#main-content', '#main', '.main-content', '.content'];

export function extractMainContent(html: string, pageUrl: string): ExtractedPage {
  const $ = load(html);
  const baseUrl = resolveBaseUrl($, pageUrl);
  const meta = readMetadata($, pageUrl);

  removeNonContent($);
  removeHidden($);
  removeSkipLinks($);
  // parse5 always creates <body>, even for fragments and empty documents.
  const body = $('body').get(0)!;
  removeConsentBanners($, countWords(visibleText([body])));

  const root = chooseContentRoot($, body);
  removeChrome($, root);
  removeForms($, root);
  removeHeadingPermalinks($, root);

  const heading = $(root).find('h1').first().text() || $(body).find('h1').first().text() || undefined;
  const title = pickTitle({ ...meta.titleSources, heading, pageUrl });
  return {
    title,
    canonicalUrl: meta.canonicalUrl,
    description: meta.description,
    language: meta.language,
    baseUrl,
    contentHtml: $(root).html() ?? '',
    wordCount: countWords(visibleText(root.children)),
  };
}

function resolveBaseUrl($: CheerioAPI, pageUrl: string): string {
  const href = $('base[href]').first().attr('href');
  let base = new URL(pageUrl);
  if (href !== undefined) {
    try {
      base = new URL(href, pageUrl);
    } catch {
      // An unparsable <base> is ignored, as browsers do.
    }
  }
  base.hash = '';
  return base.href;
}

function metaContent($: CheerioAPI, selectors: readonly string[]): string | undefined {
  for (const selector of selectors) {
    const value = normalizeSpace($(selector).first().attr('content') ?? '');
    if (value !== '') return value;
  }
  return undefined;
}

interface PageMetadata {
  titleSources: { ogTitle: string | undefined; documentTitle: string | undefined; siteNames: string[] };
  canonicalUrl: string;
  description: string | undefined;
  language: string | undefined;
}

function readMetadata($: CheerioAPI, pageUrl: string): PageMetadata {
  const siteNames = [
    metaContent($, ['meta[property="og:site_name"]']),
    metaContent($, ['meta[name="application-name"]']),
    metaContent($, ['meta[name="apple-mobile-web-app-title"]']),
  ].filter((name): name is string => name !== undefined);
  const documentTitle = normalizeSpace($('title').first().text()) || undefined;
  const ogTitle = metaContent($, ['meta[property="og:title"]', 'meta[name="og:title"]', 'meta[name="twitter:title"]']);
  const description = metaContent($, [
    'meta[name="description"]',
    'meta[property="og:description"]',
    'meta[name="twitter:description"]',
  ]);
  const canonicalHref = $('link[rel~="canonical"]').first().attr('href');
  return {
    titleSources: { ogTitle, documentTitle, siteNames },
    canonicalUrl: pickCanonicalUrl(canonicalHref, pageUrl),
    description,
    language: readLanguage($),
  };
}

function readLanguage($: CheerioAPI): string | undefined {
  const declared =
    $('html').attr('lang') ??
    $('html').attr('xml:lang') ??
    $('meta[http-equiv="content-language" i]').attr('content') ??
    $('meta[property="og:locale"]').attr('content');
  // og:locale writes en_US; the first entry of a content-language list is the main language.
  const tag = declared?.split(',')[0]?.trim().replace(/_/g, '-');
  return tag === undefined || tag === '' ? undefined : tag;
}

function wordsIn(el: DomElement): number {
  return countWords(visibleText([el]));
}

function hasMedia($: CheerioAPI, el: DomElement): boolean {
  return $(el).find('img, pre, table').length > 0;
}

/**
 * The element whose content is the page: the first container family that matches with enough
 * text. Several matches of one selector (a blog index full of `article`s) are only accepted
 * when one of them clearly dominates; otherwise a broader container takes over.
 */
function chooseContentRoot($: CheerioAPI, body: DomElement): DomElement {
  const bodyWords = wordsIn(body);
  // A generator's own content class is a strong signal: a small share of the page (the rest
  // being comments and widgets) or only media is enough. Generic names need more text.
  const families: { selectors: readonly string[]; minShare: number; mediaSuffices: boolean }[] = [
    { selectors: SPECIFIC_CONTAINERS, minShare: 0.05, mediaSuffices: true },
    { selectors: SEMANTIC_CONTAINERS, minShare: 0.1, mediaSuffices: false },
    { selectors: GENERIC_CONTAINERS, minShare: 0.3, mediaSuffices: false },
  ];
  for (const { selectors, minShare, mediaSuffices } of families) {
    for (const selector of selectors) {
      const matches = $(body).find(selector).toArray();
      if (matches.length === 0) continue;
      const scored = matches.map((el) => ({ el, words: wordsIn(el) })).sort((a, b) => b.words - a.words);
      const best = scored[0]!;
      const total = scored.reduce((sum, s) => sum + s.words, 0);
      if (
        matches.length > 1 &&
        best.words < total * 0.6 &&
        !nested(
          scored.map((s) => s.el),
          best.el,
        )
      )
        continue;
      const enough = best.words > 0 && best.words >= bodyWords * minShare;
      if (enough || (mediaSuffices && hasMedia($, best.el))) return best.el;
    }
  }
  return body;
}

/** True when every other match sits inside `best` (nested containers of one generator). */
function nested(all: readonly DomElement[], best: DomElement): boolean {
  return all.every((el) => el === best || isInside(el, best));
}

function isInside(el: DomElement, container: DomElement): boolean {
  for (let p = el.parent; p; p = p.parent) if (p === container) return true;
  return false;
}
