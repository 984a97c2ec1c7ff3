import { describe, expect, it } from 'vitest';
import {
  enforceNotionLimits,
  findLimitViolations,
  getChildren,
  plainText,
  richText,
  splitText,
  type CodeBlock,
  type NotionBlock,
  type RichText,
} from '../src/notion-blocks/index.js';
import { bullet, para, table, text } from './support/blocks.js';
import { allRichText, outline } from './support/outline.js';

const words = (n: number): string => Array.from({ length: n }, (_, i) => `word${i}`).join(' ');
const bold = { bold: true, italic: false, strikethrough: false, underline: false, code: false };
const contentOf = (blocks: readonly NotionBlock[]): string =>
  allRichText(blocks)
    .map((i) => i.text.content)
    .join('');

describe('splitText', () => {
  it('returns pieces within the limit that join back to the original, preferring whitespace', () => {
    const source = words(1000);
    const pieces = splitText(source, 2000);
    expect(pieces.join('')).toBe(source);
    expect(pieces.every((p) => p.length <= 2000)).toBe(true);
    // Every cut falls right after a space, never inside a word.
    expect(pieces.slice(0, -1).every((p) => p.endsWith(' '))).toBe(true);
  });

  it('cuts hard when there is no whitespace, without splitting a surrogate pair', () => {
    const source = `${'a'.repeat(1999)}😀${'b'.repeat(10)}`;
    const pieces = splitText(source, 2000);
    expect(pieces.join('')).toBe(source);
    expect(pieces[0]).toBe('a'.repeat(1999));
    expect(pieces[1]!.startsWith('😀')).toBe(true);
  });

  it('prefers line breaks for code', () => {
    const line = `${'x'.repeat(70)} y\n`;
    const pieces = splitText(line.repeat(60), 2000, true);
    expect(pieces.slice(0, -1).every((p) => p.endsWith('\n'))).toBe(true);
  });

  it('keeps short and empty text whole', () => {
    expect(splitText('short')).toEqual(['short']);
    expect(splitText('')).toEqual(['']);
  });
});

