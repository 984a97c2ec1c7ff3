// The first block of every page written under a parent page: where the content came from. It is
// also how a page is recognised after a crash (a page titled like a pending write is only taken
// as ours when its first block names the same URL), since pages under a parent have no URL
// property to query.

import { NOTION_LIMITS, type NotionBlock as NotionResponseBlock } from '@repo/notion-client';
import type { CalloutBlock, RichText } from '../notion-blocks/index.js';
import { richText } from '../notion-blocks/index.js';
import { PLAIN_STYLE } from '../notion-blocks/rich-text.js';

/** Notion's limit for a link URL, and for one rich-text item's content (the same). */
const MAX_URL = NOTION_LIMITS.urlLength;

export function sourceBlock(url: string): CalloutBlock {
  const shown = url.length > MAX_URL ? `${url.slice(0, MAX_URL - 1)}…` : url;
  const link = url.length > MAX_URL ? undefined : url;
  const items: RichText[] = [
    richText('Source: '),
    richText(shown, link === undefined ? PLAIN_STYLE : { ...PLAIN_STYLE, link }),
  ];
  return {
    type: 'callout',
    callout: { rich_text: items, color: 'gray_background', icon: { type: 'emoji', emoji: '🔗' } },
  };
}

/** The URL a page's first block names as its source, if it is a source block. */
export function sourceUrlOf(block: NotionResponseBlock | undefined): string | undefined {
  if (block?.type !== 'callout') return undefined;
  const [label, target] = block.callout.rich_text;
  if (label?.plain_text !== 'Source: ') return undefined;
  return target?.href ?? undefined;
}
