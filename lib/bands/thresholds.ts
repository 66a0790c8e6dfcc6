import { EngagementInputError } from '../errors';
import { DEFAULT_NULL_BAND } from './labels';
import { distinct, readLabel, readScore } from './prepared';
import type { PreparedBanding } from './prepared';
import type { BandMethod, ThresholdBand } from './types';

type Thresholds = Extract<BandMethod, { method: 'thresholds' }>;

interface Range {
	name: string;
	min: number;
	max: number;
	/** True for the highest range, whose max is inclusive. */
	closed: boolean;
}

/**
 * Fixed score ranges: each band covers [min, max) — min inclusive, max exclusive, either open — and the highest band
 * also takes a score equal to its max. Ranges must not overlap; a gap between them is an error unless a `fallback`
 * band is set, which then also takes scores outside every range. Rows without a score go to `nullBand` ('Null').
 */
export function prepareThresholds(method: Thresholds): PreparedBanding {
	const ranges = validateThresholds(
		method.bands,
		method.fallback !== undefined && method.fallback !== '',
	);
	const fallback = readLabel(method.fallback, '', 'fallback');
	const nullBand = readLabel(method.nullBand, DEFAULT_NULL_BAND, 'nullBand');
	const lowest = ranges[0].min;
	const highest = ranges[ranges.length - 1].max;
	return {
		labels: distinct([
			...method.bands.map((band) => band.name),
			...(fallback ? [fallback] : []),
			nullBand,
		]),
		bandOf(row, index) {
			const score = readScore(row, index);
			if (score === null) return nullBand;
			for (const range of ranges) {
				if (score >= range.min && (score < range.max || (range.closed && score === range.max))) {
					return range.name;
				}
			}
			if (fallback) return fallback;
			throw new EngagementInputError(
				`${score} is outside every band (${describeBounds(lowest, highest)}); widen a band or set a fallback band`,
				{ index, field: 'score' },
			);
		},
	};
}

/**
 * Checks threshold bands and returns them sorted by min. Overlaps are always an error; gaps are an error unless a
 * fallback band will take the scores that fall into them. Messages name the bands and the exact range at fault.
 */
export function validateThresholds(bands: readonly ThresholdBand[], hasFallback: boolean): Range[] {
	if (!Array.isArray(bands) || bands.length === 0) {
		throw new EngagementInputError('add at least one band', { field: 'bands' });
	}
	const ranges = bands.map((band, position) => readRange(band, position));
	ranges.sort((a, b) => a.min - b.min || a.max - b.max);
	ranges[ranges.length - 1].closed = true;
	for (let position = 1; position < ranges.length; position++) {
		const below = ranges[position - 1];
		const above = ranges[position];
		if (above.min < below.max) {
			throw new EngagementInputError(
				`bands "${below.name}" ${describeRange(below)} and "${above.name}" ${describeRange(above)} overlap from ${above.min} to ${Math.min(below.max, above.max)}`,
				{ field: 'bands' },
			);
		}
		if (above.min > below.max && !hasFallback) {
			throw new EngagementInputError(
				`no band covers scores from ${below.max} up to ${above.min} (between "${below.name}" and "${above.name}"); close the gap or set a fallback band`,
				{ field: 'bands' },
			);
		}
	}
	return ranges;
}

function readRange(band: ThresholdBand, position: number): Range {
	const field = `bands[${position}]`;
	if (band === null || typeof band !== 'object') {
		throw new EngagementInputError('must be a band with a name, min and max', { field });
	}
	if (typeof band.name !== 'string' || band.name === '') {
		throw new EngagementInputError('needs a name', { field: `${field}.name` });
	}
	const min = readBound(band.min, -Infinity, `${field}.min`);
	const max = readBound(band.max, Infinity, `${field}.max`);
	if (min >= max) {
		throw new EngagementInputError(`band "${band.name}": min (${min}) must be below max (${max})`, {
			field,
		});
	}
	return { name: band.name, min, max, closed: false };
}

function readBound(value: number | undefined | null, open: number, field: string): number {
	if (value === undefined || value === null) return open;
	if (typeof value !== 'number' || Number.isNaN(value)) {
		throw new EngagementInputError(`must be a number or empty (got ${JSON.stringify(value)})`, {
			field,
		});
	}
	return value;
}

function describeRange(range: Range): string {
	return `[${range.min}, ${range.max})`;
}

function describeBounds(min: number, max: number): string {
	return `${min === -Infinity ? 'no minimum' : `from ${min}`} ${max === Infinity ? 'with no maximum' : `to ${max}`}`;
}
