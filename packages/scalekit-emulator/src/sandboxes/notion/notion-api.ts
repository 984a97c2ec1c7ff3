import type { JsonObject } from '../sandbox.js';
import {
  acceptsChildren,
  normalizeBlockContent,
  normalizeBlocks,
  normalizeCover,
  normalizeIcon,
  type BlockDraft,
} from './block-content.js';
import { compareTimestamps, compileFilter, compileSorts } from './database-query.js';
import { requireId } from './id-format.js';
import { optionalBoolean, optionalString, requireArray, requireEnum, requireObject } from './json-input.js';
import {
  type BlockRecord,
  type DatabaseRecord,
  type NotionRecord,
  type PageRecord,
  type Parent,
  type PropertySchema,
  type RecordMeta,
} from './model.js';
import { archivedError, fieldError, objectNotFound, validationError } from './notion-errors.js';
import { blockJson, databaseJson, listJson, pageJson, pageSchema, recordTitle, userJson } from './notion-json.js';
import { paginate, readPageSize } from './pagination.js';
import { PAGE_TITLE_SCHEMA, normalizePropertyValues, normalizeSchema, withNewOptions } from './property-values.js';
import { checkBlockTree, checkPayloadSize } from './request-limits.js';
import { normalizeRichText } from './rich-text.js';
import { updatedSchema } from './schema-update.js';
import type { Workspace } from './workspace.js';

/** Who acts and when: the integration's bot in real time, or the seeded person at seeded times. */
export interface ApiSession {
  clock: () => number;
  actorId: string;
  /** Seeding only: top-level pages. The public API refuses a workspace parent for integrations. */
  allowWorkspaceParent?: boolean;
}

export type SearchTimestamp = 'last_edited_time' | 'created_time';

const NO_MORE = { next_cursor: null, has_more: false };

/**
 * The Notion API (2022-06-28) over one workspace. Every method validates the whole request before it
 * writes anything, so a refused request leaves no partial state. REST routes and tools both call it.
 */
export class NotionApi {
  constructor(
    readonly ws: Workspace,
    private readonly session: ApiSession,
  ) {}

  // ---- search and users

