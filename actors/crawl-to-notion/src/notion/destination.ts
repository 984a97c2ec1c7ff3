// Where the crawled pages go, resolved before anything is crawled: a parent page (found by id, URL
// or title among the pages shared with the integration), or a database (found, or created under
// the parent page when the first crawled page is ready, so a run that crawls nothing creates
// nothing). Every "not found" says how to share a page, since that is nearly always the cause.

import {
  APIErrorCode,
  APIResponseError,
  databaseTitle,
  notionId,
  pageTitle,
  type NotionClient,
  type NotionDatabase,
  type NotionDatabaseSchemaChanges,
  type NotionPage,
} from '@repo/notion-client';
import { errorMessage, ExpectedFailure } from '../errors.js';

export type DestinationNotion = Pick<
  NotionClient,
  'getPage' | 'findPageByTitle' | 'search' | 'getDatabase' | 'createDatabase' | 'updateDatabase'
>;

export interface PageRef {
  id: string;
  url: string;
  title: string;
}

export interface DatabaseRef {
  id: string;
  url: string;
  title: string;
  /** The database's title property (often "Name"). */
  titleProperty: string;
}

/** The database properties rows are written with, besides the title. */
export const ROW_PROPERTIES = {
  url: { name: 'URL', type: 'url', schema: { url: {} } },
  crawledAt: { name: 'Crawled at', type: 'date', schema: { date: {} } },
  words: { name: 'Words', type: 'number', schema: { number: { format: 'number' } } },
} as const;

export const SHARE_HINT =
  'The Actor only sees pages shared with its Notion connection: open the page in Notion, then ••• > Connections and add the connection ' +
  '(or pick the page when you connect Notion). Notion integrations cannot create pages at the top level of a workspace, so the crawled ' +
  'pages need a shared parent page.';

/** Notion's answer for an id it does not know, or one not shared with the integration (or not an id at all). */
function notFound(error: unknown): boolean {
  return (
    APIResponseError.isAPIResponseError(error) &&
    (error.code === APIErrorCode.ObjectNotFound || error.code === APIErrorCode.ValidationError)
  );
}

export function pageRef(page: NotionPage): PageRef {
  return { id: page.id, url: page.url, title: pageTitle(page) };
}

/** The parent page given as a title, URL or id. */
export async function resolveParentPage(notion: DestinationNotion, parentPage: string): Promise<PageRef> {
  const id = notionId(parentPage);
  if (id !== undefined) {
    let page: NotionPage;
    try {
      page = await notion.getPage(id);
    } catch (error) {
      if (notFound(error)) {
        throw new ExpectedFailure(
          'PARENT_PAGE_NOT_FOUND',
          `The parent page ${parentPage} was not found in your Notion. ${SHARE_HINT}`,
          { cause: error },
        );
      }
      throw error;
    }
    if (page.archived === true || page.in_trash === true) {
      throw new ExpectedFailure(
        'PARENT_PAGE_ARCHIVED',
        `The parent page ${parentPage} is in Notion's trash: restore it or choose another page.`,
      );
    }
    return pageRef(page);
  }
  const page = await notion.findPageByTitle(parentPage);
  if (page === undefined) {
    throw new ExpectedFailure(
      'PARENT_PAGE_NOT_FOUND',
      `No Notion page titled "${parentPage}" is shared with the integration. ${SHARE_HINT}`,
    );
  }
  return pageRef(page);
}

/** Row properties the database lacks; a clear failure when one exists with another type. */
function missingProperties(database: NotionDatabase): NotionDatabaseSchemaChanges {
  const missing: NotionDatabaseSchemaChanges = {};
  for (const property of Object.values(ROW_PROPERTIES)) {
    const current = database.properties[property.name];
    if (current === undefined) missing[property.name] = property.schema;
    else if (current.type !== property.type) {
      throw new ExpectedFailure(
        'DATABASE_PROPERTY_TYPE',
        `The database "${databaseTitle(database)}" has a "${property.name}" property of type ${current.type}; the Actor writes a ${property.type} there. ` +
          'Rename that property or choose another database.',
      );
    }
  }
  return missing;
}

