/**
 * A hash map from byte strings (ranges of a Uint8Array) to int32 values, without a JS string per key: the keys are
 * copied into one byte arena, and the table (open addressing, linear probing, power-of-two size, at most half full)
 * holds entry numbers. Entries are numbered in insertion order. For interning ids read straight from file bytes and
 * for telling repeated eventIds apart exactly (equal hashes are confirmed by comparing the bytes).
 */
export class ByteKeyMap {
	/** Pairs (hash, entry + 1; 0: empty): a probe reads the hash beside the entry, in the same cache line. */
	private slots: Uint32Array;
	/** Slot count - 1. */
	private mask: number;
	private hashes = new Uint32Array(16);
	private keyStarts = new Uint32Array(17);
	private values = new Int32Array(16);
	private arena = new Uint8Array(256);
	private count = 0;

	constructor(expected = 16) {
		let capacity = 16;
		while (capacity < expected * 2) capacity *= 2;
		this.slots = new Uint32Array(capacity * 2);
		this.mask = capacity - 1;
	}

	get size(): number {
		return this.count;
	}

	/** The entry whose key equals `bytes[start, end)` (its hash is `hash`, e.g. from `hashBytes`), or -1. */
	find(bytes: Uint8Array, start: number, end: number, hash: number): number {
		const slots = this.slots;
		const mask = this.mask;
		const length = end - start;
		for (let slot = (hash & mask) << 1; ; slot = (slot + 2) & ((mask << 1) | 1)) {
			const entry = slots[slot + 1] - 1;
			if (entry < 0) return -1;
			if (slots[slot] !== hash) continue;
			const keyStart = this.keyStarts[entry];
			if (this.keyStarts[entry + 1] - keyStart !== length) continue;
			const arena = this.arena;
			let at = 0;
			while (at < length && arena[keyStart + at] === bytes[start + at]) at++;
			if (at === length) return entry;
		}
	}

	/** Adds a key that `find` did not find, with its value; returns its entry number. */
	add(bytes: Uint8Array, start: number, end: number, hash: number, value: number): number {
		const entry = this.count;
		if (entry + 1 >= this.hashes.length) this.growEntries();
		const keyStart = this.keyStarts[entry];
		const keyEnd = keyStart + (end - start);
		if (keyEnd > this.arena.length) this.arena = grown(this.arena, keyEnd);
		this.arena.set(bytes.subarray(start, end), keyStart);
		this.keyStarts[entry + 1] = keyEnd;
		this.hashes[entry] = hash;
		this.values[entry] = value;
		this.count++;
		if (this.count * 2 > this.mask + 1) this.rehash();
		else this.place(entry, hash);
		return entry;
	}

	value(entry: number): number {
		return this.values[entry];
	}

	private place(entry: number, hash: number): void {
		let slot = hash & this.mask;
		while (this.slots[2 * slot + 1] !== 0) slot = (slot + 1) & this.mask;
		this.slots[2 * slot] = hash;
		this.slots[2 * slot + 1] = entry + 1;
	}

	private rehash(): void {
		this.slots = new Uint32Array(this.slots.length * 2);
		this.mask = this.slots.length / 2 - 1;
		for (let entry = 0; entry < this.count; entry++) this.place(entry, this.hashes[entry]);
	}

	private growEntries(): void {
		const capacity = this.hashes.length * 2;
		this.hashes = grown(this.hashes, capacity);
		this.values = grown(this.values, capacity);
		this.keyStarts = grown(this.keyStarts, capacity + 1);
	}
}

/**
 * A hash for maps of a few distinct short values (event types, campaign kinds, campaign ids): length and three bytes,
 * no loop. Collisions only cost a byte comparison.
 */
export function quickHashBytes(bytes: Uint8Array, start: number, end: number): number {
	const length = end - start;
	if (length === 0) return 0;
	return (
		(length ^
			(bytes[start] << 7) ^
			(bytes[end - 1] << 14) ^
			(bytes[start + (length >> 1)] << 21)) >>>
		0
	);
}

/** FNV-1a over bytes. */
export function hashBytes(bytes: Uint8Array, start: number, end: number): number {
	let hash = 0x811c9dc5;
	for (let at = start; at < end; at++) hash = Math.imul(hash ^ bytes[at], 16777619);
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
