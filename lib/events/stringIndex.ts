import { hashString } from './stringSet';

/**
 * Strings interned to 0, 1, … in order of first sight (`ids[code]` is the string): an open-addressing table (linear
 * probing, power-of-two size, at most half full) of hashes and codes in typed arrays. Interning a hundred thousand
 * new contactIds through a `Map` costs several times more: its table lives in the JS heap, rehashes as it grows and
 * keeps the collector busy; here growing rewrites two flat arrays.
 */
export class StringIndex {
	readonly ids: string[] = [];
	/** Per slot: the hash of its string, and its code + 1 (0: empty). */
	private hashes = new Uint32Array(1024);
	private codes = new Int32Array(1024);
	private mask = 1023;

	/** The code of `id`, interned on first sight; `copy` gives the string to keep for a new one. */
	codeOf(id: string, copy?: (id: string) => string): number {
		const hash = hashString(id);
		const { hashes, codes, ids, mask } = this;
		let slot = hash & mask;
		for (let code = codes[slot]; code !== 0; code = codes[slot]) {
			if (hashes[slot] === hash && ids[code - 1] === id) return code - 1;
			slot = (slot + 1) & mask;
		}
		const code = ids.length;
		ids.push(copy === undefined ? id : copy(id));
		hashes[slot] = hash;
		codes[slot] = code + 1;
		if (ids.length * 2 > mask) this.grow();
		return code;
	}

	private grow(): void {
		const oldHashes = this.hashes;
		const oldCodes = this.codes;
		this.hashes = new Uint32Array(oldHashes.length * 2);
		this.codes = new Int32Array(oldCodes.length * 2);
		this.mask = this.hashes.length - 1;
		for (let old = 0; old < oldCodes.length; old++) {
			if (oldCodes[old] === 0) continue;
			let slot = oldHashes[old] & this.mask;
			while (this.codes[slot] !== 0) slot = (slot + 1) & this.mask;
			this.hashes[slot] = oldHashes[old];
			this.codes[slot] = oldCodes[old];
		}
	}
}
