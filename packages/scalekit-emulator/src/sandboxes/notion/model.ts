import type { JsonObject, JsonValue } from '../sandbox.js';

/** The stored shape of a Notion workspace. Plain JSON throughout, so export and restore are a copy. */

export const COLORS = [
  'default',
  'gray',
  'brown',
  'orange',
  'yellow',
  'green',
  'blue',
  'purple',
  'pink',
  'red',
  'gray_background',
  'brown_background',
  'orange_background',
  'yellow_background',
  'green_background',
  'blue_background',
  'purple_background',
  'pink_background',
  'red_background',
] as const;

/** Option colours (select / multi_select) have no `_background` variants. */
export const OPTION_COLORS = [
  'default',
  'gray',
  'brown',
  'orange',
  'yellow',
  'green',
  'blue',
  'purple',
  'pink',
  'red',
] as const;

export type Annotations = {
  bold: boolean;
  italic: boolean;
  strikethrough: boolean;
  underline: boolean;
  code: boolean;
  color: string;
};

export type RichText =
  | {
      type: 'text';
      text: { content: string; link: { url: string } | null };
      annotations: Annotations;
      plain_text: string;
      href: string | null;
    }
  | { type: 'equation'; equation: { expression: string }; annotations: Annotations; plain_text: string; href: null };

export type Parent =
  | { type: 'page_id'; page_id: string }
  | { type: 'database_id'; database_id: string }
  | { type: 'block_id'; block_id: string }
  | { type: 'workspace'; workspace: true };

export type RecordMeta = {
  id: string;
  /** Creation order: breaks ties between minute-rounded created_time values (Notion keeps finer time inside). */
  seq: number;
  /** Order of the last edit, the same for last_edited_time. */
  edit_seq: number;
  parent: Parent;
  created_time: string;
  last_edited_time: string;
  created_by: string;
  last_edited_by: string;
  archived: boolean;
};

export type PageRecord = RecordMeta & {
  kind: 'page';
  /** Property values keyed by property id; the page's own title is under `title`. */
  values: { [propertyId: string]: JsonValue };
  icon: JsonObject | null;
  cover: JsonObject | null;
};

export const PROPERTY_TYPES = [
  'title',
  'rich_text',
  'number',
  'url',
  'email',
  'phone_number',
  'checkbox',
  'select',
  'multi_select',
  'date',
  'created_time',
  'last_edited_time',
] as const;
export type PropertyType = (typeof PROPERTY_TYPES)[number];

export type SelectOption = { id: string; name: string; color: string };

export type PropertySchema = { id: string; name: string; type: PropertyType; config: JsonObject };

export type DatabaseRecord = RecordMeta & {
  kind: 'database';
  title: RichText[];
  description: RichText[];
  /** In display order; exactly one has type `title` and id `title`. */
  schema: PropertySchema[];
  icon: JsonObject | null;
  cover: JsonObject | null;
  is_inline: boolean;
};

export type BlockRecord = RecordMeta & {
  kind: 'block';
  type: string;
  /** The type-specific object (`paragraph: {...}`), normalized, without children. */
  content: JsonObject;
};

export type NotionRecord = PageRecord | DatabaseRecord | BlockRecord;

export type UserRecord = { id: string; name: string };

export type WorkspaceState = {
  records: { [id: string]: NotionRecord };
  /** Ordered child ids of each page and block: blocks, child pages and child databases. */
  children: { [containerId: string]: string[] };
  seq: number;
  rng: number;
  bot: UserRecord;
  person: UserRecord;
  workspaceName: string;
};

/** Block types this sandbox creates and returns (a subset of Notion's, see the README). */
export const BLOCK_TYPES = [
  'paragraph',
  'heading_1',
  'heading_2',
  'heading_3',
  'bulleted_list_item',
  'numbered_list_item',
  'to_do',
  'toggle',
  'quote',
  'callout',
  'code',
  'divider',
  'image',
  'bookmark',
  'embed',
  'table',
  'table_row',
  'child_page',
  'child_database',
] as const;

/** The block type of a request block: its `type`, or the one block-type key it carries. */
export function blockTypeOf(block: JsonObject): string | undefined {
  if (typeof block['type'] === 'string') return block['type'];
  return Object.keys(block).find((key) => (BLOCK_TYPES as readonly string[]).includes(key));
}
