import type { JsonObject } from '../sandbox.js';
import type { ToolDefinition } from '../sandbox.js';

/** Scalekit's Notion tools this sandbox serves (names and parameters from the AgentKit catalogue). */

const str = (description: string): JsonObject => ({ type: 'string', description });
const int = (description: string): JsonObject => ({ type: 'integer', minimum: 1, maximum: 100, description });
const obj = (description: string): JsonObject => ({ type: 'object', description });
const arr = (description: string, items: JsonObject = { type: 'object' }): JsonObject => ({
  type: 'array',
  items,
  description,
});
const bool = (description: string): JsonObject => ({ type: 'boolean', description });

function schema(properties: JsonObject, required: string[] = []): JsonObject {
  return { type: 'object', properties, required };
}

const PAGE_ID = str('Page id: a UUID, with or without hyphens (the last 32 hex characters of a page URL).');
const PAGE_SIZE = int('Results per page, 1 to 100.');
const START_CURSOR = str('next_cursor of the previous response.');

export const SIMPLE_BLOCK_TYPES = [
  'paragraph',
  'heading_1',
  'heading_2',
  'heading_3',
  'bulleted_list_item',
  'numbered_list_item',
  'code',
  'quote',
  'callout',
  'divider',
] as const;

export const NOTION_TOOLS: readonly ToolDefinition[] = [
  {
    name: 'notion_page_search',
    description:
      'Search pages by title. Returns pages with their titles, ids and metadata; sort by last_edited_time or created_time.',
    inputSchema: schema({
      query: str('Text to look for in page titles; empty lists all pages.'),
      page_size: PAGE_SIZE,
      start_cursor: START_CURSOR,
      sort_direction: { type: 'string', enum: ['ascending', 'descending'] },
      sort_timestamp: { type: 'string', enum: ['last_edited_time', 'created_time'] },
    }),
  },
  {
    name: 'notion_data_fetch',
    description:
      'Search pages and databases the integration can see (Notion /search). Pass next_cursor as start_cursor.',
    inputSchema: schema({
      query: str('Text to look for in titles.'),
      page_size: PAGE_SIZE,
      start_cursor: START_CURSOR,
    }),
  },
  {
    name: 'notion_page_get',
    description: 'Retrieve a page: properties, metadata and parent.',
    inputSchema: schema({ page_id: PAGE_ID }, ['page_id']),
  },
  {
    name: 'notion_page_content_get',
    description: 'List the child blocks of a page or block, with their type and text.',
    inputSchema: schema({ block_id: str('Page or block id.'), page_size: PAGE_SIZE, start_cursor: START_CURSOR }, [
      'block_id',
    ]),
  },
  {
    name: 'notion_page_content_append',
    description:
      'Append blocks to a page or block in a simplified format: {type, text} (+ language for code). Types: paragraph, heading_1, heading_2, heading_3, bulleted_list_item, numbered_list_item, code, quote, callout, divider (no text). Raw Notion block objects are not accepted.',
    inputSchema: schema(
      {
        block_id: str('Page or block id to append to.'),
        blocks: arr('At most 100 blocks.', {
          type: 'object',
          properties: {
            type: { type: 'string', enum: [...SIMPLE_BLOCK_TYPES] },
            text: { type: 'string' },
            language: { type: 'string' },
          },
          required: ['type'],
        }),
      },
      ['block_id', 'blocks'],
    ),
  },
  {
    name: 'notion_page_create',
    description:
      'Create a page under a parent page or in a database (exactly one of parent_page_id / database_id). A title is keyed "title": {"title":{"title":[{"text":{"content":"X"}}]}}. child_blocks are raw Notion block objects.',
    inputSchema: schema({
      parent_page_id: str('Parent page id.'),
      database_id: str('Parent database id (properties are required for rows).'),
      properties: obj('Notion page properties.'),
      child_blocks: arr('Notion block objects for the page content, at most 100.'),
      icon: obj('Emoji or external icon.'),
      cover: obj('External cover image.'),
    }),
  },
  {
    name: 'notion_page_update',
    description: 'Update page properties, icon or cover, or archive (archived: true) / restore it.',
    inputSchema: schema(
      {
        page_id: PAGE_ID,
        properties: obj('Properties to change.'),
        archived: bool('Move to or out of the trash.'),
        icon: obj('Icon.'),
        cover: obj('Cover.'),
      },
      ['page_id'],
    ),
  },
  {
    name: 'notion_block_retrieve',
    description: 'Retrieve one block.',
    inputSchema: schema({ block_id: str('Block id.') }, ['block_id']),
  },
  {
    name: 'notion_block_delete',
    description: 'Move a block (or page) to the trash.',
    inputSchema: schema({ block_id: str('Block id.') }, ['block_id']),
  },
  {
    name: 'notion_database_fetch',
    description: 'Retrieve a database: title and property schema.',
    inputSchema: schema({ database_id: str('Database id.') }, ['database_id']),
  },
  {
    name: 'notion_database_query',
    description: 'Query the rows of a database with a Notion filter and sorts (each sort by property or timestamp).',
    inputSchema: schema(
      {
        database_id: str('Database id.'),
        filter: obj('Notion filter object.'),
        sorts: arr('Notion sort objects.'),
        page_size: PAGE_SIZE,
        start_cursor: START_CURSOR,
      },
      ['database_id'],
    ),
  },
  {
    name: 'notion_database_insert_row',
    description: 'Add a row (a page) to a database.',
    inputSchema: schema(
      {
        database_id: str('Database id.'),
        properties: obj('Values keyed by property name or id.'),
        child_blocks: arr('Notion block objects for the row page.'),
        icon: obj('Icon.'),
        cover: obj('Cover.'),
      },
      ['database_id', 'properties'],
    ),
  },
  {
    name: 'notion_database_create',
    description: 'Create a database under a page.',
    inputSchema: schema(
      {
        parent: { type: 'object', properties: { page_id: { type: 'string' } }, required: ['page_id'] },
        title: arr('Rich text title.'),
        properties: obj('Property schema; exactly one title property.'),
      },
      ['parent', 'title', 'properties'],
    ),
  },
  {
    name: 'notion_user_get_self',
    description: "Retrieve the integration's bot user.",
    inputSchema: schema({}),
  },
];
