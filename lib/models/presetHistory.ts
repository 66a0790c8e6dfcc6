import type { CampaignKind, TimedEvent } from '../events/types';
import type { AsOfCalendar } from './asOfCalendar';

/**
 * Per-contact email histories for the peer presets (klaviyoEngagement, hubspotGraymail, mailchimpStars, mailpoet,
 * rfm): what each preset reads, gathered in one pass over the prepared events up to asOf.
 *
 * A *send* is the first `sent`/`delivered` of a non-transactional campaign per contact (as in decay). A send is
 * *engaged* when the contact opened or clicked that campaign at or after the send (a click counts as an open). A send
 * is *untracked* when any of its send events says `tracked: false` or its campaign is listed in the parameter
 * `untrackedCampaigns`: nobody can know whether it was opened, so presets leave it out of counts and rates ("unknown
 * is not zero").
 */
export interface PresetSend {
	campaignId: string | undefined;
	kind: CampaignKind;
	time: number;
	tracked: boolean;
	/** First open or click of the campaign at or after the send, Infinity when none. */
	engagedAt: number;
	/** First click of the campaign at or after the send, Infinity when none. */
	clickedAt: number;
}

export interface ContactHistory {
	contactId: string;
	/** Sends ordered by time (ties by campaignId). */
	sends: PresetSend[];
	/** Times of non-transactional opens and clicks (a click is also an open), any campaign or none. */
	opens: number[];
	clicks: number[];
	/** Campaigns (broadcast) clicked, with or without a send. */
	clickedBroadcasts: Set<string>;
	lastSubscribe: number;
	lastBounce: number;
	lastComplaint: number;
	lastUnsubscribe: number;
	lastClick: number;
	/** Purchase times and values (0 when the event carried none), in event order. */
	purchaseTimes: number[];
	purchaseValues: number[];
}

