import { radixSortPairs } from './radixSort';
import type { RadixBuffers } from './radixSort';
import { scratchFloat64, scratchInt32, scratchUint16, scratchUint32 } from './scratch';

/** Ranges this small are insertion-sorted. */
const INSERTION_SORT_MAX = 16;
/** Bits of a key: several characters' ranks side by side (below 2^31, so bit operations read it whole). */
const KEY_BITS = 31;
const CODE_UNITS = 0x10000;
/** Radix passes take two characters at a time when that needs at most 2^PAIR_BITS_MAX counts. */
const PAIR_BITS_MAX = 12;

/**
 * The permutation that sorts `strings` in UTF-16 code-unit order (what `Array.prototype.sort()` does), stable, several
 * times faster than a comparator sort. Each string's code units are copied once into one typed array, and every
 * character is replaced, for sorting, by its rank among the code units present (e-mail addresses use a few dozen, so
 * a character takes 6 bits and a 31-bit key holds 5 of them; 0 stands for "the string has ended"). A
 * most-significant-digit radix sort then orders the positions a key at a time: the strings of a range share their
 * first `depth` characters; each gets the key of its next characters, the range is sorted by key (an LSD radix sort,
 * one or two characters per pass; a native sort of keys packed with their position when the range is small against
 * the alphabet), and every run of equal keys that has not ended goes on to the following characters, level by level.
 * Small ranges are insertion-sorted.
 */
export function stringOrder(strings: readonly string[]): Int32Array {
	const order = new Int32Array(strings.length);
	for (let i = 0; i < order.length; i++) order[i] = i;
	if (strings.length > 1) new StringSorter(strings, order).sort();
	return order;
}

class StringSorter {
	/** All strings' code units end to end: string i is units[start[i]] .. units[start[i + 1] - 1]. */
	private readonly units: Uint16Array;
	private readonly start: Int32Array;
	/** Code unit → 1 + its rank among the code units present (0 in a key: the string has ended). */
	private readonly rank: Int32Array;
	private readonly charBits: number;
	private readonly keyChars: number;
	/** Per string: the key of its characters at the current depth, when a level computes them for every string. */
	private readonly keyOf: Uint32Array;
	/** Per position of the range being sorted: its key, and the positions in their new order. */
	private readonly keys: Uint32Array;
	private readonly moved: Int32Array;
	/** The radix sort's other buffers, with counts per character and per pair of characters. */
	private readonly spare: RadixBuffers;
	private readonly pairSpare: RadixBuffers;

	constructor(
		strings: readonly string[],
		private readonly order: Int32Array,
	) {
		let total = 0;
		for (let i = 0; i < strings.length; i++) total += strings[i].length;
		const units = (this.units = scratchUint16('stringOrder.units', total));
		const start = (this.start = scratchInt32('stringOrder.start', strings.length + 1));
		const rank = (this.rank = scratchInt32('stringOrder.rank', CODE_UNITS).fill(0));
		let at = 0;
		for (let i = 0; i < strings.length; i++) {
			const text = strings[i];
			start[i] = at;
			for (let k = 0; k < text.length; k++) {
				const code = text.charCodeAt(k);
				units[at++] = code;
				rank[code] = 1;
			}
		}
		start[strings.length] = at;
		let alphabet = 0;
		// Marked code units in ascending order (a native scan: most of the 65 536 are absent).
		for (let code = rank.indexOf(1); code >= 0; code = rank.indexOf(1, code + 1)) {
			rank[code] = ++alphabet;
		}
		this.charBits = Math.max(1, Math.ceil(Math.log2(alphabet + 1)));
		this.keyChars = Math.max(1, Math.floor(KEY_BITS / this.charBits));
		const count = order.length;
		this.keyOf = scratchUint32('stringOrder.keyOf', count);
		this.keys = scratchUint32('stringOrder.keys', count);
		this.moved = scratchInt32('stringOrder.moved', count);
		const spareKeys = scratchUint32('stringOrder.spareKeys', count);
		const sparePositions = scratchInt32('stringOrder.sparePositions', count);
		const withCounts = (bits: number): RadixBuffers => ({
			keys: spareKeys,
			positions: sparePositions,
			counts: new Int32Array(1 << bits),
		});
		this.spare = withCounts(this.charBits);
		this.pairSpare =
			2 * this.charBits <= PAIR_BITS_MAX ? withCounts(2 * this.charBits) : this.spare;
	}

