import { toEpochMillis } from '../time';

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

function digits(text: string, start: number, count: number): number {
	let value = 0;
	for (let i = start; i < start + count; i++) {
		const digit = text.charCodeAt(i) - 48;
		if (digit < 0 || digit > 9) return -1;
		value = value * 10 + digit;
	}
	return value;
}

/** The ranges the ISO readers accept for the date and time fields (the day is checked against its month later). */
export function isoFieldsInRange(
	year: number,
	month: number,
	day: number,
	hour: number,
	minute: number,
): boolean {
	return (
		year >= 0 &&
		month >= 1 &&
		month <= 12 &&
		day >= 1 &&
		day <= 31 &&
		hour >= 0 &&
		hour <= 23 &&
		minute >= 0 &&
		minute <= 59
	);
}

/**
 * Fast reader for the common machine form `YYYY-MM-DD[T ]HH:MM[:SS[.fff…]](Z|±HH:MM|±HHMM)`.
 * Returns NaN for anything else (including strings without an offset), so callers fall back to the general reader.
 */
export function parseIsoWithOffset(text: string): number {
	const length = text.length;
	if (length < 17 || text.charCodeAt(4) !== 45 || text.charCodeAt(7) !== 45) return NaN;
	const separator = text.charCodeAt(10);
	if ((separator !== 84 && separator !== 32) || text.charCodeAt(13) !== 58) return NaN;
	const year = digits(text, 0, 4);
	const month = digits(text, 5, 2);
	const day = digits(text, 8, 2);
	const hour = digits(text, 11, 2);
	const minute = digits(text, 14, 2);
	if (!isoFieldsInRange(year, month, day, hour, minute)) return NaN;
	let position = 16;
	let second = 0;
	let millis = 0;
	if (text.charCodeAt(position) === 58) {
		second = digits(text, position + 1, 2);
		if (second < 0 || second > 59) return NaN;
		position += 3;
		if (text.charCodeAt(position) === 46) {
			position++;
			let scale = 100;
			const fractionStart = position;
			while (position < length) {
				const digit = text.charCodeAt(position) - 48;
				if (digit < 0 || digit > 9) break;
				millis += digit * scale;
				scale /= 10;
				position++;
			}
			if (position === fractionStart) return NaN;
			millis = Math.floor(millis);
		}
	}
	let offsetMinutes: number;
	const sign = text.charCodeAt(position);
	if ((sign === 90 || sign === 122) && position === length - 1) offsetMinutes = 0;
	else if (sign === 43 || sign === 45) {
		const offsetHours = digits(text, position + 1, 2);
		const colon = text.charCodeAt(position + 3) === 58 ? 1 : 0;
		const offsetMins = digits(text, position + 3 + colon, 2);
		if (offsetHours < 0 || offsetMins < 0 || position + 5 + colon !== length) return NaN;
		offsetMinutes = (offsetHours * 60 + offsetMins) * (sign === 45 ? -1 : 1);
	} else return NaN;
	const utc = Date.UTC(year, month - 1, day, hour, minute, second, millis);
	// Date.UTC rolls 31 February over into March; such a date is invalid, not a different day.
	if (new Date(utc).getUTCDate() !== day) return NaN;
	return utc - offsetMinutes * 60_000;
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
		const fast = parseIsoWithOffset(value);
		if (!Number.isNaN(fast)) return fast;
		const trimmed = value.trim();
		if (/^-?\d+(\.\d+)?$/.test(trimmed)) return numericTimestampToMillis(Number(trimmed), unit);
		return toEpochMillis(trimmed, zone);
	}
	if (value instanceof Date) return value.getTime();
	return NaN;
}
