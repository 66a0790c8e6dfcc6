/**
 * WebAssembly core of `CsvColumnsParser` (lib/events/csvColumns.ts): reads the plain rows of CSV event bytes, the
 * rows its `fastRow` reads, into output columns, and stops at the first record it cannot read so that the JavaScript
 * reader reads that one. Built with AssemblyScript by `npm run build:wasm` into lib/events/csvRowsModule.ts.
 *
 * A row is read here when no quote is doubled inside a quoted field of its record (a closing quote is followed by a
 * delimiter or a line break) and the record ends in LF, CRLF or CR (or the data); it has a field for
 * every column the columns hold; its type, campaign kind and campaign id bytes are in this module's tables (filled by
 * the JavaScript reader with the answers of the mapping it computed for the same bytes); its contact id bytes are in
 * the contact table or, when new here, plain ASCII with nothing to trim (then interned as the next contact index);
 * its timestamp is 1–15 epoch digits or ISO-8601 in the machine form (with `Z` or an offset, or none: in UTC, or in the
 * zone by the offsets of days JavaScript taught, `zoneDay`, away from a change of offset); machine and tracked are empty, `true` or `false`; its value is empty or 1–15
 * digits with at most one `.`; its eventId is empty or plain ASCII. Anything else: the record goes to JavaScript.
 * Numbers are computed as the JavaScript reader computes them (the same double operations), hashes of eventIds as
 * `hashBytes` (lib/events/byteKeyMap.ts).
 */

const QUOTE: u8 = 34;
const LF: u8 = 10;
const CR: u8 = 13;
const SKIP: i32 = -1;
const SLOW: i32 = -2;
const MAX_DIGITS: i32 = 15;
const MAX_COLUMNS: i32 = 64;
const LINE_FEEDS = i8x16.splat(10);
const RETURNS = i8x16.splat(13);
const QUOTES = i8x16.splat(34);

/** Rows (and new contacts) one call can output. */
export const CAPACITY: i32 = 4096;

/** `readRows` results: no complete record left; the record at `stop` needs JavaScript; the output is full. */
export const END: i32 = 0;
export const BAIL: i32 = 1;
export const FULL: i32 = 2;

// Settings (`configure`).
let delimiter: u8 = 44;
let delimiters = i8x16.splat(44);
/** 0: by magnitude, 1: seconds, 2: milliseconds. */
let unit: i32 = 0;
let excludeMachine = true;
let internsContacts = true;
/** Whether a time without an offset is UTC (the mapping's zone is UTC); else it is read with `zoneDay`'s offsets. */
let localIsUtc = false;
let broadcastKind: i32 = 0;
let machineFlag: u8 = 1;
let untrackedFlag: u8 = 2;
let contactColumn: i32 = 0;
let typeColumn: i32 = 0;
let timeColumn: i32 = 0;
let campaignColumn: i32 = -1;
let kindColumn: i32 = -1;
let eventIdColumn: i32 = -1;
let machineColumn: i32 = -1;
let valueColumn: i32 = -1;
let trackedColumn: i32 = -1;
let lastColumn: i32 = 0;

/** Per column up to lastColumn, the current record's field bounds. */
const fieldStarts = heap.alloc(MAX_COLUMNS << 2);
const fieldEnds = heap.alloc(MAX_COLUMNS << 2);

let input: usize = 0;
let inputCapacity: i32 = 0;

export const outContact = heap.alloc(CAPACITY << 2);
export const outTime = heap.alloc(CAPACITY << 3);
export const outValue = heap.alloc(CAPACITY << 3);
export const outCampaign = heap.alloc(CAPACITY << 2);
export const outType = heap.alloc(CAPACITY);
export const outKind = heap.alloc(CAPACITY);
export const outFlags = heap.alloc(CAPACITY);
export const outIdHash = heap.alloc(CAPACITY << 2);
export const outIdStart = heap.alloc(CAPACITY << 2);
export const outIdEnd = heap.alloc(CAPACITY << 2);
/** Per contact interned by the last call: its id's bounds in the input and its slot in the contact table. */
export const newStart = heap.alloc(CAPACITY << 2);
export const newEnd = heap.alloc(CAPACITY << 2);
export const newSlot = heap.alloc(CAPACITY << 2);

