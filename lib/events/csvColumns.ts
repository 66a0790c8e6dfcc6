import { EngagementInputError } from '../errors';
import { MS_PER_DAY } from '../time';
import { zoneOffsetMinutes } from '../zoneOffset';
import { ByteKeyMap, grown, hashBytes, quickHashBytes } from './byteKeyMap';
import type { EventColumnsBuilder } from './columnsBuilder';
import { CsvRows, NO_DAY, ROWS_STATUS, ROWS_TABLE, ZONE_CHANGES } from './csvRows';
import { CAMPAIGN_KIND_CODE, EVENT_TYPE_CODE, KIND } from './eventCodes';
import { ROW_FLAG } from './eventColumns';
import { isoBytesToMillis } from './isoBytes';
import type { LatestContactFields } from './latestContactFields';
import { EVENT_FIELDS, EventNormalizer } from './normalizeEvent';
import { CsvEventParser } from './parseEvents';
import type { CsvEventOptions } from './parseEvents';
import { numericTimestampToMillis } from './timestamps';

const QUOTE = 34;
const LF = 10;
const CR = 13;
/** Digits read as an integer by hand: up to 15 (below 2^53, so exactly what `Number()` gives). */
const MAX_DIGITS = 15;
/** Cache values: the row takes the slow path; the row is skipped (its type is mapped to null). */
const SLOW = -2;
const SKIP = -1;
/** A campaign id met for the first time in this row, interned when the row is kept. */
const NEW_ID = -3;
/**
 * The WebAssembly rows stop reading a file once they have left at least ROWS_TRIAL records to this reader and more
 * than one in ROWS_LEFT_SHARE of all (a file of quoted fields or ISO timestamps: every record would go both ways).
 */
const ROWS_TRIAL = 64;
const ROWS_LEFT_SHARE = 16;
/** Bytes given to the WebAssembly rows at a time. */
const ROWS_SLICE = 1 << 16;
/** The zone's offsets are taught to the rows for this many days either side of a day they lack. */
const ZONE_DAYS = 183;

const FIELD = Object.fromEntries(EVENT_FIELDS.map((field, position) => [field, position])) as {
	[K in (typeof EVENT_FIELDS)[number]]: number;
};
/** The fields the columns hold; the others (messageId, channel, url, userAgent, ip) cannot fail as CSV text. */
const READ_FIELDS = [
	FIELD.contactId,
	FIELD.type,
	FIELD.timestamp,
	FIELD.campaignId,
	FIELD.campaignKind,
	FIELD.eventId,
	FIELD.machine,
	FIELD.value,
	FIELD.tracked,
];

/**
 * CSV bytes in chunks → rows appended to an `EventColumnsBuilder`, with no object per row (strings only for ids not
 * met before and for timestamps in neither the epoch-digit nor the common ISO form). The record syntax is
 * `CsvRecordReader`'s, on bytes (RFC 4180: quoted fields with delimiters, line breaks and doubled quotes; CRLF, LF or
 * CR; blank lines skipped; a leading byte-order mark dropped; the same errors); the header and field mapping are
 * `CsvEventParser`'s. A row whose fields are all in the plain forms is read from its bytes: the type and campaign kind
 * through per-value caches of the mapping's answer, contact and campaign ids through byte-keyed caches of the
 * interned id (a string is decoded only for a value not met before), epoch digits as integers (spreadsheet serial
 * days as decimals), ISO timestamps by `isoBytesToMillis` (without an offset, in the mapping's zone), other
 * timestamps and those of a `timestampFormat` through the normaliser's `timestampOf`, values of digits with at most
 * one `.` by hand, `true`/`false`/empty flags. Any other row (a value to trim, map or reject, doubled quotes in a
 * read field, a short row) goes the slow path: its fields decoded and given to `CsvEventParser.eventOf` — the object
 * path's very code, so its event and its errors (row and field) are the same. With `keepFields`, every row read
 * offers its kept columns as that parser's rows do (decoded only when the row is its contact's latest so far).
 */
