export type * from './block-types.js';
export { NOTION_CODE_LANGUAGES } from './block-types.js';
export { htmlToBlocks, nodesToBlocks, type HtmlToBlocksOptions } from './html-to-blocks.js';
export { resolveHref, resolveImageUrl, type LinkContext } from './links.js';
export { toNotionLanguage } from './code-language.js';
export {
  enforceNotionLimits,
  findLimitViolations,
  splitText,
  jsonBytes,
  NOTION_LIMITS,
  SAFE_BUDGETS,
  type LimitedBlocks,
} from './block-limits.js';
export {
  planPageWrite,
  createdBlocks,
  DEFAULT_WRITE_LIMITS,
  type PageWritePlan,
  type WriteStep,
  type WriteTarget,
  type WritePlanLimits,
} from './write-plan.js';
export { contentHash, canonicalJson } from './content-hash.js';
export { convertPage, type ConvertPageOptions, type ConvertedPage } from './convert-page.js';
export { getChildren, withChildren, getRichText, countBlocks } from './block-tree.js';
export { richText, plainText, type InlineStyle } from './rich-text.js';