/** After `readRows`: where it stopped, the rows output, the records read (skipped types too), contacts interned. */
export let stop: i32 = 0;
export let rows: i32 = 0;
export let records: i32 = 0;
export let newContacts: i32 = 0;

/** Open addressing over byte keys copied into an arena: per slot hash, key start + 1 (0: empty), length, value. */
class ByteMap {
	slots: usize;
	mask: u32;
	count: u32 = 0;
	arena: usize;
	arenaLength: u32 = 0;
	arenaCapacity: u32;

	constructor(capacity: u32) {
		this.slots = heap.alloc(capacity << 4);
		memory.fill(this.slots, 0, capacity << 4);
		this.mask = capacity - 1;
		this.arenaCapacity = capacity << 3;
		this.arena = heap.alloc(this.arenaCapacity);
	}

	/** The slot of the key `input[start, end)`, or -1. */
	@inline
	find(start: i32, end: i32, hash: u32): i32 {
		const length = <u32>(end - start);
		const key = input + <usize>start;
		let slot = hash & this.mask;
		while (true) {
			const at = this.slots + (<usize>slot << 4);
			const keyStart = load<u32>(at, 4);
			if (keyStart == 0) return -1;
			if (load<u32>(at) == hash && load<u32>(at, 8) == length) {
				if (sameBytes(this.arena + <usize>(keyStart - 1), key, length)) return <i32>slot;
			}
			slot = (slot + 1) & this.mask;
		}
	}

	@inline
	value(slot: i32): i32 {
		return load<i32>(this.slots + (<usize>slot << 4), 12);
	}

	@inline
	setValue(slot: i32, value: i32): void {
		store<i32>(this.slots + (<usize>slot << 4), value, 12);
	}

	/** Adds a key `find` did not find; returns its slot. */
	add(start: i32, end: i32, hash: u32, value: i32): i32 {
		const length = <u32>(end - start);
		if (this.arenaLength + length > this.arenaCapacity) {
			let capacity = this.arenaCapacity << 1;
			while (this.arenaLength + length > capacity) capacity <<= 1;
			const arena = heap.alloc(capacity);
			memory.copy(arena, this.arena, this.arenaLength);
			heap.free(this.arena);
			this.arena = arena;
			this.arenaCapacity = capacity;
		}
		memory.copy(this.arena + <usize>this.arenaLength, input + <usize>start, length);
		const keyStart = this.arenaLength + 1;
		this.arenaLength += length;
		this.count++;
		if (this.count << 1 > this.mask + 1) this.rehash();
		return this.place(hash, keyStart, length, value);
	}

	private place(hash: u32, keyStart: u32, length: u32, value: i32): i32 {
		let slot = hash & this.mask;
		while (load<u32>(this.slots + (<usize>slot << 4), 4) != 0) slot = (slot + 1) & this.mask;
		const at = this.slots + (<usize>slot << 4);
		store<u32>(at, hash);
		store<u32>(at, keyStart, 4);
		store<u32>(at, length, 8);
		store<i32>(at, value, 12);
		return <i32>slot;
	}

	private rehash(): void {
		const old = this.slots;
		const oldCapacity = this.mask + 1;
		const capacity = oldCapacity << 1;
		this.slots = heap.alloc(capacity << 4);
		memory.fill(this.slots, 0, capacity << 4);
		this.mask = capacity - 1;
		for (let slot: u32 = 0; slot < oldCapacity; slot++) {
			const at = old + (<usize>slot << 4);
			const keyStart = load<u32>(at, 4);
			if (keyStart != 0) this.place(load<u32>(at), keyStart, load<u32>(at, 8), load<i32>(at, 12));
		}
		heap.free(old);
	}
}

const types = new ByteMap(16);
const kinds = new ByteMap(16);
const campaigns = new ByteMap(64);
const contacts = new ByteMap(1 << 12);

/** The map of a table number (`register`): 0 types, 1 kinds, 2 campaigns, 3 contacts. */
function tableOf(table: i32): ByteMap {
	return table == 0 ? types : table == 1 ? kinds : table == 2 ? campaigns : contacts;
}

