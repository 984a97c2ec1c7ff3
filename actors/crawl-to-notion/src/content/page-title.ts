/**
 * Page titles without the site name: "Install | Acme Docs" -> "Install". Sites put their name
 * before or after the page title with a separator; the page's own heading and the site names
 * the page declares decide which part is the title, and only clear cases are trimmed blindly.
 */

const SEPARATOR = /(\s+(?:\||-|–|—|·|•|::|»|\/\/|~)\s+)/;
/** Separators that almost always mean "page title <sep> site", unlike " - " inside titles. */
const SITE_SEPARATORS = new Set(['|', '–', '—', '·', '•', '::', '»', '//', '~']);

export interface TitleSources {
  ogTitle?: string | undefined;
  heading?: string | undefined;
  documentTitle?: string | undefined;
  /** og:site_name, application-name and the like. */
  siteNames: readonly string[];
  pageUrl: string;
}

export function normalizeSpace(text: string): string {
  return text.replace(/[\s\u00a0]+/g, ' ').trim();
}

function comparable(text: string): string {
  return text.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');
}

/** "docs.python.org" -> ["python", "docspythonorg", ...]: names a site is likely to use for itself. */
export function hostNameHints(hostname: string): string[] {
  const labels = hostname
    .toLowerCase()
    .replace(/^www\./, '')
    .split('.');
  const core = labels.length > 1 ? labels.slice(0, -1) : labels;
  const hints = new Set<string>([comparable(hostname), ...core.map(comparable)]);
  hints.delete('');
  for (const generic of [
    'docs',
    'doc',
    'blog',
    'help',
    'support',
    'www',
    'com',
    'co',
    'app',
    'en',
    'developer',
    'developers',
  ]) {
    hints.delete(generic);
  }
  return [...hints];
}

/** Words sites add to their name: "Acme Docs", "Beispiel Hilfe-Center", "Widgets Help". */
const SITE_WORDS =
  /^(?:the|official)|(?:docs|documentation|blog|help|helpcenter|hilfecenter|support|wiki|kb|knowledgebase|developers|developer|api|guide|guides|hq|home|site)$/;

function withoutSiteWords(c: string): string {
  let out = c;
  for (let previous = ''; previous !== out;) {
    previous = out;
    out = out.replace(SITE_WORDS, '');
  }
  return out;
}

function isSiteName(part: string, siteNames: readonly string[], hostHints: readonly string[], loose: boolean): boolean {
  const c = comparable(part);
  if (c === '') return true;
  if (siteNames.some((name) => comparable(name) === c)) return true;
  if (hostHints.includes(c) || hostHints.includes(withoutSiteWords(c))) return true;
  // A trailing "Python 3.12 documentation" on docs.python.org is the site too; a leading
  // "Python tutorial" is more likely the title, so only the end is matched loosely.
  return loose && hostHints.some((hint) => hint.length >= 3 && c.includes(hint) && c.length <= hint.length + 30);
}

export function cleanTitle(raw: string, sources: Pick<TitleSources, 'heading' | 'siteNames' | 'pageUrl'>): string {
  const title = normalizeSpace(raw);
  const pieces = title.split(SEPARATOR);
  if (pieces.length < 3) return title;
  const parts = pieces.filter((_, i) => i % 2 === 0);
  const separators = pieces.filter((_, i) => i % 2 === 1).map((s) => s.trim());
  const join = (from: number, to: number): string => {
    let out = parts[from]!;
    for (let i = from + 1; i < to; i++) out += ` ${separators[i - 1]!} ${parts[i]!}`;
    return out;
  };

  // The page's own heading is the best arbiter when it matches a contiguous run of parts.
  const heading = sources.heading === undefined ? '' : comparable(sources.heading);
  if (heading !== '') {
    for (let from = 0; from < parts.length; from++) {
      for (let to = parts.length; to > from; to--) {
        if (comparable(join(from, to)) === heading) return join(from, to);
      }
    }
  }

  let from = 0;
  let to = parts.length;
  const hostHints = hostNameHints(new URL(sources.pageUrl).hostname);
  while (to - from > 1 && isSiteName(parts[to - 1]!, sources.siteNames, hostHints, true)) to--;
  while (to - from > 1 && isSiteName(parts[from]!, sources.siteNames, hostHints, false)) from++;
  if (from === 0 && to === parts.length) {
    const lastSeparator = separators[separators.length - 1]!;
    const rest = join(0, parts.length - 1);
    if (SITE_SEPARATORS.has(lastSeparator) && parts[parts.length - 1]!.length < rest.length) to--;
  }
  return join(from, to);
}

/** og:title, then the first heading, then `<title>`, then the URL: the first that is not empty. */
export function pickTitle(sources: TitleSources): string {
  const candidates = [
    sources.ogTitle === undefined ? '' : cleanTitle(sources.ogTitle, sources),
    sources.heading === undefined ? '' : normalizeSpace(sources.heading),
    sources.documentTitle === undefined ? '' : cleanTitle(sources.documentTitle, sources),
  ];
  const found = candidates.find((c) => c !== '');
  return found ?? titleFromUrl(sources.pageUrl);
}

function titleFromUrl(pageUrl: string): string {
  const url = new URL(pageUrl);
  const segment = url.pathname
    .split('/')
    .filter((s) => s !== '')
    .pop();
  if (segment === undefined) return url.hostname;
  let decoded = segment;
  try {
    decoded = decodeURIComponent(segment);
  } catch {
    // Keep the raw segment when it is not valid percent-encoding.
  }
  return normalizeSpace(decoded.replace(/\.[a-z0-9]+$/i, '').replace(/[-_]+/g, ' ')) || url.hostname;
}
