// Notion's response objects for the tests' stand-ins, complete as the SDK types them, so code
// reading a stand-in's answers type-checks as it does against Notion.

import type { NotionBlock, NotionBlockInput, NotionPage } from '@repo/notion-client';

const AT = '2026-01-01T00:00:00.000Z';
const BOT = { object: 'user', id: 'bot' } as const;

export function pageObject(id: string, title: string, parentId?: string): NotionPage {
  return {
    object: 'page',
    id,
    url: `https://www.notion.so/${id.replace(/-/g, '')}`,
    public_url: null,
    parent: parentId === undefined ? { type: 'workspace', workspace: true } : { type: 'page_id', page_id: parentId },
    properties: { title: { id: 'title', type: 'title', title: [plainText(title)] } },
    icon: null,
    cover: null,
    created_time: AT,
    last_edited_time: AT,
    created_by: BOT,
    last_edited_by: BOT,
    archived: false,
    in_trash: false,
  };
}

/** A text item as Notion answers it. */
function plainText(content: string) {
  return {
    type: 'text' as const,
    text: { content, link: null },
    annotations: { bold: false, italic: false, strikethrough: false, underline: false, code: false, color: 'default' },
    plain_text: content,
    href: null,
  } as const;
}

/** A block as Notion answers it: `text` as its rich text, under the key of its type. */
export function blockObject(id: string, type: string, text = '', hasChildren = false): NotionBlock {
  const block = {
    object: 'block',
    id,
    type,
    [type]: { rich_text: text === '' ? [] : [plainText(text)] },
    parent: { type: 'page_id', page_id: 'page' },
    has_children: hasChildren,
    archived: false,
    in_trash: false,
    created_time: AT,
    last_edited_time: AT,
    created_by: BOT,
    last_edited_by: BOT,
  };
  // The type and its body are chosen at run time; the SDK's union pairs them only statically.
  return block as unknown as NotionBlock;
}

/** A request block's type (optional in the SDK's type; the actor always states it) and body. */
export function requestParts(block: NotionBlockInput): { type: string; body: Record<string, unknown> } {
  const type = block.type ?? Object.keys(block).find((key) => key !== 'object') ?? '';
  const body = (block as unknown as Record<string, Record<string, unknown> | undefined>)[type] ?? {};
  return { type, body };
}
