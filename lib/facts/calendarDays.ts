import { DateTime } from 'luxon';

/**
 * Calendar days of the day facts. A day number is what `calendarDayCounter` returns: the local date as days since
 * 1970-01-01, so that day number → ISO date is the UTC date of `day × 24 h`.
 */
export function dayNumberToIsoDate(day: number): string {
	return DateTime.fromMillis(day * 86_400_000, { zone: 'UTC' }).toISODate() as string;
}

/** The instant a local calendar date (yyyy-MM-dd) begins in `zone`, epoch ms; NaN for an unreadable date. */
export function startOfLocalDay(isoDate: string, zone: string): number {
	const start = DateTime.fromISO(isoDate, { zone }).startOf('day');
	return start.isValid ? start.toMillis() : NaN;
}
