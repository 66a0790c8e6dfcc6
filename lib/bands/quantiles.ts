import { EngagementInputError } from '../errors';
import { DEFAULT_NULL_BAND } from './labels';
import { distinct, readLabel, readScore } from './prepared';
import type { PreparedBanding } from './prepared';
import type { BandableRow, BandMethod, QuantileBand } from './types';

type Quantiles = Extract<BandMethod, { method: 'quantiles' }>;

/** Percentages are compared with this slack so 33.3 + 33.3 + 33.4 counts as 100. */
const PERCENT_SLACK = 1e-9;

/**
 * Bands by rank among the scored rows, from the top: the first band takes the top x %, the next the following y %, and
 * so on; what is left goes to `fallback`. A row belongs to the first band whose cumulative share (rounded to whole
 * rows) still has room for the first row of its score: equal scores always share a band (a tie on a boundary goes up),
 * so a band can hold more than its share but never splits a tie, and the result does not depend on the rows' order.
 * Rows without a score go to `nullBand` ('Null') and are not ranked.
 */
export function prepareQuantiles(method: Quantiles, rows: readonly BandableRow[]): PreparedBanding {
	const cumulative = validateQuantiles(
		method.bands,
		method.fallback !== undefined && method.fallback !== '',
	);
	const fallback = readLabel(method.fallback, '', 'fallback');
	const nullBand = readLabel(method.nullBand, DEFAULT_NULL_BAND, 'nullBand');

	const scores = rows.map((row, index) => readScore(row, index));
	const ranked: number[] = [];
	scores.forEach((score, index) => {
		if (score !== null) ranked.push(index);
	});
	ranked.sort((a, b) => (scores[b] as number) - (scores[a] as number) || a - b);

	const bandByRow = new Map<number, string>();
	const count = ranked.length;
	let band = fallback;
	for (let rank = 0; rank < count; rank++) {
		if (rank === 0 || scores[ranked[rank]] !== scores[ranked[rank - 1]]) {
			band = bandAtRank(rank, count, cumulative, method.bands) ?? fallback;
		}
		bandByRow.set(ranked[rank], band);
	}

	return {
		labels: distinct([
			...method.bands.map((b) => b.name),
			...(fallback ? [fallback] : []),
			nullBand,
		]),
		bandOf(row, index) {
			if (readScore(row, index) === null) return nullBand;
			const assigned = bandByRow.get(index);
			if (assigned !== undefined) return assigned;
			throw new EngagementInputError(
				'quantile bands are ranked over the whole population; band the rows together',
				{ index, field: 'score' },
			);
		},
	};
}

/**
 * The first band whose cumulative share, rounded to whole rows (halves up), still has room for the row at 0-based
 * `rank` of `count`: with 3 rows and thirds each band gets one; with 25 rows the top 10 % (2.5) is 3 rows.
 */
function bandAtRank(
	rank: number,
	count: number,
	cumulative: readonly number[],
	bands: readonly QuantileBand[],
): string | undefined {
	for (let position = 0; position < bands.length; position++) {
		if (rank < Math.round((cumulative[position] * count) / 100 + PERCENT_SLACK)) {
			return bands[position].name;
		}
	}
	return undefined;
}

/** Checks quantile bands; returns the cumulative percentages. */
export function validateQuantiles(bands: readonly QuantileBand[], hasFallback: boolean): number[] {
	if (!Array.isArray(bands) || bands.length === 0) {
		throw new EngagementInputError('add at least one band', { field: 'bands' });
	}
	let total = 0;
	const cumulative = bands.map((band, position) => {
		const field = `bands[${position}]`;
		if (
			band === null ||
			typeof band !== 'object' ||
			typeof band.name !== 'string' ||
			band.name === ''
		) {
			throw new EngagementInputError('needs a name', { field: `${field}.name` });
		}
		const percent = band.topPercent;
		if (typeof percent !== 'number' || !Number.isFinite(percent) || percent <= 0 || percent > 100) {
			throw new EngagementInputError(
				`band "${band.name}": the share must be more than 0 and at most 100 % (got ${JSON.stringify(percent)})`,
				{ field: `${field}.topPercent` },
			);
		}
		total += percent;
		return total;
	});
	if (total > 100 * (1 + PERCENT_SLACK)) {
		throw new EngagementInputError(`the shares add up to ${total} %, more than 100 %`, {
			field: 'bands',
		});
	}
	if (total < 100 * (1 - PERCENT_SLACK) && !hasFallback) {
		throw new EngagementInputError(
			`the shares add up to ${total} %; add a band for the remaining ${100 - total} % or set a fallback band`,
			{ field: 'bands' },
		);
	}
	return cumulative;
}
