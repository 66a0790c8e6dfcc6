import {
	checkContactId,
	checkEventObject,
	checkKindCode,
	checkMachine,
	checkOptionalId,
	checkTimestamp,
	checkTypeCode,
} from './validateEvent';
import { TYPE } from './eventCodes';
import { stringOrder } from './stringOrder';
import { EventIdList } from './eventIdList';
import { scratchFloat64, scratchInt32, scratchUint8 } from './scratch';
import { hashString } from './stringSet';
import type { EngagementEvent, TimedEvent } from './types';

/**
 * Prepared events in columns (struct of arrays): what the fast models read. Row `j` is one kept event: its contact and
 * campaign interned to integers, its type and campaign kind as codes (`eventCodes.ts`), its time in epoch ms, its
 * `machine` / `tracked: false` marks as bits of `flags` (ROW_FLAG) and its `value`. Every field a model reads is a
 * column, so columns need not come from event objects (`EventColumnsReader` builds them straight from a file).
 */
export interface EventColumns {
	readonly length: number;
	readonly contact: Int32Array;
	readonly type: Uint8Array;
	readonly time: Float64Array;
	/** Interned campaignId, -1 when the event has none. */
	readonly campaign: Int32Array;
	readonly kind: Uint8Array;
	/** ROW_FLAG bits: `machine: true`, `tracked: false`. */
	readonly flags: Uint8Array;
	/** The event's `value` (purchase amount, pages of a web visit); NaN when it has none. */
	readonly value: Float64Array;
	/** Contact index → contactId, in order of first appearance. */
	readonly contactIds: readonly string[];
	/** Campaign index → campaignId, in order of first appearance. */
	readonly campaignIds: readonly string[];
	/** Whether events flagged `machine` were left out (counted in `machineExcluded`) or kept with ROW_FLAG.machine. */
	readonly excludeMachine: boolean;
	/** Events read, kept or not (the account figure `eventsRead`). */
	readonly eventsRead: number;
	/** Events left out: repeated eventIds, and `machine` events when excluded. */
	readonly duplicates: number;
	readonly machineExcluded: number;
	/** Sends carrying `tracked: false` (their opens are not measured): models skip that check when 0. */
	readonly untrackedEvents: number;
}

/** Columns prepared from event objects, which keep the way back to them: `source[j]` is row j's index in `events`. */
export interface SourcedEventColumns extends EventColumns {
	readonly source: Int32Array;
	readonly events: readonly EngagementEvent[];
}

/** Bits of `EventColumns.flags`. */
export const ROW_FLAG = {
	/** The event was flagged `machine: true` (kept only when machine events are not excluded). */
	machine: 1,
	/** The event carries `tracked: false`. */
	untracked: 2,
} as const;

export interface PrepareOptions {
	/** IANA zone for ISO timestamps without an offset; default 'UTC'. */
	timezone?: string;
	/** Drop events flagged `machine: true`; default true. */
	excludeMachine?: boolean;
	/** Keep only the first event of each eventId; default true. */
	dedupe?: boolean;
	/** The events are TimedEvents: take `time` as it is instead of reading `timestamp`. */
	timed?: boolean;
	/**
	 * Put the columns in reused scratch memory (`scratch.ts`): they stay valid only until the next preparation with
	 * `scratch`, so only a caller that has borrowed the column scratch and drops the columns before returning may ask.
	 */
	scratch?: boolean;
}

/**
 * One pass over the events: validates every event (errors name the event index and field), resolves timestamps,
 * drops repeated eventIds and machine events, interns ids. No object is allocated per event.
 */
