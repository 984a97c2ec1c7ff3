export { extractMainContent, type ExtractedPage } from './extract-main-content.js';
export { countWords } from './word-count.js';
export { cleanTitle, pickTitle, type TitleSources } from './page-title.js';
export { pickCanonicalUrl, withoutFragment, isSameSite } from './canonical-url.js';
export { visibleText } from './visible-text.js';
export type { DomNode, DomElement } from './dom-types.js';