export class CsvColumnsParser {
	private readonly parser: CsvEventParser;
	private readonly normalizer: EventNormalizer;
	private readonly delimiter: number;
	/** 1 for the bytes that end an unquoted field (delimiter, LF, CR): one table look-up per byte. */
	private readonly stops = new Uint8Array(256);
	private readonly decoder = new TextDecoder('utf-8', { ignoreBOM: true });
	/** The incomplete last record of the previous chunk, at the start of `work`. */
	private pendingLength = 0;
	/** Reused for pending bytes + the next chunk. */
	private work = new Uint8Array(1 << 16);
	private started = false;
	private records = 0;
	private starts = new Int32Array(32);
	private ends = new Int32Array(32);
	private escaped = new Uint8Array(32);
	/** Per position in EVENT_FIELDS, its column; undefined until the header, or when no row can take the fast path. */
	private columns: Int32Array | undefined;
	private headerRead = false;
	private lastColumn = 0;
	private readonly types = new ByteKeyMap();
	private readonly kinds = new ByteKeyMap();
	private readonly contacts = new ByteKeyMap(1 << 12);
	private readonly campaigns = new ByteKeyMap();
	/** The current record's data and field count, for `keptValue`. */
	private data: Uint8Array = new Uint8Array(0);
	private fieldCount = 0;
	/** Per contact index, its `keepFields` slot + 1 (0: not looked up yet). */
	private keptSlots = new Int32Array(0);
	/** The WebAssembly rows, once the header allows them; `inRows`: the pending bytes are in its input. */
	private rows: CsvRows | undefined;
	private inRows = false;
	/** Records the rows read and those they left to this reader (`readsRows` stops them when they leave many). */
	private rowsRead = 0;
	private rowsLeft = 0;
	private rowsStopped = false;

	constructor(
		private readonly builder: EventColumnsBuilder,
		private readonly options: CsvEventOptions = {},
	) {
		this.parser = new CsvEventParser(options);
		this.normalizer = new EventNormalizer(options);
		this.delimiter = (options.delimiter ?? ',').charCodeAt(0);
		this.stops[this.delimiter & 0xff] = this.stops[LF] = this.stops[CR] = 1;
	}

	push(chunk: Uint8Array): void {
		if (this.inRows) {
			this.pushIntoRows(this.rows as CsvRows, chunk);
			return;
		}
		let data = chunk;
		if (this.pendingLength > 0) {
			const length = this.pendingLength + chunk.length;
			if (length > this.work.length) this.work = grown(this.work, length);
			this.work.set(chunk, this.pendingLength);
			data = this.work.subarray(0, length);
		}
		if (!this.started) {
			const bom = byteOrderMark(data, false);
			if (bom < 0) {
				this.keep(data);
				return;
			}
			this.started = data.length > 0;
			data = data.subarray(bom);
		}
		this.readOrMove(data, false);
	}

	end(): void {
		if (this.inRows) this.readInRows(this.rows as CsvRows, true);
		else {
			let data = this.work.subarray(0, this.pendingLength);
			this.pendingLength = 0;
			if (!this.started) data = data.subarray(byteOrderMark(data, true));
			if (data.length > 0) this.readOrMove(data, true);
		}
		if (!this.headerRead) throw new EngagementInputError('the CSV has no header row');
	}

	/**
	 * Reads `data` here, keeping its incomplete last record; but once the header allows the WebAssembly rows (`read`
	 * stops right after it), the bytes after the header move to their input and are read from there.
	 */
	private readOrMove(data: Uint8Array, final: boolean): void {
		const rest = data.subarray(this.read(data, final));
		if (this.rows === undefined) {
			this.keep(rest);
			return;
		}
		this.inRows = true;
		this.pendingLength = 0;
		this.pushIntoRows(this.rows, rest);
		if (final) this.readInRows(this.rows, true);
	}

	/**
	 * `push` once the rows are on: the chunk joins the pending bytes in the rows' input, where they are read, a slice at
	 * a time (the input stays small whatever the chunks' size).
	 */
	private pushIntoRows(rows: CsvRows, chunk: Uint8Array): void {
		for (let from = 0; from < chunk.length; from += ROWS_SLICE) {
			const slice = chunk.subarray(from, from + ROWS_SLICE);
			const pending = this.pendingLength;
			rows.reserve(pending + slice.length, pending).set(slice, pending);
			this.pendingLength = pending + slice.length;
			this.readInRows(rows, false);
		}
	}

