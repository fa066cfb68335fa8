/**
 * CSV files that open cleanly in Excel set to French, with a double click:
 * - UTF-8 with a byte-order mark (without it Excel reads the file as Windows-1252: « Ã© » for « é »);
 * - `;` between cells (Excel FR uses `,` as the decimal separator, so it expects `;`) and CRLF line ends;
 * - cells quoted when they hold `;`, `"`, CR or LF (RFC 4180: quotes doubled);
 * - numbers written with a decimal comma;
 * - identifiers (SIREN, INSEE code, NAF, CPV) written as the formula `="012345678"`, the only spelling Excel
 *   keeps as text on opening: a plain `012345678` loses its leading zero, `45000000` becomes a number, and a
 *   leading `'` would show. Only values made of letters, digits, `.` and `-` are written so, so no user text
 *   ever becomes a formula;
 * - text starting with `=`, `+`, `-`, `@`, a tab or CR is prefixed with `'` (OWASP « CSV injection »): a
 *   supplier named `=HYPERLINK(…)` is shown, never run.
 *
 * csv-stringify is not installed; this is the whole of what we need.
 */

/** A cell: text, a number, an identifier to keep as text, or empty (null/undefined). */
export type CsvCell = string | number | { id: string } | null | undefined;

/** The byte-order mark that tells Excel the file is UTF-8. */
export const UTF8_BOM = '\uFEFF';
const SEPARATOR = ';';
const NEWLINE = '\r\n';
const FORMULA_START = /^[=+\-@\t\r]/;
const IDENTIFIER = /^[0-9A-Za-z.-]+$/;

function quoted(text: string): string {
  return /[;"\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * Writes one cell.
 * @param cell the value
 * @returns the cell as it goes between separators
 * @example csvCell({ id: '012345678' }) // '"=""012345678"""'
 * @example csvCell('=1+1') // "'=1+1"
 * @example csvCell(10.7) // '10,7'
 */
export function csvCell(cell: CsvCell): string {
  if (cell === null || cell === undefined) {
    return '';
  }
  if (typeof cell === 'number') {
    return Number.isFinite(cell) ? String(cell).replace('.', ',') : '';
  }
  if (typeof cell === 'object') {
    return IDENTIFIER.test(cell.id) ? quoted(`="${cell.id}"`) : csvCell(cell.id);
  }
  return quoted(FORMULA_START.test(cell) ? `'${cell}` : cell);
}

/**
 * Writes a whole file.
 * @param header the column titles (French)
 * @param rows the rows, each with as many cells as the header
 * @returns the file content, BOM first, each line ended by CRLF
 */
export function excelCsv(header: string[], rows: CsvCell[][]): string {
  const lines = [header, ...rows].map((row) => row.map(csvCell).join(SEPARATOR));
  return `${UTF8_BOM}${lines.join(NEWLINE)}${NEWLINE}`;
}
