/** The URL a page should be known by: its canonical link when that stays on the same site. */

export function withoutFragment(url: string): string {
  const parsed = new URL(url);
  parsed.hash = '';
  return parsed.href;
}

function siteHost(url: URL): string {
  return url.hostname.toLowerCase().replace(/^www\./, '');
}

/** Same host (ignoring `www.`) over http(s): a canonical link elsewhere is a syndication hint, not this page. */
export function isSameSite(a: URL, b: URL): boolean {
  const web = (u: URL): boolean => u.protocol === 'http:' || u.protocol === 'https:';
  return web(a) && web(b) && siteHost(a) === siteHost(b);
}

/**
 * `canonicalHref` is the raw `href` of `<link rel=canonical>`; relative values are resolved
 * against the page URL, as browsers do.
 */
export function pickCanonicalUrl(canonicalHref: string | undefined, pageUrl: string): string {
  const page = new URL(pageUrl);
  const href = canonicalHref?.trim();
  if (href) {
    try {
      const canonical = new URL(href, page);
      if (isSameSite(canonical, page)) {
        canonical.hash = '';
        return canonical.href;
      }
    } catch {
      // An unparsable canonical link is ignored like a missing one.
    }
  }
  page.hash = '';
  return page.href;
}
