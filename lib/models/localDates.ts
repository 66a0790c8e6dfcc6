import { MS_PER_DAY } from '../time';

/**
 * Instants → local calendar dates (`yyyy-MM-dd`) for result rows, one string per distinct day: rows of 100 k contacts
 * then share a few hundred strings instead of allocating several dates each. `dayNumber` is the run's local day
 * counter (`calendarDayCounter`); ±Infinity/NaN ("never") give null.
 */
export function createLocalDateFormatter(
	dayNumber: (millis: number) => number,
): (millis: number) => string | null {
	const byDay = new Map<number, string>();
	return (millis) => {
		if (!Number.isFinite(millis)) return null;
		const day = dayNumber(millis);
		let text = byDay.get(day);
		if (text === undefined) {
			text = new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
			byDay.set(day, text);
		}
		return text;
	};
}
