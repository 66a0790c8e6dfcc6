import { prepareEventColumns, ROW_FLAG } from '../events/eventColumns';
import { markMachineEvents } from '../events/filterMachineEvents';
import { KIND } from '../events/eventCodes';
import { CLICK, eventRoles, NO_ROLE, OPEN, OUTCOME, SEND } from './eventRoles';
import { resolveZone } from '../time';
import { resolvePeriod } from './period';
import type { EngagementRates, EngagementRatesOptions, ReportEvent } from './types';

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
 * Unknown is not zero (issue 9): a send marked `tracked: false` has no measured opens, so opens count only for tracked
 * sends and the open rate's denominator leaves out recipients whose every broadcast send was untracked
 * (`untrackedRecipients`); clicks and conversions are measured either way.
 * Only events inside the period count; events without a campaignId are read as one unnamed campaign. Rates are
 * fractions of recipients, 0 when there are none. Events are validated, de-duplicated by eventId and (by default)
 * stripped of machine events as for scoring; `includeRawFigures` adds `raw`, the same figures with them included.
 */
export function engagementRates(
	events: Iterable<ReportEvent>,
	options: EngagementRatesOptions = {},
): EngagementRates {
	if (options.includeRawFigures !== true) return countRates(events, options);
	const list = Array.isArray(events) ? (events as readonly ReportEvent[]) : Array.from(events);
	const rates = countRates(list, options);
	const raw =
		options.excludeMachine === false
			? rates
			: countRates(list, { ...options, excludeMachine: false });
	return {
		...rates,
		raw: {
			recipients: raw.recipients,
			untrackedRecipients: raw.untrackedRecipients,
			opened: raw.opened,
			clicked: raw.clicked,
			converted: raw.converted,
			openRate: raw.openRate,
			clickRate: raw.clickRate,
			conversionRate: raw.conversionRate,
		},
	};
}

function countRates(
	events: Iterable<ReportEvent>,
	options: EngagementRatesOptions,
): EngagementRates {
	const zone = resolveZone(options.timezone);
	const period = resolvePeriod({ ...options, timezone: zone });
	const roles = eventRoles(options.conversionTypes ?? ['conversion'], 'conversionTypes');
	const excludeMachine = options.excludeMachine !== false;
	const marked = markMachineEvents(events, options.machineFilter, {
		timezone: zone,
		excludeMachine,
	});
	const columns = prepareEventColumns(marked, { timezone: zone, excludeMachine });
	const { length, type, time, contact, campaign, kind } = columns;
	const from = period.from ?? -Infinity;
	const to = period.to ?? Infinity;

	// Group the events that matter by contact (counting sort: contact codes are dense).
	const contactCount = columns.contactIds.length;
	const groupStart = new Int32Array(contactCount + 1);
	for (let j = 0; j < length; j++) {
		if (roles[type[j]] !== NO_ROLE && time[j] >= from && time[j] < to) groupStart[contact[j] + 1]++;
	}
	for (let c = 0; c < contactCount; c++) groupStart[c + 1] += groupStart[c];
	const grouped = new Int32Array(groupStart[contactCount]);
	const fill = groupStart.slice(0, contactCount);
	for (let j = 0; j < length; j++) {
		if (roles[type[j]] !== NO_ROLE && time[j] >= from && time[j] < to)
			grouped[fill[contact[j]]++] = j;
	}

	/** Campaign slot: its code, or one past the last for "no campaignId". */
	const unnamed = columns.campaignIds.length;
	const slotOf = (j: number): number => (campaign[j] < 0 ? unnamed : campaign[j]);
	const firstSend = new Float64Array(unnamed + 1).fill(Infinity);
	const trackedSend = new Uint8Array(unnamed + 1);
	const checkTracked = columns.untrackedEvents > 0;
	const isTracked = (j: number) => !checkTracked || (columns.flags[j] & ROW_FLAG.untracked) === 0;
	const firstClick = new Float64Array(unnamed + 1).fill(Infinity);
	const touched: number[] = [];

	let contactsWithEvents = 0;
	let recipients = 0;
	let untrackedRecipients = 0;
	let opened = 0;
	let clicked = 0;
	let converted = 0;
	for (let c = 0; c < contactCount; c++) {
		const start = groupStart[c];
		const end = groupStart[c + 1];
		if (start === end) continue;
		contactsWithEvents++;
		for (let g = start; g < end; g++) {
			const j = grouped[g];
			if (roles[type[j]] !== SEND || kind[j] !== KIND.broadcast) continue;
			const slot = slotOf(j);
			if (firstSend[slot] === Infinity) touched.push(slot);
			if (time[j] < firstSend[slot]) firstSend[slot] = time[j];
			if (isTracked(j)) trackedSend[slot] = 1;
		}
		if (touched.length === 0) continue;
		recipients++;
		if (!touched.some((slot) => trackedSend[slot] === 1)) untrackedRecipients++;

		let hasOpened = false;
		let earliestClick = Infinity;
		for (let g = start; g < end; g++) {
			const j = grouped[g];
			const role = roles[type[j]];
			if ((role !== OPEN && role !== CLICK) || kind[j] !== KIND.broadcast) continue;
			const slot = slotOf(j);
			if (time[j] < firstSend[slot]) continue;
			if (role === OPEN) {
				if (trackedSend[slot] === 1) hasOpened = true;
			} else {
				if (time[j] < firstClick[slot]) firstClick[slot] = time[j];
				if (time[j] < earliestClick) earliestClick = time[j];
			}
		}
		if (hasOpened) opened++;
		if (earliestClick !== Infinity) {
			clicked++;
			for (let g = start; g < end; g++) {
				const j = grouped[g];
				if (roles[type[j]] !== OUTCOME) continue;
				const after = campaign[j] < 0 ? earliestClick : firstClick[campaign[j]];
				if (after <= time[j]) {
					converted++;
					break;
				}
			}
		}
		for (const slot of touched) {
			firstSend[slot] = Infinity;
			firstClick[slot] = Infinity;
			trackedSend[slot] = 0;
		}
		touched.length = 0;
	}

	return {
		recipients,
		opened,
		clicked,
		converted,
		openRate: share(opened, recipients - untrackedRecipients),
		clickRate: share(clicked, recipients),
		conversionRate: share(converted, recipients),
		excludedContacts: contactsWithEvents - recipients,
		untrackedRecipients,
	};
}

function share(part: number, whole: number): number {
	return whole === 0 ? 0 : part / whole;
}
