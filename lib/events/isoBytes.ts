import { isoFieldsInRange } from './timestamps';

/**
 * `parseIsoWithOffset` (timestamps.ts) on UTF-8 bytes, for timestamps read straight from a file: the machine form
 * `YYYY-MM-DD[T ]HH:MM[:SS[.fff…]](Z|±HH:MM|±HHMM)` → epoch ms, NaN for anything else. Step for step the same checks
 * and the same arithmetic (`Date.UTC`, the fraction summed digit by digit and floored, the roll-over check of 31
 * February), so it gives exactly what `parseIsoWithOffset` gives on the decoded text (property-tested), without a
 * string per timestamp; the roll-over check needs a Date only for days after the 28th.
 */
export function isoBytesToMillis(bytes: Uint8Array, start: number, end: number): number {
	const length = end - start;
	if (length < 17 || bytes[start + 4] !== 45 || bytes[start + 7] !== 45) return NaN;
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
	if (bytes[position] === 58) {
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
	let offsetMinutes: number;
	const sign = position < end ? bytes[position] : -1;
	if ((sign === 90 || sign === 122) && position === end - 1) offsetMinutes = 0;
	else if (sign === 43 || sign === 45) {
		const offsetHours = position + 3 <= end ? digits(bytes, position + 1, 2) : -1;
		const colon = position + 3 < end && bytes[position + 3] === 58 ? 1 : 0;
		const offsetMins = position + 5 + colon <= end ? digits(bytes, position + 3 + colon, 2) : -1;
		if (offsetHours < 0 || offsetMins < 0 || position + 5 + colon !== end) return NaN;
		offsetMinutes = (offsetHours * 60 + offsetMins) * (sign === 45 ? -1 : 1);
	} else return NaN;
	const utc = Date.UTC(year, month - 1, day, hour, minute, second, millis);
	// Date.UTC rolls 31 February over into March; such a date is invalid, not a different day.
	if (day > 28 && new Date(utc).getUTCDate() !== day) return NaN;
	return utc - offsetMinutes * 60_000;
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
