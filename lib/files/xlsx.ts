import { MS_PER_DAY } from '../time';
import {
	cellText,
	columnHeader,
	columnValue,
	toCell,
	type Cell,
	type CellOptions,
	type Table,
} from './table';
import { escapeXml } from './xml';
import { createZip } from './zip';

/**
 * A minimal, strict Office Open XML (ECMA-376) workbook writer: one worksheet per table, a bold header row frozen
 * with a pane and fitted with filter buttons, column widths from the content, shared strings, and dates as real
 * spreadsheet dates (serial day numbers in the 1900 date system, wall-clock time in the chosen zone, formatted
 * `yyyy-mm-dd hh:mm:ss` or `yyyy-mm-dd`). Parts are deflated in the ZIP container (see zip.ts).
 */

export interface XlsxOptions extends CellOptions {
	/** Modification time of the parts inside the file (epoch ms). */
	modifiedAt?: number;
}

export const XLSX_MIME_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const MAX_ROWS = 1_048_576;
const MAX_COLUMNS = 16_384;
const MAX_CELL_TEXT = 32_767;
const MIN_WIDTH = 6;
const MAX_WIDTH = 60;
const WIDTH_SAMPLE_ROWS = 1000;
const EXCEL_EPOCH_OFFSET_DAYS = 25_569; // serial number of 1970-01-01 in the 1900 date system
const INVALID_SHEET_NAME = /[:\\/?*[\]]/;

/** Style indexes in styles.xml (cellXfs). */
const STYLE = { default: 0, header: 1, dateTime: 2, date: 3, percent: 4, integer: 5 } as const;

const MAIN_NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL_NS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const PKG_REL_NS = 'http://schemas.openxmlformats.org/package/2006/relationships';
const XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

/** Writes the tables as an XLSX workbook, one worksheet each, in the given order. */
export function createXlsx(tables: readonly Table[], options: XlsxOptions = {}): Buffer {
	if (tables.length === 0) throw new RangeError('a workbook needs at least one sheet');
	assertSheetNames(tables);
	const sharedStrings = new SharedStrings();
	const sheets = tables.map((table, index) => worksheetXml(table, index, sharedStrings, options));
	return createZip(
		[
			{ name: '[Content_Types].xml', data: contentTypesXml(tables.length) },
			{ name: '_rels/.rels', data: rootRelsXml() },
			{ name: 'xl/workbook.xml', data: workbookXml(tables) },
			{ name: 'xl/_rels/workbook.xml.rels', data: workbookRelsXml(tables.length) },
			{ name: 'xl/styles.xml', data: STYLES_XML },
			{ name: 'xl/sharedStrings.xml', data: sharedStrings.toXml() },
			...sheets.map((data, index) => ({ name: `xl/worksheets/sheet${index + 1}.xml`, data })),
		],
		{ modifiedAt: options.modifiedAt, timezone: options.timezone },
	);
}

/** A1-style column letters of a zero-based column index (0 → A, 26 → AA). */
export function columnLetters(index: number): string {
	let letters = '';
	for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) {
		letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
	}
	return letters;
}

function assertSheetNames(tables: readonly Table[]): void {
	const seen = new Set<string>();
	for (const { name } of tables) {
		if (
			name.length === 0 ||
			name.length > 31 ||
			INVALID_SHEET_NAME.test(name) ||
			/^'|'$/.test(name)
		) {
			throw new RangeError(
				`sheet name "${name}": 1–31 characters, none of : \\ / ? * [ ], not starting or ending with '`,
			);
		}
		if (seen.has(name.toLowerCase())) throw new RangeError(`sheet name "${name}" is used twice`);
		seen.add(name.toLowerCase());
	}
}

