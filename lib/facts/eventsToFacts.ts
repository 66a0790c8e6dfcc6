import { typeCode } from '../events/eventCodes';
import { prepareEventColumns, ROW_FLAG } from '../events/eventColumns';
import { CAMPAIGN_KINDS, EVENT_TYPES } from '../events/types';
import type { CampaignKind, EngagementEvent, EventType, Timestamp } from '../events/types';
import { calendarDayCounter, resolveAsOf } from '../time';
import { dayNumberToIsoDate } from './calendarDays';
import { SEND_FIRSTS } from './sendFirsts';
import { CONTACT_LAST_FIELDS } from './types';
import type { ActivityDayFact, ContactFact, Facts, SendFact } from './types';

export interface EventsToFactsOptions {
	/** IANA zone for the calendar days of the day rows; default 'UTC'. Score the facts in the same zone. */
	timezone?: string;
	/** Leave out events after this instant (facts "as of" a date); default: keep all. */
	asOf?: Timestamp;
}

const SENT = typeCode('sent');
const DELIVERED = typeCode('delivered');
const OPEN = typeCode('open');
const CLICK = typeCode('click');
const CONVERSION = typeCode('conversion');
const SUBSCRIBE = typeCode('subscribe');

/** Interaction slots of a send: the day-fact count each kind of event adds to, in SEND_SLOTS order. */
const SLOT_OPEN = 0;
const SLOT_CLICK = 1;
const SLOT_CONVERSION = 2;
const SLOT_MACHINE_OPEN = 3;
const SLOT_MACHINE_CLICK = 4;
const SEND_SLOTS = [
	'firstOpenAt',
	'firstClickAt',
	'firstConversionAt',
	'machineOpenAt',
	'machineClickAt',
] as const;

/** Per (contact, campaign): first and last send; per interaction slot the first at/after the send and the first overall. */
interface SendAccumulator {
	contact: number;
	campaign: number;
	sentAt: number;
	lastSentAt: number;
	untrackedSentAt: number;
	after: Float64Array;
	overall: Float64Array;
}

/** The ContactFact "last …" field of each event type (events not flagged machine). */
const LAST_FIELD_BY_TYPE: Partial<Record<EventType, keyof ContactFact>> = {
	subscribe: 'lastSubscribeAt',
	unsubscribe: 'lastUnsubscribeAt',
	bounce: 'lastBounceAt',
	complaint: 'lastComplaintAt',
	block: 'lastBlockAt',
	unblock: 'lastUnblockAt',
	interaction: 'lastInteractionAt',
	open: 'lastOpenAt',
	click: 'lastClickAt',
	conversion: 'lastConversionAt',
	web_visit: 'lastWebVisitAt',
	purchase: 'lastPurchaseAt',
};
/** Crescendo Lab's default active interactions (see lib/models/activeRecency.ts), for `lastActiveAt`. */
const DEFAULT_ACTIVE: ReadonlyArray<keyof ContactFact> = [
	'lastInteractionAt',
	'lastSubscribeAt',
	'lastUnblockAt',
	'lastClickAt',
];

/** The day-fact count each event type adds to (opens and clicks by machine flag). */
function dayCountField(type: EventType, machine: boolean): keyof ActivityDayFact | undefined {
	switch (type) {
		case 'open':
			return machine ? 'machineOpens' : 'opens';
		case 'click':
			return machine ? 'machineClicks' : 'clicks';
		case 'conversion':
			return 'conversions';
		case 'interaction':
			return 'interactions';
		case 'web_visit':
			return 'webVisits';
		case 'purchase':
			return 'purchases';
		default:
			return undefined;
	}
}

/**
 * Summarises events into facts (see `types.ts`). Validation, eventId de-duplication and timestamp reading are the
 * ones `scoreContacts` applies, so the facts describe exactly the events a model would see. Machine flags are kept
 * on opens and clicks (so `excludeMachine: false` still works from facts); other events flagged machine are left out.
 */
