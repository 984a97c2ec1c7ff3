/**
 * How to write a block tree into a new Notion page within the API's request limits: at most
 * 100 blocks per children array, two levels of nesting per request, 1000 blocks and ~500 KB per
 * payload. The plan is the page-create request's children followed by appends, in an order where
 * every append targets a block an earlier step created, and where executing the steps in order
 * reproduces the tree exactly.
 *
 * Targets are paths in the final tree: `[3]` is the page's fourth top-level block, `[3, 0]` its
 * first child. Notion returns the ids of the first-level blocks a request created (for the
 * page-create request, list the page's children); ids of blocks created one level deeper come
 * from listing their parent's children. `createdBlocks` tells which path got which level.
 */
import type { NotionBlock } from './block-types.js';
import { getChildren, withChildren } from './block-tree.js';
import { NOTION_LIMITS, ownBlockBytes, SAFE_BUDGETS } from './block-limits.js';

export type WriteTarget = { kind: 'page' } | { kind: 'block'; path: readonly number[] };

export interface WriteStep {
  target: WriteTarget;
  /** Final position, among the target's children, of the first block in `children`. */
  startIndex: number;
  /** Blocks to send, with the nested children that fit into this request. */
  children: NotionBlock[];
}

export interface PageWritePlan {
  /** Children for the page-create request (or a first append to an emptied page). */
  initialChildren: NotionBlock[];
  /** Follow-up appends, to be sent in this order. */
  appends: WriteStep[];
}

export interface WritePlanLimits {
  childrenPerArray: number;
  nestingLevels: number;
  blocksPerRequest: number;
  requestBytes: number;
}

export const DEFAULT_WRITE_LIMITS: WritePlanLimits = {
  childrenPerArray: NOTION_LIMITS.childrenPerArray,
  nestingLevels: NOTION_LIMITS.nestingLevelsPerRequest,
  blocksPerRequest: NOTION_LIMITS.blocksPerRequest,
  requestBytes: SAFE_BUDGETS.requestBytes,
};

/** JSON framing per block in a children array (`"children":[`, commas), counted generously. */
const FRAMING_BYTES = 16;

interface Budget {
  blocks: number;
  bytes: number;
}

interface PendingList {
  path: readonly number[];
  startIndex: number;
  blocks: readonly NotionBlock[];
}

/**
 * Plans the requests that write `blocks` (already within per-block limits, see
 * `enforceNotionLimits`) into a page. Throws if a single block cannot fit into a request.
 */
export function planPageWrite(blocks: readonly NotionBlock[], limits: Partial<WritePlanLimits> = {}): PageWritePlan {
  const planner = new Planner({ ...DEFAULT_WRITE_LIMITS, ...limits });
  planner.planList(undefined, 0, blocks);
  const [first, ...appends] = planner.steps;
  return { initialChildren: first?.children ?? [], appends };
}

/** Every block a step creates, with its final path and its nesting level within the request (1 = top). */
export function createdBlocks(step: WriteStep): { path: number[]; level: number }[] {
  const base = step.target.kind === 'page' ? [] : [...step.target.path];
  const out: { path: number[]; level: number }[] = [];
  const visit = (list: readonly NotionBlock[], parentPath: number[], offset: number, level: number): void => {
    list.forEach((block, i) => {
      const path = [...parentPath, offset + i];
      out.push({ path, level });
      if (block.type !== 'table') visit(getChildren(block), path, 0, level + 1);
    });
  };
  visit(step.children, base, step.startIndex, 1);
  return out;
}

class Planner {
  readonly steps: WriteStep[] = [];
  private readonly sizes = new WeakMap<NotionBlock, number>();

  constructor(private readonly limits: WritePlanLimits) {
    // A table's rows are one level below it, so a table needs two levels to be sent at all.
    if (limits.nestingLevels < 2) throw new Error('nestingLevels must be at least 2');
  }

