import { toEpochMillis } from '../time';
import { isoTextToMillis } from './isoBytes';

/** How numeric timestamps are read: `auto` decides by magnitude (see `numericTimestampToMillis`). */
export type TimestampUnit = 'auto' | 'seconds' | 'milliseconds';

/** Below this, a number is epoch seconds: 1e11 s is the year 5138, while 1e11 ms is only 1973-03-03. */
const SECONDS_BELOW = 1e11;
/** From here on a number is epoch microseconds (1e14 ms would be the year 5138). */
const MICROSECONDS_FROM = 1e14;
/** From here on a number is epoch nanoseconds. */
const NANOSECONDS_FROM = 1e17;

/**
 * Epoch number → epoch milliseconds. With unit `auto` the magnitude decides:
 * |n| < 1e11 → seconds; < 1e14 → milliseconds; < 1e17 → microseconds; otherwise nanoseconds.
 * Every real engagement date from 1973 to 5138 reads correctly whatever unit the source used.
 */
export function numericTimestampToMillis(value: number, unit: TimestampUnit = 'auto'): number {
	if (!Number.isFinite(value)) return NaN;
	if (unit === 'seconds') return value * 1000;
	if (unit === 'milliseconds') return value;
	const magnitude = Math.abs(value);
	if (magnitude < SECONDS_BELOW) return value * 1000;
	if (magnitude < MICROSECONDS_FROM) return value;
	if (magnitude < NANOSECONDS_FROM) return value / 1000;
	return value / 1e6;
}

/**
 * Any timestamp form we accept → epoch ms, or NaN when unreadable.
 * Numbers (and purely numeric strings) are epoch values read per `unit`; strings are ISO-8601, read in `zone` when
 * they carry no offset; Dates are taken as they are.
 */
export function readTimestamp(value: unknown, unit: TimestampUnit = 'auto', zone = 'UTC'): number {
	if (typeof value === 'number') return numericTimestampToMillis(value, unit);
	if (typeof value === 'string') {
		const first = value.charCodeAt(0);
		if (first >= 48 && first <= 57 && value.charCodeAt(4) !== 45) {
			const number = Number(value);
			if (Number.isFinite(number)) return numericTimestampToMillis(number, unit);
		}
		const fast = isoTextToMillis(value, zone);
		if (fast === fast) return fast;
		const trimmed = value.trim();
		if (/^-?\d+(\.\d+)?$/.test(trimmed)) return numericTimestampToMillis(Number(trimmed), unit);
		return toEpochMillis(trimmed, zone);
	}
	if (value instanceof Date) return value.getTime();
	return NaN;
}
