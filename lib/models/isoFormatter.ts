import { MS_PER_DAY } from '../time';

const MS_PER_MINUTE = 60_000;
const MINUTES_PER_DAY = 1440;

/**
 * Epoch ms → ISO-8601 UTC string (`Date.prototype.toISOString` output), or null for ±Infinity/NaN ("never").
 * Result rows carry several instants per contact, so the string is put together from three cached pieces instead of
 * a Date and a dozen concatenations per value: the date part per day ("2026-11-01T"), the hours and minutes per
 * minute of the day ("12:34:"), and the seconds and milliseconds per millisecond of the minute ("56.789Z").
 */
export function createIsoFormatter(): (millis: number) => string | null {
	const datePrefix = new Map<number, string>();
	const minuteText = new Array<string | undefined>(MINUTES_PER_DAY);
	const secondText = new Array<string | undefined>(MS_PER_MINUTE);
	return (millis) => {
		if (!Number.isFinite(millis)) return null;
		// A Date drops the fraction of a millisecond toward zero (TimeClip), before 1970 too.
		const instant = Math.trunc(millis);
		const day = Math.floor(instant / MS_PER_DAY);
		let prefix = datePrefix.get(day);
		if (prefix === undefined) {
			const text = new Date(day * MS_PER_DAY).toISOString();
			prefix = text.slice(0, text.indexOf('T') + 1);
			datePrefix.set(day, prefix);
		}
		const ofDay = instant - day * MS_PER_DAY;
		const minute = Math.floor(ofDay / MS_PER_MINUTE);
		const ofMinute = ofDay - minute * MS_PER_MINUTE;
		const hoursMinutes = (minuteText[minute] ??=
			`${twoDigits(Math.floor(minute / 60))}:${twoDigits(minute % 60)}:`);
		const secondsMs = (secondText[ofMinute] ??=
			`${twoDigits(Math.floor(ofMinute / 1000))}.${String(ofMinute % 1000).padStart(3, '0')}Z`);
		return prefix + hoursMinutes + secondsMs;
	};
}

function twoDigits(value: number): string {
	return value < 10 ? `0${value}` : String(value);
}
