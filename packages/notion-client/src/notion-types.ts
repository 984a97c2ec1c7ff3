/**
 * Notion's objects as its official SDK types them (API version 2022-06-28), under the names this
 * repository uses, plus the request parts the SDK keeps internal, derived from its public types.
 */
import type {
  BlockObjectRequest,
  BlockObjectResponse,
  Client,
  CreateDatabaseParameters,
  CreatePageParameters,
  DatabaseObjectResponse,
  PageObjectResponse,
  RichTextItemResponse,
  UpdateDatabaseParameters,
} from '@notionhq/client';

export type { BlockObjectRequest, BlockObjectResponse, PageObjectResponse, DatabaseObjectResponse };

/** A page as Notion returns it. */
export type NotionPage = PageObjectResponse;
/** A database as Notion returns it. */
export type NotionDatabase = DatabaseObjectResponse;
/** A block as Notion returns it (listed, created or deleted). */
export type NotionBlock = BlockObjectResponse;
/** A block to write: a top-level block of a request, with up to two levels of children. */
export type NotionBlockInput = BlockObjectRequest;
/** Rich text as Notion returns it (with `plain_text` and `href`). */
export type NotionRichText = RichTextItemResponse;
/** Where a new page goes: under a page, as a database row, or (public integrations only) the workspace. */
export type NotionParent = NonNullable<CreatePageParameters['parent']>;
/** A page's property values, to create or update it. */
export type NotionPageProperties = NonNullable<CreatePageParameters['properties']>;
/** A page's icon, to create it. */
export type NotionPageIcon = NonNullable<CreatePageParameters['icon']>;
/** A database's property schema, to create it. */
export type NotionDatabaseSchema = CreateDatabaseParameters['properties'];
/** Property schema changes of an existing database: new properties, or changed ones by name. */
export type NotionDatabaseSchemaChanges = NonNullable<UpdateDatabaseParameters['properties']>;
/** A database query's filter. */
export type NotionDatabaseFilter = NonNullable<Parameters<Client['databases']['query']>[0]['filter']>;

type RequestBody<T extends string> = Extract<BlockObjectRequest, Record<T, unknown>>[T];

/** A block one level below the blocks of a request: it may carry children of its own. */
export type BlockObjectWithSingleLevelOfChildrenRequest = NonNullable<RequestBody<'paragraph'>['children']>[number];
/** A block two levels below the blocks of a request: no children (so no table, whose rows are children). */
export type BlockObjectRequestWithoutChildren = NonNullable<
  Extract<BlockObjectWithSingleLevelOfChildrenRequest, Record<'paragraph', unknown>>['paragraph']['children']
>[number];
/** One rich-text item to write. */
export type RichTextItemRequest = RequestBody<'paragraph'>['rich_text'][number];
/** Text and background colours of blocks and rich text. */
export type ApiColor = NonNullable<RequestBody<'paragraph'>['color']>;
/** The values Notion accepts for `code.language`. */
export type LanguageRequest = RequestBody<'code'>['language'];
/** The emoji Notion accepts as an icon (its SDK lists them as a type only). */
export type EmojiRequest = Extract<NonNullable<RequestBody<'callout'>['icon']>, Record<'emoji', unknown>>['emoji'];

/** A page's title, whatever its title property is called (`title`, `Name`, ...). */
export function pageTitle(page: Pick<NotionPage, 'properties'>): string {
  for (const property of Object.values(page.properties)) {
    if (property.type === 'title') return property.title.map((t) => t.plain_text).join('');
  }
  return '';
}

/** The part of a block its type names (`block.paragraph` of a paragraph), whatever the type. */
export function blockBody(block: NotionBlock): Record<string, unknown> {
  // Every block keeps its content under the key equal to its type; the union cannot say so generically.
  const body = (block as unknown as Record<string, unknown>)[block.type];
  return typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
}

/** A database's title as plain text. */
export function databaseTitle(database: Pick<NotionDatabase, 'title'>): string {
  return database.title.map((t) => t.plain_text).join('');
}

/** Accepts a Notion URL, a 32-hex id or a hyphenated UUID; returns the hyphenated UUID. */
export function notionId(input: string): string | undefined {
  const trimmed = input.trim();
  const isUrl = /^https?:\/\//i.test(trimmed);
  let tail = trimmed;
  if (isUrl) {
    try {
      const url = new URL(trimmed);
      // Notion page URLs end in "<Title>-<32 hex>"; `?p=<id>` marks a page opened in a peek view.
      tail = url.searchParams.get('p') ?? url.pathname;
    } catch {
      return undefined;
    }
  }
  const compact = tail.replace(/-/g, '');
  const match = /([0-9a-f]{32})$/i.exec(compact);
  // A bare id must be nothing but the id; only URLs may carry a title before it.
  if (!match?.[1] || (!isUrl && compact.length !== 32)) return undefined;
  const h = match[1].toLowerCase();
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}
