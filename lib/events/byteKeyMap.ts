/**
 * A hash map from byte strings (ranges of a Uint8Array) to int32 values, without a JS string per key: the keys are
 * copied into one byte arena, and the table (open addressing, linear probing, power-of-two size, at most half full)
 * keeps per slot the key's hash, place and length and the value, side by side, so a lookup touches one slot and the
 * key's bytes. For interning ids read straight from file bytes: equal hashes are confirmed by comparing the bytes.
 */
export class ByteKeyMap {
	/** Per slot, SLOT words: hash, key start + 1 (0: empty), key length, value (int32). */
	private slots: Uint32Array;
	private values: Int32Array;
	/** Slot count - 1. */
	private mask: number;
	private arena = new Uint8Array(256);
	private arenaLength = 0;
	private count = 0;

	constructor(expected = 16) {
		let capacity = 16;
		while (capacity < expected * 2) capacity *= 2;
		this.slots = new Uint32Array(capacity * SLOT);
		this.values = new Int32Array(this.slots.buffer);
		this.mask = capacity - 1;
	}

	get size(): number {
		return this.count;
	}

	/** The slot holding the key `bytes[start, end)` (its hash is `hash`, e.g. from `hashBytes`), or -1. */
	find(bytes: Uint8Array, start: number, end: number, hash: number): number {
		const slots = this.slots;
		const mask = this.mask;
		const length = end - start;
		for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
			const at = slot * SLOT;
			const keyStart = slots[at + 1] - 1;
			if (keyStart < 0) return -1;
			if (slots[at] !== hash || slots[at + 2] !== length) continue;
			const arena = this.arena;
			let k = 0;
			while (k < length && arena[keyStart + k] === bytes[start + k]) k++;
			if (k === length) return slot;
		}
	}

	/** The value of a slot `find` returned. */
	value(slot: number): number {
		return this.values[slot * SLOT + 3];
	}

	/** Adds a key that `find` did not find, with its value. */
	add(bytes: Uint8Array, start: number, end: number, hash: number, value: number): void {
		const keyStart = this.arenaLength;
		const keyEnd = keyStart + (end - start);
		if (keyEnd > this.arena.length) this.arena = grown(this.arena, keyEnd);
		const arena = this.arena;
		for (let at = start, into = keyStart; at < end; ) arena[into++] = bytes[at++];
		this.arenaLength = keyEnd;
		this.count++;
		if (this.count * 2 > this.mask + 1) this.rehash();
		this.place(hash, keyStart + 1, end - start, value);
	}

	private place(hash: number, keyStartPlusOne: number, length: number, value: number): void {
		let slot = hash & this.mask;
		while (this.slots[slot * SLOT + 1] !== 0) slot = (slot + 1) & this.mask;
		const at = slot * SLOT;
		this.slots[at] = hash;
		this.slots[at + 1] = keyStartPlusOne;
		this.slots[at + 2] = length;
		this.values[at + 3] = value;
	}

	private rehash(): void {
		const old = this.slots;
		const oldValues = this.values;
		this.slots = new Uint32Array(old.length * 2);
		this.values = new Int32Array(this.slots.buffer);
		this.mask = this.slots.length / SLOT - 1;
		for (let at = 0; at < old.length; at += SLOT) {
			if (old[at + 1] !== 0) this.place(old[at], old[at + 1], old[at + 2], oldValues[at + 3]);
		}
	}
}

const SLOT = 4;

/**
 * A hash for maps of a few distinct short values (event types, campaign kinds, campaign ids): length and three bytes,
 * no loop, mixed by one multiplication so that the low bits a table uses depend on all of them (unmixed, the low bits
 * were the length's alone, and ids of one length such as `tx-01`…`au-06` all probed from one slot). Collisions only
 * cost a byte comparison.
 */
export function quickHashBytes(bytes: Uint8Array, start: number, end: number): number {
	const length = end - start;
	if (length === 0) return 0;
	const hash = Math.imul(
		length ^ (bytes[start] << 8) ^ (bytes[end - 1] << 16) ^ (bytes[start + (length >> 1)] << 24),
		0x9e3779b1,
	);
	return (hash ^ (hash >>> 15)) >>> 0;
}

/**
 * A 32-bit hash of bytes: FNV-1a's step over 4 bytes at a time (then the last 1–3), finished with MurmurHash3's
 * mixer so that the low bits a table uses depend on every byte.
 */
export function hashBytes(bytes: Uint8Array, start: number, end: number): number {
	let hash = 0x811c9dc5 ^ (end - start);
	let at = start;
	for (; at + 4 <= end; at += 4) {
		const word = bytes[at] | (bytes[at + 1] << 8) | (bytes[at + 2] << 16) | (bytes[at + 3] << 24);
		hash = Math.imul(hash ^ word, 16777619);
	}
	for (; at < end; at++) hash = Math.imul(hash ^ bytes[at], 16777619);
	hash ^= hash >>> 16;
	hash = Math.imul(hash, 0x85ebca6b);
	hash ^= hash >>> 13;
	return hash >>> 0;
}

type Growable = Uint8Array | Uint32Array | Int32Array | Float64Array;

/** A copy of `array` with room for at least `needed` elements (capacity doubled at least). */
export function grown<T extends Growable>(array: T, needed: number): T {
	let capacity = Math.max(array.length * 2, 16);
	while (capacity < needed) capacity *= 2;
	const bigger = new (array.constructor as new (length: number) => T)(capacity);
	bigger.set(array as never);
	return bigger;
}
