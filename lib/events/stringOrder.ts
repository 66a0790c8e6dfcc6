import { radixSortPairs } from './radixSort';
import type { RadixBuffers } from './radixSort';
import { scratchFloat64, scratchInt32, scratchUint32 } from './scratch';

/** Bits of a key: several characters' ranks side by side in a double (whole numbers are exact up to 2^53). */
const KEY_BITS = 40;
const TWO_32 = 2 ** 32;
/** Ranges this small are insertion-sorted by key. */
const INSERTION_SORT_MAX = 16;
/** Ranges from this size first try grouping their equal keys through a hash table. */
const GROUPING_MIN = 64;
/**
 * Below this size a range is sorted natively as doubles key · 2^k + position (KEY_BITS + k ≤ 53 bits); above, radix
 * passes cost less (measured on 100 000 keys: the native sort of ranges of 1 000 takes about twice as long).
 */
const NATIVE_SORT_LIMIT = 1024;
/** Runs of equal keys this small are finished at once by comparing their strings' remaining characters. */
const FINISH_MAX = 3;
/** Radix passes of this many bits on ranges too large for the native sort, on buckets of at least LOW_RADIX_MIN. */
const RADIX_DIGIT_BITS = 11;
const LOW_RADIX_MIN = 256;
const CODE_UNITS = 0x10000;
/** The Latin-1 ranking: code unit c < 255 ranks c + 1, in 8 bits; a larger one has no rank (0). */
const LATIN1_BITS = 8;
/**
 * Strings this long on average are ranked by their alphabet at once: scanning every character costs little, and a
 * small alphabet's ranks take fewer bits, so a key holds more characters (numeric ids: ten digits in one key).
 */
const SHORT_MEAN_LENGTH = 12;

/**
 * The permutation that sorts `strings` in UTF-16 code-unit order (what `Array.prototype.sort()` does), stable, several
 * times faster than a comparator sort.
 *
 * Characters are read with `charCodeAt` straight from the strings, and only as deep as it takes to tell them apart
 * (about 15 of the 31 characters of the e-mail addresses in the benchmark). For sorting, a character is replaced by a
 * rank, 0 standing for "the string has ended". Long strings get the fixed Latin-1 ranking (code unit + 1, 8 bits),
 * which needs no look at the strings beforehand (scanning every character would cost a third of the sort); should a
 * code unit of 255 or more turn up, the sort starts over with the ranks of the code units present (a scan of every
 * character), in as many bits as that alphabet needs. Short strings (numeric ids) get those alphabet ranks at once.
 *
 * A most-significant-digit radix sort then orders the positions a key at a time, level by level: the strings of a
 * range share their first `depth` characters; each gets the key of its next characters (five Latin-1 ranks in a
 * 40-bit double), the range is ordered by key, and every run of equal keys that has not ended goes on to the next
 * level (runs of two or three are finished at once by comparing their remaining characters). While most strings are
 * still being sorted, a level computes the keys of all strings in index order (sequential reads) instead of range by
 * range. A range is ordered by key
 * - when it has few distinct keys (the first levels: 126 distinct first five characters among 100 000 addresses), by
 *   grouping: a hash table gives each distinct key a group, the distinct keys alone are sorted, and one stable pass
 *   moves every position to its group's place, which is also the run of the next level;
 * - otherwise, when small, by insertion sort; below NATIVE_SORT_LIMIT, by a native sort of doubles holding the key
 *   and the position (stable, as positions break ties); larger, by a counting sort on the keys' high 8 bits, then
 *   each bucket by the low 32 bits (LSD radix passes, or natively when small).
 */
export function stringOrder(strings: readonly string[]): Int32Array {
	const order = identity(strings.length);
	if (strings.length < 2) return order;
	let total = 0;
	for (let i = 0; i < strings.length; i++) total += strings[i].length;
	const short = total <= SHORT_MEAN_LENGTH * strings.length;
	if (!short && new StringSorter(strings, order, latin1Ranks(), LATIN1_BITS).sort()) return order;
	if (!short) order.set(identity(strings.length));
	const { rank, bits } = alphabetRanks(strings);
	new StringSorter(strings, order, rank, bits).sort();
	return order;
}

function identity(length: number): Int32Array {
	const order = new Int32Array(length);
	for (let i = 0; i < length; i++) order[i] = i;
	return order;
}

let latin1: Int32Array | undefined;

