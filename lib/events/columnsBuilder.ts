import { grown, hashBytes } from './byteKeyMap';
import { CAMPAIGN_KIND_CODE, EVENT_TYPE_CODE, KIND, TYPE } from './eventCodes';
import { ROW_FLAG } from './eventColumns';
import type { EventColumns } from './eventColumns';
import { copyOf } from './eventFileReader';
import { EventIdList } from './eventIdList';
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
 * contact and campaign ids interned, eventIds kept as bytes in one arena and de-duplicated at the end exactly as
 * `prepareEventColumns` does (`EventIdList`: hashes grouped by a radix sort, equal hashes confirmed on the bytes; the
 * first event of each eventId stays, a repeat of a dropped machine event counts as a duplicate). The same decisions
 * in the same order, so the columns, counts and id orders are those `prepareEventColumns` gives for the same events:
 * a dropped machine event interns nothing; a duplicate's contact and campaign are interned before it is dropped.
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
	private ids = new EventIdList(INITIAL_ROWS, false);
	/** The eventIds' bytes, one after another; id n is idBytes[idStarts[n], idStarts[n + 1]). */
	private idBytes = new Uint8Array(INITIAL_ROWS * 8);
	private idStarts = new Uint32Array(INITIAL_ROWS + 1);
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
		return intern(this.contactIndex, this.contactIds, contactId, detach);
	}

	/** Index of a campaignId (interned on first sight, like contactOf); -1 for none. */
	campaignOf(campaignId: string | undefined, detach = false): number {
		return campaignId === undefined
			? -1
			: intern(this.campaignIndex, this.campaignIds, campaignId, detach);
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
		const number = this.ids.count;
		const from = this.idStarts[number];
		const to = from + (end - start);
		if (to > this.idBytes.length) this.idBytes = grown(this.idBytes, to);
		const idBytes = this.idBytes;
		for (let at = start, into = from; at < end; ) idBytes[into++] = bytes[at++];
		if (number + 1 === this.idStarts.length) this.idStarts = grown(this.idStarts, number + 2);
		this.idStarts[number + 1] = to;
		this.ids.add(hashBytes(bytes, start, end), number, dropped ? -1 : this.length);
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
	 * duplicate, not as machine). Copies cut to the length (the growing arrays are up to twice as long), so the
	 * columns hold 27 bytes per kept event.
	 */
	columns(): EventColumns {
		if (this.ids.count > 0) {
			const { idBytes, idStarts } = this;
			const sameId = (a: number, b: number) => {
				const length = idStarts[a + 1] - idStarts[a];
				if (idStarts[b + 1] - idStarts[b] !== length) return false;
				for (let at = 0; at < length; at++) {
					if (idBytes[idStarts[a] + at] !== idBytes[idStarts[b] + at]) return false;
				}
				return true;
			};
			const dropped = this.ids.dropRepeated(sameId, this.length, [
				this.contact,
				this.type,
				this.time,
				this.campaign,
				this.kind,
				this.flags,
				this.value,
			]);
			this.length = dropped.length;
			this.duplicates = dropped.duplicates;
			this.machineExcluded -= dropped.ofDroppedRows;
			this.ids = new EventIdList(0, false);
			this.idBytes = new Uint8Array(0);
			this.idStarts = new Uint32Array(1);
		}
		// the builder keeps only the cut copies: it is done
		const length = this.length;
		this.contact = this.contact.slice(0, length);
		this.type = this.type.slice(0, length);
		this.time = this.time.slice(0, length);
		this.campaign = this.campaign.slice(0, length);
		this.kind = this.kind.slice(0, length);
		this.flags = this.flags.slice(0, length);
		this.value = this.value.slice(0, length);
		return {
			length,
			contact: this.contact,
			type: this.type,
			time: this.time,
			campaign: this.campaign,
			kind: this.kind,
			flags: this.flags,
			value: this.value,
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

/** The index of `id` in `ids` (appended on first sight, `index` kept in step), a copy of it when `detach`. */
function intern(index: Map<string, number>, ids: string[], id: string, detach: boolean): number {
	let code = index.get(id);
	if (code === undefined) {
		const copy = detach ? copyOf(id) : id;
		code = ids.length;
		index.set(copy, code);
		ids.push(copy);
	}
	return code;
}
