import { EngagementInputError } from '../errors';
import { modelBands, RELATIVE_TO_AVERAGE_LABELS } from './labels';
import { readFlag } from './prepared';
import type { PreparedBanding } from './prepared';
import { prepareQuantiles } from './quantiles';
import { reengagedBand } from './reengaged';
import { prepareRelativeToAverage } from './relativeToAverage';
import { prepareThresholds } from './thresholds';
import type { BandableRow, BandAssignment, BandMethod } from './types';

export const BAND_METHODS = ['relativeToAverage', 'thresholds', 'quantiles', 'model'] as const;

/**
 * Validates a band method and readies it for `rows` (the population: relative-to-average takes its average from it
 * when none is given, quantiles rank it). Call once per run, then `bandOf` per row. Configuration errors name the
 * setting at fault; row errors name the row index and field.
 */
export function prepareBanding(
	method: BandMethod,
	rows: readonly BandableRow[] = [],
): PreparedBanding {
	switch (method?.method) {
		case 'relativeToAverage':
			return prepareRelativeToAverage(method, rows);
		case 'thresholds':
			return prepareThresholds(method);
		case 'quantiles':
			return prepareQuantiles(method, rows);
		case 'model':
			return prepareModelBand(method);
		default:
			throw new EngagementInputError(
				`unknown band method "${String((method as { method?: unknown })?.method)}"; use one of ${BAND_METHODS.join(', ')}`,
				{ field: 'method' },
			);
	}
}

/** The bands a method can produce, in display order, before any row is seen (e.g. for one output per band). */
export function bandLabels(method: BandMethod): string[] {
	return prepareBanding(method).labels;
}

/**
 * Bands every row and records the change against its `previousBand`: `changed` is true when the band differs from the
 * previous one or when there was none (first assignment), so a workflow writes back only what changed.
 */
export function assignBands<T extends BandableRow>(
	rows: readonly T[],
	method: BandMethod,
): Array<Omit<T, keyof BandAssignment> & BandAssignment> {
	const banding = prepareBanding(method, rows);
	return rows.map((row, index) => ({ ...row, ...withChange(banding.bandOf(row, index), row) }));
}

/**
 * Bands one row on its own. Relative-to-average needs `average` in the method (there is no population to take it
 * from); quantiles rank a population, so use `assignBands` for them.
 */
export function assignBand(row: BandableRow, method: BandMethod, index = 0): BandAssignment {
	if (method?.method === 'quantiles') {
		throw new EngagementInputError('quantile bands rank a population; use assignBands', {
			field: 'method',
		});
	}
	if (method?.method === 'relativeToAverage' && method.average === undefined) {
		throw new EngagementInputError('banding one row relative to the average needs the average', {
			field: 'average',
		});
	}
	return withChange(prepareBanding(method).bandOf(row, index), row);
}

/** `band` for a row, with the change against its `previousBand` (none: changed, a first assignment). */
export function withChange(band: string, row: BandableRow): BandAssignment {
	const previousBand = storedBand(row?.previousBand);
	return { band, previousBand, changed: previousBand === null || previousBand !== band };
}

/** A band stored last time, as compared: missing, null or empty is none (null). */
export function storedBand(value: unknown): string | null {
	return value === undefined || value === null || value === '' ? null : String(value);
}

function prepareModelBand(method: Extract<BandMethod, { method: 'model' }>): PreparedBanding {
	const model = method.model;
	const known = model === undefined ? undefined : modelBands(model);
	const reengaged =
		model === 'decay' && readFlag(method.reengagedToLow, true, 'reengagedToLow')
			? RELATIVE_TO_AVERAGE_LABELS
			: undefined;
	return {
		labels: known === undefined ? [] : [...known],
		bandOf(row, index) {
			const band = row?.band;
			if (typeof band !== 'string' || band === '') {
				throw new EngagementInputError('is missing: score the contacts with a model first', {
					index,
					field: 'band',
				});
			}
			if (known !== undefined && !known.includes(band)) {
				throw new EngagementInputError(
					`"${band}" is not a band of the ${model} model (${known.join(', ')}): were the items scored with another model?`,
					{ index, field: 'band' },
				);
			}
			return reengaged === undefined ? band : reengagedBand(band, row.previousBand, reengaged);
		},
	};
}
