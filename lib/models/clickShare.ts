import { EngagementInputError } from '../errors';
import { contactRanks } from '../events/eventColumns';
import type { EventColumns } from '../events/eventColumns';
import { KIND, TYPE } from '../events/eventCodes';
import { calendarDayCounter } from '../time';
import { mergedBroadcastCampaigns } from '../partition/accountStatistics';
import { columnarModel } from './columnarModel';
import { createLocalDateFormatter } from './localDates';
import { readNumberParameter } from './modelParameters';
import type { ContactScore, ScoreResult, ScoringContext } from './types';

/**
 * clickShare — theMarketer's contact rating, 0 to 5 stars (seed 003), as DESIGN.md reads it.
 *
 * Seed: "the interactions with automation emails are not taken into account" · "we measure the engagement of each
 * contact (i.e. the click activity) with your newsletter campaigns" · "0 stars: the contact has never clicked on any of
 * your campaigns" · "1 star: the contact has clicked on a single campaign" · "2 stars: ... a minimum of two campaigns
 * ... but not more than 30% of the total number of campaigns" · "3 stars: ... 30% to 60%" · "4 stars: ... 60% to 90%"
 * · "5 stars: ... more than 90%", and the worked example with 10 campaigns: "two campaigns → 2", "three to five → 3",
 * "six to eight → 4", "nine or all ten → 5".
 *
 * Reading (DESIGN.md): total = distinct `broadcast` campaigns sent in the data (automation and transactional excluded;
 * a broadcast campaign that was clicked counts as sent even if its send events are missing), or the parameter
 * `totalCampaigns`. k = distinct broadcast campaigns the contact clicked. k = 0 → 0; k = 1 → 1; otherwise
 * share = k / total: ≥ 0.9 → 5, ≥ 0.6 → 4, ≥ 0.3 → 3, else 2 (the boundaries follow the worked example: 3, 6 and 9 of
 * 10 start 3, 4 and 5 stars). Shares are compared as exact fractions (10·k ≥ 9·total), so no rounding decides a band.
 * Events after asOf are ignored.
 */

export const CLICK_SHARE_BANDS = [
	'0 stars',
	'1 star',
	'2 stars',
	'3 stars',
	'4 stars',
	'5 stars',
] as const;

/** Lowest share, in tenths, that earns each star count from 3 up: 3/10 → 3 stars, 6/10 → 4, 9/10 → 5. */
const STAR_TENTHS: ReadonlyArray<readonly [stars: number, tenths: number]> = [
	[5, 9],
	[4, 6],
	[3, 3],
];

export function starsFor(clickedCampaigns: number, totalCampaigns: number): number {
	if (clickedCampaigns <= 0) return 0;
	if (clickedCampaigns === 1) return 1;
	for (const [stars, tenths] of STAR_TENTHS) {
		if (clickedCampaigns * 10 >= tenths * totalCampaigns) return stars;
	}
	return 2;
}

function starLabel(stars: number): string {
	return stars === 1 ? '1 star' : `${stars} stars`;
}

