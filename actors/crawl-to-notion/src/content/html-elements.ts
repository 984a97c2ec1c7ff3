/** Which HTML elements start a new block when rendered, and which flow inside a line of text. */

export const BLOCK_LEVEL_TAGS: ReadonlySet<string> = new Set([
  'address', 'article', 'aside', 'blockquote', 'body', 'center', 'dd', 'details', 'dialog', 'dir', 'div', 'dl',
  'dt', 'fieldset', 'figcaption', 'figure', 'footer', 'form', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header',
  'hgroup', 'hr', 'html', 'li', 'main', 'menu', 'nav', 'ol', 'p', 'pre', 'section', 'summary', 'table',
  'tbody', 'td', 'tfoot', 'th', 'thead', 'tr', 'ul', 'caption', 'legend', 'picture', 'video', 'audio', 'img',
]);

/** Elements whose content is never text a reader sees. */
export const NON_CONTENT_TAGS: ReadonlySet<string> = new Set([
  'script', 'style', 'noscript', 'template', 'iframe', 'frame', 'frameset', 'object', 'embed', 'svg', 'canvas',
  'link', 'meta', 'head', 'title', 'base', 'button', 'select', 'option', 'textarea', 'datalist', 'map', 'source',
  'track', 'param',
]);
