// Executes a write plan (see `planPageWrite`) against Notion: a page created with the plan's first
// children, then the appends in order. Notion returns ids only for the first-level blocks of an
// append (and none for the blocks of a page-create request), so the id of a deeper target is found
// by listing its parent's children, and only when a step actually needs it.

import {
  NOTION_LIMITS,
  type NotionClient,
  type NotionPage,
  type NotionPageProperties,
  type NotionParent,
} from '@repo/notion-client';
import { keptBlocks } from './block-diff.js';
import { toRequestBlocks } from './request-blocks.js';
import {
  createdBlocks,
  planPageWrite,
  type NotionBlock,
  type PageWritePlan,
  type WritePlanLimits,
  type WriteStep,
} from '../notion-blocks/index.js';

export type BlockNotion = Pick<NotionClient, 'createPage' | 'appendChildren' | 'listChildren' | 'deleteBlock'>;

/**
 * Notion allows "up to two levels of nesting in a single request" (patch-block-children): a block,
 * its children and their children, three levels as the planner counts them (its default reads the
 * limit more cautiously, as two). Three halves the requests of pages with nested lists, which most
 * documentation pages have; request-blocks.ts checks every request against that depth.
 */
export const NOTION_WRITE_LIMITS: Partial<WritePlanLimits> = {
  nestingLevels: NOTION_LIMITS.nestingLevelsPerRequest + 1,
};

/** Block types that are not page content but pages and databases someone put inside the page. */
const NESTED_CONTAINERS = new Set(['child_page', 'child_database']);

/** A page that exists but whose content could not be written completely. */
export class PartialWriteError extends Error {
  constructor(
    readonly pageId: string,
    readonly page: NotionPage | undefined,
    cause: unknown,
  ) {
    super(cause instanceof Error ? cause.message : String(cause), { cause });
    this.name = 'PartialWriteError';
  }
}

/**
 * Ids of the blocks of one page by their path in the final tree. Paths at the top start after
 * `topOffset` children that are not ours (sub-pages the user added, kept on a rewrite).
 */
class BlockIds {
  readonly #ids = new Map<string, string>();

  constructor(
    private readonly notion: BlockNotion,
    private readonly pageId: string,
    private readonly topOffset: number,
  ) {}

  record(step: WriteStep, firstLevelIds: readonly string[]): void {
    for (const { path, level } of createdBlocks(step)) {
      if (level !== 1) continue;
      const id = firstLevelIds[path[path.length - 1]! - step.startIndex];
      if (id !== undefined) this.#ids.set(path.join('.'), id);
    }
  }

  async idOf(path: readonly number[]): Promise<string> {
    if (path.length === 0) return this.pageId;
    const known = this.#ids.get(path.join('.'));
    if (known !== undefined) return known;
    const parentPath = path.slice(0, -1);
    const parentId = await this.idOf(parentPath);
    const skip = parentPath.length === 0 ? this.topOffset : 0;
    const children = (await this.notion.listChildren(parentId)).slice(skip);
    children.forEach((child, index) => this.#ids.set([...parentPath, index].join('.'), child.id));
    const found = this.#ids.get(path.join('.'));
    if (found === undefined) throw new Error(`block [${path.join(', ')}] was not found after it was written`);
    return found;
  }
}

/**
 * Sends the steps in order. Steps for the page's own children go at the end of the page, or, when
 * `anchor` is set (kept blocks follow the new ones), right after the anchor and the blocks
 * written before them.
 */
async function runSteps(
  notion: BlockNotion,
  ids: BlockIds,
  steps: readonly WriteStep[],
  anchor?: string,
): Promise<void> {
  for (const step of steps) {
    const onPage = step.target.kind === 'page';
    const targetId = await ids.idOf(onPage ? [] : (step.target as { path: readonly number[] }).path);
    let after: string | undefined;
    if (onPage && anchor !== undefined) after = step.startIndex === 0 ? anchor : await ids.idOf([step.startIndex - 1]);
    const created = await notion.appendChildren(
      targetId,
      toRequestBlocks(step.children),
      after === undefined ? {} : { after },
    );
    ids.record(
      step,
      created.map((block) => block.id),
    );
  }
}

export function planFor(blocks: readonly NotionBlock[]): PageWritePlan {
  return planPageWrite(blocks, NOTION_WRITE_LIMITS);
}

/**
 * Creates a page with `blocks` as its content: one create request carrying the first blocks, then
 * the appends. Throws PartialWriteError when the page exists but a later append failed.
 */
export async function createPageWithContent(
  notion: BlockNotion,
  input: { parent: NotionParent; properties: NotionPageProperties; blocks: readonly NotionBlock[] },
): Promise<NotionPage> {
  const plan = planFor(input.blocks);
  const page = await notion.createPage({
    parent: input.parent,
    properties: input.properties,
    children: toRequestBlocks(plan.initialChildren),
  });
  try {
    await runSteps(notion, new BlockIds(notion, page.id, 0), plan.appends);
  } catch (error) {
    throw new PartialWriteError(page.id, page, error);
  }
  return page;
}

/**
 * Replaces a page's content in place (same page id) with `blocks`. The blocks it already starts
 * and ends with stay (see block-diff.ts); the old ones between are deleted (with their children)
 * and the new ones written in their place. Sub-pages and databases inside the page are kept; a
 * page holding some is rewritten whole after them, which keeps positions simple.
 */
export async function replacePageContent(
  notion: BlockNotion,
  pageId: string,
  blocks: readonly NotionBlock[],
): Promise<void> {
  const existing = await notion.listChildren(pageId);
  const containers = existing.filter((block) => NESTED_CONTAINERS.has(block.type)).length;
  const { prefix, suffix } = containers > 0 ? { prefix: 0, suffix: 0 } : keptBlocks(existing, blocks);
  const stale = existing.slice(prefix, existing.length - suffix).filter((block) => !NESTED_CONTAINERS.has(block.type));
  for (const block of stale) await notion.deleteBlock(block.id);

  const middle = blocks.slice(prefix, blocks.length - suffix);
  const plan = planFor(middle);
  const first: WriteStep[] =
    plan.initialChildren.length > 0
      ? [{ target: { kind: 'page' }, startIndex: 0, children: plan.initialChildren }]
      : [];
  // New blocks land after the kept start when kept blocks follow them; otherwise at the end.
  const anchor = suffix > 0 ? existing[prefix - 1]!.id : undefined;
  await runSteps(notion, new BlockIds(notion, pageId, containers + prefix), [...first, ...plan.appends], anchor);
}
