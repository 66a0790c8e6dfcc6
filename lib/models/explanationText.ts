/** Small text helpers for the one-line `explanation` and the `details` of score rows. */

export function plural(count: number, noun: string): string {
	return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

export function capitalise(text: string): string {
	// ASCII first letters (every explanation in this package) without toUpperCase's call into the runtime.
	const first = text.charCodeAt(0);
	if (first >= 0x61 && first <= 0x7a) return String.fromCharCode(first - 0x20) + text.slice(1);
	if (first < 0x80 || Number.isNaN(first)) return text;
	return text.charAt(0).toUpperCase() + text.slice(1);
}

/** Compact number for explanations: integers as they are, others with up to 2 decimals. */
export function formatNumber(value: number): string {
	return Number.isInteger(value) ? String(value) : String(Math.round(value * 100) / 100);
}
