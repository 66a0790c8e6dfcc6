import { DateTime } from 'luxon';

import { calendarDayCounter } from '../time';
import { createIsoFormatter } from './isoFormatter';
import { createDayDateFormatter } from './localDates';

/**
 * Calendar days counted back from a scoring instant, cheap enough for hot loops: "how many calendar days ago" in the
 * run's zone is `asOfDay - dayNumber(t)` on integers (day numbers from lib/time's `calendarDayCounter`, exact across
 * DST), and the instants where past local days begin are computed with luxon once per run.
 */
export interface AsOfCalendar {
	readonly timezone: string;
	/** The scoring instant, epoch ms. */
	readonly asOf: number;
	/** Local day number of `asOf`. */
	readonly asOfDay: number;
	/** Local day number of an instant (days since 1970-01-01 in the zone). */
	dayNumber(millis: number): number;
	/** Calendar days from the instant's local date to asOf's local date (0 = same day). */
	daysAgo(millis: number): number;
	/** Epoch ms at which the local day `days` calendar days before asOf's date begins. */
	startOfDayBefore(days: number): number;
	/** ISO date (yyyy-MM-dd) of a local day number. */
	isoDate(dayNumber: number): string;
	/** ISO date (yyyy-MM-dd) of the local day of an instant. */
	localDate(millis: number): string;
	/** ISO-8601 UTC instant, or null for ±Infinity ("never"): fast formatter for result rows. */
	isoInstant(millis: number): string | null;
}

export function createAsOfCalendar(asOf: number, timezone = 'UTC'): AsOfCalendar {
	const dayNumber = calendarDayCounter(timezone);
	const asOfDay = dayNumber(asOf);
	const asOfStartOfDay = DateTime.fromMillis(asOf, { zone: timezone }).startOf('day');
	const isoDate = createDayDateFormatter();
	return {
		timezone,
		asOf,
		asOfDay,
		dayNumber,
		daysAgo: (millis) => asOfDay - dayNumber(millis),
		startOfDayBefore: (days) => asOfStartOfDay.minus({ days }).startOf('day').toMillis(),
		isoDate,
		localDate: (millis) => isoDate(dayNumber(millis)),
		isoInstant: createIsoFormatter(),
	};
}