	/** Reads the pending bytes in the rows' input, keeping the incomplete last record at its start. */
	private readInRows(rows: CsvRows, final: boolean): void {
		const length = this.pendingLength;
		const read = this.read(rows.input().subarray(0, length), final);
		rows.keepFrom(read, length);
		this.pendingLength = length - read;
	}

	/** Keeps the unread bytes at the start of `work` (where they may be already, further on). */
	private keep(rest: Uint8Array): void {
		if (rest.buffer === this.work.buffer) {
			this.work.copyWithin(0, rest.byteOffset, rest.byteOffset + rest.length);
		} else {
			if (rest.length > this.work.length) this.work = grown(this.work, rest.length);
			this.work.set(rest);
		}
		this.pendingLength = rest.length;
	}

	/** Reads complete records from `data`; returns where the first incomplete one starts (data.length if none). */
	private read(data: Uint8Array, final: boolean): number {
		const length = data.length;
		const delimiter = this.delimiter;
		const stops = this.stops;
		let position = 0;
		while (position < length) {
			if (this.readsRows()) {
				const rows = this.rows as CsvRows;
				const status = this.readRows(rows, position, length, final);
				position = rows.stop;
				// the module's memory may have grown: the old view is detached
				data = rows.input().subarray(0, length);
				if (status === ROWS_STATUS.end) return position;
			}
			const recordStart = position;
			let count = 0;
			let escapedFields = 0;
			for (;;) {
				if (count === this.starts.length) this.growFields();
				if (position < length && data[position] === QUOTE) {
					let segment = position + 1;
					let closing: number;
					let escaped = 0;
					for (;;) {
						closing = data.indexOf(QUOTE, segment);
						if (closing < 0 || (closing === length - 1 && !final)) {
							if (!final) return recordStart;
							throw new EngagementInputError(
								`record ${this.records + 1}: unterminated quoted field`,
								{ index: this.records },
							);
						}
						if (data[closing + 1] === QUOTE) {
							escaped = 1;
							segment = closing + 2;
							continue;
						}
						break;
					}
					this.starts[count] = position + 1;
					this.ends[count] = closing;
					this.escaped[count++] = escaped;
					escapedFields += escaped;
					position = closing + 1;
					const next = position < length ? data[position] : -1;
					if (next === delimiter) {
						position++;
						continue;
					}
					if (next === -1 || next === LF || next === CR) {
						const after = lineEnd(data, position, final);
						if (after < 0) return recordStart;
						position = after;
						break;
					}
					const character = this.characterAt(data, position, final);
					if (character === undefined) return recordStart;
					throw new EngagementInputError(
						`record ${this.records + 1}: unexpected ${JSON.stringify(character)} after a closing quote`,
						{ index: this.records },
					);
				}
				let end = position;
				while (end < length && stops[data[end]] === 0) end++;
				if (end === length && !final) return recordStart;
				this.starts[count] = position;
				this.ends[count] = end;
				this.escaped[count++] = 0;
				if (end < length && data[end] === delimiter) {
					position = end + 1;
					continue;
				}
				const after = lineEnd(data, end, final);
				if (after < 0) return recordStart;
				position = after;
				break;
			}
			if (count === 1 && this.starts[0] === this.ends[0] && data[recordStart] !== QUOTE) continue;
			this.record(data, count, escapedFields, this.records++);
			// the header allowed the rows: the rest is read from their input
			if (this.rows !== undefined && !this.inRows) return position;
			if (this.inRows && !this.rowsStopped && count > this.lastColumn) {
				this.teachRows(this.rows as CsvRows, data);
				data = (this.rows as CsvRows).input().subarray(0, length);
			}
		}
		return length;
	}

