import { scratchInt32, scratchUint32 } from './scratch';

const BITS = 11;
const BUCKETS = 1 << BITS;
const MASK = BUCKETS - 1;

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
	let keysIn = scratchUint32('radix.keysIn', count);
	keysIn.set(keys.subarray(0, count));
	let positionsIn = scratchInt32('radix.positionsIn', count);
	for (let i = 0; i < count; i++) positionsIn[i] = i;
	let keysOut = scratchUint32('radix.keysOut', count);
	let positionsOut = scratchInt32('radix.positionsOut', count);
	const offsets = new Int32Array(BUCKETS);
	for (let shift = 0; shift < 32; shift += BITS) {
		offsets.fill(0);
		for (let i = 0; i < count; i++) offsets[(keysIn[i] >>> shift) & MASK]++;
		let sum = 0;
		for (let b = 0; b < BUCKETS; b++) {
			const size = offsets[b];
			offsets[b] = sum;
			sum += size;
		}
		for (let i = 0; i < count; i++) {
			const key = keysIn[i];
			const at = offsets[(key >>> shift) & MASK]++;
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
	return { positions: positionsIn, sortedKeys: keysIn };
}
