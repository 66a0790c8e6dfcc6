/**
 * The nearest-rank quantile (the smallest value with at least `q` of the sample at or below it): always one of the
 * sample's own values, so a threshold derived from whole days or counts stays a whole number. `undefined` when empty.
 * Sorts `values` in place.
 */
export function nearestRankQuantile(
	values: Float64Array | number[],
	q: number,
): number | undefined {
	const count = values.length;
	if (count === 0) return undefined;
	const sorted = values instanceof Float64Array ? values.sort() : values.sort((a, b) => a - b);
	const rank = Math.min(count, Math.max(1, Math.ceil(q * count)));
	return sorted[rank - 1];
}
