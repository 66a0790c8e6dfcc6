import { EngagementInputError } from '../errors';
import { CsvRecordReader } from './csvRecords';
import type { CsvReadOptions } from './csvRecords';
import { EVENT_FIELDS, EventNormalizer, readSource } from './normalizeEvent';
import type { FieldMapping } from './normalizeEvent';
import type { KeepFieldsOption } from './latestContactFields';
import type { EngagementEvent } from './types';

export type CsvEventOptions = FieldMapping & CsvReadOptions & KeepFieldsOption;

const FUNCTION_SOURCE = -2;

/**
 * CSV text in chunks → EngagementEvents. The first record is the header; each field's source (FieldMapping) names a
 * column (exact name first, then case-insensitively); a function source gets the row as an object keyed by header.
 * Errors name the data row (0-based, header excluded) and the field. With `keepFields`, each event's row offers the
 * columns it names (found like the mapped ones; an absent column gives nothing).
 */
export class CsvEventParser {
	private readonly reader: CsvRecordReader;
	private readonly normalizer: EventNormalizer;
	private columns: Int32Array | undefined;
	private header: string[] = [];
	private row: string[] = [];
	private rowObject: Record<string, unknown> | undefined;
	private readonly keepFields: KeepFieldsOption['keepFields'];
	/** Per name of `keepFields`, its column (-1: absent); set with the header. */
	private keptColumns = new Int32Array(0);
	/** Column per field position; -1: absent, FUNCTION_SOURCE: computed from the row object. */
	private readonly read = (field: number): unknown => {
		const column = (this.columns as Int32Array)[field];
		if (column >= 0) return this.row[column];
		if (column === FUNCTION_SOURCE) {
			return (this.normalizer.sources[field] as (row: Record<string, unknown>) => unknown)(
				this.objectOfRow(),
			);
		}
		return undefined;
	};

	constructor(options: CsvEventOptions = {}) {
		this.reader = new CsvRecordReader(options);
		this.normalizer = new EventNormalizer(options);
		this.keepFields = options.keepFields;
	}

	push(chunk: string): EngagementEvent[] {
		const events: EngagementEvent[] = [];
		this.reader.push(chunk, (fields, recordIndex) => this.record(fields, recordIndex, events));
		return events;
	}

	end(): EngagementEvent[] {
		const events: EngagementEvent[] = [];
		this.reader.end((fields, recordIndex) => this.record(fields, recordIndex, events));
		if (this.columns === undefined) {
			throw new EngagementInputError('the CSV has no header row');
		}
		return events;
	}

	private record(fields: string[], recordIndex: number, events: EngagementEvent[]): void {
		if (this.columns === undefined) {
			this.useHeader(fields);
			return;
		}
		const event = this.eventOf(fields, recordIndex - 1);
		if (event !== null) events.push(event);
	}

	/** The event of one data record (`row`: 0-based, header excluded), or null when its type is mapped to skip. */
	eventOf(fields: string[], row: number): EngagementEvent | null {
		this.row = fields;
		this.rowObject = undefined;
		const event = this.normalizer.toEvent(this.read, row);
		if (event !== null && this.keepFields !== undefined) {
			this.keepFields.offer(event.contactId, event.timestamp as number, this.keptValue);
		}
		return event;
	}

	/** Per name of `keepFields`, its column in the header (-1: absent). */
	get keptFieldColumns(): Int32Array {
		return this.keptColumns;
	}

	private readonly keptValue = (position: number): string | undefined => {
		const column = this.keptColumns[position];
		return column >= 0 && column < this.row.length ? this.row[column] : undefined;
	};

	/** After the header: per position in EVENT_FIELDS, its column (-1: absent, -2: computed by a function source). */
	get fieldColumns(): Int32Array | undefined {
		return this.columns;
	}

