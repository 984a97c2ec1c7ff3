// Appends a block tree to a page within Notion's per-request limits: at most 100 blocks and
// 1000 elements per request (batchBlocks), and at most two levels of children below the blocks
// of a request. A block whose subtree is deeper, or has an oversized children array, travels
// without its children, which are then appended to the block Notion created, recursively.

import type {
  BlockObjectRequest,
  BlockObjectRequestWithoutChildren,
  BlockObjectWithSingleLevelOfChildrenRequest,
  NotionBlock as CreatedBlock,
  NotionClient,
} from '@repo/notion-client';
import {
  appendLimitViolations,
  batchBlocks,
  blockContent,
  countBlocks,
  type NotionBlock,
  type RichTextItem,
  type TextBlockBody,
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

/** A text block's body with its children converted by `convert` (none: no `children` key). */
function bodyWith<C>(
  body: TextBlockBody,
  convert: (child: NotionBlock) => C,
): { rich_text: RichTextItem[]; children?: C[] } {
  const children = (body.children ?? []).map(convert);
  return children.length > 0 ? { rich_text: body.rich_text, children } : { rich_text: body.rich_text };
}

/** The block as Notion's SDK types a request, its children converted by `convert`. */
function requestWith<C>(block: NotionBlock, convert: (child: NotionBlock) => C) {
  switch (block.type) {
    case 'code':
      return { type: 'code' as const, code: block.code };
    case 'divider':
      return { type: 'divider' as const, divider: {} };
    case 'paragraph':
      return { type: 'paragraph' as const, paragraph: bodyWith(block.paragraph, convert) };
    case 'heading_1':
      return { type: 'heading_1' as const, heading_1: bodyWith(block.heading_1, convert) };
    case 'heading_2':
      return { type: 'heading_2' as const, heading_2: bodyWith(block.heading_2, convert) };
    case 'heading_3':
      return { type: 'heading_3' as const, heading_3: bodyWith(block.heading_3, convert) };
    case 'bulleted_list_item':
      return { type: 'bulleted_list_item' as const, bulleted_list_item: bodyWith(block.bulleted_list_item, convert) };
    case 'numbered_list_item':
      return { type: 'numbered_list_item' as const, numbered_list_item: bodyWith(block.numbered_list_item, convert) };
    case 'quote':
      return { type: 'quote' as const, quote: bodyWith(block.quote, convert) };
    case 'callout':
      return { type: 'callout' as const, callout: bodyWith(block.callout, convert) };
    case 'toggle':
      return { type: 'toggle' as const, toggle: bodyWith(block.toggle, convert) };
  }
}

function tooDeep(block: NotionBlock): never {
  throw new Error(`A ${block.type} block sits deeper than one Notion request can carry (two levels of children).`);
}

function thirdLevel(block: NotionBlock): BlockObjectRequestWithoutChildren {
  return requestWith(block, tooDeep);
}

function secondLevel(block: NotionBlock): BlockObjectWithSingleLevelOfChildrenRequest {
  return requestWith(block, thirdLevel);
}

/** A block of an append, with the children that travel with it: type-checked against Notion's SDK. */
function toRequest(block: NotionBlock): BlockObjectRequest {
  return requestWith(block, secondLevel);
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
