import { contactRanks, ROW_FLAG } from '../events/eventColumns';
import type { EventColumns } from '../events/eventColumns';
import { KIND, TYPE } from '../events/eventCodes';
import { EngagementInputError } from '../errors';
import { scratchFloat64, scratchInt32, scratchUint8 } from '../events/scratch';
import { calendarDayCounter } from '../time';
import { mergedDecayAverage } from '../partition/accountStatistics';
import { ExactSum } from '../partition/exactSum';
import { columnarModel } from './columnarModel';
import { readNumberParameter, readUntrackedCampaigns } from './modelParameters';
import { createLocalDateFormatter } from './localDates';
import type { ContactScore, ScoreResult, ScoringContext } from './types';

/**
 * decay — Ometria's email engagement score (seed 004), as DESIGN.md reads it.
 *
 * Seed: "An engagement score is calculated by looking at deliveries, opens and clicks in a set time window for each
 * individual contact. This window is the last 180 days" · "Transactional email interactions are not included" ·
 * "For each email sent to a contact, we calculate a basic interaction score by weighing the number of opens and clicks
 * and multiplying that by an age decay factor" · "Clicks have a higher weighting than opens" · "It is a linear function
 * based on how many days ago the interaction occurred" · "we then calculate a raw engagement score as a sum of all
 * their interaction scores, divided by the sum of the interaction weights and sum of all age decay factors" ·
 * "clicks and opens in 7 days after receiving the email, WILL be included" · "If a contact has not received the
 * minimum number of events in the time window, an account-specific average is proportionally applied" ·
 * "Account-average-engagement score is just the sum of the raw engagement scores for all contacts divided by the
 * number of contacts that have been assigned raw engagement scores".
 * Bands: "Null: ... no email engagement data" · "New: ... subscribed within the last 4 weeks and have not interacted" ·
 * "No engagement: ... engagement score = 0" · "Low: Engagement Score < (0.5 * average score)" ·
 * "Medium: 0.5 * average score < Score < 1.5 * average score" · "High: Score > (1.5 * average score)".
 *
 * Reading (DESIGN.md): a send is a `sent`/`delivered` event of a non-transactional campaign, one per contact and
 * campaign (the earliest). o_i = 1 when an open or click of that campaign by that contact falls 0..interactionWindowDays
 * calendar days after the send; c_i likewise for clicks. d_i = 1 − age_i / windowDays with age_i in calendar days from
 * the send to asOf; sends with age ≥ windowDays are ignored. raw = Σ d_i·(ow·o_i + cw·c_i) / Σ d_i·(ow + cw).
 * With n < minEvents sends in the window: score = (n·raw + (minEvents − n)·average) / minEvents.
 * Bands, first match wins: Null → New → No engagement (score 0) → Low → High → Medium (a score equal to an edge is Medium).
 * Events after asOf are ignored, so scoring at successive asOf dates replays history.
 */

export const DECAY_DEFAULTS = {
	windowDays: 180,
	interactionWindowDays: 7,
	openWeight: 1,
	clickWeight: 2,
	minEvents: 6,
	newContactDays: 28,
	lowMultiplier: 0.5,
	highMultiplier: 1.5,
} as const;

export const DECAY_BANDS = ['Null', 'New', 'No engagement', 'Low', 'Medium', 'High'] as const;

export type DecayParameters = { -readonly [K in keyof typeof DECAY_DEFAULTS]: number };

export function readDecayParameters(parameters: Record<string, unknown>): DecayParameters {
	const read = {} as DecayParameters;
	for (const name of Object.keys(DECAY_DEFAULTS) as Array<keyof DecayParameters>) {
		read[name] = readNumberParameter(parameters, name, DECAY_DEFAULTS[name]);
	}
	if (read.windowDays <= 0) {
		throw new EngagementInputError('must be above 0', { field: 'windowDays' });
	}
	if (!Number.isInteger(read.minEvents)) {
		throw new EngagementInputError('must be a whole number', { field: 'minEvents' });
	}
	if (read.openWeight + read.clickWeight <= 0) {
		throw new EngagementInputError('openWeight and clickWeight cannot both be 0', {
			field: 'clickWeight',
		});
	}
	if (read.highMultiplier < read.lowMultiplier) {
		throw new EngagementInputError('must be at least lowMultiplier', { field: 'highMultiplier' });
	}
	return read;
}

