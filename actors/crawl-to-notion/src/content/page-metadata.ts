/** What a page says about itself in its head: base URL, title sources, canonical URL, description, language. */
import { pickCanonicalUrl } from './canonical-url.js';
import type { HtmlDocument, HtmlElement } from './html-document.js';
import { normalizeSpace, type TitleSources } from './page-title.js';

export interface PageMetadata {
  titleSources: Pick<TitleSources, 'ogTitle' | 'documentTitle' | 'siteNames'>;
  canonicalUrl: string;
  description: string | undefined;
  language: string | undefined;
  /** What relative URLs in the page resolve against: `<base href>` or the page URL. */
  baseUrl: string;
}

/** The elements metadata is read from, gathered in one pass over the page. */
interface HeadElements {
  metas: HtmlElement[];
  links: HtmlElement[];
  base: HtmlElement | undefined;
  title: HtmlElement | undefined;
}

function headElements(document: HtmlDocument): HeadElements {
  const found: HeadElements = { metas: [], links: [], base: undefined, title: undefined };
  for (const el of document.querySelectorAll('meta, link[rel], base[href], title')) {
    const name = el.localName.toLowerCase();
    if (name === 'meta') found.metas.push(el);
    else if (name === 'link') found.links.push(el);
    else if (name === 'base') found.base ??= el;
    // An SVG <title> inside the body is a tooltip, not the page's title.
    else if (name === 'title' && el.closest('svg') === null) found.title ??= el;
  }
  return found;
}

/** `content` of the first non-blank `<meta>` with one of these attribute/value pairs, in order of preference. */
function metaContent(
  metas: readonly HtmlElement[],
  keys: readonly [attribute: string, value: string][],
): string | undefined {
  for (const [attribute, value] of keys) {
    for (const meta of metas) {
      if (meta.getAttribute(attribute)?.toLowerCase() !== value) continue;
      const content = normalizeSpace(meta.getAttribute('content') ?? '');
      if (content !== '') return content;
    }
  }
  return undefined;
}

function resolveBaseUrl(base: HtmlElement | undefined, pageUrl: string): string {
  const href = base?.getAttribute('href') ?? undefined;
  let resolved = new URL(pageUrl);
  if (href !== undefined) {
    try {
      resolved = new URL(href, pageUrl);
    } catch {
      // An unparsable <base> is ignored, as browsers do.
    }
  }
  resolved.hash = '';
  return resolved.href;
}

function readLanguage(document: HtmlDocument, metas: readonly HtmlElement[]): string | undefined {
  const html = document.documentElement;
  const declared =
    html.getAttribute('lang') ??
    html.getAttribute('xml:lang') ??
    metaContent(metas, [['http-equiv', 'content-language']]) ??
    metaContent(metas, [['property', 'og:locale']]);
  // og:locale writes en_US; the first entry of a content-language list is the main language.
  const tag = declared?.split(',')[0]?.trim().replace(/_/g, '-');
  return tag === undefined || tag === '' ? undefined : tag;
}

export function readMetadata(document: HtmlDocument, pageUrl: string): PageMetadata {
  const { metas, links, base, title } = headElements(document);
  const siteNames = [
    metaContent(metas, [['property', 'og:site_name']]),
    metaContent(metas, [['name', 'application-name']]),
    metaContent(metas, [['name', 'apple-mobile-web-app-title']]),
  ].filter((name): name is string => name !== undefined);
  const documentTitle = normalizeSpace(title?.textContent ?? '') || undefined;
  const ogTitle = metaContent(metas, [
    ['property', 'og:title'],
    ['name', 'og:title'],
    ['name', 'twitter:title'],
  ]);
  const description = metaContent(metas, [
    ['name', 'description'],
    ['property', 'og:description'],
    ['name', 'twitter:description'],
  ]);
  const canonical = links.find((link) => /(?:^|\s)canonical(?:\s|$)/i.test(link.getAttribute('rel') ?? ''));
  return {
    titleSources: { ogTitle, documentTitle, siteNames },
    canonicalUrl: pickCanonicalUrl(canonical?.getAttribute('href') ?? undefined, pageUrl),
    description,
    language: readLanguage(document, metas),
    baseUrl: resolveBaseUrl(base, pageUrl),
  };
}
