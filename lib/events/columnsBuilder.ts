import { hashBytes } from './byteKeyMap';
import { ByteStringList } from './byteStringList';
import { CAMPAIGN_KIND_CODE, EVENT_TYPE_CODE, KIND, TYPE } from './eventCodes';
import { ROW_FLAG } from './eventColumns';
import type { EventColumns } from './eventColumns';
import { copyOf } from './eventFileReader';
import { EventIdList } from './eventIdList';
import { StringIndex } from './stringIndex';
import type { EngagementEvent } from './types';

export interface ColumnsBuilderOptions {
	/** Drop events flagged `machine: true`; default true. */
	excludeMachine?: boolean;
	/** Keep only the first event of each eventId; default true. */
	dedupe?: boolean;
}

/** Rows per chunk of the growing columns. */
const CHUNK_ROWS = 1 << 14;

/** The columns of some rows: a chunk while building, the result at the end. */
type ColumnArrays = Pick<
	EventColumns,
	'contact' | 'type' | 'time' | 'campaign' | 'kind' | 'flags' | 'value'
>;

/**
 * Event columns (`EventColumns`) built one event at a time, with no object kept per event: contact and campaign ids
 * interned (`StringIndex`), eventIds kept as bytes (`ByteStringList`) and de-duplicated at the end exactly as
 * `prepareEventColumns` does (`EventIdList`: hashes grouped by a radix sort, equal hashes confirmed on the bytes; the
 * first event of each eventId stays, a repeat of a dropped machine event counts as a duplicate). The same decisions
 * in the same order, so the columns, counts and id orders are those `prepareEventColumns` gives for the same events:
 * a dropped machine event interns nothing; a duplicate's contact and campaign are interned before it is dropped.
 * Everything grows in chunks, none copied as it grows: fresh memory costs a page fault per 4 KiB on first touch, and
 * rows written once into chunks, then once into the exact-length columns, touch 54 bytes each where doubling arrays
 * and a final cut touched about 90 (and chunks freed by one reading are memory the allocator hands to the next).
 */
export class EventColumnsBuilder {
	/** The full chunks, and the current one with `chunkLength` rows so far. */
	private chunks: ColumnArrays[] = [];
	private chunk = newChunk(CHUNK_ROWS);
	private chunkLength = 0;
	/** Rows in all chunks. */
	private length = 0;
	private readonly contacts = new StringIndex();
	private readonly campaigns = new StringIndex();
	/** The eventIds, numbered in order (an id's source is its number): hashes and rows, and their bytes. */
	private ids = new EventIdList(0, false);
	private idBytes = new ByteStringList();
	private keyBuffer = new Uint8Array(64);
	private result: EventColumns | undefined;
	readonly excludeMachine: boolean;
	readonly dedupe: boolean;
	private eventsRead = 0;
	private duplicates = 0;
	private machineExcluded = 0;
	private untrackedEvents = 0;

	constructor(options: ColumnsBuilderOptions = {}) {
		this.excludeMachine = options.excludeMachine !== false;
		this.dedupe = options.dedupe !== false;
	}

	/**
	 * Index of a contactId (interned on first sight). `detach`: the id may be cut from a chunk's text: keep a copy
	 * that keeps no chunk alive (`copyOf`).
	 */
	contactOf(contactId: string, detach = false): number {
		return this.contacts.codeOf(contactId, detach ? copyOf : undefined);
	}

	/** The contactId of an index `contactOf` gave. */
	contactIdOf(contact: number): string {
		return this.contacts.ids[contact];
	}

	/** Index of a campaignId (interned on first sight, like contactOf); -1 for none. */
	campaignOf(campaignId: string | undefined, detach = false): number {
		return campaignId === undefined
			? -1
			: this.campaigns.codeOf(campaignId, detach ? copyOf : undefined);
	}

	/**
	 * Counts one more event read; true when it is dropped before its ids are interned (a machine event while machine
	 * events are excluded), counted as such. Else `untracked` sends are counted.
	 */
	drops(flags: number, type: number): boolean {
		this.eventsRead++;
		if ((flags & ROW_FLAG.machine) !== 0 && this.excludeMachine) {
			this.machineExcluded++;
			return true;
		}
		if ((flags & ROW_FLAG.untracked) !== 0 && (type === TYPE.sent || type === TYPE.delivered)) {
			this.untrackedEvents++;
		}
		return false;
	}

