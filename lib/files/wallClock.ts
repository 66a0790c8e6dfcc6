import { IANAZone } from 'luxon';

import { zoneOffsetMinutes } from '../zoneOffset';

const validZones = new Set<string>();

/**
 * Wall-clock time of an instant in a zone, as epoch-style milliseconds (the local date and time read as if they were
 * UTC) — what spreadsheets store, since their dates carry no zone. The offsets come cached (`zoneOffsetMinutes`), so
 * big exports resolve a date with one addition.
 */
export function wallClockMillis(millis: number, zone: string): number {
	if (!validZones.has(zone)) {
		if (!IANAZone.isValidZone(zone))
			throw new RangeError(`timezone: "${zone}" is not a valid IANA zone`);
		validZones.add(zone);
	}
	return millis + zoneOffsetMinutes(millis, zone) * 60_000;
}

/** `yyyy-MM-dd HH:mm:ss` (or `yyyy-MM-dd`) of a wall-clock time from `wallClockMillis`. */
export function formatWallClock(wallClock: number, dateOnly: boolean): string {
	const iso = new Date(wallClock).toISOString();
	return dateOnly ? iso.slice(0, 10) : `${iso.slice(0, 10)} ${iso.slice(11, 19)}`;
}
