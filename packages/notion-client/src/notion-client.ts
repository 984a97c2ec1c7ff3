import {
  Client,
  collectPaginatedAPI,
  isFullBlock,
  isFullDatabase,
  isFullPage,
  isFullPageOrDatabase,
  iteratePaginatedAPI,
  LogLevel,
} from '@notionhq/client';
import { connectorFetch, type ProxyHandle } from './connector-fetch.js';
import { NOTION_LIMITS } from './notion-limits.js';
import type {
  NotionBlock,
  NotionBlockInput,
  NotionDatabase,
  NotionDatabaseFilter,
  NotionDatabaseSchema,
  NotionDatabaseSchemaChanges,
  NotionPage,
  NotionPageIcon,
  NotionPageProperties,
  NotionParent,
} from './notion-types.js';
import { pageTitle } from './notion-types.js';

/** The API version the SDK's types (4.x) and the emulator's Notion describe. */
export const NOTION_VERSION = '2022-06-28';

/**
 * The SDK's own timeout (60 s by default) would abandon a call the handle is still working on (a
 * Retry-After wait, a backoff), with a write possibly done behind it; the handle bounds every call
 * with its retry budgets instead. The largest delay a timer takes.
 */
const NO_SDK_TIMEOUT_MS = 2 ** 31 - 1;

const PAGE_SIZE = NOTION_LIMITS.childrenPerArray;

/** The full object, or a clear error: a partial one (ids only) means the integration cannot read it. */
function full<T extends { id: string }, F extends T>(value: T, isFull: (value: T) => value is F, what: string): F {
  if (!isFull(value))
    throw new Error(`Notion returned only the id of ${what} ${value.id}: the integration cannot read it.`);
  return value;
}

/** The first `limit` items of a paginated listing, asking for no more pages than needed. */
async function firstItems<T>(items: AsyncIterable<T>, limit: number): Promise<T[]> {
  const out: T[] = [];
  if (limit <= 0) return out;
  for await (const item of items) {
    out.push(item);
    if (out.length >= limit) break;
  }
  return out;
}

/**
 * Notion's official SDK on the user's own connected account: its requests go through Scalekit's
 * proxy by way of the auth-gate handle (see connector-fetch.ts), which owns retries, the rate limit
 * and re-authorization. This class adds what the callers share: following pagination, full objects
 * only, and the 100-blocks-per-request limit. `api` is the SDK client itself, for anything else.
 */
export class NotionClient {
  readonly api: Client;

  constructor(handle: ProxyHandle) {
    this.api = new Client({
      fetch: connectorFetch(handle),
      notionVersion: NOTION_VERSION,
      timeoutMs: NO_SDK_TIMEOUT_MS,
      // Failures reach the caller as errors; the SDK's console warnings would only repeat them.
      logLevel: LogLevel.ERROR,
    });
  }

  /** Pages (or databases) whose title matches `query`, following pages of results up to `limit`. */
  async search(
    query: string,
    filter: 'page' | 'database' = 'page',
    limit = 100,
  ): Promise<(NotionPage | NotionDatabase)[]> {
    const results = iteratePaginatedAPI(this.api.search, {
      query,
      filter: { property: 'object', value: filter },
      page_size: Math.max(1, Math.min(PAGE_SIZE, limit)),
    });
    // Objects the integration cannot read come back partial: they are not results to act on.
    const readable = async function* () {
      for await (const result of results) if (isFullPageOrDatabase(result)) yield result;
    };
    return firstItems(readable(), limit);
  }

  /** The first live page whose title equals `title` exactly (case-insensitive), if any. */
  async findPageByTitle(title: string): Promise<NotionPage | undefined> {
    const wanted = title.trim().toLowerCase();
    const results = await this.search(title, 'page');
    return results.find(
      (r): r is NotionPage =>
        r.object === 'page' && !r.archived && !r.in_trash && pageTitle(r).trim().toLowerCase() === wanted,
    );
  }

  async getPage(id: string): Promise<NotionPage> {
    return full(await this.api.pages.retrieve({ page_id: id }), isFullPage, 'page');
  }

