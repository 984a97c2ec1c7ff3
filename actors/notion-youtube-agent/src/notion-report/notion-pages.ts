// Tolerant readers for Notion tool outputs (search, page get, page create). Scalekit's `data`
// is free-form JSON; consumers take `data ?? page ?? result`, then the first `results[]` or
// `items[]` (reference: scalekit.md §3.6), and so does this.

import { isJsonObject } from '@repo/auth-gate';
import { normalizeTitle } from './page-titles.js';

export interface NotionPageRef {
  id: string;
  object: 'page' | 'database';
  title: string;
  url?: string;
  lastEditedTime?: string;
  archived: boolean;
}

type JsonObject = Record<string, unknown>;

const LIST_KEYS = ['results', 'items', 'pages'] as const;
const MAX_DEPTH = 4;

/** Pages and databases in a search result, or the single page of a get/create result. */
export function findNotionPages(result: unknown): NotionPageRef[] {
  let level: unknown[] = [result];
  for (let depth = 0; depth < MAX_DEPTH && level.length > 0; depth += 1) {
    const next: unknown[] = [];
    for (const node of level) {
      if (!isJsonObject(node)) continue;
      for (const key of LIST_KEYS) {
        const list = node[key];
        if (Array.isArray(list)) return list.flatMap((item) => pageRef(item) ?? []);
      }
      const single = pageRef(node);
      if (single !== undefined) return [single];
      for (const key of ['data', 'page', 'result']) if (isJsonObject(node[key])) next.push(node[key]);
    }
    level = next;
  }
  return [];
}

/** The id of the page a create (or get) call returned. */
export function pageIdFromResult(result: unknown): string | undefined {
  return findNotionPages(result)[0]?.id;
}

/**
 * The live page whose title equals `title` (case and spacing ignored). Pages win over
 * databases; otherwise the first in result order, which is Notion's ranking.
 */
export function pickPageByTitle(pages: readonly NotionPageRef[], title: string): NotionPageRef | undefined {
  const wanted = normalizeTitle(title);
  const matches = pages.filter((page) => !page.archived && normalizeTitle(page.title) === wanted);
  return matches.find((page) => page.object === 'page') ?? matches[0];
}

/** A page's title: the `title`-typed property for pages, the top-level title for databases. */
export function notionTitleOf(object: JsonObject): string {
  if (Array.isArray(object.title)) return plainText(object.title);
  if (typeof object.title === 'string') return object.title;
  const properties = object.properties;
  if (isJsonObject(properties)) {
    for (const property of Object.values(properties)) {
      if (isJsonObject(property) && property.type === 'title' && Array.isArray(property.title))
        return plainText(property.title);
    }
    // Some outputs key the title property as "title" without a type tag.
    const titleProperty = properties.title;
    if (isJsonObject(titleProperty) && Array.isArray(titleProperty.title)) return plainText(titleProperty.title);
  }
  return typeof object.name === 'string' ? object.name : '';
}

function pageRef(item: unknown): NotionPageRef | undefined {
  if (!isJsonObject(item) || typeof item.id !== 'string' || item.id === '') return undefined;
  const object =
    item.object === 'database' || item.object === 'data_source'
      ? 'database'
      : item.object === 'page' || item.object === undefined
        ? 'page'
        : undefined;
  if (object === undefined) return undefined;
  // A bare {id} without any page marker is not evidence of a page.
  if (item.object === undefined && item.properties === undefined && item.title === undefined) return undefined;
  return {
    id: item.id,
    object,
    title: notionTitleOf(item),
    ...(typeof item.url === 'string' ? { url: item.url } : {}),
    ...(typeof item.last_edited_time === 'string' ? { lastEditedTime: item.last_edited_time } : {}),
    archived: item.archived === true || item.in_trash === true,
  };
}

function plainText(items: readonly unknown[]): string {
  return items
    .map((item) => {
      if (!isJsonObject(item)) return '';
      if (typeof item.plain_text === 'string') return item.plain_text;
      const text = item.text;
      return isJsonObject(text) && typeof text.content === 'string' ? text.content : '';
    })
    .join('');
}
