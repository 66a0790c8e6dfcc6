import { MS_PER_DAY } from '../time';

const TWO_DIGITS = Array.from({ length: 100 }, (_, n) => String(n).padStart(2, '0'));
const THREE_DIGITS = Array.from({ length: 1000 }, (_, n) => String(n).padStart(3, '0'));

/**
 * Epoch ms → ISO-8601 UTC instant, the exact `Date.prototype.toISOString()` text, or null for NaN/±Infinity ("did not
 * happen"). Report rows carry up to four instants per contact, so the date part is cached per day and the rest is a
 * few table look-ups: several times faster than a Date per value.
 */
export function createIsoInstantFormatter(): (millis: number) => string | null {
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
		const milliseconds = Math.floor(rest - seconds * 1000);
		return `${prefix}${TWO_DIGITS[hours]}:${TWO_DIGITS[minutes]}:${TWO_DIGITS[seconds]}.${THREE_DIGITS[milliseconds]}Z`;
	};
}
