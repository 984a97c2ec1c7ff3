/**
 * Removal of what is not content inside a known content container (a documentation
 * generator's article) or a page without any: code, hidden elements, skip links, navigation,
 * tables of contents, breadcrumbs, pagination, edit and feedback widgets, heading permalinks.
 * The general case (news, blogs, shops) is Mozilla Readability's; these rules only clean what a
 * generator's own container still holds.
 *
 * Rules that match on class or id names can misfire ("toc" in a tutorial about a TOC widget),
 * so those only remove elements that hold less than half of the container's text.
 */
import { textOf } from './dom-text.js';
import { isHtmlElement, type HtmlElement } from './html-document.js';
import { NON_CONTENT_TAGS } from './html-elements.js';
import { countWords } from './word-count.js';

const HIDDEN_STYLE = /(?:^|;)\s*(?:display\s*:\s*none|visibility\s*:\s*hidden)\s*(?:!important\s*)?(?:;|$)/i;

const CONSENT_NAME =
  /(?:^|[-_\s])(?:cookies?|consent|gdpr|ccpa|cmp)(?:[-_\s]|$)|onetrust|cookiebot|cookielaw|cookie-?(?:notice|banner|bar|law|popup|policy-banner)|cc-(?:banner|window|revoke)|truste|didomi|usercentrics|qc-cmp|osano|termly|iubenda|klaro|tarteaucitron|cookieyes|cky-|moove_gdpr|cmplz|borlabs|privacy-?banner/i;
const CONSENT_LABEL = /cookie|consent|privacy (?:settings|preferences|choices)/i;
const DIALOG_ROLE = /^(?:dialog|alertdialog|region|banner|complementary)$/i;

const SKIP_LINK_TEXT = /^\s*(?:skip|jump)\s+(?:to|over|navigation)\b/i;
const SKIP_LINK_NAME = /(?:^|[-_\s])skip(?:-?(?:link|to|nav)\w*)(?:[-_\s]|$)/i;

const SCREEN_READER_ONLY = [
  'sr-only',
  'visually-hidden',
  'visuallyhidden',
  'screen-reader-text',
  'screen-reader-only',
  'assistive-text',
];

/** Class or id tokens of page chrome, matched as whole dash/underscore-separated parts. */
const CHROME_TOKEN =
  /^(?:.*[-_])?(?:sidebar|side-bar|sidenav|toc|breadcrumbs?|pagination|pager|share|sharing|social|related|comments?|newsletter|subscribe|advert\w*|ads?|sponsor\w*|promo\w*|popup|modal|feedback|footer|navbar|topbar|menu|masthead|edit-?this-?page|post-?navigation|nav-?links|prev-?next|last-?updated)(?:[-_].*)?$/i;
/** camelCase module classes (Docusaurus, CSS modules) carry a hash suffix: `tableOfContents_bqdL`. */
const CHROME_SUBSTRING = /tableofcontents|table-of-contents|docsidebar|breadcrumbs|paginationnav/i;

const PERMALINK_TEXT = new Set(['', '¶', '#', '§', '🔗', '#️⃣', '⚓', '⚓︎']);
const PERMALINK_CLASS =
  /(?:^|[-_])(?:headerlink|hash-link|anchor|anchorjs-link|header-anchor|heading-anchor|anchor-link|permalink)(?:[-_]|$)/i;

const CALLOUT_NAME = /admonition|callout|alert|note|tip|hint|info|warning|caution|danger|important/i;

function classesOf(el: HtmlElement): string[] {
  return (el.getAttribute('class') ?? '').split(/\s+/).filter((c) => c !== '');
}

function wordsOf(el: HtmlElement): number {
  return countWords(textOf(el));
}

/** Removes every element below `root` that matches `selectors` and passes `keep`'s veto. */
function removeMatching(root: HtmlElement, selectors: string, remove: (el: HtmlElement) => boolean = () => true): void {
  for (const el of [...root.querySelectorAll(selectors)]) {
    // An ancestor removed earlier in this pass already took the element with it.
    if (root.contains(el) && remove(el)) el.remove();
  }
}

/** `aside.note` and friends are content (admonitions), not sidebars. */
function looksLikeCallout(el: HtmlElement): boolean {
  return CALLOUT_NAME.test(el.getAttribute('class') ?? '');
}

/**
 * By class only: documentation generators derive ids from heading text, so a section "Sharing
 * state between processes" or "Edit menu" has an id that reads like chrome.
 */
function isChromeByName(el: HtmlElement): boolean {
  return classesOf(el).some((t) => CHROME_TOKEN.test(t) || CHROME_SUBSTRING.test(t));
}

/**
 * Elements a reader cannot see. Tab panels are exempt: inactive tabs are hidden with the same
 * attribute but hold real content (the other languages of a code sample).
 */
function isHidden(el: HtmlElement): boolean {
  if (el.getAttribute('role') === 'tabpanel') return false;
  if (el.hasAttribute('hidden')) return true;
  if (el.getAttribute('aria-hidden')?.toLowerCase() === 'true') return true;
  return HIDDEN_STYLE.test(el.getAttribute('style') ?? '');
}

