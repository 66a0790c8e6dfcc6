import { DateTime, Info } from 'luxon';

import { MS_PER_DAY } from '../time';

/**
 * Calendar-day arithmetic for one scoring run, fast enough to call once per event.
 *
 * `dayNumber(t)` is the number of the local calendar day of instant `t` in the zone (days since 1970-01-01 local), so
 * `asOfDay - dayNumber(t)` is "how many calendar days ago" — the same figure as `calendarDaysBetween(t, asOf, zone)`,
 * across DST changes included. Zone offsets come from luxon, once per UTC day of the data (and per event only on the
 * rare days whose offset changes), instead of one luxon DateTime per event.
 */
export interface CalendarDayCounter {
	readonly timezone: string;
	/** The scoring instant, epoch ms. */
	readonly asOf: number;
	/** Local day number of `asOf`. */
	readonly asOfDay: number;
	/** Local day number of an instant. */
	dayNumber(millis: number): number;
	/** Calendar days from the instant's local date to asOf's local date (0 = same day, negative = after asOf's date). */
	daysAgo(millis: number): number;
	/** Epoch ms at which the local day `days` calendar days before asOf's date begins (luxon, cached). */
	startOfDayBefore(days: number): number;
	/** ISO date (yyyy-MM-dd) of a local day number. */
	isoDate(dayNumber: number): string;
}

export function createCalendarDayCounter(asOf: number, timezone = 'UTC'): CalendarDayCounter {
	const zone = Info.normalizeZone(timezone);
	if (!zone || !zone.isValid)
		throw new RangeError(`timezone: "${timezone}" is not a valid IANA zone`);

	const offsetMillis = zone.isUniversal ? fixedOffset(zone.offset(asOf)) : cachedOffset(zone);
	const dayNumber = (millis: number): number =>
		Math.floor((millis + offsetMillis(millis)) / MS_PER_DAY);
	const asOfDay = dayNumber(asOf);
	const dayStarts = new Map<number, number>();
	const asOfStartOfDay = DateTime.fromMillis(asOf, { zone }).startOf('day');

	return {
		timezone,
		asOf,
		asOfDay,
		dayNumber,
		daysAgo: (millis) => asOfDay - dayNumber(millis),
		startOfDayBefore(days) {
			let start = dayStarts.get(days);
			if (start === undefined) {
				start = asOfStartOfDay.minus({ days }).startOf('day').toMillis();
				dayStarts.set(days, start);
			}
			return start;
		},
		isoDate: (day) => new Date(day * MS_PER_DAY).toISOString().slice(0, 10),
	};
}

function fixedOffset(offsetMinutes: number): (millis: number) => number {
	const offset = offsetMinutes * 60_000;
	return () => offset;
}

/**
 * Offset of a zone with DST: looked up once per UTC day; a day whose offset differs at its start and its end contains
 * a transition, so instants on that day are looked up one by one.
 */
function cachedOffset(zone: { offset(millis: number): number }): (millis: number) => number {
	const byUtcDay = new Map<number, number>();
	const TRANSITION_DAY = NaN;
	return (millis) => {
		const utcDay = Math.floor(millis / MS_PER_DAY);
		let offset = byUtcDay.get(utcDay);
		if (offset === undefined) {
			const atStart = zone.offset(utcDay * MS_PER_DAY);
			const atEnd = zone.offset((utcDay + 1) * MS_PER_DAY - 1);
			offset = atStart === atEnd ? atStart * 60_000 : TRANSITION_DAY;
			byUtcDay.set(utcDay, offset);
		}
		return Number.isNaN(offset) ? zone.offset(millis) * 60_000 : offset;
	};
}
