/**
 * The subset of Notion's block JSON (API version 2022-06-28) that this actor writes, typed as
 * request bodies: no ids, timestamps or response-only fields such as `plain_text` and `href`.
 * Nested children live inside the type object (`paragraph.children`), as the API expects them.
 */

export type NotionColor =
  | 'default'
  | 'gray_background'
  | 'brown_background'
  | 'orange_background'
  | 'yellow_background'
  | 'green_background'
  | 'blue_background'
  | 'purple_background'
  | 'pink_background'
  | 'red_background';

export interface Annotations {
  bold: boolean;
  italic: boolean;
  strikethrough: boolean;
  underline: boolean;
  code: boolean;
  color: 'default';
}

export interface RichText {
  type: 'text';
  text: { content: string; link: { url: string } | null };
  annotations: Annotations;
}

/** The values Notion accepts for `code.language`. */
export const NOTION_CODE_LANGUAGES = [
  'abap',
  'abc',
  'agda',
  'arduino',
  'ascii art',
  'assembly',
  'bash',
  'basic',
  'bnf',
  'c',
  'c#',
  'c++',
  'clojure',
  'coffeescript',
  'coq',
  'css',
  'dart',
  'dhall',
  'diff',
  'docker',
  'ebnf',
  'elixir',
  'elm',
  'erlang',
  'f#',
  'flow',
  'fortran',
  'gherkin',
  'glsl',
  'go',
  'graphql',
  'groovy',
  'haskell',
  'hcl',
  'html',
  'idris',
  'java',
  'javascript',
  'json',
  'julia',
  'kotlin',
  'latex',
  'less',
  'lisp',
  'livescript',
  'llvm ir',
  'lua',
  'makefile',
  'markdown',
  'markup',
  'matlab',
  'mathematica',
  'mermaid',
  'nix',
  'notion formula',
  'objective-c',
  'ocaml',
  'pascal',
  'perl',
  'php',
  'plain text',
  'powershell',
  'prolog',
  'protobuf',
  'purescript',
  'python',
  'r',
  'racket',
  'reason',
  'ruby',
  'rust',
  'sass',
  'scala',
  'scheme',
  'scss',
  'shell',
  'smalltalk',
  'solidity',
  'sql',
  'swift',
  'toml',
  'typescript',
  'vb.net',
  'verilog',
  'vhdl',
  'visual basic',
  'webassembly',
  'xml',
  'yaml',
  'java/c/c++/c#',
] as const;

export type CodeLanguage = (typeof NOTION_CODE_LANGUAGES)[number];

export interface TextContent {
  rich_text: RichText[];
  color: NotionColor;
  children?: NotionBlock[];
}

interface HeadingContent {
  rich_text: RichText[];
  color: NotionColor;
}

export interface ParagraphBlock {
  type: 'paragraph';
  paragraph: TextContent;
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
export interface BulletedListItemBlock {
  type: 'bulleted_list_item';
  bulleted_list_item: TextContent;
}
export interface NumberedListItemBlock {
  type: 'numbered_list_item';
  numbered_list_item: TextContent;
}
export interface ToDoBlock {
  type: 'to_do';
  to_do: TextContent & { checked: boolean };
}
export interface ToggleBlock {
  type: 'toggle';
  toggle: TextContent;
}
export interface QuoteBlock {
  type: 'quote';
  quote: TextContent;
}
export interface CalloutBlock {
  type: 'callout';
  callout: TextContent & { icon: { type: 'emoji'; emoji: string } };
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

/** Blocks whose own text is a rich-text array and that may carry nested children. */
export type TextBlock =
  ParagraphBlock | BulletedListItemBlock | NumberedListItemBlock | ToDoBlock | ToggleBlock | QuoteBlock | CalloutBlock;

export type NotionBlock = TextBlock | HeadingBlock | CodeBlock | ImageBlock | DividerBlock | TableBlock | TableRowBlock;

export type NotionBlockType = NotionBlock['type'];
