// Where the results go: the page named in the input, found by id/URL or by title, or created
// under the parent page. Resolving happens before any research or write, so a page that cannot
// be found costs no YouTube quota and leaves nothing half-written; creating waits until there
// is something to write.

import { APIErrorCode, APIResponseError, pageTitle, type NotionClient, type NotionPage } from '@repo/notion-client';
import { ExpectedFailure, InputError } from './errors.js';
import { notionIdFromUrlOrId, notionPageUrl } from './notion-report/index.js';

export type NotionPages = Pick<NotionClient, 'getPage' | 'findPageByTitle' | 'createPage'>;

export interface PageRef {
  id: string;
  url: string;
  title: string;
}

export type NotionTarget = { kind: 'existing'; page: PageRef } | { kind: 'create'; title: string; parent: PageRef };

const SHARE_HINT =
  "Pages are visible to the Actor only when they were shared with the Notion integration (pick them when connecting Notion, or add the connection from the page's ••• menu > Connections).";

export function pageRef(page: NotionPage): PageRef {
  return { id: page.id, url: page.url || notionPageUrl(page.id), title: pageTitle(page) };
}

/** A page by id or URL; a clear failure when Notion does not know it or it is not shared. */
export async function pageById(client: NotionPages, id: string, what: string): Promise<PageRef> {
  try {
    const page = await client.getPage(id);
    if (page.archived === true || page.in_trash === true) {
      throw new ExpectedFailure(
        'NOTION_PAGE_ARCHIVED',
        `The ${what} ${id} is in Notion's trash: restore it or choose another page.`,
      );
    }
    return pageRef(page);
  } catch (error) {
    if (APIResponseError.isAPIResponseError(error) && error.code === APIErrorCode.ObjectNotFound) {
      throw new ExpectedFailure(
        'NOTION_PAGE_NOT_FOUND',
        `The ${what} ${id} was not found in your Notion. ${SHARE_HINT}`,
        { cause: error },
      );
    }
    throw error;
  }
}

/** A page given as a title, URL or id; undefined when a title matches no page. */
async function findPage(client: NotionPages, titleUrlOrId: string, what: string): Promise<PageRef | undefined> {
  const id = notionIdFromUrlOrId(titleUrlOrId);
  if (id !== undefined) return pageById(client, id, what);
  const page = await client.findPageByTitle(titleUrlOrId);
  return page === undefined ? undefined : pageRef(page);
}

/**
 * Finds the results page, or the parent it will be created under. Fails with a message naming
 * the input field to fix when neither exists.
 */
export async function resolveNotionTarget(
  client: NotionPages,
  notionPage: string,
  parentPage: string | undefined,
): Promise<NotionTarget> {
  const existing = await findPage(client, notionPage, 'Notion page');
  if (existing !== undefined) return { kind: 'existing', page: existing };
  if (parentPage === undefined) {
    throw new InputError(
      `No Notion page titled "${notionPage}" was found, and no parent page is set to create it under. ` +
        `Set "Parent page for a new page" (parentPage) to a page shared with the integration, or give the title, URL or id of an existing page. ${SHARE_HINT}`,
    );
  }
  const parent = await findParent(client, parentPage);
  return { kind: 'create', title: notionPage, parent };
}

/** The parent page for new pages; a clear failure when it cannot be found. */
export async function findParent(client: NotionPages, parentPage: string): Promise<PageRef> {
  const parent = await findPage(client, parentPage, 'parent page');
  if (parent === undefined) {
    throw new InputError(`The parent page "${parentPage}" was not found in your Notion. ${SHARE_HINT}`);
  }
  return parent;
}

/** The page to write into, creating it now when it did not exist. */
export async function ensurePage(client: NotionPages, target: NotionTarget): Promise<PageRef & { created: boolean }> {
  if (target.kind === 'existing') return { ...target.page, created: false };
  const page = await client.createPage({ parent: { type: 'page_id', page_id: target.parent.id }, title: target.title });
  return { ...pageRef(page), created: true };
}
