/**
 * A set of strings sized up front (open addressing, linear probing over a power-of-two table): for de-duplicating
 * a million eventIds it is several times faster than `Set`, which rehashes and reallocates as it grows.
 */
export class PresizedStringSet {
	private slots: Array<string | undefined>;
	private mask: number;
	private count = 0;

	constructor(expected: number) {
		let capacity = 16;
		while (capacity < expected * 2) capacity *= 2;
		this.slots = new Array<string | undefined>(capacity).fill(undefined);
		this.mask = capacity - 1;
	}

	get size(): number {
		return this.count;
	}

	/** Adds `value`; returns false when it was already there. */
	add(value: string): boolean {
		if (this.count * 2 >= this.slots.length) this.grow();
		const slots = this.slots;
		let slot = hashString(value) & this.mask;
		for (;;) {
			const held = slots[slot];
			if (held === undefined) {
				slots[slot] = value;
				this.count++;
				return true;
			}
			if (held === value) return false;
			slot = (slot + 1) & this.mask;
		}
	}

	private grow(): void {
		const old = this.slots.filter((value): value is string => value !== undefined);
		const bigger = new PresizedStringSet(old.length * 2);
		for (const value of old) bigger.add(value);
		this.slots = bigger.slots;
		this.mask = bigger.mask;
	}
}

/** FNV-1a over UTF-16 code units. */
export function hashString(text: string): number {
	let hash = 0x811c9dc5;
	for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 16777619);
	return hash >>> 0;
}
