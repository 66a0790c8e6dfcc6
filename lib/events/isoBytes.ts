import { instantOfWallClock } from '../zoneOffset';

/**
 * The machine form of ISO-8601 timestamps, `YYYY-MM-DD[T ]HH:MM[:SS[.fff…]](Z|±HH:MM|±HHMM)`, read from UTF-8 bytes →
 * epoch ms, NaN for anything else: for timestamps read straight from a file without a string per timestamp, and, via
 * `isoTextToMillis`, for text. With a `zone`, the same form without an offset is read too, as a
 * wall-clock time in that zone (`instantOfWallClock`). `Date.UTC` does the arithmetic, the fraction is summed digit by
 * digit and floored, and a day that `Date.UTC` rolls over (31 February) is invalid; that check needs a Date only for
 * days after the 28th.
 */
export function isoBytesToMillis(
	bytes: Uint8Array,
	start: number,
	end: number,
	zone?: string,
): number {
	const length = end - start;
	if (length < 16 || bytes[start + 4] !== 45 || bytes[start + 7] !== 45) return NaN;
	const separator = bytes[start + 10];
	if ((separator !== 84 && separator !== 32) || bytes[start + 13] !== 58) return NaN;
	const year = digits(bytes, start, 4);
	const month = digits(bytes, start + 5, 2);
	const day = digits(bytes, start + 8, 2);
	const hour = digits(bytes, start + 11, 2);
	const minute = digits(bytes, start + 14, 2);
	if (!isoFieldsInRange(year, month, day, hour, minute)) return NaN;
	let position = start + 16;
	let second = 0;
	let millis = 0;
	if (position < end && bytes[position] === 58) {
		second = position + 3 <= end ? digits(bytes, position + 1, 2) : -1;
		if (second < 0 || second > 59) return NaN;
		position += 3;
		if (bytes[position] === 46 && position < end) {
			position++;
			let scale = 100;
			const fractionStart = position;
			while (position < end) {
				const digit = bytes[position] - 48;
				if (digit < 0 || digit > 9) break;
				millis += digit * scale;
				scale /= 10;
				position++;
			}
			if (position === fractionStart) return NaN;
			millis = Math.floor(millis);
		}
	}
	let offsetMinutes = 0;
	const sign = position < end ? bytes[position] : -1;
	const local = sign === -1;
	if (local) {
		if (zone === undefined) return NaN;
	} else if ((sign === 90 || sign === 122) && position === end - 1) offsetMinutes = 0;
	else if (sign === 43 || sign === 45) {
		const offsetHours = position + 3 <= end ? digits(bytes, position + 1, 2) : -1;
		const colon = position + 3 < end && bytes[position + 3] === 58 ? 1 : 0;
		const offsetMins = position + 5 + colon <= end ? digits(bytes, position + 3 + colon, 2) : -1;
		if (offsetHours < 0 || offsetMins < 0 || position + 5 + colon !== end) return NaN;
		offsetMinutes = (offsetHours * 60 + offsetMins) * (sign === 45 ? -1 : 1);
	} else return NaN;
	// Date.UTC reads years 0–99 as 1900–1999: such a year is read 400 years on (the same calendar) and brought back.
	const early = year < 100;
	const utc =
		Date.UTC(early ? year + 400 : year, month - 1, day, hour, minute, second, millis) -
		(early ? FOUR_CENTURIES_MS : 0);
	// Date.UTC rolls 31 February over into March; such a date is invalid, not a different day.
	if (day > 28 && new Date(utc).getUTCDate() !== day) return NaN;
	return local ? instantOfWallClock(utc, zone as string) : utc - offsetMinutes * 60_000;
}

/** ASCII codes of a timestamp, for `isoTextToMillis`. */
const SCRATCH = new Uint8Array(64);

/** `isoBytesToMillis` of a string (NaN when it holds a character beyond ASCII, which is never part of the form). */
export function isoTextToMillis(text: string, zone?: string): number {
	const length = text.length;
	if (length < 16) return NaN;
	// A longer text (a long fraction, or anything but a timestamp) gets bytes of its own, not kept.
	const bytes = length <= SCRATCH.length ? SCRATCH : new Uint8Array(length);
	for (let i = 0; i < length; i++) {
		const code = text.charCodeAt(i);
		if (code > 127) return NaN;
		bytes[i] = code;
	}
	return isoBytesToMillis(bytes, 0, length, zone);
}

/** Milliseconds in 400 Gregorian years (146 097 days), after which the calendar repeats. */
const FOUR_CENTURIES_MS = 146_097 * 86_400_000;

/** The ranges accepted for the date and time fields (the day is checked against its month later). */
function isoFieldsInRange(
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

/** The value of `count` ASCII digits at `at`, or -1. */
function digits(bytes: Uint8Array, at: number, count: number): number {
	let value = 0;
	for (let i = at; i < at + count; i++) {
		const digit = bytes[i] - 48;
		if (!(digit >= 0 && digit <= 9)) return -1;
		value = value * 10 + digit;
	}
	return value;
}
