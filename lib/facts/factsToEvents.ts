import type { CampaignKind, EngagementEvent, EventType } from '../events/types';
import { calendarDayCounter, toEpochMillis } from '../time';
import { startOfLocalDay } from './calendarDays';
import { SEND_FIRSTS } from './sendFirsts';
import type { ActivityDayFact, ContactFact, Facts, SendFact } from './types';

const FIRST_ON_SEND = new Map(SEND_FIRSTS);

/** The counts of a day fact: the event each stands for, and the send fact's first time that is one of them. */
const DAY_COUNTS: ReadonlyArray<{
	count: keyof ActivityDayFact;
	type: EventType;
	machine: boolean;
	firstOnSend?: keyof SendFact;
}> = [
	{ count: 'opens', type: 'open', machine: false, firstOnSend: FIRST_ON_SEND.get('opens') },
	{ count: 'clicks', type: 'click', machine: false, firstOnSend: FIRST_ON_SEND.get('clicks') },
	{
		count: 'machineOpens',
		type: 'open',
		machine: true,
		firstOnSend: FIRST_ON_SEND.get('machineOpens'),
	},
	{
		count: 'machineClicks',
		type: 'click',
		machine: true,
		firstOnSend: FIRST_ON_SEND.get('machineClicks'),
	},
	{
		count: 'conversions',
		type: 'conversion',
		machine: false,
		firstOnSend: FIRST_ON_SEND.get('conversions'),
	},
	{ count: 'interactions', type: 'interaction', machine: false },
	{ count: 'webVisits', type: 'web_visit', machine: false },
	{ count: 'purchases', type: 'purchase', machine: false },
];

/** ContactFact times emitted as one event each: the models read only the first or last of these types. */
const SINGLE_EVENTS: ReadonlyArray<[keyof ContactFact, EventType]> = [
	['subscribedAt', 'subscribe'],
	['lastSubscribeAt', 'subscribe'],
	['lastUnsubscribeAt', 'unsubscribe'],
	['lastBounceAt', 'bounce'],
	['lastComplaintAt', 'complaint'],
	['lastBlockAt', 'block'],
	['lastUnblockAt', 'unblock'],
];
const SINGLE_TYPES = new Set<string>(SINGLE_EVENTS.map(([, type]) => type));

interface ContactGroup {
	sends: SendFact[];
	contact?: ContactFact;
	days: ActivityDayFact[];
}

/**
 * The event set the models score exactly as the events the facts summarise:
 * - per send fact: a `delivered` at `sentAt` (and at `lastSentAt` when resent), and one event at each first open /
 *   click / conversion / machine time, on the campaign — these keep "opened within 7 days of the send" exact;
 * - per day fact: as many more events of each kind as the day counts, at the start of the local day, on the same
 *   campaign (every model reads these through calendar days in `facts.timezone`, so the day is what matters); the
 *   day's page maximum and purchase value ride on its first visit and purchase;
 * - per contact fact: the first and last subscribe and the last unsubscribe, bounce, complaint, block and unblock at
 *   their exact times (block vs unblock, opt-out vs resubscribe are compared to the millisecond), and the first event
 *   when it is of one of those types (tenure).
 * Every event has the same fields (absent ones undefined). They come out grouped by contact; order is irrelevant.
 */
