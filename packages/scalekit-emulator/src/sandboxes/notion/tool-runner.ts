import type { JsonObject, JsonValue } from '../sandbox.js';
import { isObject } from '../../json-object.js';
import type { NotionApi } from './notion-api.js';
import { notionError, validationError } from './notion-errors.js';
import { textItem } from './rich-text.js';
import { SIMPLE_BLOCK_TYPES } from './tool-definitions.js';

/** Tool parameter checks: a wrong parameter is a 400 validation_error naming it. */

function required(params: JsonObject, name: string): string {
  const value = params[name];
  if (typeof value !== 'string' || value === '')
    throw validationError(`${name} is required and must be a non-empty string.`);
  return value;
}

function optional(
  params: JsonObject,
  name: string,
  type: 'string' | 'number' | 'boolean' | 'object' | 'array',
): JsonValue | undefined {
  const value = params[name];
  if (value === undefined || value === null) return undefined;
  const ok = type === 'array' ? Array.isArray(value) : type === 'object' ? isObject(value) : typeof value === type;
  if (!ok)
    throw validationError(`${name} must be ${type === 'array' || type === 'object' ? `an ${type}` : `a ${type}`}.`);
  return value;
}

/** Copies the optional parameters that are present into a request body. */
function pick(
  params: JsonObject,
  fields: Record<string, 'string' | 'number' | 'boolean' | 'object' | 'array'>,
): JsonObject {
  const body: JsonObject = {};
  for (const [name, type] of Object.entries(fields)) {
    const value = optional(params, name, type);
    if (value !== undefined) body[name] = value;
  }
  return body;
}

/** `{type, text, language?}` to a Notion block; anything that looks like a raw Notion block is refused. */
function simpleBlock(value: JsonValue, index: number): JsonObject {
  const at = `blocks[${index}]`;
  if (!isObject(value)) throw validationError(`${at} must be an object {type, text}.`);
  const type = value['type'];
  if (typeof type !== 'string' || !(SIMPLE_BLOCK_TYPES as readonly string[]).includes(type)) {
    throw validationError(`${at}.type must be one of ${SIMPLE_BLOCK_TYPES.join(', ')}.`);
  }
  const extra = Object.keys(value).filter((k) => !['type', 'text', 'language'].includes(k));
  if (extra.length > 0 || value['object'] === 'block') {
    throw validationError(
      `${at} looks like a raw Notion block (${extra.join(', ')}); this tool takes the simplified {type, text} format.`,
    );
  }
  if (type === 'divider') return { type, divider: {} };
  const text = value['text'];
  if (typeof text !== 'string') throw validationError(`${at}.text must be a string.`);
  const content: JsonObject = { rich_text: [textItem(text)] };
  if (value['language'] !== undefined) {
    if (type !== 'code') throw validationError(`${at}.language is only allowed for code blocks.`);
    content['language'] = value['language'];
  }
  return { type, [type]: content };
}

function pageBody(params: JsonObject, parent: JsonObject, propertiesRequired: boolean): JsonObject {
  const body: JsonObject = { parent, ...pick(params, { properties: 'object', icon: 'object', cover: 'object' }) };
  if (body['properties'] === undefined) {
    if (propertiesRequired) throw validationError('properties is required for a database row.');
    body['properties'] = {};
  }
  const children = optional(params, 'child_blocks', 'array');
  if (children !== undefined) body['children'] = children;
  return body;
}

/** Runs one Scalekit Notion tool on the account's workspace; outputs are Notion's own JSON. */
export function runNotionTool(api: NotionApi, name: string, params: JsonObject): JsonObject {
  switch (name) {
    case 'notion_page_search': {
      const body: JsonObject = {
        ...pick(params, { query: 'string', page_size: 'number', start_cursor: 'string' }),
        filter: { property: 'object', value: 'page' },
      };
      const direction = optional(params, 'sort_direction', 'string');
      const timestamp = optional(params, 'sort_timestamp', 'string');
      if (direction !== undefined || timestamp !== undefined) {
        body['sort'] = { direction: direction ?? 'descending', timestamp: timestamp ?? 'last_edited_time' };
      }
      return api.search(body, ['last_edited_time', 'created_time']);
    }
    case 'notion_data_fetch':
      return api.search(pick(params, { query: 'string', page_size: 'number', start_cursor: 'string' }));
    case 'notion_page_get':
      return api.retrievePage(required(params, 'page_id'));
    case 'notion_page_content_get': {
      const { start_cursor, page_size } = pick(params, { start_cursor: 'string', page_size: 'number' });
      return api.listChildren(required(params, 'block_id'), start_cursor, page_size, 'body');
    }
    case 'notion_page_content_append': {
      const blockId = required(params, 'block_id');
      const blocks = optional(params, 'blocks', 'array');
      if (!Array.isArray(blocks) || blocks.length === 0)
        throw validationError('blocks is required and must be a non-empty array.');
      return api.appendChildren(blockId, { children: blocks.map(simpleBlock) });
    }
    case 'notion_page_create': {
      const parentPage = optional(params, 'parent_page_id', 'string');
      const database = optional(params, 'database_id', 'string');
      if ((parentPage === undefined) === (database === undefined)) {
        throw validationError('Exactly one of parent_page_id or database_id is required.');
      }
      const parent: JsonObject = parentPage !== undefined ? { page_id: parentPage } : { database_id: database ?? null };
      return api.createPage(pageBody(params, parent, database !== undefined));
    }
    case 'notion_database_insert_row':
      return api.createPage(pageBody(params, { database_id: required(params, 'database_id') }, true));
    case 'notion_page_update':
      return api.updatePage(
        required(params, 'page_id'),
        pick(params, { properties: 'object', archived: 'boolean', icon: 'object', cover: 'object' }),
      );
    case 'notion_block_retrieve':
      return api.retrieveBlock(required(params, 'block_id'));
    case 'notion_block_delete':
      return api.deleteBlock(required(params, 'block_id'));
    case 'notion_database_fetch':
      return api.retrieveDatabase(required(params, 'database_id'));
    case 'notion_database_query':
      return api.queryDatabase(
        required(params, 'database_id'),
        pick(params, { filter: 'object', sorts: 'array', page_size: 'number', start_cursor: 'string' }),
      );
    case 'notion_database_create': {
      const body = pick(params, { parent: 'object', title: 'array', properties: 'object' });
      for (const field of ['parent', 'title', 'properties']) {
        if (body[field] === undefined) throw validationError(`${field} is required.`);
      }
      return api.createDatabase(body);
    }
    case 'notion_user_get_self':
      return api.me();
    default:
      throw notionError(404, 'tool_not_found', `tool ${name} is not available for Notion`);
  }
}
