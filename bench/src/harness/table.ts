/** A column of a text table. */
export interface Column {
  readonly header: string;
  /** Numbers read best right-aligned. @default 'left' */
  readonly align?: 'left' | 'right';
}

/**
 * Lays rows out as an aligned plain-text table with a rule under the header. A row of one cell
 * is a section heading and spans the table.
 *
 * @param columns headers and alignment
 * @param rows cells, already formatted as text
 * @returns the table, one line per row, without a trailing newline
 * @example
 * formatTable([{ header: 'name' }, { header: 'ns', align: 'right' }], [['raw', '52']]);
 */
export function formatTable(columns: readonly Column[], rows: ReadonlyArray<readonly string[]>): string {
  const widths = columns.map((column, c) =>
    Math.max(column.header.length, ...rows.filter((row) => row.length > 1).map((row) => (row[c] ?? '').length)),
  );
  const line = (cells: readonly string[]): string =>
    cells
      .map((cell, c) => (columns[c].align === 'right' ? cell.padStart(widths[c]) : cell.padEnd(widths[c])))
      .join('  ')
      .trimEnd();
  const rule = widths.map((width) => '-'.repeat(width)).join('  ');
  const body = rows.map((row) => (row.length === 1 ? row[0] : line(row)));
  return [line(columns.map((column) => column.header)), rule, ...body].join('\n');
}

/**
 * Formats nanoseconds for a table: whole numbers with thousands separators.
 *
 * @param ns nanoseconds
 * @returns e.g. `'1,234'`
 * @example
 * formatNs(1234.4); // '1,234'
 */
export function formatNs(ns: number): string {
  return Math.round(ns).toLocaleString('en-US');
}
