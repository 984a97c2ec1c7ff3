/**
 * HTML tables to Notion tables: a rectangular grid (colspan and rowspan leave empty cells so
 * columns stay aligned), header row and column from `<th>`/`<thead>`, each cell's content
 * flattened to one rich-text array because Notion cells cannot hold blocks.
 * Tables used for layout (code with line numbers, nested tables, one cell) are not data:
 * the caller converts their cells' content as ordinary blocks instead.
 */
import { attr, childElements, classList, findDescendant, type DomElement, type DomNode } from '../content/dom-types.js';
import type { NotionBlock, RichText, TableBlock } from './block-types.js';
import { getChildren, getRichText } from './block-tree.js';
import { hasVisibleText, joinLines, richText } from './rich-text.js';

const MAX_SPAN = 100;

interface SourceRow {
  cells: DomElement[];
  inHead: boolean;
}

function collectRows(table: DomElement): { rows: SourceRow[]; caption: DomElement | undefined } {
  const head: SourceRow[] = [];
  const body: SourceRow[] = [];
  const foot: SourceRow[] = [];
  let caption: DomElement | undefined;
  const rowOf = (tr: DomElement, inHead: boolean): SourceRow => ({
    cells: childElements(tr).filter((c) => c.name === 'td' || c.name === 'th'),
    inHead,
  });
  for (const child of childElements(table)) {
    if (child.name === 'caption') caption = child;
    else if (child.name === 'tr') body.push(rowOf(child, false));
    else if (child.name === 'thead')
      head.push(
        ...childElements(child)
          .filter((c) => c.name === 'tr')
          .map((tr) => rowOf(tr, true)),
      );
    else if (child.name === 'tbody')
      body.push(
        ...childElements(child)
          .filter((c) => c.name === 'tr')
          .map((tr) => rowOf(tr, false)),
      );
    else if (child.name === 'tfoot')
      foot.push(
        ...childElements(child)
          .filter((c) => c.name === 'tr')
          .map((tr) => rowOf(tr, false)),
      );
  }
  return { rows: [...head, ...body, ...foot].filter((r) => r.cells.length > 0), caption };
}

/** Cells of the table itself (not of nested tables). */
export function tableCells(table: DomElement): DomElement[] {
  return collectRows(table).rows.flatMap((r) => r.cells);
}

export function tableCaption(table: DomElement): DomElement | undefined {
  return collectRows(table).caption;
}

/**
 * Columns of content side by side (Sphinx's general index and start page, link hubs): one row
 * whose cells hold lists or several paragraphs. A Notion cell is one run of text, where lists
 * of hundreds of links would lose their links, so these are read column after column.
 */
function isColumnLayout(rows: readonly SourceRow[]): boolean {
  if (rows.length !== 1 || rows[0]!.cells.length < 2) return false;
  return rows[0]!.cells.some(
    (cell) =>
      findDescendant(cell, (el) => /^(?:ul|ol|dl)$/.test(el.name)) !== undefined ||
      childElements(cell).filter((c) => c.name === 'p').length > 1,
  );
}

/** Tables that lay out content rather than hold data; their cells are converted as blocks. */
export function isLayoutTable(table: DomElement): boolean {
  if (attr(table, 'role') === 'presentation' || attr(table, 'role') === 'none') return true;
  if (classList(table).some((c) => /highlighttable|^lntable$|code-table/i.test(c))) return true;
  const { rows } = collectRows(table);
  if (rows.length === 1 && rows[0]!.cells.length === 1) return true;
  if (isColumnLayout(rows)) return true;
  return rows.some((row) =>
    row.cells.some((cell) => findDescendant(cell, (el) => /^(?:table|pre|h[1-6])$/.test(el.name)) !== undefined),
  );
}

function span(cell: DomElement, name: 'colspan' | 'rowspan'): number {
  const value = Number.parseInt(attr(cell, name) ?? '1', 10);
  // rowspan="0" means "to the end of the section"; one row is the faithful-enough reading.
  return Number.isFinite(value) && value >= 1 ? Math.min(value, MAX_SPAN) : 1;
}

/**
 * Reduces the blocks a cell's content became to one rich-text array: one line per block,
 * list items with a bullet, images as their alt text linked to the image.
 */
