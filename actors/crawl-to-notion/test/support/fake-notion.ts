/**
 * An in-memory stand-in for Notion's page and block-children endpoints that enforces the
 * documented request limits, so a write plan can be executed and checked without a network.
 */
import {
  createdBlocks,
  findLimitViolations,
  getChildren,
  jsonBytes,
  withChildren,
  type NotionBlock,
  type PageWritePlan,
  type WriteStep,
} from '../../src/notion-blocks/index.js';

interface StoredBlock {
  id: string;
  block: NotionBlock; // without children
  children: StoredBlock[];
}

export interface RequestLog {
  kind: 'create-page' | 'append' | 'list';
  blocks: number;
  bytes: number;
}

export class FakeNotion {
  readonly pageId = 'page-0';
  readonly requests: RequestLog[] = [];
  private readonly page: StoredBlock[] = [];
  private readonly byId = new Map<string, StoredBlock>();
  private nextId = 1;

  /** POST /v1/pages with children: returns the page id only, as Notion does. */
  createPage(children: NotionBlock[]): string {
    this.validateRequest(children);
    this.requests.push({ kind: 'create-page', blocks: countAll(children), bytes: jsonBytes({ children }) });
    this.page.push(...children.map((b) => this.store(b)));
    return this.pageId;
  }

  /** PATCH /v1/blocks/{id}/children: returns the ids of the first-level blocks created. */
  append(parentId: string, children: NotionBlock[]): string[] {
    this.validateRequest(children);
    this.requests.push({ kind: 'append', blocks: countAll(children), bytes: jsonBytes({ children }) });
    const target = parentId === this.pageId ? this.page : this.byId.get(parentId)?.children;
    if (target === undefined) throw new Error(`append: no block ${parentId}`);
    const parent = this.byId.get(parentId);
    if (parent && !canHaveChildren(parent.block)) throw new Error(`append: ${parent.block.type} cannot have children`);
    const stored = children.map((b) => this.store(b));
    target.push(...stored);
    return stored.map((s) => s.id);
  }

  /** GET /v1/blocks/{id}/children (one page of up to 100 is enough for these tests' lookups by index). */
  listChildren(parentId: string): string[] {
    this.requests.push({ kind: 'list', blocks: 0, bytes: 0 });
    const list = parentId === this.pageId ? this.page : this.byId.get(parentId)?.children;
    if (list === undefined) throw new Error(`list: no block ${parentId}`);
    return list.map((s) => s.id);
  }

  /** The page's content as a block tree, ids stripped: comparable to what was planned. */
  tree(): NotionBlock[] {
    const rebuild = (list: readonly StoredBlock[]): NotionBlock[] =>
      list.map((s) => (s.block.type === 'table' ? s.block : withChildren(s.block, rebuild(s.children))));
    return rebuild(this.page);
  }

  private store(block: NotionBlock): StoredBlock {
    const stored: StoredBlock = { id: `block-${this.nextId++}`, block: withChildren(block, []), children: [] };
    if (block.type === 'table') stored.block = block; // rows travel inside the table
    this.byId.set(stored.id, stored);
    if (block.type !== 'table') stored.children = getChildren(block).map((c) => this.store(c));
    return stored;
  }

  private validateRequest(children: readonly NotionBlock[]): void {
    const violations = findLimitViolations(children);
    if (violations.length > 0) throw new Error(`validation_error: ${violations[0]}`);
    if (children.length > 100) throw new Error(`validation_error: ${children.length} children (max 100)`);
    const total = countAll(children);
    if (total > 1000) throw new Error(`validation_error: ${total} blocks in one request (max 1000)`);
    const bytes = jsonBytes({ children });
    if (bytes > 500_000) throw new Error(`validation_error: payload of ${bytes} bytes (max 500KB)`);
    const checkDepth = (list: readonly NotionBlock[], level: number): void => {
      for (const block of list) {
        const nested = getChildren(block);
        if (nested.length > 100) throw new Error('validation_error: nested children array over 100');
        if (nested.length > 0 && level >= 2)
          throw new Error(`validation_error: nesting deeper than two levels (${block.type})`);
        if (block.type === 'table' && nested.length === 0) throw new Error('validation_error: table without rows');
        if (block.type !== 'table') checkDepth(nested, level + 1);
      }
    };
    checkDepth(children, 1);
  }
}

function canHaveChildren(block: NotionBlock): boolean {
  return !['code', 'image', 'divider', 'heading_1', 'heading_2', 'heading_3', 'table_row'].includes(block.type);
}

function countAll(blocks: readonly NotionBlock[]): number {
  return blocks.reduce((n, b) => n + 1 + countAll(getChildren(b)), 0);
}

/**
 * Executes a plan the way the writer must: ids of first-level blocks come from each response
 * (for the page-create request, from listing the page), ids of deeper blocks from listing
 * their parent's children. Every append target must already have an id.
 */
export function executePlan(plan: PageWritePlan, notion: FakeNotion): void {
  const ids = new Map<string, string>();
  const key = (path: readonly number[]): string => path.join('.');
  const idOf = (path: readonly number[]): string => {
    const id = ids.get(key(path));
    if (id === undefined) throw new Error(`no id yet for path [${path.join(', ')}]`);
    return id;
  };
  const record = (step: WriteStep, firstLevelIds: readonly string[]): void => {
    for (const { path, level } of createdBlocks(step)) {
      if (level === 1) {
        ids.set(key(path), firstLevelIds[path[path.length - 1]! - step.startIndex]!);
      } else {
        const parentPath = path.slice(0, -1);
        const siblings = notion.listChildren(idOf(parentPath));
        ids.set(key(path), siblings[path[path.length - 1]!]!);
      }
    }
  };

  const pageId = notion.createPage(plan.initialChildren);
  const first: WriteStep = { target: { kind: 'page' }, startIndex: 0, children: plan.initialChildren };
  const listed = plan.initialChildren.length > 0 ? notion.listChildren(pageId) : [];
  record(first, listed);
  for (const step of plan.appends) {
    const parentId = step.target.kind === 'page' ? pageId : idOf(step.target.path);
    record(step, notion.append(parentId, step.children));
  }
}
