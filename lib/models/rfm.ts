import sortedIndex from 'lodash/sortedIndex';
import sortedLastIndex from 'lodash/sortedLastIndex';

import { createAsOfCalendar } from './asOfCalendar';
import { formatNumber, plural } from './explanationText';
import { readNumberParameter } from './modelParameters';
import { collectHistories, countBands, dateOrNull } from './presetHistory';
import type { ContactScore, ScoringModel } from './types';

/**
 * rfm — recency, frequency, monetary scores 1–5 from purchases, with named segments (issue 9, peers.md §1: n8n template
 * #4880 and the R package `rfm`).
 *
 * Per contact, over purchases at most `windowDays` (365) calendar days before asOf: R = days since the last purchase,
 * F = number of purchases, M = sum of purchase `value`s. Each is scored 1–5 by quintile among the contacts that
 * purchased: score = 1 + floor(5 · (number of purchasers with a worse value) / purchasers), so equal values share a
 * score and the order of the input never matters (for R, fewer days is better; for F and M, more is better).
 *
 * Segments — the segment map of the R package `rfm` (rsquaredacademy, vignette "RFM analysis", `rfm_segment`), first
 * match wins, in this order, else `Others`:
 * | segment | R | F | M |
 * |---|---|---|---|
 * | Champions | 4–5 | 4–5 | 4–5 |
 * | Loyal Customers | 2–5 | 3–5 | 3–5 |
 * | Potential Loyalist | 3–5 | 1–3 | 1–3 |
 * | New Customers | 4–5 | ≤ 1 | ≤ 1 |
 * | Promising | 3–4 | ≤ 1 | ≤ 1 |
 * | Need Attention | 2–3 | 2–3 | 2–3 |
 * | About To Sleep | 2–3 | ≤ 2 | ≤ 2 |
 * | At Risk | ≤ 2 | 2–5 | 2–5 |
 * | Can't Lose Them | ≤ 1 | 4–5 | 4–5 |
 * | Lost | ≤ 2 | ≤ 2 | ≤ 2 |
 * Contacts without a purchase in the window: band `No purchases`, score null. `score` = R + F + M (3–15);
 * `details.rfm` is the cell, e.g. "545". Parameter: windowDays 365.
 */
export const RFM_SEGMENTS: ReadonlyArray<{
	name: string;
	r: readonly [number, number];
	f: readonly [number, number];
	m: readonly [number, number];
}> = [
	{ name: 'Champions', r: [4, 5], f: [4, 5], m: [4, 5] },
	{ name: 'Loyal Customers', r: [2, 5], f: [3, 5], m: [3, 5] },
	{ name: 'Potential Loyalist', r: [3, 5], f: [1, 3], m: [1, 3] },
	{ name: 'New Customers', r: [4, 5], f: [1, 1], m: [1, 1] },
	{ name: 'Promising', r: [3, 4], f: [1, 1], m: [1, 1] },
	{ name: 'Need Attention', r: [2, 3], f: [2, 3], m: [2, 3] },
	{ name: 'About To Sleep', r: [2, 3], f: [1, 2], m: [1, 2] },
	{ name: 'At Risk', r: [1, 2], f: [2, 5], m: [2, 5] },
	{ name: "Can't Lose Them", r: [1, 1], f: [4, 5], m: [4, 5] },
	{ name: 'Lost', r: [1, 2], f: [1, 2], m: [1, 2] },
];

export const RFM_BANDS = [
	...RFM_SEGMENTS.map((segment) => segment.name),
	'Others',
	'No purchases',
] as const;

export function rfmSegment(r: number, f: number, m: number): string {
	const within = (value: number, [low, high]: readonly [number, number]) =>
		value >= low && value <= high;
	for (const segment of RFM_SEGMENTS) {
		if (within(r, segment.r) && within(f, segment.f) && within(m, segment.m)) return segment.name;
	}
	return 'Others';
}

