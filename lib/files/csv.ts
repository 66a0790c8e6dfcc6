import {
	cellText,
	columnHeader,
	columnValue,
	neutraliseFormula,
	toCell,
	type CellOptions,
	type Table,
} from './table';

/**
 * CSV per RFC 4180: CRLF line ends, a header line, fields quoted when they hold the delimiter, a double quote, CR or
 * LF (quotes doubled inside). UTF-8, with an optional byte-order mark so Excel detects the encoding when the file is
 * double-clicked. Cells are rendered like the XLSX ones (table.ts): dates as `yyyy-MM-dd HH:mm:ss` in the chosen zone,
 * formula-like text prefixed with an apostrophe, in the header line too (headers can come from data: band names, profile
 * keys).
 */

export interface CsvOptions extends CellOptions {
	/** Field separator; default ','. Use ';' for Excel in locales whose decimal mark is a comma. */
	delimiter?: ',' | ';' | '\t';
	/** Start with a UTF-8 byte-order mark; default true (Excel needs it to read non-ASCII text). */
	bom?: boolean;
}

export const CSV_MIME_TYPE = 'text/csv';

const UTF8_BOM = '\uFEFF';

/** The table as CSV text (including the BOM when asked). */
export function createCsvText(table: Table, options: CsvOptions = {}): string {
	const delimiter = options.delimiter ?? ',';
	const needsQuotes = new RegExp(`["\\r\\n${delimiter === '\t' ? '\\t' : delimiter}]`);
	const field = (text: string) => (needsQuotes.test(text) ? `"${text.replace(/"/g, '""')}"` : text);
	const header = (text: string) =>
		field(options.neutraliseFormulas === false ? text : neutraliseFormula(text));
	const lines = [table.columns.map((column) => header(columnHeader(column))).join(delimiter)];
	for (const row of table.rows) {
		lines.push(
			table.columns
				.map((column) => field(cellText(toCell(column, columnValue(row, column), options))))
				.join(delimiter),
		);
	}
	return (options.bom === false ? '' : UTF8_BOM) + lines.join('\r\n') + '\r\n';
}

/** The table as a UTF-8 CSV file. */
export function createCsv(table: Table, options: CsvOptions = {}): Buffer {
	return Buffer.from(createCsvText(table, options), 'utf8');
}
