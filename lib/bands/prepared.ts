import { EngagementInputError } from '../errors';
import type { BandableRow } from './types';

/** A band method made ready for one run: its validated settings applied, its labels known in display order. */
export interface PreparedBanding {
	/** Every band this run can produce, in display order (named outputs, zero-filled counts). */
	labels: string[];
	/** The band of a row; `index` is the row's position, used for error messages and population methods. */
	bandOf(row: BandableRow, index: number): string;
}

/** A row's score: a finite number, or null for "no score". Anything else names the row and the field. */
export function readScore(row: BandableRow, index: number): number | null {
	const score = row?.score;
	if (score === null || score === undefined) return null;
	if (typeof score !== 'number' || !Number.isFinite(score)) {
		throw new EngagementInputError(`must be a number or empty (got ${JSON.stringify(score)})`, {
			index,
			field: 'score',
		});
	}
	return score;
}

/** A label setting: a non-empty string, or the default. */
export function readLabel(value: unknown, fallback: string, field: string): string {
	if (value === undefined || value === null || value === '') return fallback;
	if (typeof value !== 'string') throw new EngagementInputError('must be a text', { field });
	return value;
}

/** A yes/no setting: a boolean, or the default when absent. */
export function readFlag(value: unknown, fallback: boolean, field: string): boolean {
	if (value === undefined || value === null) return fallback;
	if (typeof value !== 'boolean')
		throw new EngagementInputError('must be true or false', { field });
	return value;
}

/** Labels without repeats, first occurrence wins. */
export function distinct(labels: Iterable<string>): string[] {
	return [...new Set(labels)];
}
