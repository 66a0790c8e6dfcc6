import { CSV_ROWS_MODULE } from './csvRowsModule';

/** What `readRows` ended on (assembly/csvRows.ts): no complete record left; a record for JavaScript; a full output. */
export const ROWS_STATUS = { end: 0, bail: 1, full: 2 } as const;

/** `missingDay` when no day was missing; `zoneDay`'s value for a day on which the zone's offset changes. */
export const NO_DAY = -(2 ** 31);
export const ZONE_CHANGES = 2 ** 31 - 1;

/** A table of the module: the bytes of a field → the value the JavaScript reader computed for them. */
export const ROWS_TABLE = { types: 0, kinds: 1, campaigns: 2, contacts: 3 } as const;

/** How the module reads a file's rows: its delimiter, units, flags and the column number of each field (-1: none). */
export interface CsvRowsSettings {
	delimiter: number;
	/** 0: by magnitude, 1: seconds, 2: milliseconds. */
	timestampUnit: number;
	excludeMachine: boolean;
	/** Whether a new contact id (plain ASCII, nothing to trim) may be interned as its bytes. */
	internContacts: boolean;
	/** Whether ISO times without an offset are UTC (else they are read with the zone's offsets taught by `zoneDay`). */
	localTimesAreUtc: boolean;
	broadcastKind: number;
	machineFlag: number;
	untrackedFlag: number;
	columns: {
		contactId: number;
		type: number;
		timestamp: number;
		campaignId: number;
		campaignKind: number;
		eventId: number;
		machine: number;
		value: number;
		tracked: number;
	};
}

/** The rows one `read` output, as views of the module's memory (valid until its next call). */
export interface CsvRowsOutput {
	rows: number;
	records: number;
	contact: Int32Array;
	time: Float64Array;
	value: Float64Array;
	campaign: Int32Array;
	type: Uint8Array;
	kind: Uint8Array;
	flags: Uint8Array;
	idHash: Uint32Array;
	idStart: Int32Array;
	idEnd: Int32Array;
	/** The contacts interned by this call, in order: their ids' bounds in the input and their table slots. */
	newContacts: number;
	newStart: Int32Array;
	newEnd: Int32Array;
	newSlot: Int32Array;
}

/** The part of the WebAssembly API used here (the project's TypeScript libraries do not declare it). */
interface WebAssemblyApi {
	Module: new (bytes: Uint8Array) => object;
	Instance: new (module: object, imports: object) => { exports: object };
}

declare const WebAssembly: WebAssemblyApi | undefined;

interface Exports {
	memory: { buffer: ArrayBuffer };
	configure(...settings: number[]): void;
	reserveInput(length: number, keep: number): number;
	register(table: number, start: number, end: number, value: number): void;
	setContact(slot: number, index: number): void;
	zoneDay(day: number, offsetMinutes: number): void;
	readRows(start: number, end: number, final: number, nextContact: number): number;
	[global: string]: unknown;
}

/** The compiled module; null when this runtime cannot compile it. */
let compiled: object | null | undefined;
let enabled = true;

/** Whether new readers use the WebAssembly rows (on by default; tests turn it off to check both paths agree). */
export function useCsvRows(on: boolean): void {
	enabled = on;
}

/**
 * The WebAssembly core of `CsvColumnsParser` (assembly/csvRows.ts): it reads the plain rows of CSV bytes held in its
 * memory (`input`) into output columns, interning new plain contact ids and looking ids and values up in tables the
 * JavaScript reader fills (`register`), and stops at the first record the JavaScript reader must read. One per reader;
 * undefined when turned off (`useCsvRows`) or when WebAssembly is not available.
 */
export class CsvRows {
	private readonly exports: Exports;
	private readonly global: (name: string) => number;
	private base = 0;
	private buffer: ArrayBuffer | undefined;
	private inputView = new Uint8Array(0);