  /** Creates a page; at most the first 100 top-level children may travel with it. */
  async createPage(input: {
    parent: NotionParent;
    title?: string;
    properties?: NotionPageProperties;
    children?: NotionBlockInput[];
    icon?: NotionPageIcon;
  }): Promise<NotionPage> {
    const properties = input.properties ?? {
      title: { title: [{ type: 'text', text: { content: input.title ?? 'Untitled' } }] },
    };
    const page = await this.api.pages.create({
      parent: input.parent,
      properties,
      ...(input.children?.length ? { children: input.children } : {}),
      ...(input.icon ? { icon: input.icon } : {}),
    });
    return full(page, isFullPage, 'page');
  }

  async updatePage(
    id: string,
    changes: { properties?: NotionPageProperties; archived?: boolean },
  ): Promise<NotionPage> {
    return full(await this.api.pages.update({ page_id: id, ...changes }), isFullPage, 'page');
  }

  /**
   * Appends up to 100 blocks; returns the created blocks (in order) so children can follow.
   * `after` inserts them right after that child of the block instead of at the end.
   */
  async appendChildren(
    blockId: string,
    children: NotionBlockInput[],
    options: { after?: string } = {},
  ): Promise<NotionBlock[]> {
    if (children.length > PAGE_SIZE) {
      throw new Error(`appendChildren takes at most ${PAGE_SIZE} blocks; split them first`);
    }
    const result = await this.api.blocks.children.append({
      block_id: blockId,
      children,
      ...(options.after !== undefined ? { after: options.after } : {}),
    });
    return result.results.map((block) => full(block, isFullBlock, 'block'));
  }

  /** Appends any number of blocks, 100 per request, in order; returns the number of requests. */
  async appendAll(blockId: string, children: NotionBlockInput[]): Promise<number> {
    let requests = 0;
    for (let i = 0; i < children.length; i += PAGE_SIZE) {
      await this.appendChildren(blockId, children.slice(i, i + PAGE_SIZE));
      requests += 1;
    }
    return requests;
  }

  /**
   * The block's children in order, following pagination. `limit` stops early (and asks for no
   * more than needed), e.g. to read only a page's first block.
   */
  async listChildren(blockId: string, options: { limit?: number } = {}): Promise<NotionBlock[]> {
    const limit = options.limit ?? Number.POSITIVE_INFINITY;
    const children = iteratePaginatedAPI(this.api.blocks.children.list, {
      block_id: blockId,
      page_size: Math.max(1, Math.min(PAGE_SIZE, limit)),
    });
    return (await firstItems(children, limit)).map((block) => full(block, isFullBlock, 'block'));
  }

  async deleteBlock(blockId: string): Promise<NotionBlock> {
    return full(await this.api.blocks.delete({ block_id: blockId }), isFullBlock, 'block');
  }

  async createDatabase(input: {
    parentPageId: string;
    title: string;
    properties: NotionDatabaseSchema;
  }): Promise<NotionDatabase> {
    const database = await this.api.databases.create({
      parent: { type: 'page_id', page_id: input.parentPageId },
      title: [{ type: 'text', text: { content: input.title } }],
      properties: input.properties,
    });
    return full(database, isFullDatabase, 'database');
  }

  /** Changes a database's title or schema; `properties` adds or changes the named properties only. */
  async updateDatabase(
    id: string,
    changes: { title?: string; properties?: NotionDatabaseSchemaChanges },
  ): Promise<NotionDatabase> {
    const database = await this.api.databases.update({
      database_id: id,
      ...(changes.title !== undefined ? { title: [{ type: 'text', text: { content: changes.title } }] } : {}),
      ...(changes.properties !== undefined ? { properties: changes.properties } : {}),
    });
    return full(database, isFullDatabase, 'database');
  }

  async getDatabase(id: string): Promise<NotionDatabase> {
    return full(await this.api.databases.retrieve({ database_id: id }), isFullDatabase, 'database');
  }

  /** Every row matching `filter`, following pagination. */
  async queryDatabase(id: string, filter?: NotionDatabaseFilter): Promise<NotionPage[]> {
    const rows = await collectPaginatedAPI(this.api.databases.query, {
      database_id: id,
      page_size: PAGE_SIZE,
      ...(filter ? { filter } : {}),
    });
    return rows.map((row) => full(row, isFullPage, 'database row'));
  }
}
