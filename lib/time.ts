import { DateTime, IANAZone } from 'luxon';

import { EngagementInputError } from './errors';
import { isoTextToMillis } from './events/isoBytes';
import type { Timestamp } from './events/types';

/** A time zone option, checked: empty or left out is UTC; an unknown IANA name is an input error, not silently UTC. */
export function resolveZone(timezone: string | undefined): string {
	const zone = timezone === undefined || timezone === '' ? 'UTC' : timezone;
	if (!IANAZone.isValidZone(zone)) {
		throw new EngagementInputError(`unknown time zone "${zone}"`, { field: 'timezone' });
	}
	return zone;
}

/**
 * Resolves an event timestamp to epoch milliseconds, or `NaN` when it cannot be read.
 * Numbers are epoch milliseconds (DESIGN.md); ISO-8601 strings without an offset are read in `zone` (default UTC), as
 * `instantOfWallClock` reads wall-clock times. The common machine form (`isoTextToMillis`) is read by hand; other ISO
 * forms (week dates, basic format, `±HH` offsets, …) by luxon.
 */
export function toEpochMillis(value: Timestamp | null | undefined, zone = 'UTC'): number {
	if (typeof value === 'number') return Number.isFinite(value) ? value : NaN;
	if (value instanceof Date) return value.getTime();
	if (typeof value !== 'string' || value.length === 0) return NaN;
	const fast = isoTextToMillis(value, zone);
	if (fast === fast) return fast;
	const parsed = DateTime.fromISO(withDateTimeSeparator(value), { zone });
	return parsed.isValid ? parsed.toMillis() : NaN;
}

/**
 * `2026-05-01 10:30:00` → `2026-05-01T10:30:00`: the space separator SQL databases, spreadsheets and most exports write
 * (RFC 3339 allows it), which luxon's ISO reader does not take.
 */
function withDateTimeSeparator(value: string): string {
	return value.length > 13 && value.charCodeAt(10) === 32 && SPACED_DATE_TIME.test(value)
		? `${value.slice(0, 10)}T${value.slice(11)}`
		: value;
}

const SPACED_DATE_TIME = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}/;

/** `asOf` option → epoch ms; absent means now. Throws on an unreadable value. */
export function resolveAsOf(asOf: Timestamp | undefined, zone = 'UTC'): number {
	if (asOf === undefined || asOf === null || asOf === '') return Date.now();
	const millis = toEpochMillis(asOf, zone);
	if (Number.isNaN(millis)) throw new RangeError(`asOf: cannot read "${String(asOf)}" as a date`);
	return millis;
}

/**
 * Whole calendar days from `from` to `to` in `zone` (a send at 23:59 and an open at 00:01 the next day are 1 day apart).
 * Negative when `to` is before `from`.
 */
export function calendarDaysBetween(from: number, to: number, zone = 'UTC'): number {
	const start = DateTime.fromMillis(from, { zone }).startOf('day');
	const end = DateTime.fromMillis(to, { zone }).startOf('day');
	return Math.round(end.diff(start, 'days').days);
}

/** The calendar date (yyyy-MM-dd) of an instant in `zone`. */
export function calendarDate(millis: number, zone = 'UTC'): string {
	return DateTime.fromMillis(millis, { zone }).toISODate() as string;
}

export const MS_PER_DAY = 86_400_000;

/**
 * A fast day numberer for hot loops: `dayNumber(ms)` is the calendar day of the instant in `zone`, counted from
 * 1970-01-01, so `dayNumber(b) - dayNumber(a) === calendarDaysBetween(a, b, zone)`. Zone offsets come from luxon and
 * are cached per UTC day (a day containing an offset change is resolved instant by instant).
 */
export function calendarDayCounter(zone = 'UTC'): (millis: number) => number {
	const resolved = DateTime.fromMillis(0, { zone });
	if (!resolved.isValid) throw new RangeError(`timezone: unknown time zone "${zone}"`);
	const zoneObject = resolved.zone;
	if (zoneObject.isUniversal) {
		const offsetMs = zoneObject.offset(0) * 60_000;
		return (millis) => Math.floor((millis + offsetMs) / MS_PER_DAY);
	}
	// One luxon lookup per UTC day of the data; a day whose offset differs at its start and end holds a DST change,
	// so its instants are resolved one by one (NaN marks such a day).
	const offsetByUtcDay = new Map<number, number>();
	return (millis) => {
		const utcDay = Math.floor(millis / MS_PER_DAY);
		let offsetMs = offsetByUtcDay.get(utcDay);
		if (offsetMs === undefined) {
			const atStart = zoneObject.offset(utcDay * MS_PER_DAY);
			const atEnd = zoneObject.offset(utcDay * MS_PER_DAY + MS_PER_DAY - 1);
			offsetMs = atStart === atEnd ? atStart * 60_000 : NaN;
			offsetByUtcDay.set(utcDay, offsetMs);
		}
		if (Number.isNaN(offsetMs)) offsetMs = zoneObject.offset(millis) * 60_000;
		return Math.floor((millis + offsetMs) / MS_PER_DAY);
	};
}