export function eventsToFacts(
	events: Iterable<EngagementEvent>,
	options: EventsToFactsOptions = {},
): Facts {
	const timezone = options.timezone ?? 'UTC';
	const dayOf = calendarDayCounter(timezone);
	const asOf = options.asOf === undefined ? null : resolveAsOf(options.asOf, timezone);
	const columns = prepareEventColumns(events, { timezone, excludeMachine: false, dedupe: true });
	const contactCount = columns.contactIds.length;
	const campaignCount = columns.campaignIds.length;
	const kept = (j: number) => asOf === null || columns.time[j] <= asOf;
	const isMachine = (j: number) => (columns.flags[j] & ROW_FLAG.machine) !== 0;
	/** Machine flags count on opens and clicks only; any other event flagged machine is left out. */
	const leftOut = (j: number) =>
		isMachine(j) && columns.type[j] !== OPEN && columns.type[j] !== CLICK;

	// Pass 1: campaign kinds (the kind of the campaign's earliest event) and each contact's sends of each campaign.
	const campaignKind = new Uint8Array(campaignCount);
	const campaignKindTime = new Float64Array(campaignCount).fill(Infinity);
	const sendsByKey = new Map<number, SendAccumulator>();
	const keyOf = (contact: number, campaign: number) => contact * campaignCount + campaign;
	for (let j = 0; j < columns.length; j++) {
		const k = columns.campaign[j];
		if (k < 0 || !kept(j) || leftOut(j)) continue;
		const t = columns.time[j];
		if (t < campaignKindTime[k]) {
			campaignKindTime[k] = t;
			campaignKind[k] = columns.kind[j];
		}
		const type = columns.type[j];
		const isSend = type === SENT || type === DELIVERED;
		if (!isSend && type !== OPEN && type !== CLICK && type !== CONVERSION) continue;
		const key = keyOf(columns.contact[j], k);
		let send = sendsByKey.get(key);
		if (send === undefined) {
			send = {
				contact: columns.contact[j],
				campaign: k,
				sentAt: Infinity,
				lastSentAt: -Infinity,
				untrackedSentAt: Infinity,
				after: new Float64Array(SEND_SLOTS.length).fill(Infinity),
				overall: new Float64Array(SEND_SLOTS.length).fill(Infinity),
			};
			sendsByKey.set(key, send);
		}
		if (isSend) {
			if (t < send.sentAt) send.sentAt = t;
			if (t > send.lastSentAt) send.lastSentAt = t;
			if ((columns.flags[j] & ROW_FLAG.untracked) !== 0 && t < send.untrackedSentAt)
				send.untrackedSentAt = t;
		}
	}

	// Pass 2: interactions against their send, last times per type, first seen, and the day counts.
	const lastTimes = new Map<keyof ContactFact, Float64Array>();
	const lastOf = (field: keyof ContactFact) => {
		let times = lastTimes.get(field);
		if (times === undefined)
			lastTimes.set(field, (times = new Float64Array(contactCount).fill(-Infinity)));
		return times;
	};
	const firstSubscribe = new Float64Array(contactCount).fill(Infinity);
	const firstSeen = new Float64Array(contactCount).fill(Infinity);
	const firstSeenType = new Int8Array(contactCount).fill(-1);
	const seen = new Uint8Array(contactCount);
	const daysByContact: Array<Map<number, ActivityDayFact>> = [];
	const isoDates = new Map<number, string>();
	const dayFact = (c: number, t: number, campaign: number, kind: number) => {
		const days = (daysByContact[c] ??= new Map());
		const day = dayOf(t);
		const key = (day * (campaignCount + 1) + campaign + 1) * CAMPAIGN_KINDS.length + kind;
		let fact = days.get(key);
		if (fact === undefined) {
			let date = isoDates.get(day);
			if (date === undefined) isoDates.set(day, (date = dayNumberToIsoDate(day)));
			fact = {
				contactId: columns.contactIds[c],
				date,
				campaignId: campaign < 0 ? null : columns.campaignIds[campaign],
				campaignKind: CAMPAIGN_KINDS[kind],
				opens: 0,
				clicks: 0,
				machineOpens: 0,
				machineClicks: 0,
				conversions: 0,
				interactions: 0,
				webVisits: 0,
				maxPages: null,
				purchases: 0,
				purchaseValue: 0,
			};
			days.set(key, fact);
		}
		return fact;
	};

	for (let j = 0; j < columns.length; j++) {
		if (!kept(j) || leftOut(j)) continue;
		const type = columns.type[j];
		const machine = isMachine(j);
		const c = columns.contact[j];
		const t = columns.time[j];
		const k = columns.campaign[j];
		const typeName = EVENT_TYPES[type];
		seen[c] = 1;
		if (!machine && t < firstSeen[c]) {
			firstSeen[c] = t;
			firstSeenType[c] = type;
		}

		if (k >= 0 && (type === OPEN || type === CLICK || type === CONVERSION)) {
			const send = sendsByKey.get(keyOf(c, k)) as SendAccumulator;
			const slot =
				type === CONVERSION
					? SLOT_CONVERSION
					: type === OPEN
						? machine
							? SLOT_MACHINE_OPEN
							: SLOT_OPEN
						: machine
							? SLOT_MACHINE_CLICK
							: SLOT_CLICK;
			if (t < send.overall[slot]) send.overall[slot] = t;
			if (t >= send.sentAt && t < send.after[slot]) send.after[slot] = t;
		}

		const lastField = machine
			? type === OPEN
				? 'lastMachineOpenAt'
				: 'lastMachineClickAt'
			: LAST_FIELD_BY_TYPE[typeName];
		if (lastField !== undefined) {
			const times = lastOf(lastField);
			if (t > times[c]) times[c] = t;
		}
		if (type === SUBSCRIBE && t < firstSubscribe[c]) firstSubscribe[c] = t;

		const countField = dayCountField(typeName, machine);
		if (countField === undefined) continue;
		const onCampaign = type === OPEN || type === CLICK || type === CONVERSION ? k : -1;
		const kind = onCampaign >= 0 ? campaignKind[onCampaign] : columns.kind[j];
		const fact = dayFact(c, t, onCampaign, kind);
		(fact[countField] as number)++;
		const value = columns.value[j];
		if (!Number.isFinite(value)) continue;
		if (typeName === 'web_visit' && (fact.maxPages === null || value > fact.maxPages))
			fact.maxPages = value;
		else if (typeName === 'purchase') fact.purchaseValue += value;
	}

	const isoDateOf = (millis: number) => {
		const day = dayOf(millis);
		let date = isoDates.get(day);
		if (date === undefined) isoDates.set(day, (date = dayNumberToIsoDate(day)));
		return date;
	};
	/** A campaign day row that counts nothing beyond the send fact's first times adds nothing: leave it out. */
	const onlyFirsts = (day: ActivityDayFact, send: SendFact) =>
		SEND_FIRSTS.every(([count, first]) => {
			const time = send[first] as number | null;
			return day[count] === (time !== null && isoDateOf(time) === day.date ? 1 : 0);
		});

	// Rows, in contactId order (then campaignId, date).
	const at = (millis: number) => (Number.isFinite(millis) ? millis : null);
	const sendsOfContact: SendAccumulator[][] = [];
	for (const send of sendsByKey.values()) (sendsOfContact[send.contact] ??= []).push(send);
	const sends: SendFact[] = [];
	const contacts: ContactFact[] = [];
	const days: ActivityDayFact[] = [];
	for (const c of idOrder(columns.contactIds)) {
		const contactSends = (sendsOfContact[c] ?? []).sort((a, b) =>
			compareIds(columns.campaignIds[a.campaign], columns.campaignIds[b.campaign]),
		);
		const sendFactOf = new Map<string, SendFact>();
		for (const send of contactSends) {
			const fact = {
				contactId: columns.contactIds[c],
				campaignId: columns.campaignIds[send.campaign],
				campaignKind: CAMPAIGN_KINDS[campaignKind[send.campaign]] as CampaignKind,
				sentAt: at(send.sentAt),
				lastSentAt: at(send.lastSentAt),
				untrackedSentAt: at(send.untrackedSentAt),
			} as SendFact;
			SEND_SLOTS.forEach((field, slot) => {
				fact[field] = at(send.after[slot] < Infinity ? send.after[slot] : send.overall[slot]);
			});
			sends.push(fact);
			sendFactOf.set(fact.campaignId, fact);
		}
		if (!seen[c]) continue;
		const contact = {
			contactId: columns.contactIds[c],
			firstSeenAt: at(firstSeen[c]),
			firstSeenType: firstSeenType[c] < 0 ? null : EVENT_TYPES[firstSeenType[c]],
			subscribedAt: at(firstSubscribe[c]),
		} as ContactFact;
		const record = contact as unknown as Record<string, number | null>;
		for (const field of CONTACT_LAST_FIELDS)
			record[field] = at(lastTimes.get(field)?.[c] ?? -Infinity);
		contact.lastActiveAt = at(
			Math.max(...DEFAULT_ACTIVE.map((field) => lastTimes.get(field)?.[c] ?? -Infinity)),
		);
		contacts.push(contact);
		const contactDays = daysByContact[c];
		if (contactDays === undefined) continue;
		for (const day of [...contactDays.values()].sort(compareDayFacts)) {
			if (day.campaignId !== null && onlyFirsts(day, sendFactOf.get(day.campaignId) as SendFact))
				continue;
			days.push(day);
		}
	}
	return { timezone, asOf, sends, contacts, days };
}

function compareIds(a: string, b: string): number {
	return a < b ? -1 : a > b ? 1 : 0;
}

function compareDayFacts(a: ActivityDayFact, b: ActivityDayFact): number {
	return (
		compareIds(a.date, b.date) ||
		compareIds(a.campaignId ?? '', b.campaignId ?? '') ||
		compareIds(a.campaignKind, b.campaignKind)
	);
}

function idOrder(ids: readonly string[]): number[] {
	return ids.map((_, index) => index).sort((a, b) => compareIds(ids[a], ids[b]));
}
