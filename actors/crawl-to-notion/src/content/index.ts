export { extractMainContent, type ContentSource, type ExtractedPage } from './extract-main-content.js';
export { DOCUMENTATION_CONTAINERS, type DocumentationContainer } from './documentation-containers.js';
export { htmlToText } from './dom-text.js';
export { meanScore, tokenize, tokenOverlap, type TokenScore } from './token-overlap.js';
export { countWords } from './word-count.js';
export { cleanTitle, pickTitle, type TitleSources } from './page-title.js';
export { pickCanonicalUrl, withoutFragment, isSameSite } from './canonical-url.js';
export type { DomNode, DomElement } from './dom-types.js';
