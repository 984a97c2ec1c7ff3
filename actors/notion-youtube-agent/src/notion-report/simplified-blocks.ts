import {
  blockContent,
  codeBlocks,
  dividerBlock,
  NOTION_LIMITS,
  richText,
  splitText,
  textBlocks,
  type NotionBlock,
} from './notion-blocks.js';

/** The block types the agent (and Scalekit's notion_page_content_append) can write. */
export const SIMPLIFIED_BLOCK_TYPES = [
  'paragraph',
  'heading_1',
  'heading_2',
  'heading_3',
  'bulleted_list_item',
  'numbered_list_item',
  'quote',
  'callout',
  'code',
  'divider',
] as const;

export type SimplifiedBlockType = (typeof SIMPLIFIED_BLOCK_TYPES)[number];

/** `{type, text}` as the model writes blocks; `url` links the whole text. */
export interface SimplifiedBlock {
  type: SimplifiedBlockType;
  text?: string;
  url?: string;
  /** For code blocks. */
  language?: string;
}

/** Raw Notion blocks from simplified ones; long texts are split, a bare URL becomes its own link text. */
export function rawBlocksFromSimplified(blocks: readonly SimplifiedBlock[]): NotionBlock[] {
  return blocks.flatMap((block): NotionBlock[] => {
    if (block.type === 'divider') return [dividerBlock()];
    const text = block.text ?? '';
    if (block.type === 'code') return codeBlocks(text, block.language);
    const content = text === '' && block.url !== undefined ? block.url : text;
    return textBlocks(block.type, richText(content, block.url === undefined ? {} : { url: block.url }));
  });
}

/**
 * Simplified blocks from raw ones, for Scalekit's notion_page_content_append which accepts
 * only `{type, text}`: links are written out as "text (url)", children follow their parent as
 * bulleted items, and texts over 2000 characters become several blocks of the same type.
 */
export function simplifiedFromRawBlocks(blocks: readonly NotionBlock[]): SimplifiedBlock[] {
  const out: SimplifiedBlock[] = [];
  const visit = (list: readonly NotionBlock[], nested: boolean): void => {
    for (const block of list) {
      if (block.type === 'divider') {
        out.push({ type: 'divider' });
        continue;
      }
      const { richText: items, children } = blockContent(block);
      const text = items
        .map((item) =>
          item.text.link === null || item.text.link.url === item.text.content
            ? item.text.content
            : `${item.text.content} (${item.text.link.url})`,
        )
        .join('');
      const type: SimplifiedBlockType =
        nested && block.type !== 'code' ? 'bulleted_list_item' : simplifiedType(block.type);
      for (const piece of splitText(text, NOTION_LIMITS.richTextChars)) {
        out.push(block.type === 'code' ? { type, text: piece, language: block.code.language } : { type, text: piece });
      }
      visit(children, true);
    }
  };
  visit(blocks, false);
  return out;
}

function simplifiedType(type: NotionBlock['type']): SimplifiedBlockType {
  return (SIMPLIFIED_BLOCK_TYPES as readonly string[]).includes(type) ? (type as SimplifiedBlockType) : 'paragraph';
}
