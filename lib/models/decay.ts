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
import { decayExplanations, SILENT_DECAY_EXPLANATIONS } from './decayText';
import { createDayDateFormatter } from './localDates';
import type { AnyScoreResult, CompactContactScore, ContactScore, ScoringContext } from './types';

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

/**
 * The rows decay reads, picked out in one pass over the columns (the other rows are not read again): counted sends
 * (`sent`/`delivered`, not transactional, at or before asOf) and opens/clicks of non-transactional mail at or before
 * asOf that name a campaign, both as row numbers in row order; and per contact the number of counted sends, the
 * latest open and click, the first subscribe and whether any event falls at or before asOf (the contacts with a row).
 */
interface RowSelection {
	sendRows: Int32Array;
	answerRows: Int32Array;
	/** sendCount[c + 1]: counted sends of contact c (prefix sums of it give the send slots). */
	sendCount: Int32Array;
	lastOpen: Float64Array;
	lastClick: Float64Array;
	firstSubscribe: Float64Array;
	seen: Uint8Array;
}

function selectRows(columns: EventColumns, asOf: number): RowSelection {
	const contactCount = columns.contactIds.length;
	const { contact, type, time, kind, campaign } = columns;
	const sendCount = scratchInt32('decay.sendStart', contactCount + 1).fill(0);
	const lastOpen = scratchFloat64('decay.lastOpen', contactCount).fill(-Infinity);
	const lastClick = scratchFloat64('decay.lastClick', contactCount).fill(-Infinity);
	const firstSubscribe = scratchFloat64('decay.firstSubscribe', contactCount).fill(Infinity);
	const seen = scratchUint8('decay.seen', contactCount).fill(0);
	const sendRows = scratchInt32('decay.sendRows', columns.length);
	const answerRows = scratchInt32('decay.answerRows', columns.length);
	let sends = 0;
	let answers = 0;
	for (let j = 0; j < columns.length; j++) {
		const t = time[j];
		if (t > asOf) continue;
		const code = type[j];
		const c = contact[j];
		seen[c] = 1;
		if (code === TYPE.sent || code === TYPE.delivered) {
			if (kind[j] === KIND.transactional) continue;
			sendCount[c + 1]++;
			sendRows[sends++] = j;
		} else if (code === TYPE.open || code === TYPE.click) {
			if (kind[j] === KIND.transactional) continue;
			if (code === TYPE.click) {
				if (t > lastClick[c]) lastClick[c] = t;
			} else if (t > lastOpen[c]) lastOpen[c] = t;
			if (campaign[j] >= 0) answerRows[answers++] = j;
		} else if (code === TYPE.subscribe && t < firstSubscribe[c]) firstSubscribe[c] = t;
	}
	return {
		sendRows: sendRows.subarray(0, sends),
		answerRows: answerRows.subarray(0, answers),
		sendCount,
		lastOpen,
		lastClick,
		firstSubscribe,
		seen,
	};
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

/** One slot per counted send, except that a contact's sends of one campaign share a slot (the earliest time). */
function collectSends(
	columns: EventColumns,
	selection: RowSelection,
	dayOf: (ms: number) => number,
	untrackedCampaigns: ReadonlySet<string> | undefined,
): SendTable {
	const contactCount = columns.contactIds.length;
	const sendStart = selection.sendCount;
	for (let c = 0; c < contactCount; c++) sendStart[c + 1] += sendStart[c];
	const slots = sendStart[contactCount];
	const campaign = scratchInt32('decay.sendCampaign', slots);
	const time = scratchFloat64('decay.sendTime', slots);
	const sendEnd = scratchInt32('decay.sendEnd', contactCount);
	sendEnd.set(sendStart.subarray(0, contactCount));
	let untracked: Uint8Array | undefined;
	const untrackedCampaign = untrackedCampaignCodes(columns, untrackedCampaigns);
	const checkTracked = columns.untrackedEvents > 0;
	const rows = selection.sendRows;
	for (let i = 0; i < rows.length; i++) {
		const j = rows[i];
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

/**
 * Opens and clicks mark the send they answer (the contact's slot of their campaign) when they fall 0..
 * interactionWindowDays calendar days after it.
 */
function markAnswers(
	columns: EventColumns,
	answerRows: Int32Array,
	sends: SendTable,
	dayOf: (ms: number) => number,
	interactionWindowDays: number,
): { opened: Uint8Array; clicked: Uint8Array } {
	const slots = sends.time.length;
	const opened = scratchUint8('decay.opened', slots).fill(0);
	const clicked = scratchUint8('decay.clicked', slots).fill(0);
	const { sendStart, sendEnd, campaign, time, day } = sends;
	for (let i = 0; i < answerRows.length; i++) {
		const j = answerRows[i];
		const c = columns.contact[j];
		const k = columns.campaign[j];
		for (let s = sendStart[c]; s < sendEnd[c]; s++) {
			if (campaign[s] !== k) continue;
			const t = columns.time[j];
			if (t >= time[s] && dayOf(t) - day[s] <= interactionWindowDays) {
				if (columns.type[j] === TYPE.click) clicked[s] = 1;
				else opened[s] = 1;
			}
			break;
		}
	}
	return { opened, clicked };
}

function decayFromColumns(
	columns: EventColumns,
	parameters: Record<string, unknown>,
	context: ScoringContext,
): AnyScoreResult {
	const p = readDecayParameters(parameters);
	const { asOf } = context;
	const dayOf = calendarDayCounter(context.timezone);
	const asOfDay = dayOf(asOf);
	const contactCount = columns.contactIds.length;
	const selection = selectRows(columns, asOf);
	const { lastOpen, lastClick, firstSubscribe } = selection;
	const sends = collectSends(columns, selection, dayOf, readUntrackedCampaigns(parameters));
	const { sendStart, sendEnd, untracked } = sends;
	const { opened, clicked } = markAnswers(
		columns,
		selection.answerRows,
		sends,
		dayOf,
		p.interactionWindowDays,
	);

	// Raw scores (weighted average over the sends in the window), the account average, and per contact the figures
	// its row reports; campaigns with a send in the window are counted on the way.
	const raw = scratchFloat64('decay.raw', contactCount).fill(NaN);
	const sendsInWindow = scratchInt32('decay.sendsInWindow', contactCount);
	const openedSends = scratchInt32('decay.openedSends', contactCount);
	const clickedSends = scratchInt32('decay.clickedSends', contactCount);
	const firstSend = scratchFloat64('decay.firstSend', contactCount);
	const lastSend = scratchFloat64('decay.lastSend', contactCount);
	const untrackedSends = scratchInt32('decay.untrackedSends', contactCount);
	const campaignInWindow = new Uint8Array(columns.campaignIds.length);
	let totalCampaigns = 0;
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
		let first = Infinity;
		let last = -Infinity;
		let untrackedCount = 0;
		for (let s = sendStart[c]; s < sendEnd[c]; s++) {
			const time = sends.time[s];
			if (time < first) first = time;
			if (time > last) last = time;
			const isUntracked = untracked !== undefined && untracked[s] === 1;
			if (isUntracked) untrackedCount++;
			const age = asOfDay - sends.day[s];
			if (age >= p.windowDays) continue;
			const campaign = sends.campaign[s];
			if (campaign >= 0 && campaignInWindow[campaign] === 0) {
				campaignInWindow[campaign] = 1;
				totalCampaigns++;
			}
			if (isUntracked) continue;
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
		firstSend[c] = first;
		lastSend[c] = last;
		untrackedSends[c] = untrackedCount;
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

	const dateOfDay = createDayDateFormatter();
	const dateOf = (millis: number) => (Number.isFinite(millis) ? dateOfDay(dayOf(millis)) : null);
	const explaining = context.explain !== false;
	const explain = explaining ? decayExplanations(p, average) : SILENT_DECAY_EXPLANATIONS;
	const { ranks, count: rowCount } = contactRanks(columns, asOf, selection.seen);
	const contacts = new Array<ContactScore>(explaining ? rowCount : 0);
	const compactContacts = new Array<CompactContactScore>(explaining ? 0 : rowCount);
	const bandCounts: Record<string, number> = {};
	for (const band of DECAY_BANDS) bandCounts[band] = 0;

	for (let c = 0; c < contactCount; c++) {
		const r = ranks[c];
		if (r < 0) continue;
		const total = sendEnd[c] - sendStart[c];
		const n = sendsInWindow[c];
		const hasRaw = n > 0;
		const subscribed = firstSubscribe[c];
		const tenureStart = subscribed < Infinity ? subscribed : firstSend[c];
		const tenureDay = tenureStart < Infinity ? dayOf(tenureStart) : NaN;
		const tenureDays = tenureStart < Infinity ? asOfDay - tenureDay : null;
		const rawScore = hasRaw ? raw[c] : null;
		const protectedScore = n < p.minEvents;
		const weighted = protectedScore
			? (n * (hasRaw ? raw[c] : 0) + (p.minEvents - n) * average) / p.minEvents
			: raw[c];
		const interacted = openedSends[c] > 0;

		let score: number | null;
		let band: string;
		let rule: string;
		let explanation: string;
		if (total === 0) {
			score = null;
			band = 'Null';
			rule = 'noSend';
			explanation = explain.noSend;
		} else if (untrackedSends[c] === total) {
			score = null;
			band = 'Null';
			rule = 'untracked';
			explanation = explain.untracked(total);
		} else if (!interacted && tenureDays !== null && tenureDays < p.newContactDays) {
			score = weighted;
			band = 'New';
			rule = 'newContact';
			explanation = explain.newContact(subscribed < Infinity, tenureDays, weighted, n);
		} else if (!interacted) {
			score = 0;
			band = 'No engagement';
			rule = 'noCountedInteraction';
			explanation = explain.noEngagement(openedSends[c], n);
		} else {
			score = weighted;
			let tier: 'Low' | 'Medium' | 'High';
			if (weighted < lowThreshold) {
				tier = 'Low';
				rule = 'belowLowThreshold';
			} else if (weighted > highThreshold) {
				tier = 'High';
				rule = 'aboveHighThreshold';
			} else {
				tier = 'Medium';
				rule = 'betweenThresholds';
			}
			band = tier;
			explanation = explain.banded(tier, openedSends[c], n, clickedSends[c], weighted);
		}
		bandCounts[band]++;
		const contactId = columns.contactIds[c];
		if (!explaining) {
			compactContacts[r] = { contactId, score, band };
			continue;
		}
		const details: Record<string, unknown> = {
			rule,
			sends: total,
			sendsInWindow: n,
			openedSends: openedSends[c],
			clickedSends: clickedSends[c],
			rawScore,
			protected: total > 0 && protectedScore,
			tenureDays,
			tenureStartDate: tenureDays === null ? null : dateOfDay(tenureDay),
			lastSendDate: dateOf(lastSend[c]),
			lastOpenDate: dateOf(lastOpen[c]),
			lastClickDate: dateOf(lastClick[c]),
		};
		if (untrackedSends[c] > 0) details.untrackedSends = untrackedSends[c];
		contacts[r] = { contactId, score, band, explanation, details };
	}

	const account = {
		model: 'decay',
		asOf: new Date(asOf).toISOString(),
		timezone: context.timezone,
		averageScore: average,
		contactsWithRawScore: withRaw,
		contacts: rowCount,
		lowThreshold,
		highThreshold,
		totalCampaigns,
		bandCounts,
		parameters: p,
	};
	return explaining ? { contacts, account } : { contacts: compactContacts, account };
}

export const decay = columnarModel(decayFromColumns, { compactRows: true });