/** One history per contact with an event at or before asOf, ordered by contactId. */
export function collectHistories(
	events: readonly TimedEvent[],
	asOf: number,
	untrackedCampaigns: ReadonlySet<string> = new Set(),
): ContactHistory[] {
	const byContact = new Map<string, { history: ContactHistory; events: TimedEvent[] }>();
	for (const event of events) {
		if (event.time > asOf) continue;
		let entry = byContact.get(event.contactId);
		if (entry === undefined) {
			entry = { history: emptyHistory(event.contactId), events: [] };
			byContact.set(event.contactId, entry);
		}
		entry.events.push(event);
	}
	const ids = [...byContact.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
	return ids.map((id) => {
		const entry = byContact.get(id) as { history: ContactHistory; events: TimedEvent[] };
		fillHistory(entry.history, entry.events, untrackedCampaigns);
		return entry.history;
	});
}

function emptyHistory(contactId: string): ContactHistory {
	return {
		contactId,
		sends: [],
		opens: [],
		clicks: [],
		clickedBroadcasts: new Set(),
		lastSubscribe: -Infinity,
		lastBounce: -Infinity,
		lastComplaint: -Infinity,
		lastUnsubscribe: -Infinity,
		lastClick: -Infinity,
		purchaseTimes: [],
		purchaseValues: [],
	};
}

function fillHistory(
	history: ContactHistory,
	events: readonly TimedEvent[],
	untrackedCampaigns: ReadonlySet<string>,
): void {
	const sendsByCampaign = new Map<string, PresetSend>();
	const interactions: TimedEvent[] = [];
	for (const event of events) {
		const kind: CampaignKind = event.campaignKind ?? 'broadcast';
		const campaignId =
			event.campaignId === undefined || event.campaignId === null || event.campaignId === ''
				? undefined
				: String(event.campaignId);
		switch (event.type) {
			case 'sent':
			case 'delivered': {
				if (kind === 'transactional') break;
				const untracked =
					event.tracked === false ||
					(campaignId !== undefined && untrackedCampaigns.has(campaignId));
				const known = campaignId === undefined ? undefined : sendsByCampaign.get(campaignId);
				if (known) {
					if (event.time < known.time) known.time = event.time;
					if (untracked) known.tracked = false;
					break;
				}
				const send: PresetSend = {
					campaignId,
					kind,
					time: event.time,
					tracked: !untracked,
					engagedAt: Infinity,
					clickedAt: Infinity,
				};
				if (campaignId !== undefined) sendsByCampaign.set(campaignId, send);
				history.sends.push(send);
				break;
			}
			case 'open':
			case 'click':
				if (kind === 'transactional') break;
				history.opens.push(event.time);
				if (event.type === 'click') {
					history.clicks.push(event.time);
					if (event.time > history.lastClick) history.lastClick = event.time;
					if (campaignId !== undefined && kind === 'broadcast')
						history.clickedBroadcasts.add(campaignId);
				}
				if (campaignId !== undefined) interactions.push(event);
				break;
			case 'subscribe':
				if (event.time > history.lastSubscribe) history.lastSubscribe = event.time;
				break;
			case 'bounce':
				if (event.time > history.lastBounce) history.lastBounce = event.time;
				break;
			case 'unsubscribe':
				if (event.time > history.lastUnsubscribe) history.lastUnsubscribe = event.time;
				break;
			case 'complaint':
				if (event.time > history.lastComplaint) history.lastComplaint = event.time;
				break;
			case 'purchase':
				history.purchaseTimes.push(event.time);
				history.purchaseValues.push(typeof event.value === 'number' ? event.value : 0);
				break;
			default:
				break;
		}
	}
	for (const event of interactions) {
		const send = sendsByCampaign.get(String(event.campaignId));
		if (send === undefined || event.time < send.time) continue;
		if (event.time < send.engagedAt) send.engagedAt = event.time;
		if (event.type === 'click' && event.time < send.clickedAt) send.clickedAt = event.time;
	}
	history.sends.sort((a, b) => a.time - b.time || compareIds(a.campaignId, b.campaignId));
}

function compareIds(a: string | undefined, b: string | undefined): number {
	if (a === b) return 0;
	if (a === undefined) return 1;
	if (b === undefined) return -1;
	return a < b ? -1 : 1;
}

/** Sends whose engagement is measured. */
export function trackedSends(history: ContactHistory): PresetSend[] {
	return history.sends.filter((send) => send.tracked);
}

/**
 * "Unknown is not zero": the contact was sent email, none of it measurable, and no open or click came in anyway.
 * Such a contact gets no score instead of sliding to the bottom.
 */
export function isUnmeasured(history: ContactHistory): boolean {
	return (
		history.sends.length > 0 &&
		history.sends.every((send) => !send.tracked) &&
		history.opens.length === 0
	);
}

/** Calendar days ago of the latest instant in `times` (null when none), counted in the run's zone. */
export function daysSinceLatest(times: readonly number[], calendar: AsOfCalendar): number | null {
	let latest = -Infinity;
	for (const time of times) if (time > latest) latest = time;
	return latest === -Infinity ? null : calendar.daysAgo(latest);
}

/** How many of `times` fall within the last `days` calendar days (days ago ≤ days). */
export function countWithinDays(
	times: readonly number[],
	days: number,
	calendar: AsOfCalendar,
): number {
	let count = 0;
	for (const time of times) if (calendar.daysAgo(time) <= days) count++;
	return count;
}

/** `yyyy-MM-dd` of an instant in the run's zone, null for "never". */
export function dateOrNull(time: number, calendar: AsOfCalendar): string | null {
	return Number.isFinite(time) ? calendar.localDate(time) : null;
}

/** Counts per band label, every label present (0 when unused). */
export function countBands(
	labels: readonly string[],
	bands: readonly string[],
): Record<string, number> {
	const counts: Record<string, number> = {};
	for (const label of labels) counts[label] = 0;
	for (const band of bands) counts[band] = (counts[band] ?? 0) + 1;
	return counts;
}

/** "1 open or click", "3 opens or clicks". */
export function opensOrClicks(count: number): string {
	return count === 1 ? '1 open or click' : `${count} opens or clicks`;
}
