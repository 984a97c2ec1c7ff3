// Appends a block tree to a page within Notion's per-request limits: at most 100 blocks and
// 1000 elements per request (batchBlocks), and at most two levels of children below the blocks
// of a request. A block whose subtree is deeper, or has an oversized children array, travels
// without its children, which are then appended to the block Notion created, recursively.

import type { NotionBlock as CreatedBlock, NotionBlockInput, NotionClient } from '@repo/notion-client';
import {
  appendLimitViolations,
  batchBlocks,
  blockContent,
  countBlocks,
  type NotionBlock,
} from './notion-report/index.js';

export type BlockAppender = Pick<NotionClient, 'appendChildren'>;

export interface AppendProgress {
  /** Append requests made so far. */
  requests: number;
  /** Top-level blocks of the tree written so far. */
  written: number;
  total: number;
}

export interface AppendResult {
  requests: number;
  /** Every block element created, nested ones included. */
  blocks: number;
}

/** The block without children (the body keeps everything else). */
function withoutChildren(block: NotionBlock): NotionBlock {
  if (block.type === 'divider' || block.type === 'code') return block;
  // The body sits under the block's own type; the mapped type cannot follow a computed key.
  const body = (block as unknown as Record<string, { children?: NotionBlock[] }>)[block.type];
  if (body?.children === undefined) return block;
  const { children: _dropped, ...rest } = body;
  return { ...block, [block.type]: rest };
}

/** Whether a block may travel in one request together with all of its descendants. */
function fitsWhole(block: NotionBlock): boolean {
  return appendLimitViolations([block]).length === 0;
}

// Notion's request type is a loose record; the actor's blocks are precise interfaces. They are
// plain JSON, so the conversion is a copy.
function toRequest(block: NotionBlock): NotionBlockInput {
  return JSON.parse(JSON.stringify(block)) as NotionBlockInput;
}

export async function appendBlockTree(
  client: BlockAppender,
  parentId: string,
  blocks: readonly NotionBlock[],
  onProgress?: (progress: AppendProgress) => void,
): Promise<AppendResult> {
  const result: AppendResult = { requests: 0, blocks: 0 };
  await appendLevel(client, parentId, blocks, result, (written) =>
    onProgress?.({ requests: result.requests, written, total: blocks.length }),
  );
  return result;
}

async function appendLevel(
  client: BlockAppender,
  parentId: string,
  blocks: readonly NotionBlock[],
  result: AppendResult,
  onBatch?: (written: number) => void,
): Promise<void> {
  const prepared = blocks.map((block) => {
    const { children } = blockContent(block);
    return fitsWhole(block) ? { block, deferred: [] } : { block: withoutChildren(block), deferred: children };
  });
  let written = 0;
  let offset = 0;
  for (const batch of batchBlocks(prepared.map((entry) => entry.block))) {
    const entries = prepared.slice(offset, offset + batch.length);
    offset += batch.length;
    const created: CreatedBlock[] = await client.appendChildren(parentId, batch.map(toRequest));
    result.requests += 1;
    result.blocks += countBlocks(batch);
    written += batch.length;
    onBatch?.(written);
    for (const [index, entry] of entries.entries()) {
      if (entry.deferred.length === 0) continue;
      const parent = created[index];
      if (parent === undefined)
        throw new Error(`Notion returned ${created.length} blocks for an append of ${batch.length}`);
      await appendLevel(client, parent.id, entry.deferred, result);
    }
  }
}