  planList(targetPath: readonly number[] | undefined, startIndex: number, blocks: readonly NotionBlock[]): void {
    const target: WriteTarget = targetPath === undefined ? { kind: 'page' } : { kind: 'block', path: targetPath };
    let i = 0;
    while (i < blocks.length) {
      const budget: Budget = { blocks: this.limits.blocksPerRequest, bytes: this.limits.requestBytes };
      const request: NotionBlock[] = [];
      const deferred: PendingList[] = [];
      const first = i;
      while (i < blocks.length && request.length < this.limits.childrenPerArray) {
        const block = blocks[i]!;
        // A block whose subtree no longer fits starts a fresh request instead of being cut short.
        if (request.length > 0 && !fits(this.inlineCost(block, 1), budget)) break;
        const shaped = this.shape(block, [...(targetPath ?? []), startIndex + i], 1, budget, deferred);
        if (shaped === undefined) {
          if (request.length === 0) {
            throw new Error(
              `Block ${startIndex + i} of ${describe(target)} does not fit into one request; run enforceNotionLimits first.`,
            );
          }
          break;
        }
        request.push(shaped);
        i++;
      }
      this.steps.push({ target, startIndex: startIndex + first, children: request });
      // Depth first: what this request could not carry is written before the next sibling chunk.
      for (const pending of deferred) this.planList(pending.path, pending.startIndex, pending.blocks);
    }
  }

  /**
   * The block as it goes into the request at `level`, with the prefix of its children that fits;
   * the rest is queued in `deferred` in document order. Undefined when the block itself does not fit.
   */
  private shape(
    block: NotionBlock,
    path: readonly number[],
    level: number,
    budget: Budget,
    deferred: PendingList[],
  ): NotionBlock | undefined {
    const own = this.ownCost(block);
    if (block.type === 'table' && level >= this.limits.nestingLevels) return undefined; // its rows would be one level too deep
    if (!fits(own, budget)) return undefined;
    budget.blocks -= own.blocks;
    budget.bytes -= own.bytes;
    if (block.type === 'table') return block;

    const children = getChildren(block);
    if (children.length === 0) return block;
    if (level >= this.limits.nestingLevels) {
      deferred.push({ path, startIndex: 0, blocks: children });
      return withChildren(block, []);
    }
    const included: NotionBlock[] = [];
    const nested: PendingList[] = [];
    while (included.length < children.length && included.length < this.limits.childrenPerArray) {
      const j = included.length;
      const shaped = this.shape(children[j]!, [...path, j], level + 1, budget, nested);
      if (shaped === undefined) break;
      included.push(shaped);
    }
    deferred.push(...nested);
    if (included.length < children.length)
      deferred.push({ path, startIndex: included.length, blocks: children.slice(included.length) });
    return withChildren(block, included);
  }

  private ownCost(block: NotionBlock): Budget {
    let bytes = this.sizes.get(block);
    if (bytes === undefined) {
      bytes = ownBlockBytes(block) + FRAMING_BYTES;
      this.sizes.set(block, bytes);
    }
    return { blocks: block.type === 'table' ? 1 + block.table.children.length : 1, bytes };
  }

  /** What the block costs when everything that may travel with it does. */
  private inlineCost(block: NotionBlock, level: number): Budget {
    const cost = this.ownCost(block);
    if (block.type === 'table' || level >= this.limits.nestingLevels) return cost;
    for (const child of getChildren(block).slice(0, this.limits.childrenPerArray)) {
      if (child.type === 'table' && level + 1 >= this.limits.nestingLevels) break;
      const inner = this.inlineCost(child, level + 1);
      cost.blocks += inner.blocks;
      cost.bytes += inner.bytes;
    }
    return cost;
  }
}

function fits(cost: Budget, budget: Budget): boolean {
  return cost.blocks <= budget.blocks && cost.bytes <= budget.bytes;
}

function describe(target: WriteTarget): string {
  return target.kind === 'page' ? 'the page' : `block [${target.path.join(', ')}]`;
}