@inline
function sameBytes(a: usize, b: usize, length: u32): bool {
	let k: u32 = 0;
	for (; k + 8 <= length; k += 8) if (load<u64>(a + k) != load<u64>(b + k)) return false;
	for (; k < length; k++) if (load<u8>(a + k) != load<u8>(b + k)) return false;
	return true;
}

/** `hashBytes` of lib/events/byteKeyMap.ts: FNV-1a over 4-byte little-endian words, then the tail, then a mixer. */
@inline
function hashBytes(start: i32, end: i32): u32 {
	let hash: u32 = 0x811c9dc5 ^ <u32>(end - start);
	let at = input + <usize>start;
	const last = input + <usize>end;
	for (; at + 4 <= last; at += 4) hash = (hash ^ load<u32>(at)) * 16777619;
	for (; at < last; at++) hash = (hash ^ <u32>load<u8>(at)) * 16777619;
	hash ^= hash >>> 16;
	hash *= 0x85ebca6b;
	hash ^= hash >>> 13;
	return hash;
}

/**
 * For the tables of a few short values (types, kinds, campaigns): the length and three bytes, mixed by one
 * multiplication (as `quickHashBytes` in lib/events/byteKeyMap.ts); collisions only cost a byte comparison.
 */
@inline
function quickHash(start: i32, end: i32): u32 {
	const length = end - start;
	if (length == 0) return 0;
	const at = input + <usize>start;
	let hash =
		(<u32>length ^ (<u32>load<u8>(at) << 8) ^ (<u32>load<u8>(at + <usize>(length - 1)) << 16) ^ (<u32>load<u8>(at + <usize>(length >> 1)) << 24)) *
		0x9e3779b1;
	return hash ^ (hash >>> 15);
}

/** ASCII without a control character or space at either end (nothing to trim, nothing to decode). */
@inline
function isPlainAscii(start: i32, end: i32): bool {
	if (load<u8>(input + <usize>start) <= 32 || load<u8>(input + <usize>(end - 1)) <= 32) return false;
	for (let at = input + <usize>start; at < input + <usize>end; at++) if (load<u8>(at) >= 0x80) return false;
	return true;
}

/** `flagOf`: empty → -1, `true` → 1, `false` → 0, else SLOW. */
@inline
function flagOf(start: i32, end: i32): i32 {
	const length = end - start;
	if (length == 0) return -1;
	const at = input + <usize>start;
	if (length == 4 && load<u32>(at) == 0x65757274) return 1; // "true"
	if (length == 5 && load<u32>(at) == 0x736c6166 && load<u8>(at, 4) == 101) return 0; // "false"
	return SLOW;
}

/** `decimalValue`: 1–15 digits with at most one `.` between two of them, or -1. */
function decimalValue(start: i32, end: i32): f64 {
	const length = end - start;
	if (length == 0 || length > MAX_DIGITS + 1) return -1;
	let value: f64 = 0;
	let point = -1;
	for (let at = start; at < end; at++) {
		const digit = <i32>load<u8>(input + <usize>at) - 48;
		if (digit >= 0 && digit <= 9) value = value * 10 + <f64>digit;
		else if (digit == -2 && point < 0 && at > start && at < end - 1) point = at;
		else return -1;
	}
	if (point < 0) return length > MAX_DIGITS ? -1 : value;
	return value / POWERS_OF_TEN[end - 1 - point];
}

const POWERS_OF_TEN: StaticArray<f64> = [
	1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
];

/** The timestamp of a field: 1–15 epoch digits, or ISO-8601 in its machine form; NaN for anything else. */
@inline
function timestamp(start: i32, end: i32): f64 {
	if (start == end) return NaN;
	const first = load<u8>(input + <usize>start);
	if (end - start <= MAX_DIGITS && first >= 48 && first <= 57) {
		const millis = epochMillis(start, end);
		if (!isNaN(millis)) return millis;
	}
	return isoMillis(start, end);
}