function latin1Ranks(): Int32Array {
	if (latin1 === undefined) {
		latin1 = new Int32Array(CODE_UNITS);
		for (let code = 0; code < 2 ** LATIN1_BITS - 1; code++) latin1[code] = code + 1;
	}
	return latin1;
}

/** Code unit → 1 + its rank among the code units present in `strings`, and the bits a rank (or 0) needs. */
function alphabetRanks(strings: readonly string[]): { rank: Int32Array; bits: number } {
	const rank = scratchInt32('stringOrder.rank', CODE_UNITS).fill(0);
	for (let i = 0; i < strings.length; i++) {
		const text = strings[i];
		for (let k = 0; k < text.length; k++) rank[text.charCodeAt(k)] = 1;
	}
	let alphabet = 0;
	// Marked code units in ascending order (a native scan: most of the 65 536 are absent).
	for (let code = rank.indexOf(1); code >= 0; code = rank.indexOf(1, code + 1)) {
		rank[code] = ++alphabet;
	}
	return { rank, bits: Math.max(1, Math.ceil(Math.log2(alphabet + 1))) };
}

/** Code-unit comparison of a and b from character `depth` on (they agree before it). */
function compareFrom(a: string, b: string, depth: number): number {
	const end = Math.min(a.length, b.length);
	for (let k = depth; k < end; k++) {
		const difference = a.charCodeAt(k) - b.charCodeAt(k);
		if (difference !== 0) return difference;
	}
	return a.length - b.length;
}

/** Stable sort of the pairs (low[i], positions[i]) by low (32-bit keys): doubles key · 2^k + i, sorted natively. */
function sortPairsNatively(low: Uint32Array, positions: Int32Array): void {
	const count = low.length;
	const span = 2 ** Math.ceil(Math.log2(count));
	const packed = scratchFloat64('stringOrder.packedLow', count);
	for (let i = 0; i < count; i++) packed[i] = low[i] * span + i;
	packed.sort();
	const moved = scratchInt32('stringOrder.movedLow', count);
	for (let i = 0; i < count; i++) {
		const key = Math.floor(packed[i] / span);
		low[i] = key;
		moved[i] = positions[packed[i] - key * span];
	}
	positions.set(moved);
}

/** A slot of a table of 2^bits for a key below 2^53: its low and high 32 bits mixed by a multiplicative hash. */
function slotOf(key: number, bits: number): number {
	return Math.imul((key >>> 0) ^ (key / TWO_32), 0x9e3779b1) >>> (32 - bits);
}

class StringSorter {
	private readonly keyChars: number;
	/** 2^(bits of a rank): a key is its characters' ranks in base charSpan. */
	private readonly charSpan: number;
	/** Set when a character without a rank was read: the Latin-1 ranking does not fit these strings. */
	private unranked = false;
	/** Per string: the key of its characters at the current depth, when a level computes them for every string. */
	private readonly keyOf: Float64Array;
	/** Per position of the range being sorted: its key, and the positions in their new order. */
	private readonly keys: Float64Array;
	private readonly moved: Int32Array;
	/** The ranges of the current level and of the next, as begin, end pairs. */
	private ranges: Int32Array;
	private nextRanges: Int32Array;
	private nextEnds = 0;
	/** Strings in the next level's ranges. */
	private nextActive = 0;

	constructor(
		private readonly strings: readonly string[],
		private readonly order: Int32Array,
		private readonly rank: Int32Array,
		bits: number,
	) {
		this.keyChars = Math.max(1, Math.floor(KEY_BITS / bits));
		this.charSpan = 2 ** bits;
		const count = order.length;
		this.keyOf = scratchFloat64('stringOrder.keyOf', count);
		this.keys = scratchFloat64('stringOrder.keys', count);
		this.moved = scratchInt32('stringOrder.moved', count);
		this.ranges = scratchInt32('stringOrder.ranges', count + 2);
		this.nextRanges = scratchInt32('stringOrder.nextRanges', count + 2);
	}

	/** Sorts `order` level by level; false (order left partly sorted) when a character had no rank. */
	sort(): boolean {
		const count = this.order.length;
		this.ranges[0] = 0;
		this.ranges[1] = count;
		let rangeEnds = 2;
		let active = count;
		for (let depth = 0; rangeEnds > 0; depth += this.keyChars) {
			const everyKey = active * 4 >= count;
			if (everyKey) this.computeEveryKey(depth);
			this.nextEnds = 0;
			this.nextActive = 0;
			for (let r = 0; r < rangeEnds && !this.unranked; r += 2) {
				this.sortRange(this.ranges[r], this.ranges[r + 1], depth, everyKey);
			}
			if (this.unranked) return false;
			const ranges = this.ranges;
			this.ranges = this.nextRanges;
			this.nextRanges = ranges;
			rangeEnds = this.nextEnds;
			active = this.nextActive;
		}
		return true;
	}

