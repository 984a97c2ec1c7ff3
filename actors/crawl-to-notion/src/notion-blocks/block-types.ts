/**
 * The blocks this actor writes, as a tree: the subset of Notion's block request JSON it produces,
 * built from the parts Notion's SDK types (rich text, colours, code languages, emoji), with nested
 * children inside the type object (`paragraph.children`), as the API expects them. A page's tree
 * may nest deeper than one request can carry; the write plan cuts it into requests, and
 * `toRequestBlocks` (request-blocks.ts) turns each into the SDK's own BlockObjectRequest, so what
 * is sent type-checks against Notion's types. Every block type takes its children's type as `C`.
 */
import type { ApiColor, EmojiRequest, LanguageRequest, RichTextItemRequest } from '@repo/notion-client';

export { NOTION_CODE_LANGUAGES } from '@repo/notion-client';

/** The colours this actor writes: the default and the background colours. */
export type NotionColor = Extract<ApiColor, 'default' | `${string}_background`>;

/** Every annotation stated, so that equal-looking text compares equal. */
export interface Annotations {
  bold: boolean;
  italic: boolean;
  strikethrough: boolean;
  underline: boolean;
  code: boolean;
  color: 'default';
}

/** A text item of Notion's rich text, with its annotations and link always stated. */
export interface RichText extends Extract<RichTextItemRequest, { text: unknown }> {
  type: 'text';
  text: { content: string; link: { url: string } | null };
  annotations: Annotations;
}

export type CodeLanguage = LanguageRequest;
export type NotionEmoji = EmojiRequest;

export interface TextContent<C = NotionBlock> {
  rich_text: RichText[];
  color: NotionColor;
  children?: C[];
}

interface HeadingContent {
  rich_text: RichText[];
  color: NotionColor;
}

export interface ParagraphBlock<C = NotionBlock> {
  type: 'paragraph';
  paragraph: TextContent<C>;
}
export interface Heading1Block {
  type: 'heading_1';
  heading_1: HeadingContent;
}
export interface Heading2Block {
  type: 'heading_2';
  heading_2: HeadingContent;
}
export interface Heading3Block {
  type: 'heading_3';
  heading_3: HeadingContent;
}
export interface BulletedListItemBlock<C = NotionBlock> {
  type: 'bulleted_list_item';
  bulleted_list_item: TextContent<C>;
}
export interface NumberedListItemBlock<C = NotionBlock> {
  type: 'numbered_list_item';
  numbered_list_item: TextContent<C>;
}
export interface ToDoBlock<C = NotionBlock> {
  type: 'to_do';
  to_do: TextContent<C> & { checked: boolean };
}
export interface ToggleBlock<C = NotionBlock> {
  type: 'toggle';
  toggle: TextContent<C>;
}
export interface QuoteBlock<C = NotionBlock> {
  type: 'quote';
  quote: TextContent<C>;
}
export interface CalloutBlock<C = NotionBlock> {
  type: 'callout';
  callout: TextContent<C> & { icon: { type: 'emoji'; emoji: NotionEmoji } };
}
export interface CodeBlock {
  type: 'code';
  code: { rich_text: RichText[]; caption: RichText[]; language: CodeLanguage };
}
export interface ImageBlock {
  type: 'image';
  image: { type: 'external'; external: { url: string }; caption: RichText[] };
}
export interface DividerBlock {
  type: 'divider';
  divider: Record<string, never>;
}
export interface TableRowBlock {
  type: 'table_row';
  table_row: { cells: RichText[][] };
}
export interface TableBlock {
  type: 'table';
  table: { table_width: number; has_column_header: boolean; has_row_header: boolean; children: TableRowBlock[] };
}

export type HeadingBlock = Heading1Block | Heading2Block | Heading3Block;

/** Blocks whose own text is a rich-text array and that may carry nested children (of type `C`). */
export type TextBlock<C = NotionBlock> =
  | ParagraphBlock<C>
  | BulletedListItemBlock<C>
  | NumberedListItemBlock<C>
  | ToDoBlock<C>
  | ToggleBlock<C>
  | QuoteBlock<C>
  | CalloutBlock<C>;

/** A block whose children are of type `C`. */
export type BlockWith<C> =
  TextBlock<C> | HeadingBlock | CodeBlock | ImageBlock | DividerBlock | TableBlock | TableRowBlock;

/** A block of the tree, children nested to any depth: BlockWith<NotionBlock>, spelled out (an alias cannot name itself). */
export type NotionBlock =
  | ParagraphBlock
  | BulletedListItemBlock
  | NumberedListItemBlock
  | ToDoBlock
  | ToggleBlock
  | QuoteBlock
  | CalloutBlock
  | HeadingBlock
  | CodeBlock
  | ImageBlock
  | DividerBlock
  | TableBlock
  | TableRowBlock;

export type NotionBlockType = NotionBlock['type'];
