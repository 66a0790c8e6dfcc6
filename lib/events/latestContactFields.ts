/** What a contact's latest row gave: its time, the source (file) it came from, and the named fields it has. */
export interface LatestFields {
	time: number;
	source: number;
	values: Record<string, unknown>;
	/** The names that the row's file has nowhere (no such CSV column, no NDJSON line with it). */
	lacking: string[];
}

/**
 * Keep Contact Fields for event files: per contact, the named fields (columns of a CSV, fields of an NDJSON line) of
 * its latest row by event time, the later row on a tie — the rule Score Contacts applies to input items. The file
 * readers offer every row that becomes an event (machine events and repeated eventIds included, as items are). For
 * several files, read each into its own instance (`source`: the caller's number for the file, e.g. its input item) and
 * `merge` those of the files read whole, in order. Readers also say which names the file has at all (`markPresent`),
 * so that a name a row lacks is told apart from a name its file lacks.
 */
export class LatestContactFields {
	/** Each contact's slot in the arrays below, numbered in order of first sight. */
	private readonly slots = new Map<string, number>();
	private readonly contactIds: string[] = [];
	private readonly times: number[] = [];
	private readonly sources: number[] = [];
	/** Per slot, the values by position in `names` (written in place). */
	private readonly values: unknown[][] = [];
	/** Per source (file), per position in `names`: whether the file has that field. */
	private readonly presence = new Map<number, boolean[]>();

	constructor(
		readonly names: readonly string[],
		readonly source = 0,
	) {
		this.presence.set(
			source,
			names.map(() => false),
		);
	}

	/** The file being read has the field `names[position]` (a CSV header column; an NDJSON line with it). */
	markPresent(position: number): void {
		(this.presence.get(this.source) as boolean[])[position] = true;
	}

	/**
	 * A row of `contactId` at `time` (epoch ms): when it is the contact's latest so far, its fields are read, by their
	 * position in `names` (undefined: the row has no such field).
	 */
	offer(contactId: string, time: number, valueAt: (position: number) => unknown): void {
		this.offerAt(this.slotOf(contactId), time, valueAt);
	}

	/**
	 * The contact's slot, for `offerAt`: a reader that numbers its contacts itself looks a contact up once, not per row
	 * (a Map look-up per row cost more than the rest of the row).
	 */
	slotOf(contactId: string): number {
		let slot = this.slots.get(contactId);
		if (slot === undefined) {
			slot = this.contactIds.length;
			this.slots.set(contactId, slot);
			this.contactIds.push(contactId);
			this.times.push(-Infinity);
			this.sources.push(this.source);
			this.values.push(new Array<unknown>(this.names.length));
		}
		return slot;
	}

	/** `offer` for the contact of `slotOf`. */
	offerAt(slot: number, time: number, valueAt: (position: number) => unknown): void {
		if (time < this.times[slot]) return;
		this.times[slot] = time;
		const values = this.values[slot];
		for (let position = 0; position < values.length; position++)
			values[position] = valueAt(position);
	}

	/** Takes in the rows of a file read after this one's (a later row wins a tie). */
	merge(later: LatestContactFields): void {
		for (const [source, present] of later.presence) this.presence.set(source, present);
		later.contactIds.forEach((contactId, from) => {
			const slot = this.slotOf(contactId);
			if (later.times[from] < this.times[slot]) return;
			this.times[slot] = later.times[from];
			this.sources[slot] = later.sources[from];
			this.values[slot] = later.values[from];
		});
	}

	/** The contact's latest row's fields, or undefined when no row of it was offered. */
	of(contactId: string): LatestFields | undefined {
		const slot = this.slots.get(contactId);
		if (slot === undefined || this.times[slot] === -Infinity) return undefined;
		const values: Record<string, unknown> = {};
		this.values[slot].forEach((value, position) => {
			// defined, not assigned: a field may be named `__proto__`
			if (value !== undefined)
				Object.defineProperty(values, this.names[position], {
					value,
					enumerable: true,
					writable: true,
					configurable: true,
				});
		});
		const source = this.sources[slot];
		const present = this.presence.get(source) ?? [];
		const lacking = this.names.filter((_, position) => present[position] !== true);
		return { time: this.times[slot], source, values, lacking };
	}
}

/** Reader option: where file readers offer each row's kept fields. */
export interface KeepFieldsOption {
	keepFields?: LatestContactFields;
}