  search(body: JsonObject, timestamps: readonly SearchTimestamp[] = ['last_edited_time']): JsonObject {
    const query = (optionalString(body['query'], 'body.query') ?? '').toLowerCase();
    let kinds: readonly ('page' | 'database')[] = ['page', 'database'];
    if (body['filter'] !== undefined) {
      const filter = requireObject(body['filter'], 'body.filter');
      requireEnum(filter['property'], ['object'] as const, 'body.filter.property');
      kinds = [requireEnum(filter['value'], ['page', 'database'] as const, 'body.filter.value')];
    }
    let direction: 'ascending' | 'descending' = 'descending';
    let timestamp: SearchTimestamp = 'last_edited_time';
    if (body['sort'] !== undefined) {
      const sort = requireObject(body['sort'], 'body.sort');
      direction = requireEnum(sort['direction'], ['ascending', 'descending'] as const, 'body.sort.direction');
      timestamp = requireEnum(sort['timestamp'], timestamps, 'body.sort.timestamp');
    }
    const pageSize = readPageSize(body['page_size'], 'body.page_size');
    const matches = kinds
      .flatMap((kind) => this.ws.all(kind))
      .filter((r) => !this.ws.inTrash(r))
      .filter((r) => recordTitle(r).toLowerCase().includes(query));
    const sign = direction === 'ascending' ? 1 : -1;
    matches.sort((a, b) => sign * compareTimestamps(a, b, timestamp));
    const page = paginate(matches, body['start_cursor'], pageSize, 'body.start_cursor');
    return listJson(
      page.results.map((r) => this.#objectJson(r)),
      page,
      'page_or_database',
    );
  }

  me(): JsonObject {
    return userJson(this.ws.bot, 'bot', this.ws.workspaceName);
  }

  listUsers(): JsonObject {
    const users = [userJson(this.ws.person, 'person', this.ws.workspaceName), this.me()];
    return listJson(users, NO_MORE, 'user');
  }

  retrieveUser(rawId: unknown): JsonObject {
    const id = requireId(rawId, 'path.user_id');
    if (id === this.ws.bot.id) return this.me();
    if (id === this.ws.person.id) return userJson(this.ws.person, 'person', this.ws.workspaceName);
    throw objectNotFound('user', id);
  }

  // ---- pages

  createPage(body: JsonObject): JsonObject {
    checkPayloadSize(body);
    const target = this.#newPageParent(requireObject(body['parent'], 'body.parent'));
    if (body['properties'] === undefined) throw fieldError('body.properties', 'should be defined', undefined);
    const children = body['children'] === undefined ? [] : requireArray(body['children'], 'body.children');
    checkBlockTree(children, 'body.children');
    const write = normalizePropertyValues(body['properties'], target.schema, 'body.properties', this.ws.rng);
    const drafts = normalizeBlocks(children, 'body.children');
    const icon = body['icon'] === undefined ? null : normalizeIcon(body['icon'], 'body.icon');
    const cover = body['cover'] === undefined ? null : normalizeCover(body['cover'], 'body.cover');

    if (target.database) target.database.schema = withNewOptions(target.database.schema, write.newOptions);
    const page: PageRecord = { ...this.#meta(target.parent), kind: 'page', values: write.values, icon, cover };
    this.ws.add(page);
    this.#commitBlocks(page, drafts);
    if (target.parent.type === 'page_id') this.#touch(this.ws.find(target.parent.page_id));
    return pageJson(this.ws, page);
  }

  retrievePage(rawId: unknown): JsonObject {
    return pageJson(this.ws, this.#requirePage(rawId));
  }

  updatePage(rawId: unknown, body: JsonObject): JsonObject {
    checkPayloadSize(body);
    const page = this.#requirePage(rawId);
    const archived = this.#archivedFlag(body);
    this.#checkWritable(page, archived);
    const database = page.parent.type === 'database_id' ? this.ws.database(page.parent.database_id) : undefined;
    const write =
      body['properties'] === undefined
        ? undefined
        : normalizePropertyValues(body['properties'], pageSchema(this.ws, page), 'body.properties', this.ws.rng);
    const icon = body['icon'] === undefined ? undefined : normalizeIcon(body['icon'], 'body.icon');
    const cover = body['cover'] === undefined ? undefined : normalizeCover(body['cover'], 'body.cover');

    if (write) {
      page.values = { ...page.values, ...write.values };
      if (database) database.schema = withNewOptions(database.schema, write.newOptions);
    }
    if (icon !== undefined) page.icon = icon;
    if (cover !== undefined) page.cover = cover;
    if (archived !== undefined) page.archived = archived;
    this.#touch(page);
    return pageJson(this.ws, page);
  }

  // ---- blocks

  retrieveBlock(rawId: unknown): JsonObject {
    return blockJson(this.ws, this.#requireBlockLike(rawId));
  }

  updateBlock(rawId: unknown, body: JsonObject): JsonObject {
    checkPayloadSize(body);
    const record = this.#requireBlockLike(rawId);
    const archived = this.#archivedFlag(body);
    this.#checkWritable(record, archived);
    const keys = Object.keys(body).filter((k) => !['archived', 'in_trash', 'type'].includes(k));
    const foreign = keys.find((k) => record.kind !== 'block' || k !== record.type);
    if (foreign !== undefined) throw fieldError(`body.${foreign}`, 'should be not present', body[foreign]);
    let content: JsonObject | undefined;
    if (record.kind === 'block' && body[record.type] !== undefined) {
      const path = `body.${record.type}`;
      const payload = requireObject(body[record.type], path);
      if (payload['children'] !== undefined)
        throw fieldError(`${path}.children`, 'should be not present', payload['children']);
      content = normalizeBlockContent(record.type, { ...record.content, ...payload }, path);
    }

    if (content && record.kind === 'block') record.content = content;
    if (archived !== undefined) record.archived = archived;
    this.#touch(record);
    return blockJson(this.ws, record);
  }

  /** Notion's DELETE moves a block (or page, or database) to the trash. */
  deleteBlock(rawId: unknown): JsonObject {
    const record = this.#requireBlockLike(rawId);
    if (this.ws.inTrash(record)) throw archivedError();
    record.archived = true;
    this.#touch(record);
    return blockJson(this.ws, record);
  }

  listChildren(rawId: unknown, cursor: unknown, pageSizeRaw: unknown, scope: 'query' | 'body' = 'query'): JsonObject {
    const record = this.#requireBlockLike(rawId);
    if (record.kind === 'database') throw objectNotFound('block', record.id);
    const pageSize = readPageSize(pageSizeRaw, `${scope}.page_size`);
    const page = paginate(this.ws.liveChildren(record.id), cursor, pageSize, `${scope}.start_cursor`);
    return listJson(
      page.results.map((r) => blockJson(this.ws, r)),
      page,
      'block',
    );
  }

  appendChildren(rawId: unknown, body: JsonObject): JsonObject {
    checkPayloadSize(body);
    const record = this.#requireBlockLike(rawId);
    if (record.kind === 'database') throw objectNotFound('block', record.id);
    const children = requireArray(body['children'], 'body.children');
    checkBlockTree(children, 'body.children');
    const drafts = normalizeBlocks(children, 'body.children');
    const after = body['after'] === undefined ? undefined : requireId(body['after'], 'body.after');
    if (after !== undefined && !this.ws.childIds(record.id).includes(after)) {
      throw fieldError('body.after', `should be the id of a child of block ${record.id}`, after);
    }
    this.#checkWritable(record, undefined);
    this.#checkChildrenFit(record, drafts);

    const created = this.#commitBlocks(record, drafts, after);
    this.#touch(record);
    return listJson(
      created.map((r) => blockJson(this.ws, r)),
      NO_MORE,
      'block',
    );
  }

  // ---- databases

  createDatabase(body: JsonObject): JsonObject {
    checkPayloadSize(body);
    const parentInput = requireObject(body['parent'], 'body.parent');
    const parentPageId = requireId(parentInput['page_id'], 'body.parent.page_id');
    const title = body['title'] === undefined ? [] : normalizeRichText(body['title'], 'body.title');
    const description =
      body['description'] === undefined ? [] : normalizeRichText(body['description'], 'body.description');
    if (body['properties'] === undefined) throw fieldError('body.properties', 'should be defined', undefined);
    const schema = normalizeSchema(body['properties'], 'body.properties', this.ws.rng);
    const isInline = optionalBoolean(body['is_inline'], 'body.is_inline') ?? false;
    const icon = body['icon'] === undefined ? null : normalizeIcon(body['icon'], 'body.icon');
    const cover = body['cover'] === undefined ? null : normalizeCover(body['cover'], 'body.cover');
    const parentPage = this.ws.page(parentPageId);
    if (!parentPage) throw objectNotFound('page', parentPageId);
    this.#checkWritable(parentPage, undefined);

    const database: DatabaseRecord = {
      ...this.#meta({ type: 'page_id', page_id: parentPageId }),
      kind: 'database',
      title,
      description,
      schema,
      icon,
      cover,
      is_inline: isInline,
    };
    this.ws.add(database);
    this.#touch(parentPage);
    return databaseJson(database);
  }

  retrieveDatabase(rawId: unknown): JsonObject {
    return databaseJson(this.#requireDatabase(rawId));
  }

  updateDatabase(rawId: unknown, body: JsonObject): JsonObject {
    checkPayloadSize(body);
    const database = this.#requireDatabase(rawId);
    const archived = this.#archivedFlag(body);
    this.#checkWritable(database, archived);
    const title = body['title'] === undefined ? undefined : normalizeRichText(body['title'], 'body.title');
    const description =
      body['description'] === undefined ? undefined : normalizeRichText(body['description'], 'body.description');
    const schema =
      body['properties'] === undefined ? undefined : updatedSchema(database.schema, body['properties'], this.ws.rng);
    const icon = body['icon'] === undefined ? undefined : normalizeIcon(body['icon'], 'body.icon');
    const cover = body['cover'] === undefined ? undefined : normalizeCover(body['cover'], 'body.cover');

    if (title) database.title = title;
    if (description) database.description = description;
    if (schema) this.#applySchema(database, schema);
    if (icon !== undefined) database.icon = icon;
    if (cover !== undefined) database.cover = cover;
    if (archived !== undefined) database.archived = archived;
    this.#touch(database);
    return databaseJson(database);
  }

  queryDatabase(rawId: unknown, body: JsonObject): JsonObject {
    const database = this.#requireDatabase(rawId);
    const matches = body['filter'] === undefined ? () => true : compileFilter(body['filter'], database.schema);
    const compare = compileSorts(body['sorts'], database.schema);
    const pageSize = readPageSize(body['page_size'], 'body.page_size');
    // Without sorts, newest rows first; equal sort keys keep that order too.
    const rows = this.ws
      .rows(database.id)
      .filter((row) => !row.archived && matches(row))
      .sort((a, b) => (compare?.(a, b) ?? 0) || b.seq - a.seq);
    const page = paginate(rows, body['start_cursor'], pageSize, 'body.start_cursor');
    return listJson(
      page.results.map((row) => pageJson(this.ws, row)),
      page,
      'page_or_database',
    );
  }

  // ---- internals

  #objectJson(record: NotionRecord): JsonObject {
    if (record.kind === 'page') return pageJson(this.ws, record);
    if (record.kind === 'database') return databaseJson(record);
    return blockJson(this.ws, record);
  }

  /** Notion rounds timestamps down to the minute. */
  #now(): string {
    return new Date(Math.floor(this.session.clock() / 60_000) * 60_000).toISOString();
  }

  #meta(parent: Parent): RecordMeta {
    const now = this.#now();
    const actor = this.session.actorId;
    const seq = this.ws.nextSeq();
    return {
      id: this.ws.rng.uuid(),
      seq,
      edit_seq: seq,
      parent,
      created_time: now,
      last_edited_time: now,
      created_by: actor,
      last_edited_by: actor,
      archived: false,
    };
  }

  /** Marks a record edited, and the page it sits on (content edits change a page's last_edited_time). */
  #touch(record: NotionRecord | undefined): void {
    if (!record) return;
    const now = this.#now();
    for (const target of new Set([record, this.ws.owningPage(record)])) {
      if (!target) continue;
      target.last_edited_time = now;
      target.last_edited_by = this.session.actorId;
      target.edit_seq = this.ws.nextSeq();
    }
  }

  #archivedFlag(body: JsonObject): boolean | undefined {
    if (body['archived'] !== undefined) return optionalBoolean(body['archived'], 'body.archived');
    return optionalBoolean(body['in_trash'], 'body.in_trash');
  }

