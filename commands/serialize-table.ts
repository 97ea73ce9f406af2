/**
 * Export tables as file contents. CSV follows RFC 4180 (CRLF records, fields with `"`, `,`, CR or LF
 * quoted, quotes doubled) and guards against formula injection (OWASP "CSV Injection"): a text cell
 * starting with `=`, `+`, `-`, `@`, tab or CR is prefixed with `'`, so a spreadsheet shows it as text
 * instead of running it. Numbers are written as numbers — a negative number is data, not a formula.
 */
import type { ExportTable } from '../src/analytics/workspace-analytics.js';
import type { ExportFormat } from './args/parsed-command.js';

type Cell = ExportTable['rows'][number][number];

const formulaStart = /^[=+\-@\t\r]/;
const needsQuotes = /[",\r\n]/;

/** One CSV field: empty for null (unknown), guarded and quoted text otherwise. */
export function csvField(cell: Cell | undefined): string {
  if (cell === null || cell === undefined) return '';
  if (typeof cell === 'number') return Number.isFinite(cell) ? String(cell) : '';
  const guarded = formulaStart.test(cell) ? `'${cell}` : cell;
  return needsQuotes.test(guarded) ? `"${guarded.replaceAll('"', '""')}"` : guarded;
}

/** The table as CSV: a header row of column names, then one record per row, each ended by CRLF. */
export function tableToCsv(table: ExportTable): string {
  const record = (cells: ReadonlyArray<Cell | undefined>) => `${cells.map(csvField).join(',')}\r\n`;
  const rows = table.rows.map((row) => record(table.columns.map((_, i) => row[i])));
  return record(table.columns) + rows.join('');
}

/**
 * The table as a JSON array of objects keyed by column name, one object per line so large exports
 * stay diff- and grep-friendly. Missing cells are null, like unknown values.
 */
export function tableToJson(table: ExportTable): string {
  if (table.rows.length === 0) return '[]\n';
  const objects = table.rows.map((row) =>
    JSON.stringify(Object.fromEntries(table.columns.map((column, i) => [column, row[i] ?? null]))),
  );
  return `[\n${objects.join(',\n')}\n]\n`;
}

/** The file contents of `table` in `format`. */
export function serializeTable(table: ExportTable, format: ExportFormat): string {
  return format === 'csv' ? tableToCsv(table) : tableToJson(table);
}