	/** Whether the WebAssembly rows read from here: the bytes are in their input and they leave few rows to this reader. */
	private readsRows(): boolean {
		if (!this.inRows || this.rowsStopped) return false;
		if (this.rowsLeft < ROWS_TRIAL || this.rowsLeft * ROWS_LEFT_SHARE <= this.rowsRead) return true;
		this.rowsStopped = true;
		return false;
	}

	/**
	 * Has the WebAssembly rows read the records of the input from `start` (up to `end`), appending their rows, until one
	 * needs this reader (BAIL, at `rows.stop`) or none is complete (END).
	 */
	private readRows(rows: CsvRows, start: number, end: number, final: boolean): number {
		const builder = this.builder;
		let status: number;
		let from = start;
		do {
			const firstNew = builder.contactCount;
			status = rows.read(from, end, final, firstNew);
			from = rows.stop;
			const out = rows.output();
			const input = rows.input();
			// the contacts the module interned, in its order; an id already interned from other bytes (trimmed, say) keeps
			// its index, and the module learns it
			let remap: Int32Array | undefined;
			if (out.newContacts > 0) {
				for (let i = 0; i < out.newContacts; i++) {
					const contact = builder.contactOf(this.decode(input, out.newStart[i], out.newEnd[i]));
					if (contact !== firstNew + i) {
						remap ??= Int32Array.from({ length: out.newContacts }, (_, k) => firstNew + k);
						remap[i] = contact;
					}
				}
				if (remap !== undefined) {
					for (let i = 0; i < remap.length; i++) rows.setContact(out.newSlot[i], remap[i]);
				}
			}
			for (let r = 0; r < out.rows; r++) {
				const flags = out.flags[r];
				const type = out.type[r];
				const dropped = builder.drops(flags, type);
				if (out.idStart[r] < out.idEnd[r]) {
					builder.addHashedEventId(input, out.idStart[r], out.idEnd[r], out.idHash[r], dropped);
				}
				if (dropped) continue;
				let contact = out.contact[r];
				if (remap !== undefined && contact >= firstNew) contact = remap[contact - firstNew];
				builder.push(contact, type, out.time[r], out.campaign[r], out.kind[r], flags, out.value[r]);
			}
			this.records += out.records;
			this.rowsRead += out.records;
		} while (status === ROWS_STATUS.full);
		if (status === ROWS_STATUS.bail) {
			this.rowsLeft++;
			if (rows.missingDay !== NO_DAY) this.teachZoneDays(rows, rows.missingDay);
		}
		return status;
	}

	/**
	 * Teaches the rows the zone's offsets (`zoneOffsetMinutes`, which caches them per UTC day) for ZONE_DAYS days either
	 * side of `day`, so that times without an offset around it are read there; a day whose offset changes, or is not
	 * a whole number of minutes, as ZONE_CHANGES (its times are left to this reader).
	 */
	private teachZoneDays(rows: CsvRows, day: number): void {
		const zone = this.normalizer.zone;
		for (let d = day - ZONE_DAYS; d <= day + ZONE_DAYS; d++) {
			const start = zoneOffsetMinutes(d * MS_PER_DAY, zone);
			const end = zoneOffsetMinutes((d + 1) * MS_PER_DAY - 1, zone);
			// a local mean time of old (Kolkata's +05:53:28 until 1854) is no whole number of minutes: JavaScript's
			rows.zoneDay(d, start === end && Number.isInteger(start) ? start : ZONE_CHANGES);
		}
	}

	/** After this reader read a record the rows left to it: teaches them what it now knows of its fields' bytes. */
	private teachRows(rows: CsvRows, data: Uint8Array): void {
		const columns = this.columns as Int32Array;
		const teach = (table: number, cache: ByteKeyMap, field: number, hash: typeof hashBytes) => {
			const column = columns[field];
			if (column < 0 || this.escaped[column] === 1) return;
			const start = this.starts[column];
			const end = this.ends[column];
			const entry = cache.find(data, start, end, hash(data, start, end));
			if (entry >= 0) rows.register(table, start, end, cache.value(entry));
		};
		teach(ROWS_TABLE.types, this.types, FIELD.type, quickHashBytes);
		teach(ROWS_TABLE.kinds, this.kinds, FIELD.campaignKind, quickHashBytes);
		teach(ROWS_TABLE.campaigns, this.campaigns, FIELD.campaignId, quickHashBytes);
		teach(ROWS_TABLE.contacts, this.contacts, FIELD.contactId, hashBytes);
	}