	/**
	 * When de-duplicating, records the eventId `bytes[start, end)` of the event just counted by `drops` (`start ===
	 * end`: none) with the row it goes to (the next `push`), or as dropped.
	 */
	addEventId(bytes: Uint8Array, start: number, end: number, dropped: boolean): void {
		if (!this.dedupe || start === end) return;
		this.addHashedEventId(bytes, start, end, hashBytes(bytes, start, end), dropped);
	}

	/** `addEventId` of a non-empty eventId whose `hashBytes` is known. */
	addHashedEventId(
		bytes: Uint8Array,
		start: number,
		end: number,
		hash: number,
		dropped: boolean,
	): void {
		if (!this.dedupe) return;
		this.idBytes.add(bytes, start, end);
		this.ids.add(hash, 0, dropped ? -1 : this.length);
	}

	/** How many contact ids are interned: the index the next new one gets. */
	get contactCount(): number {
		return this.contacts.ids.length;
	}

	/** `addEventId` for an eventId given as a string (or none). */
	addEventIdString(eventId: string | undefined, dropped: boolean): void {
		if (eventId === undefined) return;
		// the bytes first: keyBytes may replace keyBuffer with a longer one
		const length = this.keyBytes(eventId);
		this.addEventId(this.keyBuffer, 0, length, dropped);
	}

	/** Appends a row. */
	push(
		contact: number,
		type: number,
		time: number,
		campaign: number,
		kind: number,
		flags: number,
		value: number,
	): void {
		let row = this.chunkLength;
		if (row === CHUNK_ROWS) {
			this.chunks.push(this.chunk);
			this.chunk = newChunk(CHUNK_ROWS);
			row = 0;
		}
		const chunk = this.chunk;
		chunk.contact[row] = contact;
		chunk.type[row] = type;
		chunk.time[row] = time;
		chunk.campaign[row] = campaign;
		chunk.kind[row] = kind;
		chunk.flags[row] = flags;
		chunk.value[row] = value;
		this.chunkLength = row + 1;
		this.length++;
	}

	/** Appends a normalised event (`EventNormalizer` output: valid, timestamp in epoch ms). */
	appendEvent(event: EngagementEvent): void {
		const type = EVENT_TYPE_CODE.get(event.type) as number;
		const flags =
			(event.machine === true ? ROW_FLAG.machine : 0) |
			(event.tracked === false ? ROW_FLAG.untracked : 0);
		const dropped = this.drops(flags, type);
		this.addEventIdString(event.eventId, dropped);
		if (dropped) return;
		const contact = this.contactOf(event.contactId, true);
		const campaign = this.campaignOf(event.campaignId, true);
		const kind =
			event.campaignKind === undefined
				? KIND.broadcast
				: (CAMPAIGN_KIND_CODE.get(event.campaignKind) as number);
		const value =
			typeof event.value === 'number' && Number.isFinite(event.value) ? event.value : NaN;
		this.push(contact, type, event.timestamp as number, campaign, kind, flags, value);
	}

