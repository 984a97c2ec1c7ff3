export { NotionClient, NOTION_VERSION, MAX_CHILDREN_PER_REQUEST } from './notion-client.js';
export {
  notionId,
  pageTitle,
  type NotionBlock,
  type NotionBlockInput,
  type NotionDatabase,
  type NotionList,
  type NotionPage,
  type NotionParent,
  type NotionRichText,
} from './notion-types.js';