/** `numericTimestampToMillis` of 1–15 epoch digits, or NaN. */
function epochMillis(start: i32, end: i32): f64 {
	let digits: f64 = 0;
	for (let at = start; at < end; at++) {
		const digit = <i32>load<u8>(input + <usize>at) - 48;
		if (digit < 0 || digit > 9) return NaN;
		digits = digits * 10 + <f64>digit;
	}
	if (unit == 1) return digits * 1000;
	if (unit == 2) return digits;
	if (digits < 1e11) return digits * 1000;
	if (digits < 1e14) return digits;
	return digits / 1000;
}

/** The value of `count` ASCII digits at `at`, or -1. */
@inline
function digitsAt(at: i32, count: i32): i32 {
	let value = 0;
	for (let i = at; i < at + count; i++) {
		const digit = <i32>load<u8>(input + <usize>i) - 48;
		if (digit < 0 || digit > 9) return -1;
		value = value * 10 + digit;
	}
	return value;
}

/** Days from 1970-01-01 to a date of the proleptic Gregorian calendar (what `Date.UTC` counts). */
function daysFromCivil(year: i32, month: i32, day: i32): i64 {
	const y = <i64>(month <= 2 ? year - 1 : year);
	const era = (y >= 0 ? y : y - 399) / 400;
	const yearOfEra = y - era * 400;
	const dayOfYear = (153 * <i64>(month > 2 ? month - 3 : month + 9) + 2) / 5 + <i64>day - 1;
	const dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear;
	return era * 146097 + dayOfEra - 719468;
}

@inline
function daysInMonth(year: i32, month: i32): i32 {
	if (month == 2) return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28;
	return month == 4 || month == 6 || month == 9 || month == 11 ? 30 : 31;
}

/**
 * `isoBytesToMillis` (lib/events/isoBytes.ts): `YYYY-MM-DD[T ]HH:MM[:SS[.fff…]](Z|±HH:MM|±HHMM)`, or without an offset
 * (in UTC, or `wallClockInstant`); NaN for anything else. The fraction is summed as there.
 */
function isoMillis(start: i32, end: i32): f64 {
	const length = end - start;
	const at = input + <usize>start;
	if (length < 16 || load<u8>(at, 4) != 45 || load<u8>(at, 7) != 45) return NaN;
	const separator = load<u8>(at, 10);
	if ((separator != 84 && separator != 32) || load<u8>(at, 13) != 58) return NaN;
	const year = digitsAt(start, 4);
	const month = digitsAt(start + 5, 2);
	const day = digitsAt(start + 8, 2);
	const hour = digitsAt(start + 11, 2);
	const minute = digitsAt(start + 14, 2);
	if (year < 0 || month < 1 || month > 12 || day < 1 || hour < 0 || hour > 23 || minute < 0 || minute > 59) {
		return NaN;
	}
	if (day > daysInMonth(year, month)) return NaN;
	let position = start + 16;
	let second = 0;
	let millis: f64 = 0;
	if (position < end && load<u8>(input + <usize>position) == 58) {
		second = position + 3 <= end ? digitsAt(position + 1, 2) : -1;
		if (second < 0 || second > 59) return NaN;
		position += 3;
		if (position < end && load<u8>(input + <usize>position) == 46) {
			position++;
			let scale: f64 = 100;
			const fractionStart = position;
			while (position < end) {
				const digit = <i32>load<u8>(input + <usize>position) - 48;
				if (digit < 0 || digit > 9) break;
				millis += <f64>digit * scale;
				scale /= 10;
				position++;
			}
			if (position == fractionStart) return NaN;
			millis = Math.floor(millis);
		}
	}
	let offsetMinutes = 0;
	const local = position == end;
	if (!local) {
		const sign = load<u8>(input + <usize>position);
		if ((sign == 90 || sign == 122) && position == end - 1) offsetMinutes = 0;
		else if (sign == 43 || sign == 45) {
			const offsetHours = position + 3 <= end ? digitsAt(position + 1, 2) : -1;
			const colon = position + 3 < end && load<u8>(input + <usize>(position + 3)) == 58 ? 1 : 0;
			const offsetMins = position + 5 + colon <= end ? digitsAt(position + 3 + colon, 2) : -1;
			if (offsetHours < 0 || offsetMins < 0 || position + 5 + colon != end) return NaN;
			offsetMinutes = (offsetHours * 60 + offsetMins) * (sign == 45 ? -1 : 1);
		} else return NaN;
	}
	const utc =
		<f64>daysFromCivil(year, month, day) * 86400000 +
		<f64>(hour * 3600000 + minute * 60000 + second * 1000) +
		millis;
	if (local && !localIsUtc) return wallClockInstant(utc);
	return utc - <f64>offsetMinutes * 60000;
}