export function factsToEvents(facts: Facts): EngagementEvent[] {
	const zone = facts.timezone;
	const dayOf = calendarDayCounter(zone);
	const byContact = new Map<string, ContactGroup>();
	const group = (contactId: string) => {
		let entry = byContact.get(contactId);
		if (entry === undefined) byContact.set(contactId, (entry = { sends: [], days: [] }));
		return entry;
	};
	for (const send of facts.sends) group(send.contactId).sends.push(send);
	for (const contact of facts.contacts) group(contact.contactId).contact = contact;
	for (const day of facts.days) group(day.contactId).days.push(day);

	const dayStarts = new Map<string, number>();
	const dayStartOf = (date: string) => {
		let start = dayStarts.get(date);
		if (start === undefined) dayStarts.set(date, (start = startOfLocalDay(date, zone)));
		return start;
	};
	const millis = (value: unknown) =>
		value === null || value === undefined
			? NaN
			: typeof value === 'number'
				? value
				: toEpochMillis(value as string, zone);
	const events: EngagementEvent[] = [];
	const push = (
		contactId: string,
		type: EventType,
		timestamp: number,
		campaignId: string | undefined,
		campaignKind: CampaignKind | undefined,
		machine: boolean | undefined,
		value: number | undefined,
		tracked?: false,
	) =>
		events.push({ contactId, type, timestamp, campaignId, campaignKind, machine, value, tracked });

	for (const [contactId, { sends, contact, days }] of byContact) {
		const sendOf = new Map<string, SendFact>();
		for (const send of sends) {
			sendOf.set(send.campaignId, send);
			const { campaignId, campaignKind } = send;
			const emit = (
				time: number,
				type: EventType,
				machine: boolean | undefined,
				tracked?: false,
			) => {
				if (!Number.isNaN(time))
					push(contactId, type, time, campaignId, campaignKind, machine, undefined, tracked);
			};
			// A send is untracked from its first untracked delivery on: that delivery carries `tracked: false`.
			const sentAt = millis(send.sentAt);
			const lastSentAt = millis(send.lastSentAt);
			const untrackedAt = millis(send.untrackedSentAt);
			const delivered = (time: number) =>
				emit(time, 'delivered', undefined, time === untrackedAt ? false : undefined);
			delivered(sentAt);
			if (lastSentAt !== sentAt) delivered(lastSentAt);
			if (untrackedAt !== sentAt && untrackedAt !== lastSentAt) delivered(untrackedAt);
			emit(millis(send.firstOpenAt), 'open', undefined);
			emit(millis(send.firstClickAt), 'click', undefined);
			emit(millis(send.firstConversionAt), 'conversion', undefined);
			emit(millis(send.machineOpenAt), 'open', true);
			emit(millis(send.machineClickAt), 'click', true);
		}

		for (const day of days) {
			const start = dayStartOf(day.date);
			const dayNumber = dayOf(start);
			const campaignId = day.campaignId === null ? undefined : day.campaignId;
			const send = campaignId === undefined ? undefined : sendOf.get(campaignId);
			for (const { count, type, machine, firstOnSend } of DAY_COUNTS) {
				let missing = Number(day[count] ?? 0);
				if (missing <= 0) continue;
				// The send fact already gave this day one event of this kind when its first time falls on the day.
				if (send !== undefined && firstOnSend !== undefined) {
					const first = millis(send[firstOnSend]);
					if (!Number.isNaN(first) && dayOf(first) === dayNumber) missing--;
				}
				for (let n = 0; n < missing; n++) {
					let value: number | undefined;
					if (
						n === 0 &&
						type === 'web_visit' &&
						day.maxPages !== null &&
						day.maxPages !== undefined
					)
						value = Number(day.maxPages);
					if (n === 0 && type === 'purchase') value = Number(day.purchaseValue ?? 0);
					push(contactId, type, start, campaignId, day.campaignKind, machine || undefined, value);
				}
			}
		}

		if (contact === undefined) continue;
		const singles = new Set<string>();
		for (const [field, type] of SINGLE_EVENTS) {
			const time = millis(contact[field]);
			if (Number.isNaN(time) || singles.has(`${type}|${time}`)) continue;
			singles.add(`${type}|${time}`);
			push(contactId, type, time, undefined, undefined, undefined, undefined);
		}
		const firstSeen = millis(contact.firstSeenAt);
		const firstType = contact.firstSeenType;
		if (
			!Number.isNaN(firstSeen) &&
			firstType &&
			SINGLE_TYPES.has(firstType) &&
			!singles.has(`${firstType}|${firstSeen}`)
		) {
			push(contactId, firstType, firstSeen, undefined, undefined, undefined, undefined);
		}
	}
	return events;
}
