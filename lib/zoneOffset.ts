import { Info } from 'luxon';

/**
 * A zone's UTC offset at an instant, and the instant of a wall-clock time in a zone, for readers that meet a million
 * timestamps: luxon gives the offset (any zone it takes: IANA names, `UTC`, `UTC+8`), which is slow to ask (Intl), so
 * offsets are cached: per UTC day when the offset is the same at both ends of the day (a zone changes its offset at
 * most once a day), otherwise per quarter hour (offsets change only at instants that are whole quarter hours in UTC,
 * zone offsets being multiples of 15 minutes).
 */

const MS_PER_DAY = 86_400_000;
const QUARTER_HOUR = 900_000;
const MAX_CACHED = 100_000;

interface ZoneCache {
	/** A fixed-offset zone's offset (minutes); undefined for a zone with rules. NaN: not a zone luxon knows. */
	fixed: number | undefined;
	/** UTC day → offset in minutes, or null when the offset changes that day. */
	days: Map<number, number | null>;
	/** Quarter hour → offset in minutes, for the days with a change. */
	quarters: Map<number, number>;
}

const caches = new Map<string, ZoneCache>();

function cacheOf(zone: string): ZoneCache {
	let cache = caches.get(zone);
	if (cache === undefined) {
		const luxonZone = Info.normalizeZone(zone);
		const fixed = !luxonZone.isValid
			? NaN
			: luxonZone.isUniversal
				? luxonZone.offset(0)
				: undefined;
		cache = { fixed, days: new Map(), quarters: new Map() };
		caches.set(zone, cache);
	}
	return cache;
}

const luxonOffset = (millis: number, zone: string) => Info.normalizeZone(zone).offset(millis);

/** The zone's UTC offset in minutes at `millis` (NaN for a zone luxon does not know). */
export function zoneOffsetMinutes(millis: number, zone: string): number {
	const cache = cacheOf(zone);
	if (cache.fixed !== undefined) return cache.fixed;
	const day = Math.floor(millis / MS_PER_DAY);
	let offset = cache.days.get(day);
	if (offset === undefined) {
		const start = luxonOffset(day * MS_PER_DAY, zone);
		offset = luxonOffset((day + 1) * MS_PER_DAY - 1, zone) === start ? start : null;
		if (cache.days.size >= MAX_CACHED) cache.days.clear();
		cache.days.set(day, offset);
	}
	if (offset !== null) return offset;
	const quarter = Math.floor(millis / QUARTER_HOUR);
	let exact = cache.quarters.get(quarter);
	if (exact === undefined) {
		exact = luxonOffset(millis, zone);
		if (cache.quarters.size >= MAX_CACHED) cache.quarters.clear();
		cache.quarters.set(quarter, exact);
	}
	return exact;
}

/** How far from a wall-clock time its instant can be, plus a margin: offsets lie within UTC−12 … UTC+14. */
const REACH = 16 * 3_600_000;

/**
 * The instant (epoch ms) of a wall-clock time in `zone` — the local date and time given as if they were UTC, e.g.
 * `Date.UTC(2026, 4, 1, 10, 30)` for `2026-05-01 10:30` — as PostgreSQL reads a timestamp without an offset: a time
 * that occurs twice (when clocks go back) is the later one, with the offset in force after the change; a time that
 * never occurs (when clocks go forward) takes the offset in force before the change, so it lands that much later.
 * Every other time has one instant, the one luxon gives. (Luxon itself decides the first two cases by the zone's offset
 * at the moment it runs, so its answer changed with the season.) NaN for a zone luxon does not know.
 */
export function instantOfWallClock(wallClock: number, zone: string): number {
	const before = zoneOffsetMinutes(wallClock - REACH, zone);
	const after = zoneOffsetMinutes(wallClock + REACH, zone);
	if (before === after) return wallClock - before * 60_000;
	const early = wallClock - before * 60_000;
	const late = wallClock - after * 60_000;
	// `late` when it has the later offset (also when `early` has the earlier one: the time occurs twice); else `early`,
	// valid or not (a time that never occurs)
	return zoneOffsetMinutes(late, zone) === after ? late : early;
}
