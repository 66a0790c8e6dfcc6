import { MS_PER_DAY } from '../time';

const TWO_DIGITS = Array.from({ length: 100 }, (_, n) => (n < 10 ? `0${n}` : String(n)));
const THREE_DIGITS = Array.from({ length: 1000 }, (_, n) => String(n).padStart(3, '0'));

/**
 * Epoch ms → ISO-8601 UTC string (`Date.prototype.toISOString` output), or null for ±Infinity/NaN ("never").
 * Result rows carry several dates per contact; the calendar-date part is cached per day, so formatting costs a few
 * string concatenations instead of a Date per value.
 */
export function createIsoFormatter(): (millis: number) => string | null {
	const datePrefix = new Map<number, string>();
	return (millis) => {
		if (!Number.isFinite(millis)) return null;
		const day = Math.floor(millis / MS_PER_DAY);
		let prefix = datePrefix.get(day);
		if (prefix === undefined) {
			const text = new Date(day * MS_PER_DAY).toISOString();
			prefix = text.slice(0, text.indexOf('T') + 1);
			datePrefix.set(day, prefix);
		}
		let rest = millis - day * MS_PER_DAY;
		const hours = Math.floor(rest / 3_600_000);
		rest -= hours * 3_600_000;
		const minutes = Math.floor(rest / 60_000);
		rest -= minutes * 60_000;
		const seconds = Math.floor(rest / 1000);
		const ms = Math.floor(rest - seconds * 1000);
		return `${prefix}${TWO_DIGITS[hours]}:${TWO_DIGITS[minutes]}:${TWO_DIGITS[seconds]}.${THREE_DIGITS[ms]}Z`;
	};
}