/**
 * The database for database mode. `ensure()` returns it ready for rows: created under the parent
 * when it does not exist yet (once, however many callers ask), missing properties added.
 */
export class DatabaseTarget {
  #ready: Promise<DatabaseRef> | undefined;

  private constructor(
    private readonly notion: DestinationNotion,
    private readonly existing: NotionDatabase | undefined,
    private readonly create: { title: string; parent: PageRef } | undefined,
  ) {}

  /** Finds the database (or the parent to create it under); fails clearly when neither is there. */
  static async resolve(
    notion: DestinationNotion,
    database: string,
    parentPage: string | undefined,
  ): Promise<DatabaseTarget> {
    const id = notionId(database);
    if (id !== undefined) {
      try {
        const found = await notion.getDatabase(id);
        if (found.archived === true) {
          throw new ExpectedFailure(
            'DATABASE_ARCHIVED',
            `The database ${database} is in Notion's trash: restore it or choose another database.`,
          );
        }
        missingProperties(found);
        return new DatabaseTarget(notion, found, undefined);
      } catch (error) {
        if (notFound(error)) {
          throw new ExpectedFailure(
            'DATABASE_NOT_FOUND',
            `The database ${database} was not found in your Notion. ${SHARE_HINT}`,
            { cause: error },
          );
        }
        throw error;
      }
    }
    const wanted = database.trim().toLowerCase();
    const matches = await notion.search(database, 'database');
    const found = matches.find(
      (r): r is NotionDatabase =>
        r.object === 'database' && r.archived !== true && databaseTitle(r).trim().toLowerCase() === wanted,
    );
    if (found !== undefined) {
      missingProperties(found);
      return new DatabaseTarget(notion, found, undefined);
    }
    if (parentPage === undefined) {
      throw new ExpectedFailure(
        'DATABASE_NOT_FOUND',
        `No Notion database titled "${database}" is shared with the integration, and no parent page is set to create it under. ` +
          `Set "Parent page" to create it there, or give the URL of an existing database. ${SHARE_HINT}`,
      );
    }
    const parent = await resolveParentPage(notion, parentPage);
    return new DatabaseTarget(notion, undefined, { title: database.trim(), parent });
  }

  /** The database's id when it exists already (undefined until `ensure` creates it). */
  get existingId(): string | undefined {
    return this.existing?.id;
  }

  get parent(): PageRef | undefined {
    return this.create?.parent;
  }

  ensure(): Promise<DatabaseRef> {
    this.#ready ??= this.#prepare();
    return this.#ready;
  }

  async #prepare(): Promise<DatabaseRef> {
    let database = this.existing;
    if (database === undefined) {
      const create = this.create!;
      try {
        database = await this.notion.createDatabase({
          parentPageId: create.parent.id,
          title: create.title,
          properties: {
            Title: { title: {} },
            [ROW_PROPERTIES.url.name]: ROW_PROPERTIES.url.schema,
            [ROW_PROPERTIES.crawledAt.name]: ROW_PROPERTIES.crawledAt.schema,
            [ROW_PROPERTIES.words.name]: ROW_PROPERTIES.words.schema,
          },
        });
      } catch (error) {
        throw new ExpectedFailure(
          'DATABASE_NOT_CREATED',
          `Could not create the database "${create.title}" under "${create.parent.title}": ${errorMessage(error)} ` +
            'Check that the connection may edit that page (it needs "Can edit" access), or give an existing database.',
          { cause: error },
        );
      }
    } else {
      const missing = missingProperties(database);
      if (Object.keys(missing).length > 0)
        database = await this.notion.updateDatabase(database.id, { properties: missing });
    }
    const titleProperty = Object.entries(database.properties).find(([, p]) => p.type === 'title')?.[0] ?? 'Title';
    return { id: database.id, url: database.url, title: databaseTitle(database), titleProperty };
  }
}