function clickShareFromColumns(
	columns: EventColumns,
	parameters: Record<string, unknown>,
	context: ScoringContext,
): ScoreResult {
	const { asOf } = context;
	const contactCount = columns.contactIds.length;
	const campaignCount = columns.campaignIds.length;

	// Broadcast campaigns sent (or clicked) up to asOf, and broadcast clicks grouped by contact.
	const campaignSent = broadcastCampaignsSent(columns, asOf);
	const clickStart = new Int32Array(contactCount + 1);
	for (let j = 0; j < columns.length; j++) {
		const k = columns.campaign[j];
		if (k < 0 || columns.kind[j] !== KIND.broadcast || columns.time[j] > asOf) continue;
		if (columns.type[j] === TYPE.click) clickStart[columns.contact[j] + 1]++;
	}
	let campaignsInData = 0;
	for (let k = 0; k < campaignCount; k++) campaignsInData += campaignSent[k];
	// Partitioned runs: the campaigns of every partition (lib/partition).
	campaignsInData = mergedBroadcastCampaigns(parameters, context) ?? campaignsInData;
	const totalCampaigns = readNumberParameter(parameters, 'totalCampaigns', campaignsInData, 1);
	if (!Number.isInteger(totalCampaigns)) {
		throw new EngagementInputError('must be a whole number', { field: 'totalCampaigns' });
	}

	for (let c = 0; c < contactCount; c++) clickStart[c + 1] += clickStart[c];
	const clickCampaign = new Int32Array(clickStart[contactCount]);
	const clickFill = clickStart.slice(0, contactCount);
	const lastClick = new Float64Array(contactCount).fill(-Infinity);
	for (let j = 0; j < columns.length; j++) {
		const k = columns.campaign[j];
		if (
			k < 0 ||
			columns.type[j] !== TYPE.click ||
			columns.kind[j] !== KIND.broadcast ||
			columns.time[j] > asOf
		) {
			continue;
		}
		const c = columns.contact[j];
		clickCampaign[clickFill[c]++] = k;
		if (columns.time[j] > lastClick[c]) lastClick[c] = columns.time[j];
	}

	// Distinct campaigns per contact: a campaign is stamped with the contact that last counted it.
	const stampedBy = new Int32Array(campaignCount).fill(-1);
	const dateOf = createLocalDateFormatter(calendarDayCounter(context.timezone));
	const { ranks, count: rowCount } = contactRanks(columns, asOf);
	const contacts = new Array<ContactScore>(rowCount);
	const bandCounts: Record<string, number> = {};
	for (const band of CLICK_SHARE_BANDS) bandCounts[band] = 0;
	let starSum = 0;
	for (let c = 0; c < contactCount; c++) {
		const r = ranks[c];
		if (r < 0) continue;
		let clicked = 0;
		for (let i = clickStart[c]; i < clickStart[c + 1]; i++) {
			const k = clickCampaign[i];
			if (stampedBy[k] === c) continue;
			stampedBy[k] = c;
			clicked++;
		}
		const stars = starsFor(clicked, totalCampaigns);
		const band = starLabel(stars);
		const share = totalCampaigns > 0 ? clicked / totalCampaigns : 0;
		const percent = `${Math.round(share * 100)}%`;
		let rule: string;
		let explanation: string;
		if (stars === 0) {
			rule = 'neverClicked';
			explanation = `Never clicked a newsletter campaign (0 of ${totalCampaigns}) → 0 stars`;
		} else if (stars === 1) {
			rule = 'singleCampaign';
			explanation = `Clicked a single newsletter campaign of ${totalCampaigns} → 1 star`;
		} else {
			rule =
				stars === 2
					? 'belowThirtyPercent'
					: stars === 3
						? 'thirtyToSixtyPercent'
						: stars === 4
							? 'sixtyToNinetyPercent'
							: 'ninetyPercentOrMore';
			explanation = `Clicked ${clicked} of ${totalCampaigns} newsletter campaigns (${percent}) → ${band}`;
		}
		starSum += stars;
		bandCounts[band]++;
		contacts[r] = {
			contactId: columns.contactIds[c],
			score: stars,
			band,
			explanation,
			details: {
				rule,
				clickedCampaigns: clicked,
				totalCampaigns,
				share,
				lastClickDate: dateOf(lastClick[c]),
			},
		};
	}

	return {
		contacts,
		account: {
			model: 'clickShare',
			asOf: new Date(asOf).toISOString(),
			totalCampaigns,
			campaignsInData,
			averageScore: contacts.length > 0 ? starSum / contacts.length : 0,
			contacts: contacts.length,
			bandCounts,
		},
	};
}

export const clickShare = columnarModel(clickShareFromColumns);

/** 1 per campaign code that is a broadcast campaign sent or clicked up to asOf: the denominator's campaigns. */
export function broadcastCampaignsSent(columns: EventColumns, asOf: number): Uint8Array {
	const sent = new Uint8Array(columns.campaignIds.length);
	for (let j = 0; j < columns.length; j++) {
		const k = columns.campaign[j];
		if (k < 0 || columns.kind[j] !== KIND.broadcast || columns.time[j] > asOf) continue;
		const type = columns.type[j];
		if (type === TYPE.click || type === TYPE.sent || type === TYPE.delivered) sent[k] = 1;
	}
	return sent;
}
