import type { JsonObject, JsonValue } from '../sandbox.js';
import { compactId } from './id-format.js';
import type { DatabaseRecord, NotionRecord, PageRecord, PropertySchema, RecordMeta, UserRecord } from './model.js';
import { PAGE_TITLE_SCHEMA, emptyValue } from './property-values.js';
import { plainText } from './rich-text.js';
import type { Workspace } from './workspace.js';

/** The API's JSON for stored records (Notion-Version 2022-06-28 shapes). */

function userRef(id: string): JsonObject {
  return { object: 'user', id };
}

/** The title property of a page: its database's title property for rows, `title` otherwise. */
export function pageTitle(page: PageRecord): string {
  return plainText(page.values['title']);
}

export function recordTitle(record: NotionRecord): string {
  if (record.kind === 'page') return pageTitle(record);
  if (record.kind === 'database') return plainText(record.title);
  return '';
}

/** `https://www.notion.so/<Title-slug>-<32 hex>`, or just the hex for an untitled page. */
export function notionUrl(title: string, id: string): string {
  const slug = title.replace(/[^\p{L}\p{N}]+/gu, '-').replace(/^-+|-+$/g, '');
  return `https://www.notion.so/${slug === '' ? '' : `${slug}-`}${compactId(id)}`;
}

function meta(record: RecordMeta): JsonObject {
  return {
    id: record.id,
    created_time: record.created_time,
    last_edited_time: record.last_edited_time,
    created_by: userRef(record.created_by),
    last_edited_by: userRef(record.last_edited_by),
  };
}

function propertyValue(page: PageRecord, property: PropertySchema): JsonObject {
  let value: JsonValue = page.values[property.id] ?? emptyValue(property.type);
  if (property.type === 'created_time') value = page.created_time;
  if (property.type === 'last_edited_time') value = page.last_edited_time;
  return { id: property.id, type: property.type, [property.type]: value };
}

export function pageSchema(ws: Workspace, page: PageRecord): readonly PropertySchema[] {
  if (page.parent.type !== 'database_id') return PAGE_TITLE_SCHEMA;
  return ws.database(page.parent.database_id)?.schema ?? PAGE_TITLE_SCHEMA;
}

export function pageJson(ws: Workspace, page: PageRecord): JsonObject {
  const properties: JsonObject = {};
  for (const property of pageSchema(ws, page)) properties[property.name] = propertyValue(page, property);
  return {
    object: 'page',
    ...meta(page),
    cover: page.cover,
    icon: page.icon,
    parent: page.parent,
    archived: page.archived,
    in_trash: page.archived,
    properties,
    url: notionUrl(pageTitle(page), page.id),
    public_url: null,
  };
}

function schemaJson(property: PropertySchema): JsonObject {
  return { id: property.id, name: property.name, type: property.type, [property.type]: property.config };
}

export function databaseJson(db: DatabaseRecord): JsonObject {
  const properties: JsonObject = {};
  for (const property of db.schema) properties[property.name] = schemaJson(property);
  return {
    object: 'database',
    ...meta(db),
    cover: db.cover,
    icon: db.icon,
    title: db.title,
    description: db.description,
    is_inline: db.is_inline,
    properties,
    parent: db.parent,
    url: notionUrl('', db.id),
    public_url: null,
    archived: db.archived,
    in_trash: db.archived,
  };
}

/** Any record seen as a block: pages are `child_page` blocks, databases `child_database` blocks. */
export function blockJson(ws: Workspace, record: NotionRecord): JsonObject {
  const type = record.kind === 'page' ? 'child_page' : record.kind === 'database' ? 'child_database' : record.type;
  const content: JsonObject = record.kind === 'block' ? record.content : { title: recordTitle(record) };
  // A page parented by a database is not a block child of anything; Notion reports its database parent.
  return {
    object: 'block',
    ...meta(record),
    parent: record.parent,
    has_children: record.kind !== 'database' && ws.liveChildren(record.id).length > 0,
    archived: record.archived,
    in_trash: record.archived,
    type,
    [type]: content,
  };
}

export function userJson(user: UserRecord, kind: 'bot' | 'person', workspaceName: string): JsonObject {
  if (kind === 'person') {
    return {
      object: 'user',
      id: user.id,
      name: user.name,
      avatar_url: null,
      type: 'person',
      person: { email: 'alex.morgan@example.com' },
    };
  }
  return {
    object: 'user',
    id: user.id,
    name: user.name,
    avatar_url: null,
    type: 'bot',
    bot: { owner: { type: 'workspace', workspace: true }, workspace_name: workspaceName },
  };
}

export function listJson(
  results: JsonObject[],
  page: { next_cursor: string | null; has_more: boolean },
  type: 'block' | 'page_or_database' | 'user',
): JsonObject {
  return { object: 'list', results, next_cursor: page.next_cursor, has_more: page.has_more, type, [type]: {} };
}
