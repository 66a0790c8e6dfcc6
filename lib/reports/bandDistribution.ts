import { EngagementInputError } from '../errors';
import { bandLabels } from '../bands/assignBands';
import { modelBands } from '../bands/labels';
import type { BandMethod } from '../bands/types';

export interface BandCount {
	band: string;
	count: number;
	/** Fraction 0..1 of all rows; 0 when there are none. */
	share: number;
}

export interface BandTrendRow extends BandCount {
	/** The scoring date the counts belong to, as given. */
	date: string;
}

export interface BandDistributionOptions {
	/** The bands to list, in order. Otherwise those of `model`, else those of `method`, else the bands seen, sorted. */
	labels?: readonly string[];
	/** A scoring model name (decay, clickShare, recency, recency5, lifecycle): its bands, in its order. */
	model?: string;
	/** A band method: the bands it can produce. */
	method?: BandMethod;
}

/** Rows carrying a band: scored contacts, banded rows. */
export interface BandedRow {
	band: string;
}

/**
 * Counts per band: every band of the model (or method, or given list) is listed in its order, with 0 when nobody is
 * in it; a band outside that list (from rows banded elsewhere) is added after, so no row goes uncounted.
 */
export function bandDistribution(
	rows: Iterable<BandedRow>,
	options: BandDistributionOptions = {},
): BandCount[] {
	const counts = countBands(rows);
	return toBandCounts(counts, orderedLabels(options, counts.keys()));
}

/**
 * Counts per band at several scoring dates (e.g. the same events scored at successive `asOf`s: cluster counts over
 * time). One row per date and band, dates in ascending order, the same bands at every date (zero-filled).
 */
export function bandDistributionOverTime(
	results: Readonly<Record<string, Iterable<BandedRow>>> | ReadonlyMap<string, Iterable<BandedRow>>,
	options: BandDistributionOptions = {},
): BandTrendRow[] {
	const entries = results instanceof Map ? [...results.entries()] : Object.entries(results);
	const countsByDate = entries
		.map(([date, rows]) => ({ date: String(date), counts: countBands(rows) }))
		.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
	const seen = new Set<string>();
	for (const { counts } of countsByDate) for (const band of counts.keys()) seen.add(band);
	const labels = orderedLabels(options, seen);
	return countsByDate.flatMap(({ date, counts }) =>
		toBandCounts(counts, labels).map((count) => ({ date, ...count })),
	);
}

function countBands(rows: Iterable<BandedRow>): Map<string, number> {
	const counts = new Map<string, number>();
	let index = 0;
	for (const row of rows) {
		const band = row?.band;
		if (typeof band !== 'string' || band === '') {
			throw new EngagementInputError('is missing', { index, field: 'band' });
		}
		counts.set(band, (counts.get(band) ?? 0) + 1);
		index++;
	}
	return counts;
}

function orderedLabels(options: BandDistributionOptions, seen: Iterable<string>): string[] {
	const known =
		options.labels ??
		(options.model !== undefined ? modelBands(options.model) : undefined) ??
		(options.method !== undefined ? bandLabels(options.method) : []);
	const labels = [...new Set(known)];
	const listed = new Set(labels);
	const others = [...seen].filter((band) => !listed.has(band)).sort();
	return [...labels, ...others];
}

function toBandCounts(counts: ReadonlyMap<string, number>, labels: readonly string[]): BandCount[] {
	let total = 0;
	for (const count of counts.values()) total += count;
	return labels.map((band) => {
		const count = counts.get(band) ?? 0;
		return { band, count, share: total === 0 ? 0 : count / total };
	});
}
