/** The parts of Notion's objects (API version 2022-06-28) this client reads. */
export type NotionParent =
  | { type: 'page_id'; page_id: string }
  | { type: 'database_id'; database_id: string }
  | { type: 'workspace'; workspace: true };

export interface NotionRichText {
  type?: string;
  plain_text?: string;
  href?: string | null;
  text?: { content: string; link?: { url: string } | null };
}

export interface NotionPage {
  object: 'page';
  id: string;
  url: string;
  archived?: boolean;
  in_trash?: boolean;
  parent: NotionParent;
  properties: Record<string, { id?: string; type: string; [key: string]: unknown }>;
  created_time?: string;
  last_edited_time?: string;
}

export interface NotionDatabase {
  object: 'database';
  id: string;
  url: string;
  title: NotionRichText[];
  properties: Record<string, { id?: string; type: string; [key: string]: unknown }>;
  archived?: boolean;
}

/** A block to write: Notion's block JSON (`{ object?, type, [type]: {...}, children? }`). */
export type NotionBlockInput = { type: string } & Record<string, unknown>;

export interface NotionBlock {
  object: 'block';
  id: string;
  type: string;
  has_children: boolean;
  archived?: boolean;
  [key: string]: unknown;
}

export interface NotionList<T> {
  object: 'list';
  results: T[];
  next_cursor: string | null;
  has_more: boolean;
}

/** A page's title, whatever its title property is called (`title`, `Name`, ...). */
export function pageTitle(page: Pick<NotionPage, 'properties'>): string {
  for (const property of Object.values(page.properties)) {
    if (property.type === 'title' && Array.isArray(property['title'])) {
      return (property['title'] as NotionRichText[]).map((t) => t.plain_text ?? t.text?.content ?? '').join('');
    }
  }
  return '';
}

/** Accepts a Notion URL, a 32-hex id or a hyphenated UUID; returns the hyphenated UUID. */
export function notionId(input: string): string | undefined {
  const trimmed = input.trim();
  const isUrl = /^https?:\/\//i.test(trimmed);
  let tail = trimmed;
  if (isUrl) {
    try {
      const url = new URL(trimmed);
      // Notion page URLs end in "<Title>-<32 hex>"; `?p=<id>` marks a page opened in a peek view.
      tail = url.searchParams.get('p') ?? url.pathname;
    } catch {
      return undefined;
    }
  }
  const compact = tail.replace(/-/g, '');
  const match = /([0-9a-f]{32})$/i.exec(compact);
  // A bare id must be nothing but the id; only URLs may carry a title before it.
  if (!match?.[1] || (!isUrl && compact.length !== 32)) return undefined;
  const h = match[1].toLowerCase();
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}