describe('enforceNotionLimits', () => {
  it('splits a 5000-character bold link into items of at most 2000 characters, each keeping bold and the link', () => {
    const long = words(700); // ~5,000 characters
    const item = richText(long, { ...bold, link: 'https://example.com/x' });
    const { blocks, warnings } = enforceNotionLimits([
      { type: 'paragraph', paragraph: { rich_text: [item], color: 'default' } },
    ]);
    expect(warnings).toEqual([]);
    const items = allRichText(blocks);
    expect(items.length).toBe(3);
    expect(items.map((i) => i.text.content).join('')).toBe(long);
    for (const piece of items) {
      expect(piece.text.content.length).toBeLessThanOrEqual(2000);
      expect(piece.annotations.bold).toBe(true);
      expect(piece.text.link).toEqual({ url: 'https://example.com/x' });
    }
  });

  it('continues a paragraph with more than 100 items in following paragraphs, nested children last', () => {
    const items: RichText[] = Array.from({ length: 250 }, (_, i) => richText(`w${i} `, { ...bold, bold: i % 2 === 0 }));
    const source = {
      type: 'paragraph' as const,
      paragraph: { rich_text: items, color: 'default' as const, children: [para('child')] },
    };
    const { blocks } = enforceNotionLimits([source]);
    expect(blocks.map((b) => b.type)).toEqual(['paragraph', 'paragraph', 'paragraph']);
    expect(blocks.map((b) => (b.type === 'paragraph' ? b.paragraph.rich_text.length : 0))).toEqual([100, 100, 50]);
    expect(getChildren(blocks[0]!)).toEqual([]);
    expect(getChildren(blocks[2]!)).toEqual([para('child')]);
    expect(contentOf(blocks)).toBe(plainText(items) + 'child');
    expect(findLimitViolations(blocks)).toEqual([]);
  });

  it('keeps the overflow of a list item inside the item, before its own children', () => {
    const items = Array.from({ length: 150 }, (_, i) =>
      richText(`i${i} `, { ...bold, italic: i % 2 === 0, bold: false }),
    );
    const item = {
      type: 'bulleted_list_item' as const,
      bulleted_list_item: { rich_text: items, color: 'default' as const, children: [bullet('sub')] },
    };
    const { blocks } = enforceNotionLimits([item]);
    expect(blocks).toHaveLength(1);
    expect(outline(blocks).map((l) => l.split(':')[0])).toEqual([
      'bulleted_list_item',
      '  paragraph',
      '  bulleted_list_item',
    ]);
    expect(contentOf(blocks)).toBe(plainText(items) + 'sub');
  });

  it('continues a heading with too much text in a paragraph', () => {
    const items = Array.from({ length: 120 }, (_, i) => richText(`h${i}`, { ...bold, bold: i % 2 === 0 }));
    const { blocks } = enforceNotionLimits([{ type: 'heading_2', heading_2: { rich_text: items, color: 'default' } }]);
    expect(blocks.map((b) => b.type)).toEqual(['heading_2', 'paragraph']);
  });

  it('drops a link URL over 2000 characters but keeps its text, with a warning', () => {
    const url = `https://example.com/?q=${'a'.repeat(2100)}`;
    const { blocks, warnings } = enforceNotionLimits(
      [para('x')].map(() => ({
        type: 'paragraph' as const,
        paragraph: { rich_text: [richText('see this', { ...bold, link: url })], color: 'default' as const },
      })),
    );
    const [item] = allRichText(blocks);
    expect(item?.text).toEqual({ content: 'see this', link: null });
    expect(item?.annotations.bold).toBe(true);
    expect(warnings).toHaveLength(1);
  });

  it('splits a long code block into items and, beyond 100 items, into several code blocks of the same language', () => {
    const lines = Array.from({ length: 12_000 }, (_, i) => `print("line ${i}")  # comment`).join('\n');
    const code: CodeBlock = {
      type: 'code',
      code: { rich_text: text(lines), caption: text('main.py'), language: 'python' },
    };
    const { blocks } = enforceNotionLimits([code]);
    expect(blocks.length).toBeGreaterThan(1);
    expect(blocks.every((b) => b.type === 'code' && b.code.language === 'python')).toBe(true);
    expect(blocks.map((b) => (b.type === 'code' ? b.code.caption.length : -1))).toEqual([
      1,
      ...Array<number>(blocks.length - 1).fill(0),
    ]);
    const joined = blocks.map((b) => (b.type === 'code' ? plainText(b.code.rich_text) : '')).join('');
    expect(joined).toBe(lines);
    expect(findLimitViolations(blocks)).toEqual([]);
  });

  it('splits a table of 250 rows into tables of at most 100 rows that each repeat the header', () => {
    const rows = [['Name', 'Value'], ...Array.from({ length: 250 }, (_, i) => [`row ${i}`, `${i}`])];
    const { blocks } = enforceNotionLimits([table(rows)]);
    expect(blocks).toHaveLength(3);
    const parts = blocks.map((b) => (b.type === 'table' ? b.table.children : []));
    // 99 body rows per part plus the repeated header: 99 + 99 + 52.
    expect(parts.map((p) => p.length)).toEqual([100, 100, 53]);
    for (const part of parts) expect(plainText(part[0]!.table_row.cells[0]!)).toBe('Name');
    const bodyNames = parts.flatMap((p) => p.slice(1).map((r) => plainText(r.table_row.cells[0]!)));
    expect(bodyNames).toEqual(rows.slice(1).map((r) => r[0]));
  });

  it('splits a table without header into plain 100-row parts', () => {
    const rows = Array.from({ length: 150 }, (_, i) => [`${i}`]);
    const { blocks } = enforceNotionLimits([table(rows, false)]);
    expect(blocks.map((b) => (b.type === 'table' ? b.table.children.length : 0))).toEqual([100, 50]);
  });

  it('fits an oversized table cell by dropping formatting, and reports it', () => {
    const cell = Array.from({ length: 150 }, (_, i) => richText(`c${i} `, { ...bold, bold: i % 2 === 0 }));
    const source: NotionBlock = {
      type: 'table',
      table: {
        table_width: 1,
        has_column_header: false,
        has_row_header: false,
        children: [{ type: 'table_row', table_row: { cells: [cell] } }],
      },
    };
    const { blocks, warnings } = enforceNotionLimits([source]);
    expect(findLimitViolations(blocks)).toEqual([]);
    expect(contentOf(blocks)).toBe(plainText(cell));
    expect(warnings.some((w) => w.includes('formatting removed'))).toBe(true);
  });

  it('writes an image whose URL is over 2000 characters as text instead of dropping it', () => {
    const url = `https://img.example.com/${'p'.repeat(2100)}.png`;
    const { blocks, warnings } = enforceNotionLimits([
      { type: 'image', image: { type: 'external', external: { url }, caption: text('Chart') } },
    ]);
    expect(blocks.map((b) => b.type)).toEqual(['paragraph']);
    expect(allRichText(blocks)).toHaveLength(2);
    expect(contentOf(blocks)).toBe(`Chart: ${url}`);
    expect(warnings).toHaveLength(1);
  });

  it('caps a paragraph by bytes as well, so multi-byte text cannot outgrow a request', () => {
    const cjk = '漢字かな交じり文'.repeat(25_000); // 200,000 characters, ~600 KB of UTF-8
    const { blocks } = enforceNotionLimits([para(cjk)]);
    expect(findLimitViolations(blocks)).toEqual([]);
    expect(blocks.length).toBeGreaterThan(3);
    expect(contentOf(blocks)).toBe(cjk);
  });

  it('leaves blocks within the limits unchanged and reports violations of unchecked input', () => {
    const fine = [para('ok', [bullet('nested')]), table([['a'], ['b']])];
    expect(enforceNotionLimits(fine)).toEqual({ blocks: fine, warnings: [] });
    const bad = [para('z'.repeat(2001))];
    expect(findLimitViolations(bad)).toEqual(['block[0].rich_text[0]: text.content has 2001 characters']);
  });
});
