/** A double holds integers exactly up to 2^53: a sort key packs characters and a position into one. */
const KEY_BITS = 53;
const BITS_PER_CHAR = 7;
const SATURATED = 127;
const INSERTION_SORT_MAX = 24;

/**
 * The permutation that sorts `strings` in UTF-16 code-unit order (what `Array.prototype.sort()` does), several times
 * faster than a comparator sort. A most-significant-digit radix sort: each string gets a numeric key made of the next
 * few characters (7 bits each, ASCII exact) and its position, the keys are sorted natively as a Float64Array, and runs
 * that share those characters are sorted the same way on the characters after them. A character from code 127 up
 * ends the key (everything after it counts as equal), so a run that needs it is finished by full comparison; small
 * runs are insertion-sorted.
 */
export function stringOrder(strings: readonly string[]): Int32Array {
	const order = new Int32Array(strings.length);
	for (let i = 0; i < order.length; i++) order[i] = i;
	sortRange(strings, order, 0, order.length, commonPrefixLength(strings));
	return order;
}

function sortRange(
	strings: readonly string[],
	order: Int32Array,
	start: number,
	end: number,
	depth: number,
): void {
	const count = end - start;
	if (count <= INSERTION_SORT_MAX) {
		insertionSort(strings, order, start, end);
		return;
	}
	const positionBits = Math.ceil(Math.log2(count + 1));
	const keyChars = Math.floor((KEY_BITS - positionBits) / BITS_PER_CHAR);
	const positionSpan = 2 ** positionBits;
	const keys = new Float64Array(count);
	let saturatedAny = false;
	for (let i = 0; i < count; i++) {
		const text = strings[order[start + i]];
		let key = 0;
		let saturated = false;
		for (let k = 0; k < keyChars; k++) {
			let code = 0;
			if (!saturated && depth + k < text.length) {
				code = text.charCodeAt(depth + k);
				if (code >= SATURATED) {
					code = SATURATED;
					saturated = true;
					saturatedAny = true;
				}
			}
			key = key * 128 + code;
		}
		keys[i] = key * positionSpan + i;
	}
	keys.sort();
	const sorted = new Int32Array(count);
	for (let i = 0; i < count; i++) sorted[i] = order[start + (keys[i] % positionSpan)];
	order.set(sorted, start);

	// Runs sharing these characters: sorted on the following ones (or in full when a key was cut short).
	let runStart = 0;
	let runKey = Math.floor(keys[0] / positionSpan);
	for (let i = 1; i <= count; i++) {
		const key = i < count ? Math.floor(keys[i] / positionSpan) : -1;
		if (key === runKey) continue;
		if (i - runStart > 1) {
			const runFrom = start + runStart;
			const runTo = start + i;
			if (saturatedAny) comparatorSort(strings, order, runFrom, runTo);
			else if (!allEnded(strings, order, runFrom, runTo, depth + keyChars)) {
				sortRange(strings, order, runFrom, runTo, depth + keyChars);
			}
		}
		runStart = i;
		runKey = key;
	}
}

/** True when every string of the run is shorter than `depth`: they are all equal, nothing left to order. */
function allEnded(
	strings: readonly string[],
	order: Int32Array,
	start: number,
	end: number,
	depth: number,
): boolean {
	for (let i = start; i < end; i++) if (strings[order[i]].length > depth) return false;
	return true;
}

function insertionSort(
	strings: readonly string[],
	order: Int32Array,
	start: number,
	end: number,
): void {
	for (let i = start + 1; i < end; i++) {
		const moving = order[i];
		const text = strings[moving];
		let j = i - 1;
		while (j >= start && strings[order[j]] > text) {
			order[j + 1] = order[j];
			j--;
		}
		order[j + 1] = moving;
	}
}

function comparatorSort(
	strings: readonly string[],
	order: Int32Array,
	start: number,
	end: number,
): void {
	order
		.subarray(start, end)
		.sort((a, b) => (strings[a] < strings[b] ? -1 : strings[a] > strings[b] ? 1 : 0));
}

function commonPrefixLength(strings: readonly string[]): number {
	if (strings.length === 0) return 0;
	const first = strings[0];
	let length = first.length;
	for (let i = 1; i < strings.length && length > 0; i++) {
		const text = strings[i];
		if (text.length < length) length = text.length;
		let k = 0;
		while (k < length && text.charCodeAt(k) === first.charCodeAt(k)) k++;
		length = k;
	}
	return length;
}
