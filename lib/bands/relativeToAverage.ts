import { EngagementInputError } from '../errors';
import { RELATIVE_TO_AVERAGE_LABELS } from './labels';
import { distinct, readFlag, readLabel, readScore } from './prepared';
import { reengagedBand } from './reengaged';
import type { PreparedBanding } from './prepared';
import type { BandableRow, BandMethod } from './types';

type RelativeToAverage = Extract<BandMethod, { method: 'relativeToAverage' }>;

/**
 * Ometria's bands (seed 004): a score is compared with the account average — "Low" below `lowMultiplier` × average
 * (0.5), "High" above `highMultiplier` × average (1.5), "Medium" in between, both edges included in Medium. A row
 * without a score is "Null" and a score of 0 is "No engagement". The average is the mean of the rows' scores unless
 * given. A row that was "No engagement" last time and now scores Medium or High is Low (`reengagedBand`).
 */
export function prepareRelativeToAverage(
	method: RelativeToAverage,
	rows: readonly BandableRow[] = [],
): PreparedBanding {
	const low = readMultiplier(method.lowMultiplier, 0.5, 'lowMultiplier');
	const high = readMultiplier(method.highMultiplier, 1.5, 'highMultiplier');
	if (low > high) {
		throw new EngagementInputError(
			`the low multiplier (${low}) must not exceed the high multiplier (${high})`,
			{ field: 'lowMultiplier' },
		);
	}
	const given = method.labels ?? {};
	const labels = {
		null: readLabel(given.null, RELATIVE_TO_AVERAGE_LABELS.null, 'labels.null'),
		zero: readLabel(given.zero, RELATIVE_TO_AVERAGE_LABELS.zero, 'labels.zero'),
		low: readLabel(given.low, RELATIVE_TO_AVERAGE_LABELS.low, 'labels.low'),
		medium: readLabel(given.medium, RELATIVE_TO_AVERAGE_LABELS.medium, 'labels.medium'),
		high: readLabel(given.high, RELATIVE_TO_AVERAGE_LABELS.high, 'labels.high'),
	};
	const average = method.average ?? averageScore(rows);
	if (typeof average !== 'number' || !Number.isFinite(average)) {
		throw new EngagementInputError(`must be a number (got ${String(average)})`, {
			field: 'average',
		});
	}
	const lowEdge = low * average;
	const highEdge = high * average;
	const reengaged = readFlag(method.reengagedToLow, true, 'reengagedToLow');
	const bandOfScore = (score: number | null) => {
		if (score === null) return labels.null;
		if (score === 0) return labels.zero;
		if (score < lowEdge) return labels.low;
		if (score > highEdge) return labels.high;
		return labels.medium;
	};
	return {
		labels: distinct([labels.null, labels.zero, labels.low, labels.medium, labels.high]),
		bandOf(row, index) {
			const band = bandOfScore(readScore(row, index));
			return reengaged ? reengagedBand(band, row.previousBand, labels) : band;
		},
	};
}

/** Mean of the rows' scores (rows without a score left out); 0 when none has one. */
export function averageScore(rows: readonly BandableRow[]): number {
	let sum = 0;
	let count = 0;
	rows.forEach((row, index) => {
		const score = readScore(row, index);
		if (score === null) return;
		sum += score;
		count++;
	});
	return count === 0 ? 0 : sum / count;
}

function readMultiplier(value: number | undefined, fallback: number, field: string): number {
	const multiplier = value ?? fallback;
	if (typeof multiplier !== 'number' || !Number.isFinite(multiplier) || multiplier < 0) {
		throw new EngagementInputError(`must be a number, 0 or more (got ${String(value)})`, { field });
	}
	return multiplier;
}
