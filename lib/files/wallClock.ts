import { DateTime, IANAZone } from 'luxon';

/**
 * Wall-clock time of an instant in a zone, as epoch-style milliseconds (the local date and time read as if they were
 * UTC) — what spreadsheets store, since their dates carry no zone. Luxon gives the zone's UTC offset; offsets only
 * change at instants that are whole quarter hours in UTC (zone offsets are multiples of 15 minutes), so the offset is
 * cached per quarter hour: big exports resolve each of their dates with one addition instead of a DateTime.
 */

const QUARTER_HOUR = 900_000;
const MAX_CACHED = 200_000;
const caches = new Map<string, Map<number, number>>();

export function wallClockMillis(millis: number, zone: string): number {
	let cache = caches.get(zone);
	if (cache === undefined) {
		if (!IANAZone.isValidZone(zone))
			throw new RangeError(`timezone: "${zone}" is not a valid IANA zone`);
		cache = new Map();
		caches.set(zone, cache);
	}
	const bucket = Math.floor(millis / QUARTER_HOUR);
	let offsetMinutes = cache.get(bucket);
	if (offsetMinutes === undefined) {
		offsetMinutes = DateTime.fromMillis(millis, { zone }).offset;
		if (cache.size >= MAX_CACHED) cache.clear();
		cache.set(bucket, offsetMinutes);
	}
	return millis + offsetMinutes * 60_000;
}

/** `yyyy-MM-dd HH:mm:ss` (or `yyyy-MM-dd`) of a wall-clock time from `wallClockMillis`. */
export function formatWallClock(wallClock: number, dateOnly: boolean): string {
	const iso = new Date(wallClock).toISOString();
	return dateOnly ? iso.slice(0, 10) : `${iso.slice(0, 10)} ${iso.slice(11, 19)}`;
}