/** Per-contact sends, grouped contiguously: contact c owns slots sendStart[c] .. sendEnd[c] - 1. */
interface SendTable {
	sendStart: Int32Array;
	sendEnd: Int32Array;
	campaign: Int32Array;
	time: Float64Array;
	day: Int32Array;
	/** 1 where the send is untracked (`tracked: false` or an untracked campaign); undefined when every send is tracked. */
	untracked: Uint8Array | undefined;
}

function isCountedSend(columns: EventColumns, j: number, asOf: number): boolean {
	const type = columns.type[j];
	return (
		(type === TYPE.sent || type === TYPE.delivered) &&
		columns.kind[j] !== KIND.transactional &&
		columns.time[j] <= asOf
	);
}

function collectSends(
	columns: EventColumns,
	asOf: number,
	dayOf: (ms: number) => number,
	untrackedCampaigns: ReadonlySet<string> | undefined,
): SendTable {
	const contactCount = columns.contactIds.length;
	const sendStart = scratchInt32('decay.sendStart', contactCount + 1).fill(0);
	for (let j = 0; j < columns.length; j++) {
		if (isCountedSend(columns, j, asOf)) sendStart[columns.contact[j] + 1]++;
	}
	for (let c = 0; c < contactCount; c++) sendStart[c + 1] += sendStart[c];
	const slots = sendStart[contactCount];
	const campaign = scratchInt32('decay.sendCampaign', slots);
	const time = scratchFloat64('decay.sendTime', slots);
	const sendEnd = scratchInt32('decay.sendEnd', contactCount);
	sendEnd.set(sendStart.subarray(0, contactCount));
	let untracked: Uint8Array | undefined;
	const untrackedCampaign = untrackedCampaignCodes(columns, untrackedCampaigns);
	const checkTracked = columns.untrackedEvents > 0;
	for (let j = 0; j < columns.length; j++) {
		if (!isCountedSend(columns, j, asOf)) continue;
		const c = columns.contact[j];
		const k = columns.campaign[j];
		const t = columns.time[j];
		let slot = -1;
		if (k >= 0) {
			for (let s = sendStart[c]; s < sendEnd[c]; s++) {
				if (campaign[s] === k) {
					slot = s;
					break;
				}
			}
		}
		if (slot >= 0) {
			if (t < time[slot]) time[slot] = t;
		} else {
			slot = sendEnd[c]++;
			campaign[slot] = k;
			time[slot] = t;
		}
		if (
			(checkTracked && (columns.flags[j] & ROW_FLAG.untracked) !== 0) ||
			(untrackedCampaign !== undefined && k >= 0 && untrackedCampaign[k] === 1)
		) {
			if (untracked === undefined) untracked = new Uint8Array(slots);
			untracked[slot] = 1;
		}
	}
	const day = scratchInt32('decay.sendDay', slots);
	for (let c = 0; c < contactCount; c++) {
		for (let s = sendStart[c]; s < sendEnd[c]; s++) day[s] = dayOf(time[s]);
	}
	return { sendStart, sendEnd, campaign, time, day, untracked };
}

function untrackedCampaignCodes(
	columns: EventColumns,
	untrackedCampaigns: ReadonlySet<string> | undefined,
): Uint8Array | undefined {
	if (untrackedCampaigns === undefined || untrackedCampaigns.size === 0) return undefined;
	const codes = new Uint8Array(columns.campaignIds.length);
	columns.campaignIds.forEach((id, k) => {
		if (untrackedCampaigns.has(id)) codes[k] = 1;
	});
	return codes;
}

