export { NotionClient, NOTION_VERSION } from './notion-client.js';
export {
  connectorFetch,
  proxyCallOf,
  NOTION_API_ORIGIN,
  type NotionFetch,
  type ProxyHandle,
} from './connector-fetch.js';
export { NOTION_LIMITS, MAX_CHILDREN_PER_REQUEST } from './notion-limits.js';
export { NOTION_CODE_LANGUAGES } from './code-languages.js';
export {
  blockBody,
  databaseTitle,
  notionId,
  pageTitle,
  type ApiColor,
  type BlockObjectRequest,
  type BlockObjectRequestWithoutChildren,
  type BlockObjectResponse,
  type BlockObjectWithSingleLevelOfChildrenRequest,
  type DatabaseObjectResponse,
  type EmojiRequest,
  type LanguageRequest,
  type NotionBlock,
  type NotionBlockInput,
  type NotionDatabase,
  type NotionDatabaseFilter,
  type NotionDatabaseSchema,
  type NotionDatabaseSchemaChanges,
  type NotionPage,
  type NotionPageIcon,
  type NotionPageProperties,
  type NotionParent,
  type NotionRichText,
  type PageObjectResponse,
  type RichTextItemRequest,
} from './notion-types.js';
// Notion's error codes, for callers telling a refusal (object_not_found, validation_error, ...) apart.
export { APIErrorCode, APIResponseError, isNotionClientError } from '@notionhq/client';