/** How far a wall-clock time can be from its instant, plus a margin (as `instantOfWallClock`): 16 hours. */
const REACH: f64 = 16 * 3600000;
/** A day's entry in `dayOffsets` when the zone's offset changes that day. */
const CHANGES: i32 = 0x7fffffff;
/** After a record left to JavaScript for want of a day's offset: that day; else i32's minimum. */
export let missingDay: i32 = i32.MIN_VALUE;
/** UTC day → the zone's offset in minutes that whole day, or CHANGES (`zoneOffsetMinutes`' cache, taught by JS). */
const dayOffsets = new Map<i32, i32>();

/**
 * `instantOfWallClock` (lib/zoneOffset.ts) of a wall-clock time whose offsets 16 hours either side are those of days
 * without a change and agree (every time but those near a change); NaN otherwise, `missingDay` naming a day not
 * taught yet.
 */
function wallClockInstant(wallClock: f64): f64 {
	const dayBefore = <i32>Math.floor((wallClock - REACH) / 86400000);
	const dayAfter = <i32>Math.floor((wallClock + REACH) / 86400000);
	if (!dayOffsets.has(dayBefore)) {
		missingDay = dayBefore;
		return NaN;
	}
	if (!dayOffsets.has(dayAfter)) {
		missingDay = dayAfter;
		return NaN;
	}
	const before = dayOffsets.get(dayBefore);
	if (before == CHANGES || before != dayOffsets.get(dayAfter)) return NaN;
	return wallClock - <f64>before * 60000;
}

/** Teaches the zone's offset on a UTC day (CHANGES: it changes that day). */
export function zoneDay(day: i32, offsetMinutes: i32): void {
	dayOffsets.set(day, offsetMinutes);
}

/** The column numbers of the fields (-1: not in the file) and how to read them. */
export function configure(
	delimiterByte: u8,
	timestampUnit: i32,
	excludeMachineEvents: bool,
	internContacts: bool,
	timesWithoutOffsetAreUtc: bool,
	broadcast: i32,
	machine: u8,
	untracked: u8,
	contact: i32,
	type: i32,
	time: i32,
	campaign: i32,
	kind: i32,
	eventId: i32,
	machineFlagColumn: i32,
	value: i32,
	tracked: i32,
): void {
	delimiter = delimiterByte;
	delimiters = i8x16.splat(<i8>delimiterByte);
	unit = timestampUnit;
	excludeMachine = excludeMachineEvents;
	internsContacts = internContacts;
	localIsUtc = timesWithoutOffsetAreUtc;
	broadcastKind = broadcast;
	machineFlag = machine;
	untrackedFlag = untracked;
	contactColumn = contact;
	typeColumn = type;
	timeColumn = time;
	campaignColumn = campaign;
	kindColumn = kind;
	eventIdColumn = eventId;
	machineColumn = machineFlagColumn;
	valueColumn = value;
	trackedColumn = tracked;
	lastColumn = max(max(max(contact, type), max(time, campaign)), max(max(kind, eventId), max(machineFlagColumn, max(value, tracked))));
}

/** Room for `length` input bytes, the first `keep` of the present input kept; returns where the input starts. */
export function reserveInput(length: i32, keep: i32): usize {
	if (length > inputCapacity) {
		let capacity = max(inputCapacity << 1, 1 << 16);
		while (capacity < length) capacity <<= 1;
		const bigger = heap.alloc(<usize>capacity);
		if (keep > 0) memory.copy(bigger, input, <usize>keep);
		if (input != 0) heap.free(input);
		input = bigger;
		inputCapacity = capacity;
	}
	return input;
}