function worksheetXml(
	table: Table,
	index: number,
	strings: SharedStrings,
	options: CellOptions,
): string {
	const { columns, rows } = table;
	if (columns.length === 0) throw new RangeError(`sheet "${table.name}": no columns`);
	if (columns.length > MAX_COLUMNS)
		throw new RangeError(`sheet "${table.name}": more than ${MAX_COLUMNS} columns`);
	if (rows.length + 1 > MAX_ROWS) {
		throw new RangeError(
			`sheet "${table.name}": ${rows.length} rows exceed the ${MAX_ROWS - 1} a worksheet holds`,
		);
	}
	const letters = columns.map((_, c) => columnLetters(c));
	const widths = columns.map((column) => Math.max(MIN_WIDTH, columnHeader(column).length));
	const body: string[] = [];

	body.push(
		`<row r="1">${columns
			.map(
				(column, c) =>
					`<c r="${letters[c]}1" s="${STYLE.header}" t="s"><v>${strings.index(columnHeader(column))}</v></c>`,
			)
			.join('')}</row>`,
	);
	rows.forEach((row, r) => {
		const rowNumber = r + 2;
		let cells = '';
		columns.forEach((column, c) => {
			const cell = toCell(column, columnValue(row, column), options);
			if (r < WIDTH_SAMPLE_ROWS) widths[c] = Math.max(widths[c], displayLength(cell));
			cells += cellXml(cell, `${letters[c]}${rowNumber}`, strings);
		});
		body.push(`<row r="${rowNumber}">${cells}</row>`);
	});

	const lastCell = `${letters[columns.length - 1]}${rows.length + 1}`;
	const cols = columns
		.map((column, c) => {
			const width = column.width ?? Math.min(MAX_WIDTH, widths[c] + 2);
			return `<col min="${c + 1}" max="${c + 1}" width="${width}" customWidth="1"/>`;
		})
		.join('');
	return (
		XML_DECLARATION +
		`<worksheet xmlns="${MAIN_NS}" xmlns:r="${REL_NS}">` +
		`<dimension ref="A1:${lastCell}"/>` +
		`<sheetViews><sheetView workbookViewId="0"${index === 0 ? ' tabSelected="1"' : ''}>` +
		'<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>' +
		'<selection pane="bottomLeft" activeCell="A2" sqref="A2"/>' +
		'</sheetView></sheetViews>' +
		'<sheetFormatPr defaultRowHeight="15"/>' +
		`<cols>${cols}</cols>` +
		`<sheetData>${body.join('')}</sheetData>` +
		`<autoFilter ref="A1:${lastCell}"/>` +
		'</worksheet>'
	);
}

function cellXml(cell: Cell, ref: string, strings: SharedStrings): string {
	switch (cell.kind) {
		case 'empty':
			return '';
		case 'string':
			return `<c r="${ref}" t="s"><v>${strings.index(cell.value.slice(0, MAX_CELL_TEXT))}</v></c>`;
		case 'boolean':
			return `<c r="${ref}" t="b"><v>${cell.value ? 1 : 0}</v></c>`;
		case 'number': {
			const style = cell.format === undefined ? '' : ` s="${STYLE[cell.format]}"`;
			return `<c r="${ref}"${style}><v>${cell.value}</v></c>`;
		}
		case 'date':
			return `<c r="${ref}" s="${cell.dateOnly ? STYLE.date : STYLE.dateTime}"><v>${excelSerial(cell)}</v></c>`;
	}
}

/** Days since 1899-12-30 of the wall-clock time the cell shows (Excel's serial dates carry no zone). */
function excelSerial(cell: Extract<Cell, { kind: 'date' }>): number {
	const serial = cell.wallClock / MS_PER_DAY + EXCEL_EPOCH_OFFSET_DAYS;
	return cell.dateOnly ? Math.floor(serial) : Math.round(serial * MS_PER_DAY) / MS_PER_DAY;
}

function displayLength(cell: Cell): number {
	if (cell.kind === 'date') return cell.dateOnly ? 10 : 19;
	if (cell.kind === 'number' && cell.format === 'percent') return 8;
	const text = cellText(cell);
	const newline = text.indexOf('\n');
	return newline === -1 ? text.length : newline;
}

