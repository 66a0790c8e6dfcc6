import { MS_PER_DAY, toEpochMillis } from '../time';
import { instantOfWallClock } from '../zoneOffset';
import { isoTextToMillis } from './isoBytes';

/**
 * How numeric timestamps are read: `auto` decides by magnitude (see `numericTimestampToMillis`); `spreadsheetDays`
 * reads the serial date-times of Excel and Google Sheets.
 */
export type TimestampUnit = (typeof TIMESTAMP_UNITS)[number];

export const TIMESTAMP_UNITS = ['auto', 'seconds', 'milliseconds', 'spreadsheetDays'] as const;

/** Below this, a number is epoch seconds: 1e11 s is the year 5138, while 1e11 ms is only 1973-03-03. */
const SECONDS_BELOW = 1e11;
/** From here on a number is epoch microseconds (1e14 ms would be the year 5138). */
const MICROSECONDS_FROM = 1e14;
/** From here on a number is epoch nanoseconds. */
const NANOSECONDS_FROM = 1e17;

/** Serial day 25569 is 1970-01-01 (day 0 is 1899-12-30). */
const SERIAL_DAY_OF_EPOCH = 25569;
/** Serial day 61 is 1900-03-01; below it Excel's days are one off (it counts a 29 February 1900 that never was). */
const FIRST_SERIAL_DAY = 61;
/** Serial day 2958466 is 10000-01-01, past the last date a spreadsheet shows. */
const END_SERIAL_DAY = 2_958_466;

/**
 * Epoch number → epoch milliseconds. With unit `auto` the magnitude decides:
 * |n| < 1e11 → seconds; < 1e14 → milliseconds; < 1e17 → microseconds; otherwise nanoseconds.
 * Every real engagement date from 1973 to 5138 reads correctly whatever unit the source used.
 * `spreadsheetDays`: a spreadsheet's serial date-time (Excel's 1900 date system, Google Sheets), days since
 * 1899-12-30 with the time of day as the fraction (45413.4375 is 2024-05-01 10:30), a wall-clock time read in `zone`
 * (as `instantOfWallClock` reads one), to the nearest millisecond; NaN outside 1900-03-01 (serial 61) … 9999-12-31.
 */
export function numericTimestampToMillis(
	value: number,
	unit: TimestampUnit = 'auto',
	zone = 'UTC',
): number {
	if (!Number.isFinite(value)) return NaN;
	if (unit === 'seconds') return value * 1000;
	if (unit === 'milliseconds') return value;
	if (unit === 'spreadsheetDays') {
		if (value < FIRST_SERIAL_DAY || value >= END_SERIAL_DAY) return NaN;
		return instantOfWallClock(Math.round((value - SERIAL_DAY_OF_EPOCH) * MS_PER_DAY), zone);
	}
	const magnitude = Math.abs(value);
	if (magnitude < SECONDS_BELOW) return value * 1000;
	if (magnitude < MICROSECONDS_FROM) return value;
	if (magnitude < NANOSECONDS_FROM) return value / 1000;
	return value / 1e6;
}

/**
 * Any timestamp form we accept → epoch ms, or NaN when unreadable.
 * Numbers (and purely numeric strings) are epoch values (or spreadsheet serial days, in `zone`) read per `unit`;
 * strings are ISO-8601, read in `zone` when they carry no offset; Dates are taken as they are.
 */
export function readTimestamp(value: unknown, unit: TimestampUnit = 'auto', zone = 'UTC'): number {
	if (typeof value === 'number') return numericTimestampToMillis(value, unit, zone);
	if (typeof value === 'string') {
		const first = value.charCodeAt(0);
		if (first >= 48 && first <= 57 && value.charCodeAt(4) !== 45) {
			const number = Number(value);
			if (Number.isFinite(number)) return numericTimestampToMillis(number, unit, zone);
		}
		const fast = isoTextToMillis(value, zone);
		if (fast === fast) return fast;
		const trimmed = value.trim();
		if (/^-?\d+(\.\d+)?$/.test(trimmed)) return numericTimestampToMillis(Number(trimmed), unit, zone);
		return toEpochMillis(trimmed, zone);
	}
	if (value instanceof Date) return value.getTime();
	return NaN;
}
