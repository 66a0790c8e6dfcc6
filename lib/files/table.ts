import { toEpochMillis } from '../time';
import { formatWallClock, wallClockMillis } from './wallClock';

/**
 * The tabular model every file writer shares: a named table of keyed rows with typed columns. One table becomes one
 * worksheet of an XLSX workbook or one CSV file, rendered with the same cell rules so both say the same thing.
 */

/**
 * How a column's values are written. `date` / `dateTime` values may be ISO-8601 strings, epoch milliseconds or Dates;
 * they are shown as wall-clock time in the chosen zone. Untyped columns keep numbers, booleans and Dates as such and
 * write everything else as text.
 */
export type ColumnType =
	| 'text'
	| 'number'
	| 'integer'
	| 'percent'
	| 'boolean'
	| 'date'
	| 'dateTime';

export interface Column {
	/** Property of the row objects. */
	key: string;
	/** Header cell; default `key`. */
	header?: string;
	type?: ColumnType;
	/** Width in characters (XLSX); default from the content. */
	width?: number;
}

export interface Table {
	/** Worksheet name (XLSX) and base file name (CSV). */
	name: string;
	columns: readonly Column[];
	/** Row objects; each column reads the property named by its `key`. */
	rows: readonly object[];
}

export interface CellOptions {
	/** IANA zone in which dates are written; default 'UTC'. */
	timezone?: string;
	/** Prefix text that a spreadsheet would read as a formula with an apostrophe; default true. */
	neutraliseFormulas?: boolean;
}

export type Cell =
	| { kind: 'empty' }
	| { kind: 'string'; value: string }
	| { kind: 'number'; value: number; format?: 'integer' | 'percent' }
	| { kind: 'boolean'; value: boolean }
	/** `wallClock`: the date and time shown in the chosen zone, as milliseconds read as UTC (see wallClock.ts). */
	| { kind: 'date'; wallClock: number; dateOnly: boolean };

const FORMULA_TRIGGER = /^[=+\-@\t\r]/;

/**
 * Spreadsheet formula injection (OWASP "CSV Injection"): text starting with `=`, `+`, `-`, `@`, tab or CR can be run
 * as a formula by Excel, LibreOffice or Google Sheets when the file is opened or re-imported. Such text gets a leading
 * apostrophe, which spreadsheets show as a plain-text marker and which keeps the value readable. Only text is touched:
 * numbers (negative ones included) stay numbers.
 */
export function neutraliseFormula(text: string): string {
	return FORMULA_TRIGGER.test(text) ? `'${text}` : text;
}

/** The raw value of `column` in `row`. */
export function columnValue(row: object, column: Column): unknown {
	return (row as Record<string, unknown>)[column.key];
}

export function columnHeader(column: Column): string {
	return column.header ?? column.key;
}

/** Resolves one raw value of `column` to a typed cell. Values that do not fit the column's type are written as text. */
export function toCell(column: Column, raw: unknown, options: CellOptions = {}): Cell {
	if (raw === null || raw === undefined || raw === '') return { kind: 'empty' };
	const zone = options.timezone ?? 'UTC';
	switch (column.type) {
		case 'date':
		case 'dateTime':
			return dateCell(raw, zone, column.type === 'date') ?? textCell(raw, options);
		case 'number':
		case 'integer':
		case 'percent':
			return numberCell(raw, column.type) ?? textCell(raw, options);
		case 'boolean':
			return typeof raw === 'boolean' ? { kind: 'boolean', value: raw } : textCell(raw, options);
		case 'text':
			return textCell(raw, options);
		default:
			if (typeof raw === 'number' && Number.isFinite(raw)) return { kind: 'number', value: raw };
			if (typeof raw === 'boolean') return { kind: 'boolean', value: raw };
			if (raw instanceof Date) return dateCell(raw, zone, false) ?? textCell(raw, options);
			return textCell(raw, options);
	}
}

/** The value as text, as a CSV file writes it: dates as `yyyy-MM-dd[ HH:mm:ss]` in the zone, numbers in full. */
export function cellText(cell: Cell): string {
	switch (cell.kind) {
		case 'empty':
			return '';
		case 'string':
			return cell.value;
		case 'number':
			return String(cell.value);
		case 'boolean':
			return cell.value ? 'true' : 'false';
		case 'date':
			return formatWallClock(cell.wallClock, cell.dateOnly);
	}
}

function dateCell(raw: unknown, zone: string, dateOnly: boolean): Cell | undefined {
	if (typeof raw !== 'string' && typeof raw !== 'number' && !(raw instanceof Date))
		return undefined;
	const millis = toEpochMillis(raw, zone);
	if (Number.isNaN(millis)) return undefined;
	return { kind: 'date', wallClock: wallClockMillis(millis, zone), dateOnly };
}

function numberCell(raw: unknown, type: 'number' | 'integer' | 'percent'): Cell | undefined {
	const value = typeof raw === 'string' && raw.trim() !== '' ? Number(raw) : raw;
	if (typeof value !== 'number' || !Number.isFinite(value)) return undefined;
	return type === 'number' ? { kind: 'number', value } : { kind: 'number', value, format: type };
}

function textCell(raw: unknown, options: CellOptions): Cell {
	const text =
		typeof raw === 'string'
			? raw
			: raw instanceof Date
				? String(raw)
				: typeof raw === 'object'
					? JSON.stringify(raw)
					: String(raw);
	return {
		kind: 'string',
		value: options.neutraliseFormulas === false ? text : neutraliseFormula(text),
	};
}