class SharedStrings {
	private readonly indexes = new Map<string, number>();
	private readonly values: string[] = [];
	private references = 0;

	index(value: string): number {
		this.references++;
		let index = this.indexes.get(value);
		if (index === undefined) {
			index = this.values.push(value) - 1;
			this.indexes.set(value, index);
		}
		return index;
	}

	toXml(): string {
		const items = this.values.map(
			(value) => `<si><t xml:space="preserve">${escapeXml(value)}</t></si>`,
		);
		return (
			XML_DECLARATION +
			`<sst xmlns="${MAIN_NS}" count="${this.references}" uniqueCount="${this.values.length}">${items.join('')}</sst>`
		);
	}
}

function contentTypesXml(sheetCount: number): string {
	const sheets = Array.from(
		{ length: sheetCount },
		(_, i) =>
			`<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`,
	).join('');
	return (
		XML_DECLARATION +
		'<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
		'<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
		'<Default Extension="xml" ContentType="application/xml"/>' +
		'<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
		'<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>' +
		'<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>' +
		sheets +
		'</Types>'
	);
}

function rootRelsXml(): string {
	return (
		XML_DECLARATION +
		`<Relationships xmlns="${PKG_REL_NS}">` +
		'<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>' +
		'</Relationships>'
	);
}

function workbookXml(tables: readonly Table[]): string {
	const sheets = tables
		.map(
			(table, i) =>
				`<sheet name="${escapeXml(table.name)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`,
		)
		.join('');
	const filters = tables
		.map((table, i) => {
			const range = `$A$1:$${columnLetters(table.columns.length - 1)}$${table.rows.length + 1}`;
			return `<definedName name="_xlnm._FilterDatabase" localSheetId="${i}" hidden="1">${escapeXml(quoteSheetName(table.name))}!${range}</definedName>`;
		})
		.join('');
	return (
		XML_DECLARATION +
		`<workbook xmlns="${MAIN_NS}" xmlns:r="${REL_NS}">` +
		'<workbookPr/><bookViews><workbookView activeTab="0"/></bookViews>' +
		`<sheets>${sheets}</sheets>` +
		`<definedNames>${filters}</definedNames>` +
		'</workbook>'
	);
}

function quoteSheetName(name: string): string {
	return `'${name.replace(/'/g, "''")}'`;
}

function workbookRelsXml(sheetCount: number): string {
	const rel = (id: number, type: string, target: string) =>
		`<Relationship Id="rId${id}" Type="${REL_NS}/${type}" Target="${target}"/>`;
	const sheets = Array.from({ length: sheetCount }, (_, i) =>
		rel(i + 1, 'worksheet', `worksheets/sheet${i + 1}.xml`),
	);
	return (
		XML_DECLARATION +
		`<Relationships xmlns="${PKG_REL_NS}">` +
		sheets.join('') +
		rel(sheetCount + 1, 'styles', 'styles.xml') +
		rel(sheetCount + 2, 'sharedStrings', 'sharedStrings.xml') +
		'</Relationships>'
	);
}

const STYLES_XML =
	XML_DECLARATION +
	`<styleSheet xmlns="${MAIN_NS}">` +
	'<numFmts count="2"><numFmt numFmtId="164" formatCode="yyyy-mm-dd hh:mm:ss"/><numFmt numFmtId="165" formatCode="yyyy-mm-dd"/></numFmts>' +
	'<fonts count="2"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font>' +
	'<font><b/><sz val="11"/><name val="Calibri"/><family val="2"/></font></fonts>' +
	'<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>' +
	'<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>' +
	'<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
	'<cellXfs count="6">' +
	'<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>' +
	'<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/>' +
	'<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>' +
	'<xf numFmtId="165" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>' +
	'<xf numFmtId="10" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>' +
	'<xf numFmtId="3" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>' +
	'</cellXfs>' +
	'<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>' +
	'</styleSheet>';
