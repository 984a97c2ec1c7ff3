// Notion's response objects for the tests' stand-ins, complete as the SDK types them: what a
// stand-in answers has the fields real answers have, so code reading them type-checks as it does
// against Notion.

import type { NotionBlock, NotionPage, NotionParent } from '@repo/notion-client';

const AT = '2024-01-01T00:00:00.000Z';
const BOT = { object: 'user', id: 'bot' } as const;

/** The parent as Notion answers it (`type` always stated) for the parent a request named. */
export function parentOf(parent: NotionParent): NotionPage['parent'] {
  if ('page_id' in parent) return { type: 'page_id', page_id: parent.page_id };
  if ('database_id' in parent) return { type: 'database_id', database_id: parent.database_id };
  return { type: 'workspace', workspace: true };
}

export function pageObject(
  id: string,
  parent: NotionParent = { type: 'page_id', page_id: 'parent' },
  properties: NotionPage['properties'] = {},
): NotionPage {
  return {
    object: 'page',
    id,
    url: `https://www.notion.so/${id}`,
    public_url: null,
    parent: parentOf(parent),
    properties,
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

/** A block as Notion lists it: `body` under the key of its type, plus the common fields. */
export function blockObject(
  id: string,
  type: string,
  body: Record<string, unknown>,
  options: { hasChildren?: boolean; archived?: boolean; parentId?: string } = {},
): NotionBlock {
  const block = {
    object: 'block',
    id,
    type,
    [type]: body,
    parent: { type: 'page_id', page_id: options.parentId ?? 'parent' },
    has_children: options.hasChildren ?? false,
    archived: options.archived ?? false,
    in_trash: options.archived ?? false,
    created_time: AT,
    last_edited_time: AT,
    created_by: BOT,
    last_edited_by: BOT,
  };
  // The type and its body are chosen at run time; the SDK's union pairs them only statically.
  return block as unknown as NotionBlock;
}