	private record(
		data: Uint8Array,
		count: number,
		escapedFields: number,
		recordIndex: number,
	): void {
		if (!this.headerRead) {
			this.useHeader(this.strings(data, count));
			return;
		}
		if (this.columns !== undefined && count > this.lastColumn) {
			if (escapedFields === 0 || !this.readsEscaped()) {
				this.fieldCount = count;
				if (this.fastRow(data)) return;
			}
		}
		const event = this.parser.eventOf(this.strings(data, count), recordIndex - 1);
		if (event !== null) this.builder.appendEvent(event);
	}

	private useHeader(header: string[]): void {
		this.parser.useHeader(header);
		this.headerRead = true;
		const columns = this.parser.fieldColumns as Int32Array;
		// Rows are read from bytes only when every field the columns hold is a plain column (not computed by a function
		// source) and type, contactId and timestamp are in the header (else every row fails or is skipped as there).
		if (READ_FIELDS.some((field) => columns[field] < -1)) return;
		if ([FIELD.contactId, FIELD.type, FIELD.timestamp].some((field) => columns[field] < 0)) return;
		this.columns = columns;
		this.lastColumn = Math.max(...READ_FIELDS.map((field) => columns[field]));
		this.rows = this.rowsFor(columns);
	}

	/**
	 * The WebAssembly rows for this file, when its rows can be read there: no kept fields, no Timestamp Format, an
	 * epoch unit (spreadsheet days are read in a zone), fewer than 64 columns up to the last one read.
	 */
	private rowsFor(columns: Int32Array): CsvRows | undefined {
		const unit = this.normalizer.mapping.timestampUnit ?? 'auto';
		const units = ['auto', 'seconds', 'milliseconds'];
		if (this.options.keepFields !== undefined || this.normalizer.timestampFormat !== undefined) return undefined;
		if (!units.includes(unit) || this.lastColumn >= 64) return undefined;
		return CsvRows.create({
			delimiter: this.delimiter,
			timestampUnit: units.indexOf(unit),
			excludeMachine: this.builder.excludeMachine,
			internContacts: this.normalizer.mapping.lowercaseContactId !== true,
			localTimesAreUtc: this.normalizer.zone === 'UTC',
			broadcastKind: KIND.broadcast,
			machineFlag: ROW_FLAG.machine,
			untrackedFlag: ROW_FLAG.untracked,
			columns: {
				contactId: columns[FIELD.contactId],
				type: columns[FIELD.type],
				timestamp: columns[FIELD.timestamp],
				campaignId: columns[FIELD.campaignId],
				campaignKind: columns[FIELD.campaignKind],
				eventId: columns[FIELD.eventId],
				machine: columns[FIELD.machine],
				value: columns[FIELD.value],
				tracked: columns[FIELD.tracked],
			},
		});
	}

	/** Whether a field the columns hold was quoted with doubled quotes (its bytes are not its value). */
	private readsEscaped(): boolean {
		const columns = this.columns as Int32Array;
		return READ_FIELDS.some((field) => columns[field] >= 0 && this.escaped[columns[field]] === 1);
	}