	/** Resolves each field's column from the header record; throws when a mapped column is not there. */
	useHeader(header: string[]): void {
		this.header = header.map((name) => name.trim());
		const columns = new Int32Array(EVENT_FIELDS.length).fill(-1);
		EVENT_FIELDS.forEach((field, position) => {
			const source = this.normalizer.sources[position];
			if (typeof source === 'function') {
				columns[position] = FUNCTION_SOURCE;
				return;
			}
			const column = this.columnOf(source);
			const mapped = this.normalizer.mapping.fields?.[field] !== undefined;
			if (column < 0 && mapped) {
				throw new EngagementInputError(
					`column "${source}" is not in the header (${this.header.join(', ')})`,
					{ field },
				);
			}
			columns[position] = column;
		});
		this.columns = columns;
		this.keptColumns = Int32Array.from(this.keepFields?.names ?? [], (name) => this.columnOf(name));
		this.keptColumns.forEach((column, position) => {
			if (column >= 0) this.keepFields?.markPresent(position);
		});
	}

	/** The column of a header name: exactly, else case-insensitively; -1 when absent. */
	private columnOf(name: string): number {
		const column = this.header.indexOf(name);
		if (column >= 0) return column;
		const wanted = name.toLowerCase();
		return this.header.findIndex((header) => header.toLowerCase() === wanted);
	}

	private objectOfRow(): Record<string, unknown> {
		if (this.rowObject === undefined) {
			const object: Record<string, unknown> = {};
			this.header.forEach((name, column) => (object[name] = this.row[column]));
			this.rowObject = object;
		}
		return this.rowObject;
	}
}

/** CSV text (header row first) → EngagementEvents, per `options` (FieldMapping plus `delimiter`). */
export function parseEventsCsv(text: string, options: CsvEventOptions = {}): EngagementEvent[] {
	const parser = new CsvEventParser(options);
	const events = parser.push(text);
	for (const event of parser.end()) events.push(event);
	return events;
}

/**
 * NDJSON (one JSON object per line) in chunks → EngagementEvents via the FieldMapping (dotted paths reach nested
 * fields). Blank lines are skipped; errors name the record (0-based, blank lines not counted) and the field. With
 * `keepFields`, each event's line offers the fields it names (dotted paths too).
 */
export class NdjsonEventParser {
	private pending = '';
	private records = 0;
	private readonly normalizer: EventNormalizer;
	private readonly keepFields: KeepFieldsOption['keepFields'];

	constructor(mapping: FieldMapping & KeepFieldsOption = {}) {
		this.normalizer = new EventNormalizer(mapping);
		this.keepFields = mapping.keepFields;
	}

	push(chunk: string): EngagementEvent[] {
		const text = this.pending + chunk;
		const lastBreak = text.lastIndexOf('\n');
		this.pending = text.slice(lastBreak + 1);
		return lastBreak < 0 ? [] : this.lines(text.slice(0, lastBreak));
	}

	end(): EngagementEvent[] {
		const rest = this.pending;
		this.pending = '';
		return this.lines(rest);
	}

	private lines(text: string): EngagementEvent[] {
		const events: EngagementEvent[] = [];
		let start = 0;
		while (start <= text.length) {
			let end = text.indexOf('\n', start);
			if (end < 0) end = text.length;
			const line = text.slice(start, end).trim();
			start = end + 1;
			if (line.length === 0) continue;
			const index = this.records++;
			const record = parseJsonLine(line);
			if (record instanceof SyntaxError) {
				throw new EngagementInputError(`line is not valid JSON (${record.message})`, { index });
			}
			if (typeof record !== 'object' || record === null || Array.isArray(record)) {
				throw new EngagementInputError('line is not a JSON object', { index });
			}
			const object = record as Record<string, unknown>;
			const event = this.normalizer.toEvent(
				(field) => readSource(object, this.normalizer.sources[field]),
				index,
			);
			if (event === null) continue;
			events.push(event);
			const kept = this.keepFields;
			if (kept !== undefined) {
				const values = kept.names.map((name) => readSource(object, name));
				values.forEach((value, position) => {
					if (value !== undefined) kept.markPresent(position);
				});
				kept.offer(event.contactId, event.timestamp as number, (position) => values[position]);
			}
		}
		return events;
	}
}

function parseJsonLine(line: string): unknown {
	try {
		return JSON.parse(line);
	} catch (error) {
		return error;
	}
}

export function parseEventsNdjson(text: string, mapping: FieldMapping = {}): EngagementEvent[] {
	const parser = new NdjsonEventParser(mapping);
	const events = parser.push(text);
	for (const event of parser.end()) events.push(event);
	return events;
}