/** Adds the key `input[start, end)` with `value` to a table (0 types, 1 kinds, 2 campaigns, 3 contacts) unless there. */
export function register(table: i32, start: i32, end: i32, value: i32): void {
	const map = tableOf(table);
	const hash = map == contacts ? hashBytes(start, end) : quickHash(start, end);
	if (map.find(start, end, hash) < 0) map.add(start, end, hash, value);
}

/** Gives a contact interned by the last call (its `newSlot`) the index JavaScript interned its id as. */
export function setContact(slot: i32, index: i32): void {
	contacts.setValue(slot, index);
}

/**
 * Reads records of `input[start, end)` (`final`: the data ends there) until one needs JavaScript (BAIL, `stop` at its
 * start), the output is full (FULL) or no complete record is left (END, `stop` at the incomplete one or `end`).
 * New contacts get the indices `nextContact`, `nextContact + 1`, ….
 */
export function readRows(start: i32, end: i32, final: bool, nextContact: i32): i32 {
	missingDay = i32.MIN_VALUE;
	rows = 0;
	records = 0;
	newContacts = 0;
	let position = start;
	while (true) {
		stop = position;
		if (position >= end) return END;
		if (rows == CAPACITY) return FULL;
		// the record's fields: bounds of those up to lastColumn (a quoted field's without its quotes)
		let count = 0;
		let next = position;
		while (true) {
			let fieldStart = next;
			let fieldEnd: i32;
			let byte: u8 = 0;
			if (next < end && load<u8>(input + <usize>next) == QUOTE) {
				// a doubled quote inside, or anything but a delimiter or line break after it: JavaScript
				const closing = firstOf(QUOTES, QUOTE, next + 1, end);
				if (closing == end || (closing + 1 == end && !final)) return final ? BAIL : END;
				fieldStart = next + 1;
				fieldEnd = closing;
				next = closing + 1;
				if (next < end) {
					byte = load<u8>(input + <usize>next);
					if (byte != delimiter && byte != LF && byte != CR) return BAIL;
				}
			} else {
				fieldEnd = fieldEndFrom(next, end);
				if (fieldEnd == end && !final) return END;
				if (fieldEnd < end) byte = load<u8>(input + <usize>fieldEnd);
				next = fieldEnd;
			}
			if (count <= lastColumn) {
				store<i32>(fieldStarts + (<usize>count << 2), fieldStart);
				store<i32>(fieldEnds + (<usize>count << 2), fieldEnd);
			}
			count++;
			// `next` is at the byte after the field
			if (next == end) break;
			if (byte == delimiter) {
				next++;
				continue;
			}
			if (byte == LF) next++;
			else if (next + 1 < end) next = load<u8>(input + <usize>(next + 1)) == LF ? next + 2 : next + 1;
			else if (final) next++;
			else return END;
			break;
		}
		if (count == 1 && load<i32>(fieldStarts) == load<i32>(fieldEnds) && load<u8>(input + <usize>position) != QUOTE) {
			position = next;
			continue;
		}
		if (count <= lastColumn || !readRow(nextContact)) return BAIL;
		records++;
		position = next;
	}
}

/** Where the unquoted field from `start` ends: its first delimiter, LF or CR, 16 bytes at a time; `end` if none. */
@inline
function fieldEndFrom(start: i32, end: i32): i32 {
	let at = start;
	while (at + 16 <= end) {
		const bytes = v128.load(input + <usize>at);
		const stops = i8x16.bitmask(
			v128.or(v128.or(i8x16.eq(bytes, delimiters), i8x16.eq(bytes, LINE_FEEDS)), i8x16.eq(bytes, RETURNS)),
		);
		if (stops != 0) return at + ctz(stops);
		at += 16;
	}
	while (at < end) {
		const byte = load<u8>(input + <usize>at);
		if (byte == delimiter || byte == LF || byte == CR) return at;
		at++;
	}
	return end;
}

/** The first `byte` (its 16 copies: `bytes`) from `start`, or `end`. */
@inline
function firstOf(bytes: v128, byte: u8, start: i32, end: i32): i32 {
	let at = start;
	while (at + 16 <= end) {
		const found = i8x16.bitmask(i8x16.eq(v128.load(input + <usize>at), bytes));
		if (found != 0) return at + ctz(found);
		at += 16;
	}
	while (at < end && load<u8>(input + <usize>at) != byte) at++;
	return at;
}

