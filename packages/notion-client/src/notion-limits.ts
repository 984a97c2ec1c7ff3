/**
 * Notion's published request limits (developers.notion.com/reference/request-limits and
 * .../patch-block-children), in the one place the repository keeps them: every writer plans its
 * requests with these. (The Scalekit emulator enforces its own copy, as an independent check.)
 */
export const NOTION_LIMITS = {
  /** Characters in one rich-text item's `text.content`. */
  richTextContentLength: 2000,
  /** Items in one rich-text array. */
  richTextArrayLength: 100,
  /** Characters in a link or file URL. */
  urlLength: 2000,
  /** Blocks in one `children` array (a page-create or an append, or a block's children inside one). */
  childrenPerArray: 100,
  /**
   * Levels of children below the blocks of one request ("up to two levels of nesting"): a block,
   * its children and their children. Notion's SDK types the same depth (BlockObjectRequest).
   */
  nestingLevelsPerRequest: 2,
  /** Block elements in one payload, nested ones included. */
  blocksPerRequest: 1000,
  /** Bytes of one request body. */
  requestBytes: 500_000,
} as const;

/** Notion accepts at most 100 blocks in one children array. */
export const MAX_CHILDREN_PER_REQUEST = NOTION_LIMITS.childrenPerArray;
