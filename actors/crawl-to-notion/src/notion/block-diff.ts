// Which of a page's current top-level blocks can stay when the page is rewritten. Notion has no
// bulk delete: every old block removed costs a request, at ~3 requests per second. A changed
// documentation page usually differs in a few blocks, so the blocks it still starts and ends with
// are kept and only the middle is replaced (new blocks go in with `after`).
//
// Equality is decided conservatively: a block with children (nested lists, tables) is never taken
// as equal, since its children are not in the listing; for the rest every field the Actor writes
// must read back the same. A wrong "different" costs a request, a wrong "equal" would cost content.

import { blockBody, type NotionBlock as ListedBlock } from '@repo/notion-client';
import { canonicalJson, getChildren, type NotionBlock } from '../notion-blocks/index.js';

/** Rich text as listed (Notion's response) or as written (the actor's request): keyed the same way. */
interface ListedText {
  type?: string;
  plain_text?: string;
  href?: string | null;
  text?: { content?: string; link?: { url?: string } | null };
  annotations?: Record<string, unknown>;
}

const ANNOTATIONS = ['bold', 'italic', 'strikethrough', 'underline', 'code', 'color'] as const;

function richTextKey(items: unknown): unknown {
  if (!Array.isArray(items)) return items;
  return (items as ListedText[]).map((item) => {
    if (item.type !== undefined && item.type !== 'text') return { unsupported: item.type };
    const annotations = item.annotations ?? {};
    return {
      content: item.text?.content ?? item.plain_text ?? '',
      link: item.text?.link?.url ?? item.href ?? null,
      ...Object.fromEntries(ANNOTATIONS.map((a) => [a, annotations[a] ?? (a === 'color' ? 'default' : false)])),
    };
  });
}

function fieldKey(name: string, value: unknown): string {
  return canonicalJson(name === 'rich_text' || name === 'caption' ? richTextKey(value) : value);
}

/** True when the listed block reads back exactly as `wanted` would be written. */
export function sameBlock(listed: ListedBlock, wanted: NotionBlock): boolean {
  if (listed.type !== wanted.type || listed.has_children || wanted.type === 'table' || getChildren(wanted).length > 0)
    return false;
  const wantedBody = (wanted as unknown as Record<string, Record<string, unknown>>)[wanted.type] ?? {};
  const listedBody = blockBody(listed);
  return Object.entries(wantedBody).every(
    ([name, value]) => name === 'children' || fieldKey(name, value) === fieldKey(name, listedBody[name]),
  );
}

export interface KeptBlocks {
  /** Old blocks at the start that stay. */
  prefix: number;
  /** Old blocks at the end that stay. */
  suffix: number;
}

/**
 * The longest runs of equal blocks at the start and at the end. The end run is only kept when
 * something stays before it: new blocks are placed with `after`, which needs a block to follow.
 */
export function keptBlocks(old: readonly ListedBlock[], wanted: readonly NotionBlock[]): KeptBlocks {
  let prefix = 0;
  while (prefix < old.length && prefix < wanted.length && sameBlock(old[prefix]!, wanted[prefix]!)) prefix += 1;
  let suffix = 0;
  if (prefix > 0) {
    while (
      suffix < old.length - prefix &&
      suffix < wanted.length - prefix &&
      sameBlock(old[old.length - 1 - suffix]!, wanted[wanted.length - 1 - suffix]!)
    ) {
      suffix += 1;
    }
  }
  return { prefix, suffix };
}