	/**
	 * Level by level: every range of a level shares its first `depth` characters. When the ranges hold many strings,
	 * the level's keys are computed for all strings in storage order (sequential reads) instead of range by range
	 * (a random read per string).
	 */
	sort(): void {
		let ranges = [0, this.order.length];
		for (let depth = 0; ranges.length > 0; depth += this.keyChars) {
			let active = 0;
			for (let r = 0; r < ranges.length; r += 2) active += ranges[r + 1] - ranges[r];
			const everyKey = active * 4 >= this.order.length;
			if (everyKey) this.computeEveryKey(depth);
			const next: number[] = [];
			for (let r = 0; r < ranges.length; r += 2) {
				const begin = ranges[r];
				const end = ranges[r + 1];
				if (end - begin <= INSERTION_SORT_MAX) this.insertionSort(begin, end, depth);
				else this.sortByNextCharacters(begin, end, depth, everyKey, next);
			}
			ranges = next;
		}
	}

	private keyAt(s: number, depth: number): number {
		const { units, start, rank, charBits, keyChars } = this;
		const from = start[s] + depth;
		const stop = start[s + 1];
		let key = 0;
		for (let k = 0; k < keyChars; k++) {
			key = (key << charBits) | (from + k < stop ? rank[units[from + k]] : 0);
		}
		return key;
	}

	private computeEveryKey(depth: number): void {
		const keyOf = this.keyOf;
		for (let s = 0; s < keyOf.length; s++) keyOf[s] = this.keyAt(s, depth);
	}

	/** Orders order[begin..end) by the key of characters depth.. ; runs of equal keys go to the next level. */
	private sortByNextCharacters(
		begin: number,
		end: number,
		depth: number,
		everyKey: boolean,
		next: number[],
	): void {
		const { order, keys, keyOf } = this;
		const count = end - begin;
		if (everyKey) for (let i = 0; i < count; i++) keys[i] = keyOf[order[begin + i]];
		else for (let i = 0; i < count; i++) keys[i] = this.keyAt(order[begin + i], depth);
		const sortedKeys =
			count >= this.spare.counts.length >> 2
				? this.radixSort(begin, count)
				: this.nativeSort(begin, count);

		// A key whose last character is 0 belongs to strings that ended within it: equal keys, equal strings.
		const lastChar = (1 << this.charBits) - 1;
		let runStart = 0;
		for (let i = 1; i <= count; i++) {
			if (i < count && sortedKeys[i] === sortedKeys[runStart]) continue;
			if (i - runStart > 1 && (sortedKeys[runStart] & lastChar) !== 0) {
				next.push(begin + runStart, begin + i);
			}
			runStart = i;
		}
	}

	/**
	 * Stable LSD radix sort of order[begin..begin + count) by keys[0..count), from the key's last character to its first:
	 * a character per pass, or two on ranges large against their square of buckets; a pass where every key has the same
	 * digit moves nothing. Leaves the keys in their new order in `keys`.
	 */
	private radixSort(begin: number, count: number): Uint32Array {
		const { order, moved, keys, charBits } = this;
		for (let i = 0; i < count; i++) moved[i] = order[begin + i];
		const pairs = count >= this.pairSpare.counts.length << 2;
		radixSortPairs(
			keys,
			moved,
			pairs ? this.pairSpare : this.spare,
			count,
			this.keyChars * charBits,
		);
		order.set(moved.subarray(0, count), begin);
		return keys;
	}

	/** Sorts keys packed with their position (a double holds both exactly, so the sort is stable); returns the keys. */
	private nativeSort(begin: number, count: number): Uint32Array {
		const { order, moved, keys } = this;
		const span = 2 ** Math.ceil(Math.log2(count));
		const packed = scratchFloat64('stringOrder.packed', count);
		for (let i = 0; i < count; i++) packed[i] = keys[i] * span + i;
		packed.sort();
		for (let i = 0; i < count; i++) {
			const position = packed[i] % span;
			moved[i] = order[begin + position];
			keys[i] = (packed[i] - position) / span;
		}
		order.set(moved.subarray(0, count), begin);
		return keys;
	}

	private insertionSort(begin: number, end: number, depth: number): void {
		const order = this.order;
		for (let i = begin + 1; i < end; i++) {
			const moving = order[i];
			let j = i - 1;
			while (j >= begin && this.compare(order[j], moving, depth) > 0) {
				order[j + 1] = order[j];
				j--;
			}
			order[j + 1] = moving;
		}
	}

	/** Code-unit comparison of strings a and b from character `depth` on (they agree before it). */
	private compare(a: number, b: number, depth: number): number {
		const { units, start } = this;
		let i = start[a] + depth;
		let j = start[b] + depth;
		const aEnd = start[a + 1];
		const bEnd = start[b + 1];
		while (i < aEnd && j < bEnd) {
			const difference = units[i++] - units[j++];
			if (difference !== 0) return difference;
		}
		return aEnd - i - (bEnd - j);
	}
}