	/**
	 * Appends the row from its bytes when every field it reads is in a plain form; false (nothing changed but caches)
	 * when it needs the slow path. Everything is checked before anything is appended or counted.
	 */
	private fastRow(data: Uint8Array): boolean {
		const columns = this.columns as Int32Array;
		const starts = this.starts;
		const ends = this.ends;

		let column = columns[FIELD.type];
		const type = this.typeCode(data, starts[column], ends[column]);
		if (type === SLOW) return false;
		if (type === SKIP) return true;

		column = columns[FIELD.contactId];
		const contactStart = starts[column];
		const contactEnd = ends[column];
		if (contactStart === contactEnd) return false;
		const contactHash = hashBytes(data, contactStart, contactEnd);
		const contactEntry = this.contacts.find(data, contactStart, contactEnd, contactHash);
		let contactId = '';
		if (contactEntry < 0) {
			contactId = this.decode(data, contactStart, contactEnd).trim();
			if (contactId === '') return false;
			if (this.normalizer.mapping.lowercaseContactId === true) contactId = contactId.toLowerCase();
		}

		column = columns[FIELD.timestamp];
		const time = this.timestamp(data, starts[column], ends[column]);
		if (time !== time) return false;

		let kind: number = KIND.broadcast;
		column = columns[FIELD.campaignKind];
		if (column >= 0 && starts[column] < ends[column]) {
			kind = this.kindCode(data, starts[column], ends[column]);
			if (kind === SLOW) return false;
		}

		let flags = 0;
		column = columns[FIELD.machine];
		if (column >= 0) {
			const flag = flagOf(data, starts[column], ends[column]);
			if (flag === SLOW) return false;
			if (flag === 1) flags |= ROW_FLAG.machine;
		}
		column = columns[FIELD.tracked];
		if (column >= 0) {
			const flag = flagOf(data, starts[column], ends[column]);
			if (flag === SLOW) return false;
			if (flag === 0) flags |= ROW_FLAG.untracked;
		}

		let value = NaN;
		column = columns[FIELD.value];
		if (column >= 0 && starts[column] < ends[column]) {
			value = this.number(data, starts[column], ends[column]);
			if (value !== value) return false;
		}

		// campaignId: interned as the mapping trims it (blank: none)
		let campaign = -1;
		let campaignId = '';
		let campaignHash = 0;
		column = columns[FIELD.campaignId];
		const campaignStart = column >= 0 ? starts[column] : 0;
		const campaignEnd = column >= 0 ? ends[column] : 0;
		if (campaignStart < campaignEnd) {
			campaignHash = quickHashBytes(data, campaignStart, campaignEnd);
			const entry = this.campaigns.find(data, campaignStart, campaignEnd, campaignHash);
			if (entry >= 0) campaign = this.campaigns.value(entry);
			else {
				campaignId = this.decode(data, campaignStart, campaignEnd).trim();
				if (campaignId === '')
					this.campaigns.add(data, campaignStart, campaignEnd, campaignHash, -1);
				else campaign = NEW_ID;
			}
		}

		// eventId: its bytes are the key when they are plain ASCII with nothing to trim; else the trimmed string's
		column = columns[FIELD.eventId];
		const idStart = column >= 0 ? starts[column] : 0;
		const idEnd = column >= 0 ? ends[column] : 0;
		const builder = this.builder;
		const dropped = builder.drops(flags, type);
		if (idStart === idEnd || isPlainAscii(data, idStart, idEnd)) {
			builder.addEventId(data, idStart, idEnd, dropped);
		} else {
			const eventId = this.decode(data, idStart, idEnd).trim();
			builder.addEventIdString(eventId === '' ? undefined : eventId, dropped);
		}
		const keepFields = this.options.keepFields;
		if (keepFields !== undefined) this.data = data;
		if (dropped) {
			if (keepFields !== undefined) {
				const id =
					contactEntry >= 0 ? builder.contactIdOf(this.contacts.value(contactEntry)) : contactId;
				keepFields.offer(id, time, this.keptValue);
			}
			return true;
		}
		let contact: number;
		if (contactEntry >= 0) contact = this.contacts.value(contactEntry);
		else {
			contact = builder.contactOf(contactId);
			this.contacts.add(data, contactStart, contactEnd, contactHash, contact);
		}
		if (campaign === NEW_ID) {
			campaign = builder.campaignOf(campaignId);
			this.campaigns.add(data, campaignStart, campaignEnd, campaignHash, campaign);
		}
		builder.push(contact, type, time, campaign, kind, flags, value);
		if (keepFields !== undefined)
			keepFields.offerAt(this.keptSlot(keepFields, contact), time, this.keptValue);
		return true;
	}

