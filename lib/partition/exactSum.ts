/**
 * A sum of floating-point numbers that does not depend on the order they are added in: the partials are an exact,
 * non-overlapping expansion of the running total (Shewchuk's algorithm, as in Python's `math.fsum`), and `value()` is
 * that exact total correctly rounded to a double. Partitioned runs rely on this: each partition's partials are merged
 * exactly, so the merged total is the very double a single run over every contact computes.
 */
export class ExactSum {
	/**
	 * partials[0 .. count - 1], smallest magnitude first; the array only grows (shrinking a JS array's length is a
	 * slow runtime call).
	 */
	private readonly partials: number[] = [];
	private count = 0;

	constructor(partials: readonly number[] = []) {
		for (const partial of partials) this.add(partial);
	}

	add(value: number): void {
		const partials = this.partials;
		let x = value;
		let kept = 0;
		for (let j = 0; j < this.count; j++) {
			let y = partials[j];
			if (Math.abs(x) < Math.abs(y)) {
				const swap = x;
				x = y;
				y = swap;
			}
			const high = x + y;
			const low = y - (high - x);
			if (low !== 0) partials[kept++] = low;
			x = high;
		}
		partials[kept] = x;
		this.count = kept + 1;
	}

	/** The exact expansion of the total (JSON-safe: finite doubles), for merging. */
	toPartials(): number[] {
		return this.partials.slice(0, this.count);
	}

	/** The exact total rounded to the nearest double (ties to even). */
	value(): number {
		const partials = this.partials;
		let n = this.count;
		if (n === 0) return 0;
		let high = partials[--n];
		let low = 0;
		while (n > 0) {
			const x = high;
			const y = partials[--n];
			high = x + y;
			low = y - (high - x);
			if (low !== 0) break;
		}
		// Half-way case: the rest of the expansion decides which way to round.
		if (n > 0 && ((low < 0 && partials[n - 1] < 0) || (low > 0 && partials[n - 1] > 0))) {
			const y = low * 2;
			const x = high + y;
			if (y === x - high) high = x;
		}
		return high;
	}
}