export function prepareEventColumns(
	input: Iterable<EngagementEvent>,
	options: PrepareOptions = {},
): SourcedEventColumns {
	const events: readonly EngagementEvent[] = Array.isArray(input) ? input : Array.from(input);
	const zone = options.timezone ?? 'UTC';
	const excludeMachine = options.excludeMachine !== false;
	const dedupe = options.dedupe !== false;
	const timed = options.timed === true;
	const total = events.length;

	const scratch = options.scratch === true;
	const contact = scratch ? scratchInt32('columns.contact', total) : new Int32Array(total);
	const type = scratch ? scratchUint8('columns.type', total) : new Uint8Array(total);
	const time = scratch ? scratchFloat64('columns.time', total) : new Float64Array(total);
	const campaign = scratch ? scratchInt32('columns.campaign', total) : new Int32Array(total);
	const kind = scratch ? scratchUint8('columns.kind', total) : new Uint8Array(total);
	const flags = scratch ? scratchUint8('columns.flags', total) : new Uint8Array(total);
	const value = scratch ? scratchFloat64('columns.value', total) : new Float64Array(total);
	const source = scratch ? scratchInt32('columns.source', total) : new Int32Array(total);
	const contactIndex = new Map<string, number>();
	const contactIds: string[] = [];
	const campaignIndex = new Map<string, number>();
	const campaignIds: string[] = [];
	const ids = dedupe ? new EventIdList(total, true) : undefined;
	let duplicates = 0;
	let machineExcluded = 0;
	let untrackedEvents = 0;
	let kept = 0;

	for (let index = 0; index < total; index++) {
		const event = events[index];
		checkEventObject(event, index);
		const contactId = checkContactId(event.contactId, index);
		const typeCode = checkTypeCode(event.type, index);
		const millis = timed
			? (event as TimedEvent).time
			: checkTimestamp(event.timestamp, index, zone);
		const kindCode = checkKindCode(event.campaignKind, index);
		const campaignId = checkOptionalId(event.campaignId, index, 'campaignId');
		const isMachine = checkMachine(event.machine, index);
		const dropMachine = isMachine && excludeMachine;
		if (ids !== undefined) {
			const eventId = checkOptionalId(event.eventId, index, 'eventId');
			if (eventId !== undefined) ids.add(hashString(eventId), index, dropMachine ? -1 : kept);
		}
		if (dropMachine) {
			machineExcluded++;
			continue;
		}
		const untracked = event.tracked === false;
		if (untracked && (typeCode === TYPE.sent || typeCode === TYPE.delivered)) untrackedEvents++;
		const amount = event.value;

		let contactCode = contactIndex.get(contactId);
		if (contactCode === undefined) {
			contactCode = contactIds.length;
			contactIndex.set(contactId, contactCode);
			contactIds.push(contactId);
		}
		let campaignCode = -1;
		if (campaignId !== undefined) {
			const known = campaignIndex.get(campaignId);
			if (known === undefined) {
				campaignCode = campaignIds.length;
				campaignIndex.set(campaignId, campaignCode);
				campaignIds.push(campaignId);
			} else campaignCode = known;
		}
		contact[kept] = contactCode;
		type[kept] = typeCode;
		time[kept] = millis;
		campaign[kept] = campaignCode;
		kind[kept] = kindCode;
		flags[kept] = (isMachine ? ROW_FLAG.machine : 0) | (untracked ? ROW_FLAG.untracked : 0);
		value[kept] = typeof amount === 'number' && Number.isFinite(amount) ? amount : NaN;
		source[kept] = index;
		kept++;
	}

	if (ids !== undefined && ids.count > 0) {
		// The first event of each eventId stays; later ones go (a duplicate of a dropped machine event was counted
		// as machine above: it is a duplicate).
		const dropped = ids.dropRepeated(
			(a, b) => String(events[a].eventId) === String(events[b].eventId),
			kept,
			[contact, type, time, campaign, kind, flags, value, source],
		);
		kept = dropped.length;
		duplicates = dropped.duplicates;
		machineExcluded -= dropped.ofDroppedRows;
	}

	return {
		length: kept,
		contact,
		type,
		time,
		campaign,
		kind,
		flags,
		value,
		source,
		contactIds,
		campaignIds,
		events,
		excludeMachine,
		eventsRead: total,
		duplicates,
		machineExcluded,
		untrackedEvents,
	};
}

/** The kept events as TimedEvents (a copy of each input event plus `time`), for models that work on objects. */
export function timedEventsFromColumns(columns: SourcedEventColumns): TimedEvent[] {
	const timed = new Array<TimedEvent>(columns.length);
	for (let j = 0; j < columns.length; j++) {
		timed[j] = { ...columns.events[columns.source[j]], time: columns.time[j] };
	}
	return timed;
}

/**
 * Indices of the contacts with at least one event at or before `asOf`, ordered by contactId (UTF-16 code-unit order,
 * as `Array.prototype.sort` compares strings). A contact first seen after asOf did not exist yet at that instant.
 * A model that already walks every row may mark those contacts itself (`seen[c] = 1`) and pass them, saving a pass.
 */
export function contactOrder(
	columns: EventColumns,
	asOf = Infinity,
	seen: Uint8Array | undefined = asOf === Infinity ? undefined : contactsSeenBy(columns, asOf),
): Int32Array {
	const order = stringOrder(columns.contactIds);
	if (seen === undefined) return order;
	let kept = 0;
	for (let r = 0; r < order.length; r++) if (seen[order[r]]) order[kept++] = order[r];
	return order.subarray(0, kept);
}

/** 1 for each contact with an event at or before `asOf`. */
function contactsSeenBy(columns: EventColumns, asOf: number): Uint8Array {
	const seen = new Uint8Array(columns.contactIds.length);
	for (let j = 0; j < columns.length; j++)
		if (columns.time[j] <= asOf) seen[columns.contact[j]] = 1;
	return seen;
}

/**
 * The output position of every contact (its rank by contactId among contacts seen up to `asOf`; -1 for the others),
 * so models can build rows walking contacts in storage order — sequential reads of their per-contact arrays — and
 * still return them sorted. `seen` as in `contactOrder`.
 */
export function contactRanks(
	columns: EventColumns,
	asOf = Infinity,
	seen?: Uint8Array,
): { ranks: Int32Array; count: number } {
	const order = contactOrder(columns, asOf, seen);
	const ranks = new Int32Array(columns.contactIds.length).fill(-1);
	for (let r = 0; r < order.length; r++) ranks[order[r]] = r;
	return { ranks, count: order.length };
}
