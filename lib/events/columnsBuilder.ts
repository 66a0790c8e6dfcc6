import { ByteKeyMap, grown, hashBytes } from './byteKeyMap';
import { CAMPAIGN_KIND_CODE, EVENT_TYPE_CODE, KIND, TYPE } from './eventCodes';
import { ROW_FLAG } from './eventColumns';
import type { EventColumns } from './eventColumns';
import { copyOf } from './eventFileReader';
import type { EngagementEvent } from './types';

export interface ColumnsBuilderOptions {
	/** Drop events flagged `machine: true`; default true. */
	excludeMachine?: boolean;
	/** Keep only the first event of each eventId; default true. */
	dedupe?: boolean;
}

const INITIAL_ROWS = 1 << 14;

/**
 * Event columns (`EventColumns`) built one event at a time, with no object kept per event: growable typed columns,
 * contact and campaign ids interned (by string, and by their bytes in the file for `CsvColumnsParser`), eventIds
 * de-duplicated exactly as they arrive (first wins; the ids live as bytes in a `ByteKeyMap`). The same decisions as
 * `prepareEventColumns` in the same order, so the columns, counts and id orders are those it gives for the same
 * events: a repeated eventId is a duplicate even when its first event was a dropped machine event; a dropped machine
 * event interns nothing; a duplicate's contact and campaign are interned (as there, before it is compacted away).
 */
export class EventColumnsBuilder {
	private contact = new Int32Array(INITIAL_ROWS);
	private type = new Uint8Array(INITIAL_ROWS);
	private time = new Float64Array(INITIAL_ROWS);
	private campaign = new Int32Array(INITIAL_ROWS);
	private kind = new Uint8Array(INITIAL_ROWS);
	private flags = new Uint8Array(INITIAL_ROWS);
	private value = new Float64Array(INITIAL_ROWS);
	private length = 0;
	private readonly contactIndex = new Map<string, number>();
	private readonly contactIds: string[] = [];
	private readonly campaignIndex = new Map<string, number>();
	private readonly campaignIds: string[] = [];
	private readonly eventIds = new ByteKeyMap(1 << 14);
	private keyBuffer = new Uint8Array(64);
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
		let code = this.contactIndex.get(contactId);
		if (code === undefined) {
			const copy = detach ? copyOf(contactId) : contactId;
			code = this.contactIds.length;
			this.contactIndex.set(copy, code);
			this.contactIds.push(copy);
		}
		return code;
	}

	/** Index of a campaignId (interned on first sight, like contactOf); -1 for none. */
	campaignOf(campaignId: string | undefined, detach = false): number {
		if (campaignId === undefined) return -1;
		let code = this.campaignIndex.get(campaignId);
		if (code === undefined) {
			const copy = detach ? copyOf(campaignId) : campaignId;
			code = this.campaignIds.length;
			this.campaignIndex.set(copy, code);
			this.campaignIds.push(copy);
		}
		return code;
	}

	/**
	 * Counts one more event read and, when de-duplicating, records its eventId (`bytes[start, end)`; `start === end`:
	 * none); true when the id was met before.
	 */
	isRepeated(bytes: Uint8Array, start: number, end: number): boolean {
		this.eventsRead++;
		if (!this.dedupe || start === end) return false;
		const hash = hashBytes(bytes, start, end);
		if (this.eventIds.find(bytes, start, end, hash) >= 0) return true;
		this.eventIds.add(bytes, start, end, hash, 0);
		return false;
	}

	/** `isRepeated` for an eventId given as a string (or none). */
	isRepeatedId(eventId: string | undefined): boolean {
		if (eventId === undefined) return this.isRepeated(this.keyBuffer, 0, 0);
		return this.isRepeated(this.keyBuffer, 0, this.keyBytes(eventId));
	}

	/**
	 * After `isRepeated`: whether the event is dropped before its ids are interned (a machine event while machine events
	 * are excluded), counting it. Then `untracked` sends are counted.
	 */
	dropsBeforeInterning(repeated: boolean, flags: number, type: number): boolean {
		if ((flags & ROW_FLAG.machine) !== 0 && this.excludeMachine) {
			if (repeated) this.duplicates++;
			else this.machineExcluded++;
			return true;
		}
		if ((flags & ROW_FLAG.untracked) !== 0 && (type === TYPE.sent || type === TYPE.delivered)) {
			this.untrackedEvents++;
		}
		return false;
	}

	/** Appends a row, or counts it as a duplicate when `repeated` (its ids interned already). */
	push(
		repeated: boolean,
		contact: number,
		type: number,
		time: number,
		campaign: number,
		kind: number,
		flags: number,
		value: number,
	): void {
		if (repeated) {
			this.duplicates++;
			return;
		}
		const row = this.length;
		if (row === this.contact.length) this.grow();
		this.contact[row] = contact;
		this.type[row] = type;
		this.time[row] = time;
		this.campaign[row] = campaign;
		this.kind[row] = kind;
		this.flags[row] = flags;
		this.value[row] = value;
		this.length = row + 1;
	}

	/** Appends a normalised event (`EventNormalizer` output: valid, timestamp in epoch ms). */
	appendEvent(event: EngagementEvent): void {
		const repeated = this.isRepeatedId(event.eventId);
		const type = EVENT_TYPE_CODE.get(event.type) as number;
		const flags =
			(event.machine === true ? ROW_FLAG.machine : 0) |
			(event.tracked === false ? ROW_FLAG.untracked : 0);
		if (this.dropsBeforeInterning(repeated, flags, type)) return;
		const contact = this.contactOf(event.contactId, true);
		const campaign = this.campaignOf(event.campaignId, true);
		const kind =
			event.campaignKind === undefined
				? KIND.broadcast
				: (CAMPAIGN_KIND_CODE.get(event.campaignKind) as number);
		const value =
			typeof event.value === 'number' && Number.isFinite(event.value) ? event.value : NaN;
		this.push(repeated, contact, type, event.timestamp as number, campaign, kind, flags, value);
	}

	/** The columns built so far (views of the builder's arrays: build nothing more after taking them). */
	columns(): EventColumns {
		const length = this.length;
		return {
			length,
			contact: this.contact.subarray(0, length),
			type: this.type.subarray(0, length),
			time: this.time.subarray(0, length),
			campaign: this.campaign.subarray(0, length),
			kind: this.kind.subarray(0, length),
			flags: this.flags.subarray(0, length),
			value: this.value.subarray(0, length),
			contactIds: this.contactIds,
			campaignIds: this.campaignIds,
			excludeMachine: this.excludeMachine,
			eventsRead: this.eventsRead,
			duplicates: this.duplicates,
			machineExcluded: this.machineExcluded,
			untrackedEvents: this.untrackedEvents,
		};
	}

	private grow(): void {
		const needed = this.length + 1;
		this.contact = grown(this.contact, needed);
		this.type = grown(this.type, needed);
		this.time = grown(this.time, needed);
		this.campaign = grown(this.campaign, needed);
		this.kind = grown(this.kind, needed);
		this.flags = grown(this.flags, needed);
		this.value = grown(this.value, needed);
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