	/**
	 * The columns, repeated eventIds dropped (the first of each stays; a repeat of a dropped machine event counts as a
	 * duplicate, not as machine): the chunks' rows copied once into columns of the kept length (27 bytes per kept
	 * event). The builder is done: it keeps only these columns (and gives them again).
	 */
	columns(): EventColumns {
		if (this.result !== undefined) return this.result;
		let repeated: Int32Array = new Int32Array(0);
		if (this.ids.count > 0) {
			const idBytes = this.idBytes;
			const found = this.ids.repeats((a, b) => idBytes.equal(a, b));
			repeated = found.rows;
			this.duplicates = found.duplicates;
			this.machineExcluded -= found.ofDroppedRows;
			this.ids = new EventIdList(0, false);
			this.idBytes = new ByteStringList();
		}
		const chunks = this.chunks;
		chunks.push(cutChunk(this.chunk, this.chunkLength));
		this.chunks = [];
		this.chunk = newChunk(0);
		const length = this.length - repeated.length;
		const column = <K extends keyof ColumnArrays>(key: K, result: ColumnArrays[K]) => {
			joinChunks(
				chunks.map((chunk) => chunk[key]),
				result,
				repeated,
			);
			return result;
		};
		this.result = {
			length,
			contact: column('contact', new Int32Array(length)),
			type: column('type', new Uint8Array(length)),
			time: column('time', new Float64Array(length)),
			campaign: column('campaign', new Int32Array(length)),
			kind: column('kind', new Uint8Array(length)),
			flags: column('flags', new Uint8Array(length)),
			value: column('value', new Float64Array(length)),
			contactIds: this.contacts.ids,
			campaignIds: this.campaigns.ids,
			excludeMachine: this.excludeMachine,
			eventsRead: this.eventsRead,
			duplicates: this.duplicates,
			machineExcluded: this.machineExcluded,
			untrackedEvents: this.untrackedEvents,
		};
		return this.result;
	}

	/**
	 * An id string's bytes in `keyBuffer`, returning their count: UTF-8, with a lone surrogate (possible in JSON
	 * text, never in decoded bytes) encoded like any other code unit, so that distinct strings never share bytes.
	 */
	private keyBytes(text: string): number {
		if (this.keyBuffer.length < text.length * 3) this.keyBuffer = new Uint8Array(text.length * 3);
		const out = this.keyBuffer;
		let at = 0;
		for (let i = 0; i < text.length; i++) {
			let code = text.charCodeAt(i);
			if (code < 0x80) {
				out[at++] = code;
				continue;
			}
			if (code < 0x800) {
				out[at++] = 0xc0 | (code >> 6);
				out[at++] = 0x80 | (code & 63);
				continue;
			}
			const next = i + 1 < text.length ? text.charCodeAt(i + 1) : 0;
			if (code >= 0xd800 && code < 0xdc00 && next >= 0xdc00 && next < 0xe000) {
				code = 0x10000 + ((code - 0xd800) << 10) + (next - 0xdc00);
				i++;
				out[at++] = 0xf0 | (code >> 18);
				out[at++] = 0x80 | ((code >> 12) & 63);
			} else out[at++] = 0xe0 | (code >> 12);
			out[at++] = 0x80 | ((code >> 6) & 63);
			out[at++] = 0x80 | (code & 63);
		}
		return at;
	}
}

type Column = Int32Array | Uint8Array | Float64Array;

function newChunk(rows: number): ColumnArrays {
	return {
		contact: new Int32Array(rows),
		type: new Uint8Array(rows),
		time: new Float64Array(rows),
		campaign: new Int32Array(rows),
		kind: new Uint8Array(rows),
		flags: new Uint8Array(rows),
		value: new Float64Array(rows),
	};
}

/** The first `rows` rows of a chunk (views, no copy). */
function cutChunk(chunk: ColumnArrays, rows: number): ColumnArrays {
	return {
		contact: chunk.contact.subarray(0, rows),
		type: chunk.type.subarray(0, rows),
		time: chunk.time.subarray(0, rows),
		campaign: chunk.campaign.subarray(0, rows),
		kind: chunk.kind.subarray(0, rows),
		flags: chunk.flags.subarray(0, rows),
		value: chunk.value.subarray(0, rows),
	};
}

/** Copies the chunks' rows, one after another, into `result`, leaving out the rows `skip` (ascending) numbers. */
function joinChunks<T extends Column>(chunks: readonly T[], result: T, skip: Int32Array): void {
	let into = 0;
	let chunkStart = 0;
	let next = 0;
	for (const chunk of chunks) {
		const chunkEnd = chunkStart + chunk.length;
		let from = chunkStart;
		while (from < chunkEnd) {
			const to = next < skip.length && skip[next] < chunkEnd ? skip[next] : chunkEnd;
			result.set(chunk.subarray(from - chunkStart, to - chunkStart) as never, into);
			into += to - from;
			from = to;
			if (to < chunkEnd) {
				from++;
				next++;
			}
		}
		chunkStart = chunkEnd;
	}
}
