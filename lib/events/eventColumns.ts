import {
	checkContactId,
	checkEventObject,
	checkKindCode,
	checkMachine,
	checkOptionalId,
	checkTimestamp,
	checkTypeCode,
} from './validateEvent';
import { stringOrder } from './stringOrder';
import { PresizedStringSet } from './stringSet';
import type { EngagementEvent, TimedEvent } from './types';

/**
 * Prepared events in columns (struct of arrays): what the fast models read. Row `j` is one kept event: its contact and
 * campaign interned to integers, its type and campaign kind as codes (`eventCodes.ts`), its time in epoch ms, and
 * `source[j]`, its index in `events` (the input, for fields the columns do not carry).
 */
export interface EventColumns {
	readonly length: number;
	readonly contact: Int32Array;
	readonly type: Uint8Array;
	readonly time: Float64Array;
	/** Interned campaignId, -1 when the event has none. */
	readonly campaign: Int32Array;
	readonly kind: Uint8Array;
	readonly source: Int32Array;
	/** Contact index → contactId, in order of first appearance. */
	readonly contactIds: readonly string[];
	/** Campaign index → campaignId, in order of first appearance. */
	readonly campaignIds: readonly string[];
	readonly events: readonly EngagementEvent[];
	/** Events left out: repeated eventIds, and `machine` events when excluded. */
	readonly duplicates: number;
	readonly machineExcluded: number;
}

export interface PrepareOptions {
	/** IANA zone for ISO timestamps without an offset; default 'UTC'. */
	timezone?: string;
	/** Drop events flagged `machine: true`; default true. */
	excludeMachine?: boolean;
	/** Keep only the first event of each eventId; default true. */
	dedupe?: boolean;
	/** The events are TimedEvents: take `time` as it is instead of reading `timestamp`. */
	timed?: boolean;
}

/**
 * One pass over the events: validates every event (errors name the event index and field), resolves timestamps,
 * drops repeated eventIds and machine events, interns ids. No object is allocated per event.
 */
export function prepareEventColumns(
	input: Iterable<EngagementEvent>,
	options: PrepareOptions = {},
): EventColumns {
	const events: readonly EngagementEvent[] = Array.isArray(input) ? input : Array.from(input);
	const zone = options.timezone ?? 'UTC';
	const excludeMachine = options.excludeMachine !== false;
	const dedupe = options.dedupe !== false;
	const timed = options.timed === true;
	const total = events.length;

	const contact = new Int32Array(total);
	const type = new Uint8Array(total);
	const time = new Float64Array(total);
	const campaign = new Int32Array(total);
	const kind = new Uint8Array(total);
	const source = new Int32Array(total);
	const contactIndex = new Map<string, number>();
	const contactIds: string[] = [];
	const campaignIndex = new Map<string, number>();
	const campaignIds: string[] = [];
	const seenEventIds = new PresizedStringSet(dedupe ? total : 0);
	let duplicates = 0;
	let machineExcluded = 0;
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
		if (dedupe) {
			const eventId = checkOptionalId(event.eventId, index, 'eventId');
			if (eventId !== undefined) {
				if (!seenEventIds.add(eventId)) {
					duplicates++;
					continue;
				}
			}
		}
		if (isMachine && excludeMachine) {
			machineExcluded++;
			continue;
		}

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
		source[kept] = index;
		kept++;
	}

	return {
		length: kept,
		contact,
		type,
		time,
		campaign,
		kind,
		source,
		contactIds,
		campaignIds,
		events,
		duplicates,
		machineExcluded,
	};
}

/** The kept events as TimedEvents (a copy of each input event plus `time`), for models that work on objects. */
export function timedEventsFromColumns(columns: EventColumns): TimedEvent[] {
	const timed = new Array<TimedEvent>(columns.length);
	for (let j = 0; j < columns.length; j++) {
		timed[j] = { ...columns.events[columns.source[j]], time: columns.time[j] };
	}
	return timed;
}

/**
 * Indices of the contacts with at least one event at or before `asOf`, ordered by contactId (UTF-16 code-unit order,
 * as `Array.prototype.sort` compares strings). A contact first seen after asOf did not exist yet at that instant.
 */
export function contactOrder(columns: EventColumns, asOf = Infinity): Int32Array {
	const order = stringOrder(columns.contactIds);
	if (asOf === Infinity) return order;
	const seen = new Uint8Array(columns.contactIds.length);
	for (let j = 0; j < columns.length; j++) if (columns.time[j] <= asOf) seen[columns.contact[j]] = 1;
	let kept = 0;
	for (let r = 0; r < order.length; r++) if (seen[order[r]]) order[kept++] = order[r];
	return order.subarray(0, kept);
}