	/** The `keepFields` slot of a contact index, looked up by its id once. */
	private keptSlot(keepFields: LatestContactFields, contact: number): number {
		if (contact >= this.keptSlots.length) this.keptSlots = grown(this.keptSlots, contact + 1);
		let slot = this.keptSlots[contact] - 1;
		if (slot < 0) {
			slot = keepFields.slotOf(this.builder.contactIdOf(contact));
			this.keptSlots[contact] = slot + 1;
		}
		return slot;
	}

	/** The type code of the field's text per the mapping (cached by its bytes); SKIP: mapped to null; SLOW: unknown. */
	private typeCode(data: Uint8Array, start: number, end: number): number {
		return this.cachedCode(this.types, data, start, end, this.typeOfText);
	}

	/** The campaign-kind code of the field's (non-empty) text per the mapping, cached by its bytes; SLOW: unknown. */
	private kindCode(data: Uint8Array, start: number, end: number): number {
		return this.cachedCode(this.kinds, data, start, end, this.kindOfText);
	}

	/** The text of the current record's field for `keepFields`' name at `position` (undefined: no such column). */
	private readonly keptValue = (position: number): string | undefined => {
		const column = this.parser.keptFieldColumns[position];
		return column < 0 || column >= this.fieldCount ? undefined : this.fieldText(this.data, column);
	};

	private readonly typeOfText = (text: string): number => {
		const type = this.normalizer.eventType(text);
		if (type === undefined) return this.normalizer.mapping.unknownTypes === 'skip' ? SKIP : SLOW;
		return type === null ? SKIP : (EVENT_TYPE_CODE.get(type) as number);
	};

	private readonly kindOfText = (text: string): number => {
		const kind = this.normalizer.campaignKind(text);
		return kind === undefined ? SLOW : (CAMPAIGN_KIND_CODE.get(kind) as number);
	};

	/** `codeOf` the field's text, cached in `cache` by the field's bytes (fields of a few distinct values). */
	private cachedCode(
		cache: ByteKeyMap,
		data: Uint8Array,
		start: number,
		end: number,
		codeOf: (text: string) => number,
	): number {
		const hash = quickHashBytes(data, start, end);
		const entry = cache.find(data, start, end, hash);
		if (entry >= 0) return cache.value(entry);
		const code = codeOf(this.decode(data, start, end));
		cache.add(data, start, end, hash, code);
		return code;
	}

	/** Epoch ms as the mapping reads the field's text (`EventNormalizer.timestampOf`); NaN: the slow path. */
	private timestamp(data: Uint8Array, start: number, end: number): number {
		if (start === end) return NaN;
		const normalizer = this.normalizer;
		if (normalizer.timestampFormat === undefined) {
			const unit = normalizer.mapping.timestampUnit;
			if (unit === 'spreadsheetDays') {
				const days = decimalValue(data, start, end);
				if (days >= 0) return numericTimestampToMillis(days, unit, normalizer.zone);
			} else if (end - start <= MAX_DIGITS) {
				// Epoch digits (up to 15) read here, not by a call that V8 might not inline: a 13-digit number returned
				// from a call is a new heap number per row.
				let digits = 0;
				let at = start;
				for (; at < end; at++) {
					const digit = data[at] - 48;
					if (digit < 0 || digit > 9) break;
					digits = digits * 10 + digit;
				}
				if (at === end) return numericTimestampToMillis(digits, unit);
			}
			const iso = isoBytesToMillis(data, start, end, normalizer.zone);
			if (iso === iso) return iso;
		}
		const millis = normalizer.timestampOf(this.decode(data, start, end));
		return Number.isFinite(millis) ? millis : NaN;
	}

	/** The field as the mapping reads `value` (`Number` of the text), or NaN when that is not finite. */
	private number(data: Uint8Array, start: number, end: number): number {
		const decimal = decimalValue(data, start, end);
		if (decimal >= 0) return decimal;
		const value = Number(this.decode(data, start, end));
		return Number.isFinite(value) ? value : NaN;
	}

	private decode(data: Uint8Array, start: number, end: number): string {
		return this.decoder.decode(data.subarray(start, end));
	}

	/** Every field of the record as the text reader gives it (doubled quotes undone). */
	private strings(data: Uint8Array, count: number): string[] {
		const fields = new Array<string>(count);
		for (let i = 0; i < count; i++) fields[i] = this.fieldText(data, i);
		return fields;
	}

