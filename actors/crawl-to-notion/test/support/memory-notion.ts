/**
 * An in-memory Notion for the page writer: pages and blocks with ids, the append `after`
 * position, trashed blocks hidden from listings, response-shaped rich text, and the documented
 * request limits enforced (100 children per array, a block, its children and grandchildren per
 * request). It answers like Notion, so the writer's id bookkeeping is tested for real.
 */
import type {
  NotionBlock as ListedBlock,
  NotionBlockInput,
  NotionPage,
  NotionPageProperties,
  NotionParent,
} from '@repo/notion-client';
import type { NotionBlock } from '../../src/notion-blocks/index.js';
import type { BlockNotion } from '../../src/notion/block-writer.js';
import { blockObject, pageObject } from './notion-objects.js';

interface Stored {
  id: string;
  type: string;
  body: Record<string, unknown>;
  children: string[];
  archived: boolean;
}

export type Call = { kind: 'create' | 'append' | 'list' | 'delete'; target: string; blocks: number; after?: string };

type Body = Record<string, unknown> & { children?: NotionBlockInput[] };

/** A request block's type (optional in the SDK's type; the actor always states it) and body. */
function partsOf(block: NotionBlockInput): { type: string; body: Body } {
  const type = block.type ?? Object.keys(block).find((key) => key !== 'object');
  if (type === undefined) throw new Error('validation_error: a block without a type');
  const body = (block as unknown as Record<string, Body | undefined>)[type] ?? {};
  return { type, body };
}

function childrenOf(block: NotionBlockInput): NotionBlockInput[] {
  return partsOf(block).body.children ?? [];
}

function responseText(items: unknown): unknown {
  if (!Array.isArray(items)) return items;
  return (items as { text: { content: string; link: { url: string } | null }; annotations: unknown }[]).map((item) => ({
    type: 'text',
    text: item.text,
    annotations: item.annotations,
    plain_text: item.text.content,
    href: item.text.link?.url ?? null,
  }));
}

export class MemoryNotion implements BlockNotion {
  readonly calls: Call[] = [];
  readonly #blocks = new Map<string, Stored>();
  /** Pages are containers too: their children lists live here. */
  readonly #containers = new Map<string, string[]>();
  #next = 1;
  /** Makes the n-th append (1-based) fail, to test partial writes. */
  failAppend: number | undefined;
  #appends = 0;

  #id(prefix: string): string {
    return `${prefix}-${this.#next++}`;
  }

  #check(children: readonly NotionBlockInput[]): void {
    let total = 0;
    const walk = (list: readonly NotionBlockInput[], level: number): void => {
      if (list.length > 100) throw new Error(`validation_error: ${list.length} children in one array`);
      for (const block of list) {
        total += 1;
        const nested = childrenOf(block);
        if (nested.length > 0 && level >= 3) throw new Error('validation_error: more than two levels of nesting');
        walk(nested, level + 1);
      }
    };
    walk(children, 1);
    if (total > 1000) throw new Error('validation_error: more than 1000 blocks');
  }

  #store(block: NotionBlockInput): string {
    const { type, body: withChildren } = partsOf(block);
    const { children: _children, ...body } = withChildren;
    const stored: Stored = { id: this.#id('block'), type, body, children: [], archived: false };
    this.#blocks.set(stored.id, stored);
    stored.children = childrenOf(block).map((child) => this.#store(child));
    return stored.id;
  }

  #list(id: string): string[] {
    const list = this.#containers.get(id) ?? this.#blocks.get(id)?.children;
    if (list === undefined) throw new Error(`object_not_found: ${id}`);
    return list;
  }

  #listed(stored: Stored): ListedBlock {
    const body = { ...stored.body };
    if ('rich_text' in body) body['rich_text'] = responseText(body['rich_text']);
    if ('caption' in body) body['caption'] = responseText(body['caption']);
    return blockObject(stored.id, stored.type, body, {
      hasChildren: stored.children.some((c) => !this.#blocks.get(c)!.archived),
      archived: stored.archived,
    });
  }

  /** Adds a sub-page inside a page, as a user would. */
  addChildPage(pageId: string, title: string): string {
    const stored: Stored = {
      id: this.#id('subpage'),
      type: 'child_page',
      body: { title },
      children: [],
      archived: false,
    };
    this.#blocks.set(stored.id, stored);
    this.#list(pageId).push(stored.id);
    return stored.id;
  }

  createPage(input: {
    parent: NotionParent;
    title?: string;
    properties?: NotionPageProperties;
    children?: NotionBlockInput[];
  }): Promise<NotionPage> {
    this.#check(input.children ?? []);
    const id = this.#id('page');
    this.calls.push({ kind: 'create', target: id, blocks: (input.children ?? []).length });
    this.#containers.set(
      id,
      (input.children ?? []).map((b) => this.#store(b)),
    );
    return Promise.resolve(pageObject(id, input.parent));
  }

  appendChildren(
    blockId: string,
    children: NotionBlockInput[],
    options: { after?: string } = {},
  ): Promise<ListedBlock[]> {
    this.#appends += 1;
    if (this.#appends === this.failAppend) return Promise.reject(new Error('service_unavailable'));
    this.#check(children);
    const list = this.#list(blockId);
    this.calls.push({
      kind: 'append',
      target: blockId,
      blocks: children.length,
      ...(options.after ? { after: options.after } : {}),
    });
    const ids = children.map((b) => this.#store(b));
    if (options.after === undefined) list.push(...ids);
    else {
      const at = list.indexOf(options.after);
      if (at < 0) throw new Error(`validation_error: ${options.after} is not a child of ${blockId}`);
      list.splice(at + 1, 0, ...ids);
    }
    return Promise.resolve(ids.map((id) => this.#listed(this.#blocks.get(id)!)));
  }

  listChildren(blockId: string, options: { limit?: number } = {}): Promise<ListedBlock[]> {
    this.calls.push({ kind: 'list', target: blockId, blocks: 0 });
    const live = this.#list(blockId)
      .map((id) => this.#blocks.get(id)!)
      .filter((b) => !b.archived);
    return Promise.resolve(live.slice(0, options.limit ?? live.length).map((b) => this.#listed(b)));
  }

  deleteBlock(blockId: string): Promise<ListedBlock> {
    const stored = this.#blocks.get(blockId);
    if (stored === undefined || stored.archived) throw new Error(`validation_error: cannot delete ${blockId}`);
    this.calls.push({ kind: 'delete', target: blockId, blocks: 0 });
    stored.archived = true;
    return Promise.resolve(this.#listed(stored));
  }

  /** Ids of the page's live top-level blocks. */
  topIds(pageId: string): string[] {
    return this.#list(pageId).filter((id) => !this.#blocks.get(id)!.archived);
  }

  /** The page's live content as request-shaped blocks, comparable with what was written. */
  tree(pageId: string): NotionBlock[] {
    const build = (ids: readonly string[]): NotionBlock[] =>
      ids
        .map((id) => this.#blocks.get(id)!)
        .filter((b) => !b.archived && b.type !== 'child_page')
        .map((b) => {
          const children = build(b.children);
          const body = b.type === 'table' || children.length > 0 ? { ...b.body, children } : { ...b.body };
          return { type: b.type, [b.type]: body } as unknown as NotionBlock;
        });
    return build(this.#list(pageId));
  }
}