function isSkipLink(a: HtmlElement): boolean {
  const href = a.getAttribute('href') ?? '';
  const names = `${a.getAttribute('id') ?? ''} ${a.getAttribute('class') ?? ''}`;
  return SKIP_LINK_NAME.test(names) || (href.startsWith('#') && SKIP_LINK_TEXT.test(a.textContent ?? ''));
}

/**
 * The "¶" and "#" links that documentation generators put after headings and API signatures:
 * inside headings any link whose text is only such a mark, elsewhere only with a permalink class.
 */
function isPermalink(a: HtmlElement): boolean {
  const text = (a.textContent ?? '').trim();
  if (PERMALINK_CLASS.test(a.getAttribute('class') ?? '') && text.length <= 2) return true;
  return PERMALINK_TEXT.has(text) && a.closest('h1, h2, h3, h4, h5, h6') !== null;
}

function isConsentBanner(el: HtmlElement): boolean {
  const names = `${el.getAttribute('id') ?? ''} ${el.getAttribute('class') ?? ''}`;
  const labelled =
    DIALOG_ROLE.test(el.getAttribute('role') ?? '') && CONSENT_LABEL.test(el.getAttribute('aria-label') ?? '');
  return CONSENT_NAME.test(names) || labelled;
}

/** Cookie and privacy consent banners and dialogs (named by their CMP's classes or their label). */
export function removeConsentBanners(root: HtmlElement): void {
  // Most pages have none: the words of the page are only counted once a banner is found.
  let totalWords: number | undefined;
  removeMatching(root, '[id], [class], [role][aria-label]', (el) => {
    if (!isConsentBanner(el)) return false;
    totalWords ??= wordsOf(root);
    return totalWords === 0 || wordsOf(el) < totalWords / 2;
  });
}

export function removeHeadingPermalinks(root: HtmlElement): void {
  removeMatching(root, 'a', isPermalink);
}

/** Text only screen readers announce ("Post navigation", "(opens in a new tab)"). */
export function removeScreenReaderText(root: HtmlElement): void {
  removeMatching(root, SCREEN_READER_ONLY.map((c) => `.${c}`).join(','));
}

/** Text that is never seen: scripts, styles, embeds, form controls, hidden and screen-reader-only elements. */
export function removeInvisible(root: HtmlElement): void {
  removeMatching(root, [...NON_CONTENT_TAGS].join(','));
  removeMatching(root, '[hidden], [aria-hidden], [style]', isHidden);
  removeScreenReaderText(root);
  removeMatching(root, 'a', isSkipLink);
}

const isAside = (el: HtmlElement): boolean =>
  el.localName.toLowerCase() === 'aside' || el.getAttribute('role') === 'complementary';

/**
 * Removes chrome inside `root`. Navigation is removed unconditionally; everything recognised by
 * name must hold under half of the text. `asidesAreContent`: inside a documentation generator's
 * article, asides are the author's (Sphinx sidebars and footnotes, MkDocs source-file facts).
 */
export function removeChrome(root: HtmlElement, { asidesAreContent = false } = {}): void {
  removeMatching(root, 'nav, [role="navigation"], [role="search"], dialog, menu[role="menubar"]');
  const totalWords = wordsOf(root);
  const minor = (el: HtmlElement): boolean => totalWords === 0 || wordsOf(el) < totalWords / 2;
  const keep = (el: HtmlElement): boolean => looksLikeCallout(el) || (asidesAreContent && isAside(el));
  removeMatching(root, 'aside, [role="complementary"]', (el) => !keep(el) && minor(el));
  removeMatching(root, 'footer, [role="contentinfo"], form', minor);
  // A heading's own text is never chrome, whatever its parts are called: docutils wraps the text
  // of every heading of a page with a contents list in `<a class="toc-backref">`.
  const inHeading = (el: HtmlElement): boolean => el.closest('h1, h2, h3, h4, h5, h6') !== null;
  removeMatching(root, '[class]', (el) => isChromeByName(el) && !keep(el) && !inHeading(el) && minor(el));
  removeHeadingPermalinks(root);
}

/** Share of an element's words that sit inside links. */
function linkDensity(el: HtmlElement): number {
  const words = wordsOf(el);
  if (words === 0) return 1;
  const linked = [...el.querySelectorAll('a')].reduce((sum, a) => sum + wordsOf(a), 0);
  return linked / words;
}

/** The site's header (logo, menu) rather than an article's own header around its title. */
function isSiteHeader(el: HtmlElement): boolean {
  if (el.getAttribute('role') === 'banner') return true;
  const parent = el.parentNode;
  if (parent !== null && isHtmlElement(parent) && parent.localName.toLowerCase() === 'body') return true;
  const names = `${el.getAttribute('class') ?? ''} ${el.getAttribute('id') ?? ''}`;
  if (/site-?header|masthead|navbar|global-?header|top-?bar/i.test(names)) return true;
  if ([...el.children].some((c) => c.localName.toLowerCase() === 'nav' || c.getAttribute('role') === 'navigation')) {
    return true;
  }
  // A header made of links (logo and menu) without the page heading is the site's.
  return el.querySelector('h1') === null && linkDensity(el) >= 0.5;
}

/**
 * A page that is not an article (too short for Readability) and has no known content
 * container: its main landmark or body, without site header, navigation, sidebars and footer.
 */
export function removePageChrome(root: HtmlElement): void {
  removeMatching(root, 'header, [role="banner"]', isSiteHeader);
  removeChrome(root);
}