@inline
function startOf(column: i32): i32 {
	return load<i32>(fieldStarts + (<usize>column << 2));
}

@inline
function endOf(column: i32): i32 {
	return load<i32>(fieldEnds + (<usize>column << 2));
}

/** Outputs the current record's row (or skips it, its type mapped to be skipped); false: it needs JavaScript. */
function readRow(nextContact: i32): bool {
	let start = startOf(typeColumn);
	let end = endOf(typeColumn);
	let slot = types.find(start, end, quickHash(start, end));
	if (slot < 0) return false;
	const type = types.value(slot);
	if (type == SLOW) return false;
	if (type == SKIP) return true;

	const contactStart = startOf(contactColumn);
	const contactEnd = endOf(contactColumn);
	if (contactStart == contactEnd) return false;
	const contactHash = hashBytes(contactStart, contactEnd);
	const contactSlot = contacts.find(contactStart, contactEnd, contactHash);
	if (contactSlot < 0 && !(internsContacts && isPlainAscii(contactStart, contactEnd))) return false;

	const time = timestamp(startOf(timeColumn), endOf(timeColumn));
	if (isNaN(time)) return false;

	let kind = broadcastKind;
	if (kindColumn >= 0) {
		start = startOf(kindColumn);
		end = endOf(kindColumn);
		if (start < end) {
			slot = kinds.find(start, end, quickHash(start, end));
			if (slot < 0) return false;
			kind = kinds.value(slot);
			if (kind == SLOW) return false;
		}
	}

	let flags: u8 = 0;
	if (machineColumn >= 0) {
		const flag = flagOf(startOf(machineColumn), endOf(machineColumn));
		if (flag == SLOW) return false;
		if (flag == 1) flags |= machineFlag;
	}
	if (trackedColumn >= 0) {
		const flag = flagOf(startOf(trackedColumn), endOf(trackedColumn));
		if (flag == SLOW) return false;
		if (flag == 0) flags |= untrackedFlag;
	}

	let value: f64 = NaN;
	if (valueColumn >= 0) {
		start = startOf(valueColumn);
		end = endOf(valueColumn);
		if (start < end) {
			value = decimalValue(start, end);
			if (value < 0) return false;
		}
	}

	let campaign = -1;
	if (campaignColumn >= 0) {
		start = startOf(campaignColumn);
		end = endOf(campaignColumn);
		if (start < end) {
			slot = campaigns.find(start, end, quickHash(start, end));
			if (slot < 0) return false;
			campaign = campaigns.value(slot);
		}
	}

	let idStart = 0;
	let idEnd = 0;
	let idHash: u32 = 0;
	if (eventIdColumn >= 0) {
		idStart = startOf(eventIdColumn);
		idEnd = endOf(eventIdColumn);
		if (idStart < idEnd) {
			if (!isPlainAscii(idStart, idEnd)) return false;
			idHash = hashBytes(idStart, idEnd);
		}
	}

	let contact = -1;
	if (contactSlot >= 0) contact = contacts.value(contactSlot);
	else if ((flags & machineFlag) == 0 || !excludeMachine) {
		contact = nextContact + newContacts;
		const at = <usize>newContacts << 2;
		store<i32>(newStart + at, contactStart);
		store<i32>(newEnd + at, contactEnd);
		store<i32>(newSlot + at, contacts.add(contactStart, contactEnd, contactHash, contact));
		newContacts++;
	}

	const row = <usize>rows;
	store<i32>(outContact + (row << 2), contact);
	store<f64>(outTime + (row << 3), time);
	store<f64>(outValue + (row << 3), value);
	store<i32>(outCampaign + (row << 2), campaign);
	store<u8>(outType + row, <u8>type);
	store<u8>(outKind + row, <u8>kind);
	store<u8>(outFlags + row, flags);
	store<u32>(outIdHash + (row << 2), idHash);
	store<i32>(outIdStart + (row << 2), idStart);
	store<i32>(outIdEnd + (row << 2), idEnd);
	rows++;
	return true;
}
