import { blockContent, NOTION_LIMITS, type NotionBlock } from './notion-blocks.js';

/**
 * Blocks split into append requests: at most `maxBlocks` (≤ 100) top-level blocks and at most
 * 1000 block elements (nested ones included) per request, order preserved.
 */
export function batchBlocks(
  blocks: readonly NotionBlock[],
  maxBlocks: number = NOTION_LIMITS.blocksPerAppend,
): NotionBlock[][] {
  if (!Number.isInteger(maxBlocks) || maxBlocks < 1 || maxBlocks > NOTION_LIMITS.blocksPerAppend) {
    throw new RangeError(`maxBlocks must be an integer from 1 to ${NOTION_LIMITS.blocksPerAppend}, got ${maxBlocks}`);
  }
  const batches: NotionBlock[][] = [];
  let current: NotionBlock[] = [];
  let elements = 0;
  for (const block of blocks) {
    const size = countBlocks([block]);
    if (
      current.length > 0 &&
      (current.length >= maxBlocks || elements + size > NOTION_LIMITS.blockElementsPerRequest)
    ) {
      batches.push(current);
      current = [];
      elements = 0;
    }
    current.push(block);
    elements += size;
  }
  if (current.length > 0) batches.push(current);
  return batches;
}

/** All block elements, nested ones included. */
export function countBlocks(blocks: readonly NotionBlock[]): number {
  return blocks.reduce((total, block) => total + 1 + countBlocks(blockContent(block).children), 0);
}

/** Levels of children below the given blocks (0 when none has children). */
export function nestingDepth(blocks: readonly NotionBlock[]): number {
  return blocks.reduce((depth, block) => {
    const children = blockContent(block).children;
    return Math.max(depth, children.length === 0 ? 0 : 1 + nestingDepth(children));
  }, 0);
}

/**
 * What in one append request would break Notion's limits; [] when it is safe to send.
 * Used by tests and as a guard before writing.
 */
export function appendLimitViolations(blocks: readonly NotionBlock[]): string[] {
  const problems: string[] = [];
  if (blocks.length > NOTION_LIMITS.blocksPerAppend)
    problems.push(`${blocks.length} blocks in one request (max ${NOTION_LIMITS.blocksPerAppend})`);
  const elements = countBlocks(blocks);
  if (elements > NOTION_LIMITS.blockElementsPerRequest)
    problems.push(`${elements} block elements (max ${NOTION_LIMITS.blockElementsPerRequest})`);
  const depth = nestingDepth(blocks);
  if (depth > NOTION_LIMITS.nestingLevels)
    problems.push(`${depth} levels of nesting (max ${NOTION_LIMITS.nestingLevels})`);
  const visit = (list: readonly NotionBlock[], path: string): void => {
    list.forEach((block, index) => {
      const where = `${path}[${index}] ${block.type}`;
      const { richText, children } = blockContent(block);
      if (richText.length > NOTION_LIMITS.richTextItems)
        problems.push(`${where}: ${richText.length} rich text items (max ${NOTION_LIMITS.richTextItems})`);
      for (const item of richText) {
        if (item.text.content.length > NOTION_LIMITS.richTextChars)
          problems.push(
            `${where}: rich text of ${item.text.content.length} characters (max ${NOTION_LIMITS.richTextChars})`,
          );
        if (item.text.link !== null && item.text.link.url.length > NOTION_LIMITS.linkUrlChars)
          problems.push(`${where}: link URL over ${NOTION_LIMITS.linkUrlChars} characters`);
      }
      if (children.length > NOTION_LIMITS.blocksPerAppend)
        problems.push(`${where}: ${children.length} children (max ${NOTION_LIMITS.blocksPerAppend})`);
      visit(children, `${where}.children`);
    });
  };
  visit(blocks, 'blocks');
  return problems;
}
