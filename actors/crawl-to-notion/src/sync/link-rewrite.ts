// Links between crawled pages, pointed at the Notion pages they became. Done on the blocks just
// before they are written (not when the page is converted), so every page written earlier in the
// run, or in an earlier run, is known; the content hash is taken before, so a re-run does not
// see a page as changed only because more of its links can now be resolved.

import { withRichText } from '../notion-blocks/block-tree.js';
import { getChildren, getRichText, withChildren, type NotionBlock, type RichText } from '../notion-blocks/index.js';

/** Maps a link target (absolute URL, fragment removed) to its replacement, or undefined to keep it. */
export type LinkResolver = (absoluteUrl: string) => string | undefined;

function withoutFragment(url: string): string | undefined {
  try {
    const parsed = new URL(url);
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return undefined;
    parsed.hash = '';
    return parsed.href;
  } catch {
    return undefined;
  }
}

function rewriteItems(items: readonly RichText[], resolve: LinkResolver): { items: RichText[]; changed: number } {
  let changed = 0;
  const out = items.map((item) => {
    const url = item.text.link?.url;
    if (url === undefined) return item;
    const key = withoutFragment(url);
    const target = key === undefined ? undefined : resolve(key);
    if (target === undefined || target === url) return item;
    changed += 1;
    return { ...item, text: { ...item.text, link: { url: target } } };
  });
  return { items: out, changed };
}

/**
 * Every link target in the blocks (absolute http(s) URLs, fragment removed), so that they can be
 * looked up before `rewriteLinks` runs: the pages they became live in storage, not in memory.
 */
export function linkTargets(blocks: readonly NotionBlock[]): Set<string> {
  const targets = new Set<string>();
  const collect = (items: readonly RichText[]): void => {
    for (const item of items) {
      const url = item.text.link?.url;
      const key = url === undefined ? undefined : withoutFragment(url);
      if (key !== undefined) targets.add(key);
    }
  };
  const visit = (block: NotionBlock): void => {
    if (block.type === 'table') {
      for (const row of block.table.children) for (const cell of row.table_row.cells) collect(cell);
      return;
    }
    const own = getRichText(block);
    if (own !== undefined) collect(own);
    for (const child of getChildren(block)) visit(child);
  };
  for (const block of blocks) visit(block);
  return targets;
}

/** The blocks with every resolvable link replaced, and how many were. Input blocks are not changed. */
export function rewriteLinks(
  blocks: readonly NotionBlock[],
  resolve: LinkResolver,
): { blocks: NotionBlock[]; rewritten: number } {
  let rewritten = 0;
  const visit = (block: NotionBlock): NotionBlock => {
    let next = block;
    if (next.type === 'table') {
      const rows = next.table.children.map((row) => {
        const cells = row.table_row.cells.map((cell) => {
          const result = rewriteItems(cell, resolve);
          rewritten += result.changed;
          return result.items;
        });
        return { ...row, table_row: { cells } };
      });
      return { ...next, table: { ...next.table, children: rows } };
    }
    const own = getRichText(next);
    if (own !== undefined) {
      const result = rewriteItems(own, resolve);
      if (result.changed > 0) {
        rewritten += result.changed;
        next = withRichText(next, result.items);
      }
    }
    const children = getChildren(next);
    return children.length > 0 ? withChildren(next, children.map(visit)) : next;
  };
  const out = blocks.map(visit);
  return { blocks: out, rewritten };
}