export function flattenToRichText(blocks: readonly NotionBlock[]): RichText[] {
  const lines: RichText[][] = [];
  const visit = (list: readonly NotionBlock[], depth: number): void => {
    for (const block of list) {
      const indent = '  '.repeat(depth);
      if (block.type === 'image') {
        const alt = block.image.caption.map((c) => c.text.content).join('') || 'image';
        lines.push([
          richText(alt, {
            bold: false,
            italic: false,
            strikethrough: false,
            underline: false,
            code: false,
            link: block.image.external.url,
          }),
        ]);
      } else if (block.type === 'divider') {
        lines.push([richText('—')]);
      } else if (block.type === 'table') {
        for (const row of block.table.children) lines.push(joinCells(row.table_row.cells));
      } else {
        const text = getRichText(block) ?? [];
        const prefix =
          block.type === 'bulleted_list_item'
            ? `${indent}• `
            : block.type === 'numbered_list_item'
              ? `${indent}- `
              : block.type === 'to_do'
                ? `${indent}${block.to_do.checked ? '☑' : '☐'} `
                : '';
        lines.push(prefix === '' ? [...text] : [richText(prefix), ...text]);
      }
      visit(getChildren(block), depth + 1);
    }
  };
  visit(blocks, 0);
  return joinLines(lines);
}

function joinCells(cells: readonly RichText[][]): RichText[] {
  const out: RichText[] = [];
  cells.forEach((cell, i) => {
    if (i > 0) out.push(richText(' | '));
    out.push(...cell);
  });
  return out;
}

/**
 * Builds the Notion table. `convertCell` turns a cell's child nodes into blocks (the block
 * converter, passed in to keep this module free of a circular import).
 */
export function buildTable(
  table: DomElement,
  convertCell: (nodes: readonly DomNode[]) => NotionBlock[],
): TableBlock | undefined {
  const { rows } = collectRows(table);
  if (rows.length === 0) return undefined;

  const grid: (RichText[] | undefined)[][] = [];
  const isHeaderCell: boolean[][] = [];
  rows.forEach((row, r) => {
    grid[r] ??= [];
    isHeaderCell[r] ??= [];
    let col = 0;
    for (const cell of row.cells) {
      const current = grid[r];
      while (current[col] !== undefined) col++;
      const colspan = span(cell, 'colspan');
      const rowspan = Math.min(span(cell, 'rowspan'), rows.length - r);
      const content = flattenToRichText(convertCell(cell.children));
      for (let dr = 0; dr < rowspan; dr++) {
        grid[r + dr] ??= [];
        isHeaderCell[r + dr] ??= [];
        for (let dc = 0; dc < colspan; dc++) {
          // Spanned positions stay empty: Notion has no merged cells.
          grid[r + dr]![col + dc] = dr === 0 && dc === 0 ? content : [];
          isHeaderCell[r + dr]![col + dc] = cell.name === 'th';
        }
      }
      col += colspan;
    }
  });

  // Rows and columns without any text are spacing (Sphinx's module index has both): Notion draws
  // them as empty cells, so they go.
  const filled = (r: number, c: number): boolean => hasVisibleText(grid[r]?.[c] ?? []);
  const fullWidth = Math.max(...grid.map((row) => row.length));
  const columns = Array.from({ length: fullWidth }, (_, c) => c).filter((c) => grid.some((_, r) => filled(r, c)));
  const kept = grid.map((_, r) => r).filter((r) => columns.some((c) => filled(r, c)));
  const width = columns.length;
  if (width === 0 || kept.length === 0) return undefined;
  const tableRows = kept.map((r) => ({
    type: 'table_row' as const,
    table_row: { cells: columns.map((c) => grid[r]![c] ?? []) },
  }));
  const first = kept[0]!;
  const firstRowHeader = rows[first]!.inHead || columns.every((c) => isHeaderCell[first]?.[c] !== false);
  const bodyStart = firstRowHeader ? 1 : 0;
  const hasRowHeader =
    kept.length > bodyStart && kept.slice(bodyStart).every((r) => isHeaderCell[r]?.[columns[0]!] === true);
  return {
    type: 'table',
    table: { table_width: width, has_column_header: firstRowHeader, has_row_header: hasRowHeader, children: tableRows },
  };
}
