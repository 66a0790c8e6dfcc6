import { inPeriod, resolvePeriod, resolveZone } from './period';
import { eventTime, isDroppedMachineEvent, isSend } from './readEvent';
import type { EngagementRates, EngagementRatesOptions, ReportEvent } from './types';

/** Events without a campaignId are taken as one unnamed campaign, so an open still matches its send. */
const UNNAMED_CAMPAIGN = '';

interface ContactEvents {
	/** Broadcast campaign → the contact's earliest send of it. */
	broadcasts: Map<string, number>;
	/** Opens and clicks keep their campaign so they can be matched to a send of a broadcast. */
	opens: Array<[campaign: string, time: number]>;
	clicks: Array<[campaign: string, time: number]>;
	conversions: Array<[campaign: string | undefined, time: number]>;
}

/**
 * Crescendo Lab's contact engagement metrics (seed 000):
 * - "Contacts are marked as "engaged" only if they have interacted with at least one broadcast message" and
 *   "If a contact hasn't received any broadcasts, they won't be included in the analysis": recipients are the contacts
 *   with at least one `sent`/`delivered` event of a broadcast campaign (`campaignKind` absent or 'broadcast').
 * - Open Rate: "The percentage of users who opened any broadcast message" — an open of a campaign broadcast to the
 *   contact, at or after that send.
 * - Click Rate: "The percentage of users who clicked on any MAAC short link in a broadcast message" — likewise.
 * - Conversion Rate: "The percentage of users who performed a defined conversion action ... after clicking a short link
 *   in a broadcast" — a conversion at or after such a click (of the same campaign when the conversion names one).
 * Only events inside the period count. Rates are fractions of recipients, 0 when there are none.
 */
export function engagementRates(
	events: Iterable<ReportEvent>,
	options: EngagementRatesOptions = {},
): EngagementRates {
	const zone = resolveZone(options.timezone);
	const period = resolvePeriod({ ...options, timezone: zone });
	const excludeMachine = options.excludeMachine !== false;
	const conversionTypes = new Set<string>(options.conversionTypes ?? ['conversion']);

	const contacts = new Map<string, ContactEvents>();
	let index = 0;
	for (const event of events) {
		const time = eventTime(event, index++, zone);
		if (!inPeriod(time, period) || isDroppedMachineEvent(event, excludeMachine)) continue;
		const type = event.type;
		const isConversion = conversionTypes.has(type);
		if (!isConversion && !isSend(type) && type !== 'open' && type !== 'click') continue;

		let contact = contacts.get(event.contactId);
		if (contact === undefined) {
			contact = { broadcasts: new Map(), opens: [], clicks: [], conversions: [] };
			contacts.set(event.contactId, contact);
		}
		const campaign = event.campaignId || UNNAMED_CAMPAIGN;
		if (isConversion) contact.conversions.push([event.campaignId || undefined, time]);
		else if (!isBroadcast(event)) continue;
		else if (type === 'open') contact.opens.push([campaign, time]);
		else if (type === 'click') contact.clicks.push([campaign, time]);
		else {
			const firstSend = contact.broadcasts.get(campaign);
			if (firstSend === undefined || time < firstSend) contact.broadcasts.set(campaign, time);
		}
	}

	let recipients = 0;
	let opened = 0;
	let clicked = 0;
	let converted = 0;
	for (const contact of contacts.values()) {
		if (contact.broadcasts.size === 0) continue;
		recipients++;
		if (contact.opens.some(([campaign, time]) => followsSend(contact, campaign, time))) opened++;
		const countedClicks = contact.clicks.filter(([campaign, time]) =>
			followsSend(contact, campaign, time),
		);
		if (countedClicks.length === 0) continue;
		clicked++;
		const convertedAfterClick = contact.conversions.some(([conversionCampaign, time]) =>
			countedClicks.some(
				([campaign, clickTime]) =>
					clickTime <= time &&
					(conversionCampaign === undefined || conversionCampaign === campaign),
			),
		);
		if (convertedAfterClick) converted++;
	}

	return {
		recipients,
		opened,
		clicked,
		converted,
		openRate: share(opened, recipients),
		clickRate: share(clicked, recipients),
		conversionRate: share(converted, recipients),
		excludedContacts: contacts.size - recipients,
	};
}

function isBroadcast(event: ReportEvent): boolean {
	return event.campaignKind === undefined || event.campaignKind === 'broadcast';
}

function followsSend(contact: ContactEvents, campaign: string, time: number): boolean {
	const firstSend = contact.broadcasts.get(campaign);
	return firstSend !== undefined && firstSend <= time;
}

function share(part: number, whole: number): number {
	return whole === 0 ? 0 : part / whole;
}
