import { DateTime, IANAZone } from 'luxon';

import { MS_PER_DAY } from '../time';

/**
 * Wall-clock time of an instant in a zone, as epoch-style milliseconds (the local date and time read as if they were
 * UTC) — what spreadsheets store, since their dates carry no zone. Luxon gives the zone's UTC offset, which is slow to
 * ask (Intl), so offsets are cached: per UTC day when the offset is the same at both ends of the day (a zone changes
 * its offset at most once a day), otherwise per quarter hour (offsets change only at instants that are whole quarter
 * hours in UTC, zone offsets being multiples of 15 minutes). Big exports then resolve a date with one addition.
 */

const QUARTER_HOUR = 900_000;
const MAX_CACHED = 100_000;
/** Per zone: UTC day → offset in minutes, or null when the offset changes that day. */
const dayCaches = new Map<string, Map<number, number | null>>();
/** Per zone: quarter hour → offset in minutes, for the days with a change. */
const quarterCaches = new Map<string, Map<number, number>>();

function offsetAt(millis: number, zone: string): number {
	return DateTime.fromMillis(millis, { zone }).offset;
}

export function wallClockMillis(millis: number, zone: string): number {
	let days = dayCaches.get(zone);
	if (days === undefined) {
		if (!IANAZone.isValidZone(zone))
			throw new RangeError(`timezone: "${zone}" is not a valid IANA zone`);
		days = new Map();
		dayCaches.set(zone, days);
		quarterCaches.set(zone, new Map());
	}
	const day = Math.floor(millis / MS_PER_DAY);
	let offset = days.get(day);
	if (offset === undefined) {
		const start = offsetAt(day * MS_PER_DAY, zone);
		offset = offsetAt((day + 1) * MS_PER_DAY - 1, zone) === start ? start : null;
		if (days.size >= MAX_CACHED) days.clear();
		days.set(day, offset);
	}
	if (offset === null) {
		const quarters = quarterCaches.get(zone) as Map<number, number>;
		const quarter = Math.floor(millis / QUARTER_HOUR);
		offset = quarters.get(quarter);
		if (offset === undefined) {
			offset = offsetAt(millis, zone);
			if (quarters.size >= MAX_CACHED) quarters.clear();
			quarters.set(quarter, offset);
		}
	}
	return millis + offset * 60_000;
}

/** `yyyy-MM-dd HH:mm:ss` (or `yyyy-MM-dd`) of a wall-clock time from `wallClockMillis`. */
export function formatWallClock(wallClock: number, dateOnly: boolean): string {
	const iso = new Date(wallClock).toISOString();
	return dateOnly ? iso.slice(0, 10) : `${iso.slice(0, 10)} ${iso.slice(11, 19)}`;
}
