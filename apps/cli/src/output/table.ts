import { type Color, paint } from './format';

/** One column of a table. */
export interface Column<T> {
  header: string;
  /** The cell text (plain; colour is added after layout). */
  value(row: T): string;
  /** @default 'left' */
  align?: 'left' | 'right';
  /** Whether the column may be truncated to fit the terminal. @default false */
  flex?: boolean;
  /** A colour for the cell (applied only when colour is enabled). */
  color?(row: T): Color | undefined;
  /** Whether the column may be left out when the table cannot fit otherwise (rightmost first). @default false */
  optional?: boolean;
}

/** Options for {@link renderTable}. */
export interface TableOptions {
  /** The width to fit, usually the terminal's. @default unlimited */
  width?: number;
  /** Colour headers and cells. @default false */
  color?: boolean;
}

const GAP = '  ';
const MIN_FLEX = 8;

/** Shorten text to `width` characters, marking the cut with `…`. */
export function truncate(text: string, width: number): string {
  const chars = [...text];
  if (chars.length <= width) return text;
  if (width <= 1) return chars.slice(0, width).join('');
  return `${chars
    .slice(0, width - 1)
    .join('')
    .trimEnd()}…`;
}

const visibleLength = (text: string) => [...text].length;

/** Shrink flex columns, widest first, until the row fits `width` or nothing can shrink. */
function fitWidths(widths: number[], minimums: number[], width: number | undefined): number[] {
  if (width === undefined) return widths;
  const fitted = [...widths];
  const total = () => fitted.reduce((sum, w) => sum + w, 0) + GAP.length * (fitted.length - 1);
  while (total() > width) {
    let widest = -1;
    fitted.forEach((w, i) => {
      if (w > (minimums[i] ?? w) && (widest < 0 || w > (fitted[widest] ?? 0))) widest = i;
    });
    if (widest < 0) break;
    fitted[widest] = (fitted[widest] ?? 0) - 1;
  }
  return fitted;
}

/**
 * Render rows as an aligned table: a header line, then one line per row, columns separated by two
 * spaces, flex columns truncated with `…` so the table fits `width`. Text cells are single-line.
 * @example renderTable(runs, [{ header: 'NAME', value: (r) => r.name, flex: true }], { width: 80 })
 */
export function renderTable<T>(
  rows: readonly T[],
  allColumns: readonly Column<T>[],
  options: TableOptions = {},
) {
  const { columns, natural, minimums } = chooseColumns(rows, allColumns, options.width);
  const cells = rows.map((row) => columns.map((column) => cellText(column, row)));
  const widths = fitWidths(natural, minimums, options.width);
  const color = options.color ?? false;
  const layout = (texts: string[], colors: (Color | undefined)[]) =>
    texts
      .map((text, i) => {
        const width = widths[i] ?? 0;
        const cut = truncate(text, width);
        const padding = ' '.repeat(Math.max(0, width - visibleLength(cut)));
        const last = i === texts.length - 1;
        const aligned = columns[i]?.align === 'right' ? padding + cut : cut + (last ? '' : padding);
        return paint(aligned, colors[i], color);
      })
      .join(GAP)
      // An empty last cell would leave the gap and padding before it dangling.
      .trimEnd();
  const header = layout(
    columns.map((column) => column.header),
    columns.map(() => 'bold' as const),
  );
  const body = rows.map((row, r) =>
    layout(
      cells[r] ?? [],
      columns.map((column) => column.color?.(row)),
    ),
  );
  return `${[header, ...body].join('\n')}\n`;
}

const cellText = <T>(column: Column<T>, row: T) => column.value(row).replace(/\s*\n\s*/g, ' ');

/**
 * The columns to show with their natural and minimum widths: optional columns are dropped,
 * rightmost first, while even the minimum widths overflow `width`.
 */
function chooseColumns<T>(rows: readonly T[], all: readonly Column<T>[], width: number | undefined) {
  const measured = all.map((column) => {
    const natural = Math.max(
      visibleLength(column.header),
      ...rows.map((row) => visibleLength(cellText(column, row))),
    );
    const minimum = column.flex
      ? Math.min(natural, Math.max(MIN_FLEX, visibleLength(column.header)))
      : natural;
    return { column, natural, minimum };
  });
  const minTotal = () => measured.reduce((sum, m) => sum + m.minimum, 0) + GAP.length * (measured.length - 1);
  while (width !== undefined && minTotal() > width) {
    const drop = measured.findLastIndex((m) => m.column.optional);
    if (drop < 0) break;
    measured.splice(drop, 1);
  }
  return {
    columns: measured.map((m) => m.column),
    natural: measured.map((m) => m.natural),
    minimums: measured.map((m) => m.minimum),
  };
}
