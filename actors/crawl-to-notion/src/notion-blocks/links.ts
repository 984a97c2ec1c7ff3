/** Link and image URLs as Notion will accept them: absolute, and only with safe schemes. */

export interface LinkContext {
  /** What relative URLs resolve against (`<base href>` or the page URL). */
  baseUrl: string;
  /** The page being converted: links into itself (`#section`) are in-page anchors. */
  pageUrl: string;
  /**
   * Maps an absolute http(s) URL (fragment removed) to the URL it should point to instead,
   * typically the Notion page that another crawled page became; undefined keeps the original.
   */
  resolveLink?: ((absoluteUrl: string) => string | undefined) | undefined;
}

const LINK_PROTOCOLS = new Set(['http:', 'https:', 'mailto:']);

function sameDocument(a: URL, b: URL): boolean {
  return a.origin === b.origin && a.pathname === b.pathname && a.search === b.search;
}

/**
 * The absolute URL for an `href`, or undefined when it should not become a Notion link:
 * `javascript:`/`data:`/`tel:` and other schemes, anchors within the same page (they would
 * leave Notion for the original site), and values that do not parse.
 */
export function resolveHref(href: string | undefined, context: LinkContext): string | undefined {
  const raw = href?.trim();
  if (!raw || raw.startsWith('#')) return undefined;
  let url: URL;
  try {
    url = new URL(raw, context.baseUrl);
  } catch {
    return undefined;
  }
  if (!LINK_PROTOCOLS.has(url.protocol)) return undefined;
  if (url.protocol === 'mailto:') return url.href;
  let page: URL | undefined;
  try {
    page = new URL(context.pageUrl);
  } catch {
    page = undefined;
  }
  if (page && url.hash !== '' && sameDocument(url, page)) return undefined;
  if (context.resolveLink) {
    const withoutHash = new URL(url.href);
    withoutHash.hash = '';
    const mapped = context.resolveLink(withoutHash.href);
    if (mapped !== undefined) return mapped;
  }
  return url.href;
}

/** Absolute http(s) URL of an image source; data: URIs and other schemes are skipped. */
export function resolveImageUrl(src: string | undefined, baseUrl: string): string | undefined {
  const raw = src?.trim();
  if (!raw || /^data:/i.test(raw)) return undefined;
  try {
    const url = new URL(raw, baseUrl);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : undefined;
  } catch {
    return undefined;
  }
}
