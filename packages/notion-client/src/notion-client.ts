import type { ConnectorHandle, ProxyCall } from '@repo/auth-gate';
import type {
  NotionBlock,
  NotionBlockInput,
  NotionDatabase,
  NotionList,
  NotionPage,
  NotionParent,
} from './notion-types.js';
import { pageTitle } from './notion-types.js';

export const NOTION_VERSION = '2022-06-28';
/** Notion accepts at most 100 blocks in one children array. */
export const MAX_CHILDREN_PER_REQUEST = 100;

type Handle = Pick<ConnectorHandle, 'request'>;

/**
 * Notion's REST API through Scalekit's proxy on the user's own connected account. Retries, the
 * rate limit and re-authorization are the handle's job; this class only speaks Notion.
 */
export class NotionClient {
  constructor(private readonly handle: Handle) {}

  async #call<T>(call: ProxyCall): Promise<T> {
    const response = await this.handle.request<T>({
      ...call,
      headers: { 'Notion-Version': NOTION_VERSION, ...call.headers },
    });
    return response.data;
  }

  /** Pages (or databases) whose title matches `query`, following every page of results. */
  async search(
    query: string,
    filter: 'page' | 'database' = 'page',
    limit = 100,
  ): Promise<(NotionPage | NotionDatabase)[]> {
    const out: (NotionPage | NotionDatabase)[] = [];
    let cursor: string | null = null;
    do {
      const page: NotionList<NotionPage | NotionDatabase> = await this.#call({
        method: 'POST',
        path: '/v1/search',
        body: {
          query,
          filter: { property: 'object', value: filter },
          page_size: 100,
          ...(cursor ? { start_cursor: cursor } : {}),
        },
      });
      out.push(...page.results);
      cursor = page.has_more ? page.next_cursor : null;
    } while (cursor && out.length < limit);
    return out.slice(0, limit);
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

  getPage(id: string): Promise<NotionPage> {
    return this.#call({ path: `/v1/pages/${id}` });
  }

  /** Creates a page; at most the first 100 top-level children may travel with it. */
  createPage(input: {
    parent: NotionParent;
    title?: string;
    properties?: Record<string, unknown>;
    children?: NotionBlockInput[];
    icon?: { type: 'emoji'; emoji: string };
  }): Promise<NotionPage> {
    const properties = input.properties ?? {
      title: { title: [{ type: 'text', text: { content: input.title ?? 'Untitled' } }] },
    };
    return this.#call({
      method: 'POST',
      path: '/v1/pages',
      body: {
        parent: input.parent,
        properties,
        ...(input.children?.length ? { children: input.children } : {}),
        ...(input.icon ? { icon: input.icon } : {}),
      },
    });
  }

  updatePage(id: string, changes: { properties?: Record<string, unknown>; archived?: boolean }): Promise<NotionPage> {
    return this.#call({ method: 'PATCH', path: `/v1/pages/${id}`, body: changes });
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
    if (children.length > MAX_CHILDREN_PER_REQUEST) {
      throw new Error(`appendChildren takes at most ${MAX_CHILDREN_PER_REQUEST} blocks; split them first`);
    }
    const result = await this.#call<NotionList<NotionBlock>>({
      method: 'PATCH',
      path: `/v1/blocks/${blockId}/children`,
      body: { children, ...(options.after !== undefined ? { after: options.after } : {}) },
    });
    return result.results;
  }

  /** Appends any number of blocks, 100 per request, in order. */
  async appendAll(blockId: string, children: NotionBlockInput[]): Promise<number> {
    let requests = 0;
    for (let i = 0; i < children.length; i += MAX_CHILDREN_PER_REQUEST) {
      await this.appendChildren(blockId, children.slice(i, i + MAX_CHILDREN_PER_REQUEST));
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
    const out: NotionBlock[] = [];
    let cursor: string | null = null;
    do {
      const query: Record<string, string | number> = {
        page_size: Math.max(1, Math.min(MAX_CHILDREN_PER_REQUEST, limit - out.length)),
      };
      if (cursor) query['start_cursor'] = cursor;
      const page: NotionList<NotionBlock> = await this.#call({ path: `/v1/blocks/${blockId}/children`, query });
      out.push(...page.results);
      cursor = page.has_more ? page.next_cursor : null;
    } while (cursor && out.length < limit);
    return out.slice(0, limit);
  }

  deleteBlock(blockId: string): Promise<NotionBlock> {
    return this.#call({ method: 'DELETE', path: `/v1/blocks/${blockId}` });
  }

  createDatabase(input: {
    parentPageId: string;
    title: string;
    properties: Record<string, unknown>;
  }): Promise<NotionDatabase> {
    return this.#call({
      method: 'POST',
      path: '/v1/databases',
      body: {
        parent: { type: 'page_id', page_id: input.parentPageId },
        title: [{ type: 'text', text: { content: input.title } }],
        properties: input.properties,
      },
    });
  }

  /** Changes a database's title or schema; `properties` adds or changes the named properties only. */
  updateDatabase(
    id: string,
    changes: { title?: string; properties?: Record<string, unknown> },
  ): Promise<NotionDatabase> {
    return this.#call({
      method: 'PATCH',
      path: `/v1/databases/${id}`,
      body: {
        ...(changes.title !== undefined ? { title: [{ type: 'text', text: { content: changes.title } }] } : {}),
        ...(changes.properties !== undefined ? { properties: changes.properties } : {}),
      },
    });
  }

  getDatabase(id: string): Promise<NotionDatabase> {
    return this.#call({ path: `/v1/databases/${id}` });
  }

  /** Every row matching `filter`, following pagination. */
  async queryDatabase(id: string, filter?: Record<string, unknown>): Promise<NotionPage[]> {
    const out: NotionPage[] = [];
    let cursor: string | null = null;
    do {
      const page: NotionList<NotionPage> = await this.#call({
        method: 'POST',
        path: `/v1/databases/${id}/query`,
        body: { page_size: 100, ...(filter ? { filter } : {}), ...(cursor ? { start_cursor: cursor } : {}) },
      });
      out.push(...page.results);
      cursor = page.has_more ? page.next_cursor : null;
    } while (cursor);
    return out;
  }
}
