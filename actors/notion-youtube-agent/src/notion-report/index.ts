export { appendLimitViolations, batchBlocks, countBlocks, nestingDepth } from './block-batches.js';
export {
  blockContent,
  blockPlainText,
  codeBlocks,
  dividerBlock,
  NOTION_LIMITS,
  richText,
  splitText,
  textBlocks,
  type CodeBlock,
  type DividerBlock,
  type NotionBlock,
  type NotionTextBlock,
  type RichTextItem,
  type RichTextOptions,
  type TextBlockBody,
  type TextBlockType,
} from './notion-blocks.js';
export { notionIdFromUrlOrId, notionPageUrl } from './notion-ids.js';
export {
  findNotionPages,
  notionTitleOf,
  pageIdFromResult,
  pickPageByTitle,
  type NotionPageRef,
} from './notion-pages.js';
export { normalizeTitle, pageTitleFromTask, researchPageTitle, type PageTitleOptions } from './page-titles.js';
export {
  buildResearchSectionBlocks,
  formatUtcMinute,
  reportChannelsFromResearch,
  researchSectionHeading,
  scoringMethodText,
  type ReportChannel,
  type ResearchSection,
} from './research-section.js';
export {
  rawBlocksFromSimplified,
  simplifiedFromRawBlocks,
  SIMPLIFIED_BLOCK_TYPES,
  type SimplifiedBlock,
  type SimplifiedBlockType,
} from './simplified-blocks.js';