function decayFromColumns(
	columns: EventColumns,
	parameters: Record<string, unknown>,
	context: ScoringContext,
): ScoreResult {
	const p = readDecayParameters(parameters);
	const { asOf } = context;
	const dayOf = calendarDayCounter(context.timezone);
	const asOfDay = dayOf(asOf);
	const contactCount = columns.contactIds.length;
	const sends = collectSends(columns, asOf, dayOf, readUntrackedCampaigns(parameters));
	const untracked = sends.untracked;
	const slots = sends.time.length;

	// Opens and clicks: mark the send they answer, when within the interaction window.
	const opened = scratchUint8('decay.opened', slots).fill(0);
	const clicked = scratchUint8('decay.clicked', slots).fill(0);
	const lastOpen = scratchFloat64('decay.lastOpen', contactCount).fill(-Infinity);
	const lastClick = scratchFloat64('decay.lastClick', contactCount).fill(-Infinity);
	const firstSubscribe = scratchFloat64('decay.firstSubscribe', contactCount).fill(Infinity);
	for (let j = 0; j < columns.length; j++) {
		const type = columns.type[j];
		const t = columns.time[j];
		if (t > asOf) continue;
		const c = columns.contact[j];
		if (type === TYPE.open || type === TYPE.click) {
			if (columns.kind[j] === KIND.transactional) continue;
			const isClick = type === TYPE.click;
			if (isClick) {
				if (t > lastClick[c]) lastClick[c] = t;
			} else if (t > lastOpen[c]) lastOpen[c] = t;
			const k = columns.campaign[j];
			if (k < 0) continue;
			for (let s = sends.sendStart[c]; s < sends.sendEnd[c]; s++) {
				if (sends.campaign[s] !== k) continue;
				if (t >= sends.time[s] && dayOf(t) - sends.day[s] <= p.interactionWindowDays) {
					if (isClick) clicked[s] = 1;
					else opened[s] = 1;
				}
				break;
			}
		} else if (type === TYPE.subscribe && t < firstSubscribe[c]) firstSubscribe[c] = t;
	}

	// Raw scores (weighted average over the sends in the window) and the account average.
	const raw = scratchFloat64('decay.raw', contactCount).fill(NaN);
	const sendsInWindow = scratchInt32('decay.sendsInWindow', contactCount);
	const openedSends = scratchInt32('decay.openedSends', contactCount);
	const clickedSends = scratchInt32('decay.clickedSends', contactCount);
	const pairWeight = p.openWeight + p.clickWeight;
	// An exact sum: the average does not depend on the contacts' order, so partitioned runs (lib/partition) match.
	const rawSum = new ExactSum();
	let withRaw = 0;
	for (let c = 0; c < contactCount; c++) {
		let numerator = 0;
		let denominator = 0;
		let n = 0;
		let o = 0;
		let k = 0;
		for (let s = sends.sendStart[c]; s < sends.sendEnd[c]; s++) {
			const age = asOfDay - sends.day[s];
			if (age >= p.windowDays || (untracked !== undefined && untracked[s] === 1)) continue;
			// d_i = 1 − age_i / windowDays scaled by windowDays: the factor cancels in the ratio, and with whole-day ages and
			// the default whole weights every term is an integer, so the sums are exact and the score does not depend on the
			// order the sends arrive in (raw events, fact rows or partitions give the same double).
			const decay = p.windowDays - age;
			const didClick = clicked[s];
			const didOpen = opened[s] | didClick;
			numerator += decay * (p.openWeight * didOpen + p.clickWeight * didClick);
			denominator += decay * pairWeight;
			n++;
			o += didOpen;
			k += didClick;
		}
		sendsInWindow[c] = n;
		openedSends[c] = o;
		clickedSends[c] = k;
		if (n > 0) {
			raw[c] = numerator / denominator;
			rawSum.add(raw[c]);
			withRaw++;
		}
	}
	const merged = mergedDecayAverage(parameters, context);
	if (merged !== undefined) withRaw = merged.contactsWithRawScore;
	const average = merged?.average ?? (withRaw > 0 ? rawSum.value() / withRaw : 0);
	const lowThreshold = p.lowMultiplier * average;
	const highThreshold = p.highMultiplier * average;

	const dateOf = createLocalDateFormatter(dayOf);
	const averageText = formatScore(average);
	// Text shared by every row, built once: rows then concatenate a few pieces each.
	const openedWithin = ` sends opened within ${p.interactionWindowDays} days in the last ${p.windowDays} days`;
	const noEngagementTail = `${openedWithin}; score 0 → No engagement`;
	const versusAverage = (band: string) => ` vs account average ${averageText} → ${band}`;
	const bandTail = {
		Low: versusAverage('Low'),
		Medium: versusAverage('Medium'),
		High: versusAverage('High'),
	};
	const protectionNotes: string[] = [];
	const protectionNote = (n: number) =>
		(protectionNotes[n] ??= ` (account-average protection: ${n} < ${p.minEvents} sends)`);
	const { ranks, count: rowCount } = contactRanks(columns, asOf);
	const contacts = new Array<ContactScore>(rowCount);
	const bandCounts: Record<string, number> = {};
	for (const band of DECAY_BANDS) bandCounts[band] = 0;

	for (let c = 0; c < contactCount; c++) {
		const r = ranks[c];
		if (r < 0) continue;
		const total = sends.sendEnd[c] - sends.sendStart[c];
		const n = sendsInWindow[c];
		const hasRaw = n > 0;
		let firstSend = Infinity;
		let lastSend = -Infinity;
		let untrackedSends = 0;
		for (let s = sends.sendStart[c]; s < sends.sendEnd[c]; s++) {
			if (sends.time[s] < firstSend) firstSend = sends.time[s];
			if (sends.time[s] > lastSend) lastSend = sends.time[s];
			if (untracked !== undefined) untrackedSends += untracked[s];
		}
		const subscribed = firstSubscribe[c];
		const tenureStart = subscribed < Infinity ? subscribed : firstSend;
		const tenureDays = tenureStart < Infinity ? asOfDay - dayOf(tenureStart) : null;
		const rawScore = hasRaw ? raw[c] : null;
		const protectedScore = n < p.minEvents;
		const weighted = protectedScore
			? (n * (hasRaw ? raw[c] : 0) + (p.minEvents - n) * average) / p.minEvents
			: raw[c];
		const interacted = openedSends[c] > 0;
		const protection = protectedScore ? protectionNote(n) : '';

		let score: number | null;
		let band: string;
		let rule: string;
		let explanation: string;
		if (total === 0) {
			score = null;
			band = 'Null';
			rule = 'noSend';
			explanation =
				'No email sent to this contact (transactional excluded), so no engagement data → Null';
		} else if (untrackedSends === total) {
			score = null;
			band = 'Null';
			rule = 'untracked';
			explanation = `All ${total} sends untracked (open tracking off or privacy-protected): engagement unknown, not zero → Null`;
		} else if (!interacted && tenureDays !== null && tenureDays < p.newContactDays) {
			score = weighted;
			band = 'New';
			rule = 'newContact';
			explanation = `${subscribed < Infinity ? 'Subscribed' : 'First email'} ${tenureDays} days ago (< ${p.newContactDays}) and no counted open or click yet; score ${formatScore(weighted)}${protection} → New`;
		} else if (!interacted) {
			score = 0;
			band = 'No engagement';
			rule = 'noCountedInteraction';
			explanation = `${openedSends[c]} of ${n}${noEngagementTail}`;
		} else {
			score = weighted;
			let tail: string;
			if (weighted < lowThreshold) {
				band = 'Low';
				rule = 'belowLowThreshold';
				tail = bandTail.Low;
			} else if (weighted > highThreshold) {
				band = 'High';
				rule = 'aboveHighThreshold';
				tail = bandTail.High;
			} else {
				band = 'Medium';
				rule = 'betweenThresholds';
				tail = bandTail.Medium;
			}
			// e.g. "3 of 6 sends opened within 7 days in the last 180 days, 1 clicked; score 0.41 vs account average 0.22 → High"
			explanation = `${openedSends[c]} of ${n}${openedWithin}, ${clickedSends[c]} clicked; score ${formatScore(weighted)}${protection}${tail}`;
		}
		bandCounts[band]++;
		const details: Record<string, unknown> = {
			rule,
			sends: total,
			sendsInWindow: n,
			openedSends: openedSends[c],
			clickedSends: clickedSends[c],
			rawScore,
			protected: total > 0 && protectedScore,
			tenureDays,
			tenureStartDate: dateOf(tenureStart),
			lastSendDate: dateOf(lastSend),
			lastOpenDate: dateOf(lastOpen[c]),
			lastClickDate: dateOf(lastClick[c]),
		};
		if (untrackedSends > 0) details.untrackedSends = untrackedSends;
		contacts[r] = { contactId: columns.contactIds[c], score, band, explanation, details };
	}

	return {
		contacts,
		account: {
			model: 'decay',
			asOf: new Date(asOf).toISOString(),
			timezone: context.timezone,
			averageScore: average,
			contactsWithRawScore: withRaw,
			contacts: contacts.length,
			lowThreshold,
			highThreshold,
			totalCampaigns: countCampaignsInWindow(
				sends,
				asOfDay,
				p.windowDays,
				columns.campaignIds.length,
			),
			bandCounts,
			parameters: p,
		},
	};
}

function countCampaignsInWindow(
	sends: SendTable,
	asOfDay: number,
	windowDays: number,
	campaignCount: number,
): number {
	const seen = new Uint8Array(campaignCount);
	let count = 0;
	for (let c = 0; c + 1 < sends.sendStart.length; c++) {
		for (let s = sends.sendStart[c]; s < sends.sendEnd[c]; s++) {
			const k = sends.campaign[s];
			if (k < 0 || seen[k] || asOfDay - sends.day[s] >= windowDays) continue;
			seen[k] = 1;
			count++;
		}
	}
	return count;
}

export const decay = columnarModel(decayFromColumns);

function formatScore(score: number): string {
	return score.toFixed(2);
}