	/** The text of the record's field `i` (doubled quotes undone). */
	private fieldText(data: Uint8Array, i: number): string {
		const text = this.decode(data, this.starts[i], this.ends[i]);
		return this.escaped[i] === 1 ? text.replaceAll('""', '"') : text;
	}

	/** The UTF-16 code unit the text reader would name at `position`; undefined when its bytes are still to come. */
	private characterAt(data: Uint8Array, position: number, final: boolean): string | undefined {
		const lead = data[position];
		const size = lead < 0xc0 ? 1 : lead < 0xe0 ? 2 : lead < 0xf0 ? 3 : 4;
		if (position + size > data.length && !final) return undefined;
		return this.decode(data, position, Math.min(position + size, data.length))[0];
	}

	private growFields(): void {
		const starts = new Int32Array(this.starts.length * 2);
		const ends = new Int32Array(this.ends.length * 2);
		const escaped = new Uint8Array(this.escaped.length * 2);
		starts.set(this.starts);
		ends.set(this.ends);
		escaped.set(this.escaped);
		this.starts = starts;
		this.ends = ends;
		this.escaped = escaped;
	}
}

/** Bytes of a leading UTF-8 byte-order mark (0 or 3); -1 when `data` could still become one. */
export function byteOrderMark(data: Uint8Array, final: boolean): number {
	const mark = [0xef, 0xbb, 0xbf];
	for (let i = 0; i < 3; i++) {
		if (i === data.length) return final || i === 0 ? 0 : -1;
		if (data[i] !== mark[i]) return 0;
	}
	return 3;
}

/** Position after the line break at `position` (or the data's end); -1 when a CR ends non-final data. */
function lineEnd(data: Uint8Array, position: number, final: boolean): number {
	if (position >= data.length) return final ? data.length : -1;
	if (data[position] === LF) return position + 1;
	if (position + 1 < data.length) return data[position + 1] === LF ? position + 2 : position + 1;
	return final ? position + 1 : -1;
}

/** Exact powers of ten, as literals (`10 ** n` need not be exact). */
const POWERS_OF_TEN = [
	1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
];

/**
 * The value of 1–15 ASCII digits with at most one `.` between two of them (`49.99`), or -1 for anything else. It is
 * what `Number` gives for the text: the digits as an integer and the power of ten are both exact, so their quotient
 * is rounded once, to the double nearest to the decimal — as `Number` rounds.
 */
function decimalValue(data: Uint8Array, start: number, end: number): number {
	const length = end - start;
	if (length === 0 || length > MAX_DIGITS + 1) return -1;
	let value = 0;
	let point = -1;
	for (let at = start; at < end; at++) {
		const digit = data[at] - 48;
		if (digit >= 0 && digit <= 9) value = value * 10 + digit;
		else if (digit === -2 && point < 0 && at > start && at < end - 1) point = at;
		else return -1;
	}
	if (point < 0) return length > MAX_DIGITS ? -1 : value;
	return value / POWERS_OF_TEN[end - 1 - point];
}

/** `machine` / `tracked` as written by machines: empty → absent (-1), `true` → 1, `false` → 0; else SLOW. */
function flagOf(data: Uint8Array, start: number, end: number): number {
	const length = end - start;
	if (length === 0) return -1;
	if (
		length === 4 &&
		data[start] === 116 &&
		data[start + 1] === 114 &&
		data[start + 2] === 117 &&
		data[start + 3] === 101
	)
		return 1;
	if (
		length === 5 &&
		data[start] === 102 &&
		data[start + 1] === 97 &&
		data[start + 2] === 108 &&
		data[start + 3] === 115 &&
		data[start + 4] === 101
	)
		return 0;
	return SLOW;
}

/** ASCII without a control character or space at either end (nothing for `trim` to take away). */
function isPlainAscii(data: Uint8Array, start: number, end: number): boolean {
	if (data[start] <= 32 || data[end - 1] <= 32) return false;
	for (let at = start; at < end; at++) if (data[at] >= 0x80) return false;
	return true;
}