	private constructor(instance: { exports: object }, settings: CsvRowsSettings) {
		this.exports = instance.exports as Exports;
		const globals = instance.exports as Record<string, { value: number }>;
		this.global = (name) => globals[name].value;
		const { columns } = settings;
		this.exports.configure(
			settings.delimiter,
			settings.timestampUnit,
			Number(settings.excludeMachine),
			Number(settings.internContacts),
			Number(settings.localTimesAreUtc),
			settings.broadcastKind,
			settings.machineFlag,
			settings.untrackedFlag,
			columns.contactId,
			columns.type,
			columns.timestamp,
			columns.campaignId,
			columns.campaignKind,
			columns.eventId,
			columns.machine,
			columns.value,
			columns.tracked,
		);
	}

	static create(settings: CsvRowsSettings): CsvRows | undefined {
		if (!enabled || compiled === null || typeof WebAssembly === 'undefined') return undefined;
		try {
			compiled ??= new WebAssembly.Module(Buffer.from(CSV_ROWS_MODULE, 'base64'));
		} catch {
			// a runtime without WebAssembly SIMD: the JavaScript reader reads every row
			compiled = null;
			return undefined;
		}
		const instance = new WebAssembly.Instance(compiled, {
			env: {
				abort: () => {
					throw new Error('CSV rows module aborted');
				},
			},
		});
		return new CsvRows(instance, settings);
	}

	/** Room for `length` input bytes, its first `keep` kept; the input (longer than `length`, possibly). */
	reserve(length: number, keep: number): Uint8Array {
		this.base = this.exports.reserveInput(length, keep);
		this.buffer = undefined;
		return this.input();
	}

	/** The input region, as a view made again when the module's memory has grown (which detaches the old one). */
	input(): Uint8Array {
		const buffer = this.exports.memory.buffer;
		if (buffer !== this.buffer) {
			this.buffer = buffer;
			this.inputView = new Uint8Array(buffer, this.base, buffer.byteLength - this.base);
		}
		return this.inputView;
	}

	/** Moves the input's bytes `[from, to)` to its start. */
	keepFrom(from: number, to: number): void {
		this.input().copyWithin(0, from, to);
	}

	/** Teaches a table that the field bytes `input[start, end)` have `value` (unless it has them). */
	register(table: number, start: number, end: number, value: number): void {
		this.exports.register(table, start, end, value);
	}

	/** Teaches the zone's offset on a UTC day (ZONE_CHANGES: the offset changes that day). */
	zoneDay(day: number, offsetMinutes: number): void {
		this.exports.zoneDay(day, offsetMinutes);
	}

	/** The UTC day whose offset the last `read` wanted for the record it left to JavaScript; NO_DAY if none. */
	get missingDay(): number {
		return this.global('missingDay');
	}

	/** Gives the contact a call interned at `slot` of its table another index. */
	setContact(slot: number, index: number): void {
		this.exports.setContact(slot, index);
	}

	/** Reads the rows of `input[start, end)` (see assembly/csvRows.ts, `readRows`); a ROWS_STATUS. */
	read(start: number, end: number, final: boolean, nextContact: number): number {
		return this.exports.readRows(start, end, final ? 1 : 0, nextContact);
	}

	/** Where the last `read` stopped. */
	get stop(): number {
		return this.global('stop');
	}

	/** The last `read`'s output. */
	output(): CsvRowsOutput {
		const buffer = this.exports.memory.buffer;
		const rows = this.global('rows');
		const newContacts = this.global('newContacts');
		const at = (name: string) => this.global(name);
		return {
			rows,
			records: this.global('records'),
			contact: new Int32Array(buffer, at('outContact'), rows),
			time: new Float64Array(buffer, at('outTime'), rows),
			value: new Float64Array(buffer, at('outValue'), rows),
			campaign: new Int32Array(buffer, at('outCampaign'), rows),
			type: new Uint8Array(buffer, at('outType'), rows),
			kind: new Uint8Array(buffer, at('outKind'), rows),
			flags: new Uint8Array(buffer, at('outFlags'), rows),
			idHash: new Uint32Array(buffer, at('outIdHash'), rows),
			idStart: new Int32Array(buffer, at('outIdStart'), rows),
			idEnd: new Int32Array(buffer, at('outIdEnd'), rows),
			newContacts,
			newStart: new Int32Array(buffer, at('newStart'), newContacts),
			newEnd: new Int32Array(buffer, at('newEnd'), newContacts),
			newSlot: new Int32Array(buffer, at('newSlot'), newContacts),
		};
	}
}
