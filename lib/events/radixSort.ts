import { scratchInt32, scratchUint32 } from './scratch';

const BITS = 11;

/**
 * Positions 0..count-1 ordered by `keys[position]` (unsigned 32-bit), stable: equal keys keep their order, with the
 * keys in that order (`sortedKeys[i] === keys[positions[i]]`), so a caller walking the groups reads sequentially.
 * LSD radix sort in three passes of 11 bits over (key, position) pairs, so every pass reads sequentially — far kinder
 * to the cache than a hash table when grouping a million ids. The results are scratch views (`scratch.ts`): use them
 * before the next sort.
 */
export function sortByKey(
	keys: Uint32Array,
	count: number,
): { positions: Int32Array; sortedKeys: Uint32Array } {
	const sortedKeys = scratchUint32('radix.keysIn', count);
	sortedKeys.set(keys.subarray(0, count));
	const positions = scratchInt32('radix.positionsIn', count);
	for (let i = 0; i < count; i++) positions[i] = i;
	radixSortPairs(
		sortedKeys,
		positions,
		{
			keys: scratchUint32('radix.keysOut', count),
			positions: scratchInt32('radix.positionsOut', count),
			counts: new Int32Array(1 << BITS),
		},
		count,
		32,
	);
	return { positions, sortedKeys };
}

/** Buffers for `radixSortPairs`: the other half of each pass, and the counts (2^digit bits of them). */
export interface RadixBuffers {
	keys: Uint32Array;
	positions: Int32Array;
	counts: Int32Array;
}

/**
 * Stable LSD radix sort, in place, of the pairs (keys[i], positions[i]) for i < count by the low `keyBits` bits of the
 * keys, log2(counts.length) bits per pass; a pass where every key has the same digit moves nothing.
 */
export function radixSortPairs(
	keys: Uint32Array,
	positions: Int32Array,
	spare: RadixBuffers,
	count: number,
	keyBits: number,
): void {
	const counts = spare.counts;
	const mask = counts.length - 1;
	const digitBits = Math.log2(counts.length);
	let keysIn = keys;
	let keysOut = spare.keys;
	let positionsIn = positions;
	let positionsOut = spare.positions;
	for (let shift = 0; shift < keyBits; shift += digitBits) {
		counts.fill(0);
		for (let i = 0; i < count; i++) counts[(keysIn[i] >>> shift) & mask]++;
		if (count === 0 || counts[(keysIn[0] >>> shift) & mask] === count) continue;
		let sum = 0;
		for (let b = 0; b <= mask; b++) {
			const size = counts[b];
			counts[b] = sum;
			sum += size;
		}
		for (let i = 0; i < count; i++) {
			const key = keysIn[i];
			const at = counts[(key >>> shift) & mask]++;
			keysOut[at] = key;
			positionsOut[at] = positionsIn[i];
		}
		const keysSwap = keysIn;
		keysIn = keysOut;
		keysOut = keysSwap;
		const positionsSwap = positionsIn;
		positionsIn = positionsOut;
		positionsOut = positionsSwap;
	}
	if (keysIn !== keys) {
		keys.set(keysIn.subarray(0, count));
		positions.set(positionsIn.subarray(0, count));
	}
}
