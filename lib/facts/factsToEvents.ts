import type { CampaignKind, EngagementEvent, EventType } from '../events/types';
import { calendarDayCounter, toEpochMillis } from '../time';
import { startOfLocalDay } from './calendarDays';
import type { ActivityDayFact, ContactFact, Facts, SendFact } from './types';

/** The counts of a day fact, with the event each stands for. */
const DAY_COUNTS: ReadonlyArray<{ count: keyof ActivityDayFact; type: EventType; machine: boolean }> = [
	{ count: 'opens', type: 'open', machine: false },
	{ count: 'clicks', type: 'click', machine: false },
	{ count: 'machineOpens', type: 'open', machine: true },
	{ count: 'machineClicks', type: 'click', machine: true },
	{ count: 'conversions', type: 'conversion', machine: false },
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
 * Events come out grouped by contact; their order is irrelevant to the models.
 */
export function factsToEvents(facts: Facts): EngagementEvent[] {
	const zone = facts.timezone;
	const dayOf = calendarDayCounter(zone);
	const byContact = new Map<string, { sends: SendFact[]; contact?: ContactFact; days: ActivityDayFact[] }>();
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
		value === null || value === undefined ? NaN : toEpochMillis(value as number, zone);
	const events: EngagementEvent[] = [];

	for (const [contactId, { sends, contact, days }] of byContact) {
		/** Events emitted from send facts, per (kind of count, local day, campaign): the day facts count them too. */
		const emitted = new Map<string, number>();
		const countKey = (count: string, day: number, campaignId: string | null) => `${count}|${day}|${campaignId ?? ''}`;

		for (const send of sends) {
			const campaign = { campaignId: send.campaignId, campaignKind: send.campaignKind };
			const emit = (value: unknown, type: EventType, machine: boolean, count?: string) => {
				const time = millis(value);
				if (Number.isNaN(time)) return;
				events.push({ contactId, type, timestamp: time, ...campaign, ...(machine ? { machine: true } : {}) });
				if (count === undefined) return;
				const key = countKey(count, dayOf(time), send.campaignId);
				emitted.set(key, (emitted.get(key) ?? 0) + 1);
			};
			emit(send.sentAt, 'delivered', false);
			if (millis(send.lastSentAt) !== millis(send.sentAt)) emit(send.lastSentAt, 'delivered', false);
			emit(send.firstOpenAt, 'open', false, 'opens');
			emit(send.firstClickAt, 'click', false, 'clicks');
			emit(send.firstConversionAt, 'conversion', false, 'conversions');
			emit(send.machineOpenAt, 'open', true, 'machineOpens');
			emit(send.machineClickAt, 'click', true, 'machineClicks');
		}

		for (const day of days) {
			const start = dayStartOf(day.date);
			const dayNumber = dayOf(start);
			const campaign: { campaignId?: string; campaignKind?: CampaignKind } = {};
			if (day.campaignId !== null && day.campaignId !== undefined) campaign.campaignId = day.campaignId;
			if (day.campaignKind) campaign.campaignKind = day.campaignKind;
			for (const { count, type, machine } of DAY_COUNTS) {
				const missing = Number(day[count] ?? 0) - (emitted.get(countKey(count, dayNumber, day.campaignId)) ?? 0);
				for (let n = 0; n < missing; n++) {
					const event: EngagementEvent = { contactId, type, timestamp: start, ...campaign };
					if (machine) event.machine = true;
					if (n === 0 && type === 'web_visit' && day.maxPages !== null && day.maxPages !== undefined) event.value = Number(day.maxPages);
					if (n === 0 && type === 'purchase') event.value = Number(day.purchaseValue ?? 0);
					events.push(event);
				}
			}
		}

		if (contact === undefined) continue;
		const singles = new Set<string>();
		for (const [field, type] of SINGLE_EVENTS) {
			const time = millis(contact[field]);
			if (Number.isNaN(time) || singles.has(`${type}|${time}`)) continue;
			singles.add(`${type}|${time}`);
			events.push({ contactId, type, timestamp: time });
		}
		const firstSeen = millis(contact.firstSeenAt);
		const firstType = contact.firstSeenType;
		if (!Number.isNaN(firstSeen) && firstType && SINGLE_TYPES.has(firstType) && !singles.has(`${firstType}|${firstSeen}`)) {
			events.push({ contactId, type: firstType, timestamp: firstSeen });
		}
	}
	return events;
}