  /** A trashed record (or one under a trashed parent) only accepts being restored. */
  #checkWritable(record: NotionRecord, archived: boolean | undefined): void {
    if (!this.ws.inTrash(record)) return;
    const parent = this.#parentRecord(record);
    const restoring = archived === false && record.archived && !(parent && this.ws.inTrash(parent));
    if (!restoring) throw archivedError();
  }

  #parentRecord(record: NotionRecord): NotionRecord | undefined {
    const parent = record.parent;
    const id =
      parent.type === 'page_id'
        ? parent.page_id
        : parent.type === 'database_id'
          ? parent.database_id
          : parent.type === 'block_id'
            ? parent.block_id
            : undefined;
    return id === undefined ? undefined : this.ws.find(id);
  }

  #newPageParent(input: JsonObject): { parent: Parent; schema: readonly PropertySchema[]; database?: DatabaseRecord } {
    if (input['database_id'] !== undefined) {
      const id = requireId(input['database_id'], 'body.parent.database_id');
      const database = this.ws.database(id);
      if (!database) throw objectNotFound('database', id);
      this.#checkWritable(database, undefined);
      return { parent: { type: 'database_id', database_id: id }, schema: database.schema, database };
    }
    if (input['page_id'] !== undefined) {
      const id = requireId(input['page_id'], 'body.parent.page_id');
      const page = this.ws.page(id);
      if (!page) throw objectNotFound('page', id);
      this.#checkWritable(page, undefined);
      return { parent: { type: 'page_id', page_id: id }, schema: PAGE_TITLE_SCHEMA };
    }
    if (input['workspace'] === true && this.session.allowWorkspaceParent) {
      return { parent: { type: 'workspace', workspace: true }, schema: PAGE_TITLE_SCHEMA };
    }
    throw fieldError('body.parent.page_id', 'should be defined', undefined);
  }

  #requirePage(rawId: unknown): PageRecord {
    const id = requireId(rawId, 'path.page_id');
    const page = this.ws.page(id);
    if (!page) throw objectNotFound('page', id);
    return page;
  }

  #requireDatabase(rawId: unknown): DatabaseRecord {
    const id = requireId(rawId, 'path.database_id');
    const database = this.ws.database(id);
    if (!database) throw objectNotFound('database', id);
    return database;
  }

  #requireBlockLike(rawId: unknown): NotionRecord {
    const id = requireId(rawId, 'path.block_id');
    const record = this.ws.find(id);
    if (!record) throw objectNotFound('block', id);
    return record;
  }

  #checkChildrenFit(record: NotionRecord, drafts: readonly BlockDraft[]): void {
    if (record.kind === 'block' && !acceptsChildren(record.type, record.content)) {
      throw validationError(
        `body failed validation: block ${record.id} of type ${record.type} does not support children.`,
      );
    }
    const isTable = record.kind === 'block' && record.type === 'table';
    drafts.forEach((draft, index) => {
      if (isTable !== (draft.type === 'table_row')) {
        throw fieldError(
          `body.children[${index}].type`,
          isTable ? 'should be `"table_row"`' : 'should not be `"table_row"` outside a table',
          draft.type,
        );
      }
      const cells = draft.content['cells'];
      if (
        record.kind === 'block' &&
        isTable &&
        Array.isArray(cells) &&
        cells.length !== record.content['table_width']
      ) {
        throw fieldError(
          `body.children[${index}].table_row.cells.length`,
          `should be \`${JSON.stringify(record.content['table_width'])}\``,
          cells.length,
        );
      }
    });
  }

  #commitBlocks(container: NotionRecord, drafts: readonly BlockDraft[], after?: string): BlockRecord[] {
    const parent: Parent =
      container.kind === 'page'
        ? { type: 'page_id', page_id: container.id }
        : { type: 'block_id', block_id: container.id };
    let anchor = after;
    return drafts.map((draft) => {
      const block: BlockRecord = { ...this.#meta(parent), kind: 'block', type: draft.type, content: draft.content };
      this.ws.add(block, anchor === undefined ? {} : { after: anchor });
      if (anchor !== undefined) anchor = block.id;
      this.#commitBlocks(block, draft.children);
      return block;
    });
  }

  /** Installs a new schema; values of removed or retyped properties are dropped from the rows. */
  #applySchema(database: DatabaseRecord, schema: PropertySchema[]): void {
    const stale = database.schema
      .filter((old) => !schema.some((p) => p.id === old.id && p.type === old.type))
      .map((p) => p.id);
    database.schema = schema;
    for (const row of this.ws.rows(database.id)) {
      for (const id of stale) delete row.values[id];
    }
  }
}