	private keyAt(s: number, depth: number): number {
		const { rank, charSpan } = this;
		const text = this.strings[s];
		const stop = depth + this.keyChars;
		const end = Math.min(text.length, stop);
		let key = 0;
		let k = depth;
		for (; k < end; k++) {
			const ranked = rank[text.charCodeAt(k)];
			if (ranked === 0) this.unranked = true;
			key = key * charSpan + ranked;
		}
		for (; k < stop; k++) key *= charSpan;
		return key;
	}

	private computeEveryKey(depth: number): void {
		const keyOf = this.keyOf;
		for (let s = 0; s < keyOf.length; s++) keyOf[s] = this.keyAt(s, depth);
	}

	/** Orders order[begin..end) by the key of characters depth.. ; runs of equal keys go to the next level. */
	private sortRange(begin: number, end: number, depth: number, everyKey: boolean): void {
		const { order, keys, keyOf } = this;
		const count = end - begin;
		if (everyKey) for (let i = 0; i < count; i++) keys[i] = keyOf[order[begin + i]];
		else for (let i = 0; i < count; i++) keys[i] = this.keyAt(order[begin + i], depth);
		if (count >= GROUPING_MIN && this.groupSort(begin, count, depth)) return;
		if (count <= INSERTION_SORT_MAX) this.insertionSort(begin, count);
		else if (count < NATIVE_SORT_LIMIT) this.nativeSort(begin, count);
		else this.radixSort(begin, count);
		let runStart = 0;
		for (let i = 1; i <= count; i++) {
			if (i < count && keys[i] === keys[runStart]) continue;
			this.addRun(begin + runStart, begin + i, keys[runStart], depth);
			runStart = i;
		}
	}

	/** order[begin..end), sorted up to the key `key` at `depth`: done if single or ended, else finished or deferred. */
	private addRun(begin: number, end: number, key: number, depth: number): void {
		// A key whose last character is 0 belongs to strings that ended within it: equal keys, equal strings.
		if (end - begin < 2 || key % this.charSpan === 0) return;
		if (end - begin <= FINISH_MAX) {
			this.finish(begin, end, depth + this.keyChars);
			return;
		}
		this.nextRanges[this.nextEnds++] = begin;
		this.nextRanges[this.nextEnds++] = end;
		this.nextActive += end - begin;
	}

	/**
	 * Counting sort of order[begin..begin + count) by keys[0..count) through a hash table of the distinct keys: each
	 * gets a group, the distinct keys are sorted alone, and one stable pass moves every position into its group's place.
	 * Gives up (moving nothing) when the keys are mostly distinct: judged on a sample first, then at half of them.
	 */
	private groupSort(begin: number, count: number, depth: number): boolean {
		const { order, keys, moved } = this;
		const bits = Math.ceil(Math.log2(count));
		const mask = 2 ** bits - 1;
		const slotKey = scratchFloat64('stringOrder.slotKey', mask + 1).fill(-1);
		const slotGroup = scratchInt32('stringOrder.slotGroup', mask + 1);
		const groupOf = scratchInt32('stringOrder.groupOf', count);
		const groupKeys = scratchFloat64('stringOrder.groupKeys', count);
		const groupSize = scratchInt32('stringOrder.groupSize', count);
		const sampled = Math.min(count >> 3, 256);
		let groups = 0;
		for (let i = 0; i < count; i++) {
			if (i === sampled && groups * 4 > sampled * 3) return false;
			const key = keys[i];
			let slot = slotOf(key, bits);
			while (slotKey[slot] !== key && slotKey[slot] !== -1) slot = (slot + 1) & mask;
			if (slotKey[slot] === -1) {
				if (groups === count >> 1) return false;
				slotKey[slot] = key;
				slotGroup[slot] = groups;
				groupKeys[groups] = key;
				groupSize[groups++] = 0;
			}
			const group = slotGroup[slot];
			groupOf[i] = group;
			groupSize[group]++;
		}
		const sortedKeys = groupKeys.subarray(0, groups).sort();
		// The groups in key order, and each one's first place.
		const groupInOrder = scratchInt32('stringOrder.groupInOrder', groups);
		const groupStart = scratchInt32('stringOrder.groupStart', groups);
		let at = 0;
		for (let g = 0; g < groups; g++) {
			const key = sortedKeys[g];
			let slot = slotOf(key, bits);
			while (slotKey[slot] !== key) slot = (slot + 1) & mask;
			const group = slotGroup[slot];
			groupInOrder[g] = group;
			groupStart[group] = at;
			at += groupSize[group];
		}
		for (let i = 0; i < count; i++) moved[groupStart[groupOf[i]]++] = order[begin + i];
		order.set(moved.subarray(0, count), begin);
		// Each group is a run of equal keys.
		at = begin;
		for (let g = 0; g < groups; g++) {
			const size = groupSize[groupInOrder[g]];
			this.addRun(at, at + size, sortedKeys[g], depth);
			at += size;
		}
		return true;
	}

