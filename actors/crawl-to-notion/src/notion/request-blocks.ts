// The actor's block tree, cut by the write plan into requests, as Notion's SDK types a request:
// a block (BlockObjectRequest), its children (BlockObjectWithSingleLevelOfChildrenRequest) and
// their children, which carry none (BlockObjectRequestWithoutChildren). The compiler checks each
// level against Notion's own types; at run time a block nested deeper than a request can carry
// fails here, before anything is sent.

import type {
  BlockObjectRequest,
  BlockObjectRequestWithoutChildren,
  BlockObjectWithSingleLevelOfChildrenRequest,
} from '@repo/notion-client';
import { getChildren, isTextBlock } from '../notion-blocks/block-tree.js';
import type { BlockWith, NotionBlock, TextBlock, TextContent } from '../notion-blocks/index.js';

function withConverted<T extends TextContent, C>(content: T, children: C[]): Omit<T, 'children'> & { children?: C[] } {
  const { children: _nested, ...rest } = content;
  return children.length > 0 ? { ...rest, children } : rest;
}

/** The text block with its children converted by `convert` (the only blocks with nested children). */
function textBlockWith<C>(block: TextBlock, convert: (child: NotionBlock) => C): TextBlock<C> {
  const children = getChildren(block).map(convert);
  switch (block.type) {
    case 'paragraph':
      return { type: 'paragraph', paragraph: withConverted(block.paragraph, children) };
    case 'bulleted_list_item':
      return { type: 'bulleted_list_item', bulleted_list_item: withConverted(block.bulleted_list_item, children) };
    case 'numbered_list_item':
      return { type: 'numbered_list_item', numbered_list_item: withConverted(block.numbered_list_item, children) };
    case 'to_do':
      return { type: 'to_do', to_do: withConverted(block.to_do, children) };
    case 'toggle':
      return { type: 'toggle', toggle: withConverted(block.toggle, children) };
    case 'quote':
      return { type: 'quote', quote: withConverted(block.quote, children) };
    case 'callout':
      return { type: 'callout', callout: withConverted(block.callout, children) };
  }
}

function blockWith<C>(block: NotionBlock, convert: (child: NotionBlock) => C): BlockWith<C> {
  return isTextBlock(block) ? textBlockWith(block, convert) : block;
}

function tooDeep(block: NotionBlock): never {
  throw new Error(
    `A ${block.type} block sits deeper than one Notion request can carry (two levels of children); plan the write first.`,
  );
}

function thirdLevel(block: NotionBlock): BlockObjectRequestWithoutChildren {
  // A table's rows are its children, so a table cannot sit at this level either.
  if (block.type === 'table' || getChildren(block).length > 0) return tooDeep(block);
  return isTextBlock(block) ? textBlockWith(block, tooDeep) : block;
}

function secondLevel(block: NotionBlock): BlockObjectWithSingleLevelOfChildrenRequest {
  return blockWith(block, thirdLevel);
}

/** One block of a request, with the (at most two) levels of children the write plan gave it. */
export function toRequestBlock(block: NotionBlock): BlockObjectRequest {
  return blockWith(block, secondLevel);
}

export function toRequestBlocks(blocks: readonly NotionBlock[]): BlockObjectRequest[] {
  return blocks.map(toRequestBlock);
}
