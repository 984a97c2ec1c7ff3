// The two places pages are written to, behind one interface: child pages of a parent page, or
// rows of a database. Each knows how to create and rewrite a page, what its content starts with,
// and how its map of earlier writes is loaded and reconciled with Notion.

import { pageTitle, type NotionClient, type NotionPage, type NotionPageProperties } from '@repo/notion-client';
import type { NotionBlock } from '../notion-blocks/index.js';
import { createPageWithContent, replacePageContent } from '../notion/block-writer.js';
import { ROW_PROPERTIES, type DatabaseRef, type DatabaseTarget, type PageRef } from '../notion/destination.js';
import { sourceBlock, sourceUrlOf } from '../notion/source-block.js';
import { reconcilePages, reconcileRows, type DatabaseRow, type ReconcileReport } from './reconcile.js';
import { stateKey, SyncState, type StateStore, type SyncedPage } from './sync-state.js';

export type WriteNotion = Pick<
  NotionClient,
  'createPage' | 'appendChildren' | 'listChildren' | 'deleteBlock' | 'updatePage' | 'queryDatabase'
>;

/** What is written for one crawled page. */
export interface PageContent {
  /** The canonical URL the page is known by. */
  url: string;
  title: string;
  wordCount: number;
  /** The page's content, links already pointing where they should. */
  blocks: NotionBlock[];
}

export interface PreparedState {
  state: SyncState;
  report: ReconcileReport;
}

export interface Destination {
  readonly kind: 'page' | 'database';
  /** The page (or database) the summary links to. */
  readonly containerUrl: () => string | undefined;
  /** The parent page, when there is one. */
  readonly parentPageUrl: string | undefined;
  /** Loads the map for this destination and reconciles it with Notion; once, whoever asks first. */
  prepare(): Promise<PreparedState>;
  /** The blocks a page is written with (content plus what the destination adds). */
  contentBlocks(content: PageContent): NotionBlock[];
  create(content: PageContent, blocks: NotionBlock[]): Promise<NotionPage>;
  /** Rewrites a mapped page in place: same page id, new content and title. */
  update(page: SyncedPage, content: PageContent, blocks: NotionBlock[]): Promise<void>;
}

/** Notion's limit for one rich-text item, which a title is. */
const MAX_TITLE = 2000;

export function notionTitle(title: string): string {
  const trimmed = title.trim() || 'Untitled';
  return trimmed.length > MAX_TITLE ? `${trimmed.slice(0, MAX_TITLE - 1)}…` : trimmed;
}

function titleValue(title: string): { title: { type: 'text'; text: { content: string } }[] } {
  return { title: [{ type: 'text', text: { content: notionTitle(title) } }] };
}

function once<T>(make: () => Promise<T>): () => Promise<T> {
  let promise: Promise<T> | undefined;
  return () => (promise ??= make());
}

/** One Notion page per URL, directly under the parent page, starting with a "Source" block. */
export class PageDestination implements Destination {
  readonly kind = 'page';
  readonly prepare: () => Promise<PreparedState>;

  constructor(
    private readonly notion: WriteNotion,
    private readonly parent: PageRef,
    store: StateStore,
  ) {
    this.prepare = once(async () => {
      const state = await SyncState.load(store, stateKey('page', parent.id), parent.id);
      const report = await reconcilePages(
        state,
        {
          childPages: async (parentId) =>
            (await this.notion.listChildren(parentId))
              .filter((block) => block.type === 'child_page')
              .map((block) => ({
                id: block.id,
                title: (block['child_page'] as { title?: string } | undefined)?.title ?? '',
              })),
          sourceUrl: async (pageId) => sourceUrlOf((await this.notion.listChildren(pageId, { limit: 1 }))[0]),
          archive: async (pageId) => {
            await this.notion.updatePage(pageId, { archived: true });
          },
        },
        parent.id,
      );
      return { state, report };
    });
  }

  get parentPageUrl(): string {
    return this.parent.url;
  }

  readonly containerUrl = (): string => this.parent.url;

  contentBlocks(content: PageContent): NotionBlock[] {
    return [sourceBlock(content.url), ...content.blocks];
  }

  create(content: PageContent, blocks: NotionBlock[]): Promise<NotionPage> {
    return createPageWithContent(this.notion, {
      parent: { type: 'page_id', page_id: this.parent.id },
      properties: { title: titleValue(content.title) },
      blocks,
    });
  }

  async update(page: SyncedPage, content: PageContent, blocks: NotionBlock[]): Promise<void> {
    await replacePageContent(this.notion, page.pageId, blocks);
    if (notionTitle(content.title) !== page.title)
      await this.notion.updatePage(page.pageId, { properties: { title: titleValue(content.title) } });
  }
}

/** One row per URL in a database, with Title, URL, Crawled at and Words, and the content inside. */
export class DatabaseDestination implements Destination {
  readonly kind = 'database';
  readonly prepare: () => Promise<PreparedState>;
  #database: DatabaseRef | undefined;

  constructor(
    private readonly notion: WriteNotion,
    private readonly target: DatabaseTarget,
    store: StateStore,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.prepare = once(async () => {
      const existed = target.existingId !== undefined;
      const database = await target.ensure();
      this.#database = database;
      const state = await SyncState.load(store, stateKey('database', database.id), database.id);
      const rows = existed ? await this.#rows(database) : [];
      const report = await reconcileRows(state, rows, async (pageId) => {
        await this.notion.updatePage(pageId, { archived: true });
      });
      return { state, report };
    });
  }

  get parentPageUrl(): string | undefined {
    return this.target.parent?.url;
  }

  readonly containerUrl = (): string | undefined => this.#database?.url;

  async #rows(database: DatabaseRef): Promise<DatabaseRow[]> {
    const rows = await this.notion.queryDatabase(database.id);
    // Oldest first, so that of two rows for one URL the original is the one kept.
    rows.sort((a, b) => (a.created_time ?? '').localeCompare(b.created_time ?? ''));
    return rows.map((row) => {
      const url = row.properties[ROW_PROPERTIES.url.name];
      return {
        id: row.id,
        notionUrl: row.url,
        url: url?.type === 'url' && typeof url['url'] === 'string' ? url['url'] : undefined,
        title: pageTitle(row),
      };
    });
  }

  #properties(content: PageContent): NotionPageProperties {
    const database = this.#database!;
    return {
      [database.titleProperty]: titleValue(content.title),
      [ROW_PROPERTIES.url.name]: { url: content.url },
      [ROW_PROPERTIES.crawledAt.name]: { date: { start: this.now().toISOString() } },
      [ROW_PROPERTIES.words.name]: { number: content.wordCount },
    };
  }

  contentBlocks(content: PageContent): NotionBlock[] {
    return content.blocks;
  }

  async create(content: PageContent, blocks: NotionBlock[]): Promise<NotionPage> {
    // The database exists once prepared (the sync prepares before any write; this is a no-op then).
    await this.prepare();
    return createPageWithContent(this.notion, {
      parent: { type: 'database_id', database_id: this.#database!.id },
      properties: this.#properties(content),
      blocks,
    });
  }

  async update(page: SyncedPage, content: PageContent, blocks: NotionBlock[]): Promise<void> {
    await replacePageContent(this.notion, page.pageId, blocks);
    await this.notion.updatePage(page.pageId, { properties: this.#properties(content) });
  }
}
