import { MS_PER_DAY } from '../time';

/** Days this close to the first one formatted are kept in an array; rows of one run rarely reach further. */
const NEAR_DAYS = 1 << 14;

/**
 * Local day numbers (days since 1970-01-01 in the run's zone, `calendarDayCounter`) → calendar dates (`yyyy-MM-dd`),
 * one string per distinct day: rows of 100 k contacts then share a few hundred strings instead of allocating several
 * dates each. Days within ±NEAR_DAYS/2 of the first one asked for are looked up by array index (cheaper than a Map
 * on the hot path of result rows), others in a Map.
 */
export function createDayDateFormatter(): (day: number) => string {
	const near = new Array<string | undefined>(NEAR_DAYS);
	const far = new Map<number, string>();
	let origin = NaN;
	return (day) => {
		if (Number.isNaN(origin)) origin = day - NEAR_DAYS / 2;
		const index = day - origin;
		if (index >= 0 && index < NEAR_DAYS) return (near[index] ??= isoDateOfDay(day));
		let text = far.get(day);
		if (text === undefined) {
			text = isoDateOfDay(day);
			far.set(day, text);
		}
		return text;
	};
}

/**
 * Instants → local calendar dates (`yyyy-MM-dd`) for result rows, one string per distinct day. `dayNumber` is the
 * run's local day counter (`calendarDayCounter`); ±Infinity/NaN ("never") give null.
 */
export function createLocalDateFormatter(
	dayNumber: (millis: number) => number,
): (millis: number) => string | null {
	const dateOfDay = createDayDateFormatter();
	return (millis) => (Number.isFinite(millis) ? dateOfDay(dayNumber(millis)) : null);
}

function isoDateOfDay(day: number): string {
	return new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
}