/** Quintile scores 1–5: 1 + floor(5 · (values strictly worse) / n); `higherIsBetter` false for recency in days. */
export function quintileScores(values: readonly number[], higherIsBetter: boolean): number[] {
	const sorted = [...values].sort((a, b) => a - b);
	const n = sorted.length;
	return values.map((value) => {
		const worse = higherIsBetter ? sortedIndex(sorted, value) : n - sortedLastIndex(sorted, value);
		return 1 + Math.floor((5 * worse) / n);
	});
}

export const RFM_DEFAULTS = { windowDays: 365 } as const;

export const rfm: ScoringModel = (events, parameters, context) => {
	const windowDays = readNumberParameter(parameters, 'windowDays', RFM_DEFAULTS.windowDays);
	const calendar = createAsOfCalendar(context.asOf, context.timezone);
	const histories = collectHistories(events, context.asOf);
	const figures = histories.map((history) => {
		let last = -Infinity;
		const values: number[] = [];
		for (let i = 0; i < history.purchaseTimes.length; i++) {
			const time = history.purchaseTimes[i];
			if (calendar.daysAgo(time) > windowDays) continue;
			values.push(history.purchaseValues[i]);
			if (time > last) last = time;
		}
		const frequency = values.length;
		return {
			frequency,
			monetary: orderFreeSum(values),
			last,
			recencyDays: frequency > 0 ? calendar.daysAgo(last) : null,
		};
	});
	const buyers = figures.filter((figure) => figure.frequency > 0);
	const rScores = quintileScores(
		buyers.map((b) => b.recencyDays as number),
		false,
	);
	const fScores = quintileScores(
		buyers.map((b) => b.frequency),
		true,
	);
	const mScores = quintileScores(
		buyers.map((b) => b.monetary),
		true,
	);
	let buyer = 0;
	const contacts: ContactScore[] = histories.map((history, i) => {
		const figure = figures[i];
		const base = {
			recencyDays: figure.recencyDays,
			frequency: figure.frequency,
			monetary: figure.monetary,
			lastPurchaseDate: dateOrNull(figure.last, calendar),
		};
		if (figure.frequency === 0) {
			return {
				contactId: history.contactId,
				score: null,
				band: 'No purchases',
				explanation: `No purchase in the last ${windowDays} days → No purchases`,
				details: { rule: 'noPurchases', ...base, r: null, f: null, m: null, rfm: null },
			};
		}
		const r = rScores[buyer];
		const f = fScores[buyer];
		const m = mScores[buyer];
		buyer++;
		const segment = rfmSegment(r, f, m);
		return {
			contactId: history.contactId,
			score: r + f + m,
			band: segment,
			explanation: `Last purchase ${plural(figure.recencyDays as number, 'day')} ago (R ${r}), ${plural(figure.frequency, 'purchase')} (F ${f}), ${formatNumber(figure.monetary)} spent (M ${m}) in the last ${windowDays} days → RFM ${r}${f}${m} → ${segment}`,
			details: { rule: 'segmentMap', ...base, r, f, m, rfm: `${r}${f}${m}` },
		};
	});
	return {
		contacts,
		account: {
			model: 'rfm',
			asOf: new Date(context.asOf).toISOString(),
			timezone: context.timezone,
			contacts: contacts.length,
			purchasers: buyers.length,
			windowDays,
			bandCounts: countBands(
				RFM_BANDS,
				contacts.map((c) => c.band),
			),
		},
	};
};

/**
 * Sum of purchase values that does not depend on their order (sorted first) and is rounded to 1e-6, so that two
 * contacts with the same spend tie exactly — events in another order, or summed per day first (facts), score alike.
 */
function orderFreeSum(values: number[]): number {
	let sum = 0;
	for (const value of values.sort((a, b) => a - b)) sum += value;
	return Math.round(sum * 1e6) / 1e6;
}