	/** Insertion sort of order[begin..end), strings equal in their first `depth` characters, on the characters after. */
	private finish(begin: number, end: number, depth: number): void {
		const { order, strings } = this;
		for (let i = begin + 1; i < end; i++) {
			const moving = order[i];
			const text = strings[moving];
			let j = i - 1;
			while (j >= begin && compareFrom(strings[order[j]], text, depth) > 0) {
				order[j + 1] = order[j];
				j--;
			}
			order[j + 1] = moving;
		}
	}

	/** Stable insertion sort of order[begin..begin + count) by keys[0..count), moving the keys along. */
	private insertionSort(begin: number, count: number): void {
		const { order, keys } = this;
		for (let i = 1; i < count; i++) {
			const key = keys[i];
			const moving = order[begin + i];
			let j = i - 1;
			while (j >= 0 && keys[j] > key) {
				keys[j + 1] = keys[j];
				order[begin + j + 1] = order[begin + j];
				j--;
			}
			keys[j + 1] = key;
			order[begin + j + 1] = moving;
		}
	}

	/** Sorts keys packed with their position (a double holds both exactly, so the sort is stable); keys follow. */
	private nativeSort(begin: number, count: number): void {
		const { order, moved, keys } = this;
		const span = 2 ** Math.ceil(Math.log2(count));
		const packed = scratchFloat64('stringOrder.packed', count);
		for (let i = 0; i < count; i++) packed[i] = keys[i] * span + i;
		packed.sort();
		for (let i = 0; i < count; i++) {
			const key = Math.floor(packed[i] / span);
			keys[i] = key;
			moved[i] = order[begin + packed[i] - key * span];
		}
		order.set(moved.subarray(0, count), begin);
	}

	/**
	 * Stable sort of order[begin..begin + count) by keys[0..count), a range too large for the native sort: a counting
	 * sort by the keys' high KEY_BITS - 32 bits, then each bucket by the low 32 bits (radix passes, or natively when
	 * small), so that all but the first pass move positions within a bucket (cache-friendly); keys follow.
	 */
	private radixSort(begin: number, count: number): void {
		const { order, moved, keys } = this;
		const low = scratchUint32('stringOrder.low', count);
		const bucketStart = new Int32Array(2 ** (KEY_BITS - 32) + 1);
		for (let i = 0; i < count; i++) bucketStart[Math.floor(keys[i] / TWO_32) + 1]++;
		for (let b = 1; b < bucketStart.length; b++) bucketStart[b] += bucketStart[b - 1];
		const cursor = bucketStart.slice();
		for (let i = 0; i < count; i++) {
			const at = cursor[Math.floor(keys[i] / TWO_32)]++;
			low[at] = keys[i] >>> 0;
			moved[at] = order[begin + i];
		}
		order.set(moved.subarray(0, count), begin);
		const spare: RadixBuffers = {
			keys: scratchUint32('stringOrder.spareLow', count),
			positions: scratchInt32('stringOrder.sparePositions', count),
			counts: new Int32Array(2 ** RADIX_DIGIT_BITS),
		};
		for (let b = 0; b + 1 < bucketStart.length; b++) {
			const from = bucketStart[b];
			const to = bucketStart[b + 1];
			const bucketLow = low.subarray(from, to);
			const bucketOrder = order.subarray(begin + from, begin + to);
			if (to - from >= LOW_RADIX_MIN) radixSortPairs(bucketLow, bucketOrder, spare, to - from, 32);
			else if (to - from > 1) sortPairsNatively(bucketLow, bucketOrder);
			for (let i = from; i < to; i++) keys[i] = b * TWO_32 + low[i];
		}
	}
}
