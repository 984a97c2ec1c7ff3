/**
 * Removal of everything around and inside a page that is not its content: code, hidden
 * elements, consent banners, skip links, site chrome (navigation, sidebars, headers and
 * footers, tables of contents, share and comment widgets) and heading permalinks.
 *
 * Rules that match on class or id names can misfire ("cookie" in a recipe blog's class names),
 * so those only remove elements that hold less than half of the surrounding text.
 */
import type { CheerioAPI } from 'cheerio';
import { attr, classList, findDescendant, findOutermost, isElement, type DomElement } from './dom-types.js';
import { NON_CONTENT_TAGS } from './html-elements.js';
import { visibleText } from './visible-text.js';
import { countWords } from './word-count.js';

const HIDDEN_STYLE = /(?:^|;)\s*(?:display\s*:\s*none|visibility\s*:\s*hidden)\s*(?:!important\s*)?(?:;|$)/i;

const CONSENT_NAME =
  /(?:^|[-_\s])(?:cookies?|consent|gdpr|ccpa|cmp)(?:[-_\s]|$)|onetrust|cookiebot|cookielaw|cookie-?(?:notice|banner|bar|law|popup|policy-banner)|cc-(?:banner|window|revoke)|truste|didomi|usercentrics|qc-cmp|osano|termly|iubenda|klaro|tarteaucitron|cookieyes|cky-|moove_gdpr|cmplz|borlabs|privacy-?banner/i;

const CONSENT_LABEL = /cookie|consent|privacy (?:settings|preferences|choices)/i;

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

/** Drops elements whose content never renders as text: scripts, styles, embeds, form controls. */
export function removeNonContent($: CheerioAPI): void {
  $([...NON_CONTENT_TAGS].join(',')).remove();
}

/**
 * Elements a reader cannot see. Tab panels are exempt: inactive tabs are hidden with the same
 * attribute but hold real content (the other languages of a code sample).
 */
export function removeHidden($: CheerioAPI): void {
  $('[hidden], [aria-hidden], [style]')
    .filter((_, el) => {
      if (attr(el, 'role') === 'tabpanel') return false;
      if (attr(el, 'hidden') !== undefined) return true;
      if (attr(el, 'aria-hidden')?.toLowerCase() === 'true') return true;
      return HIDDEN_STYLE.test(attr(el, 'style') ?? '');
    })
    .remove();
  $(SCREEN_READER_ONLY.map((c) => `.${c}`).join(',')).remove();
}

export function removeSkipLinks($: CheerioAPI): void {
  $('a')
    .filter((_, el) => {
      const href = attr(el, 'href') ?? '';
      const names = `${attr(el, 'id') ?? ''} ${attr(el, 'class') ?? ''}`;
      return SKIP_LINK_NAME.test(names) || (href.startsWith('#') && SKIP_LINK_TEXT.test($(el).text()));
    })
    .remove();
}

/** Words of an element, for the half-of-the-text rule; only computed for elements a rule matched. */
function wordsOf(el: DomElement): number {
  return countWords(visibleText([el]));
}

/** `totalWords`: words of the area the rule applies to; a match holding half of them or more is kept. */
function removable(el: DomElement, totalWords: number): boolean {
  return totalWords === 0 || wordsOf(el) < totalWords / 2;
}

export function removeConsentBanners($: CheerioAPI, totalWords: number): void {
  $('[id], [class], [aria-label]')
    .filter((_, el) => {
      const names = `${attr(el, 'id') ?? ''} ${attr(el, 'class') ?? ''}`;
      const label = attr(el, 'aria-label') ?? '';
      const role = attr(el, 'role') ?? '';
      const labelled = /^(?:dialog|alertdialog|region|banner|complementary)$/i.test(role) && CONSENT_LABEL.test(label);
      return (CONSENT_NAME.test(names) || labelled) && removable(el, totalWords);
    })
    .remove();
}

const CALLOUT_NAME = /admonition|callout|alert|note|tip|hint|info|warning|caution|danger|important/i;

/** `aside.note` and friends are content (admonitions), not sidebars. */
export function looksLikeCallout(el: DomElement): boolean {
  return CALLOUT_NAME.test(attr(el, 'class') ?? '');
}

function isChromeByName(el: DomElement): boolean {
  const tokens = [...classList(el), attr(el, 'id') ?? ''].filter((t) => t !== '');
  return tokens.some((t) => CHROME_TOKEN.test(t) || CHROME_SUBSTRING.test(t));
}

function isSiteHeader(el: DomElement): boolean {
  const parent = el.parent;
  if (parent && isElement(parent) && parent.name.toLowerCase() === 'body') return true;
  if (attr(el, 'role') === 'banner') return true;
  if (
    /site-?header|masthead|navbar|global-?header|top-?bar/i.test(`${attr(el, 'class') ?? ''} ${attr(el, 'id') ?? ''}`)
  ) {
    return true;
  }
  if (el.children.some((c) => isElement(c) && (c.name === 'nav' || attr(c, 'role') === 'navigation'))) return true;
  // A header made of links (logo and menu) without the page heading is the site's.
  return linkDensity(el) >= 0.5 && findDescendant(el, (d) => d.name === 'h1') === undefined;
}

/** Share of an element's words that sit inside links. */
function linkDensity(el: DomElement): number {
  const words = wordsOf(el);
  if (words === 0) return 1;
  const linked = findOutermost(el, (d) => d.name === 'a').reduce((sum, a) => sum + wordsOf(a), 0);
  return linked / words;
}

/**
 * Removes chrome inside `root` (the whole body when no content container was found). Navigation
 * is removed unconditionally; everything recognised by name must hold under half of the text.
 */
export function removeChrome($: CheerioAPI, root: DomElement): void {
  const scope = $(root);
  scope.find('nav, [role="navigation"], [role="search"], dialog, menu[role="menubar"]').remove();
  const totalWords = wordsOf(root);

  scope
    .find('aside, [role="complementary"]')
    .filter((_, el) => !looksLikeCallout(el) && removable(el, totalWords))
    .remove();
  scope
    .find('footer, [role="contentinfo"]')
    .filter((_, el) => removable(el, totalWords))
    .remove();
  scope
    .find('header, [role="banner"]')
    .filter((_, el) => isSiteHeader(el) && removable(el, totalWords))
    .remove();
  scope
    .find('[class], [id]')
    .filter((_, el) => isChromeByName(el) && !looksLikeCallout(el) && removable(el, totalWords))
    .remove();
}

/**
 * Removes forms that are widgets (search boxes, newsletter sign-ups) but keeps a form that wraps
 * the page itself, as ASP.NET WebForms sites do.
 */
export function removeForms($: CheerioAPI, root: DomElement): void {
  const totalWords = wordsOf(root);
  $(root)
    .find('form')
    .filter((_, el) => removable(el, totalWords))
    .remove();
}

/**
 * The "¶" and "#" links that documentation generators put after headings and API signatures:
 * inside headings any link whose text is only such a mark, elsewhere only with a permalink class.
 */
export function removeHeadingPermalinks($: CheerioAPI, root: DomElement): void {
  $(root)
    .find('a')
    .filter((_, el) => {
      const text = $(el).text().trim();
      if (PERMALINK_CLASS.test(attr(el, 'class') ?? '') && text.length <= 2) return true;
      return PERMALINK_TEXT.has(text) && $(el).closest('h1, h2, h3, h4, h5, h6').length > 0;
    })
    .remove();
}
