import { grown } from './byteKeyMap';
import { sortByKey } from './radixSort';
import { scratchInt32, scratchUint32 } from './scratch';

/**
 * The eventIds met while preparing event columns, as hashes, each with its source (whatever lets the caller compare
 * two ids exactly: an event's index, an id's place in a byte arena) and the row its event went to (-1 when it was
 * dropped as a machine event). De-duplication is decided once all are in: the first event of each eventId stays.
 */
export class EventIdList {
	count = 0;
	private hashes: Uint32Array;
	private sources: Int32Array;
	private rows: Int32Array;

	/**
	 * `scratch`: the lists live in the shared scratch memory (`scratch.ts`) and hold at most `capacity` ids — only for
	 * a list used within one synchronous call; otherwise they grow as ids come.
	 */
	constructor(
		capacity: number,
		private readonly scratch: boolean,
	) {
		this.hashes = scratch ? scratchUint32('eventIds.hashes', capacity) : new Uint32Array(capacity);
		this.sources = scratch ? scratchInt32('eventIds.sources', capacity) : new Int32Array(capacity);
		this.rows = scratch ? scratchInt32('eventIds.rows', capacity) : new Int32Array(capacity);
	}

	add(hash: number, source: number, row: number): void {
		const at = this.count;
		if (at === this.hashes.length && !this.scratch) {
			this.hashes = grown(this.hashes, at + 1);
			this.sources = grown(this.sources, at + 1);
			this.rows = grown(this.rows, at + 1);
		}
		this.hashes[at] = hash;
		this.sources[at] = source;
		this.rows[at] = row;
		this.count = at + 1;
	}

	/**
	 * Drops every occurrence of an eventId after its first from the first `length` rows of `columns`; returns the new
	 * length, how many occurrences were repeats, and how many of those were dropped machine events (counted as machine
	 * by the caller, they are duplicates). Grouping by hash with a radix sort (stable, so the first occurrence leads its
	 * group) keeps a million ids cache-friendly; only ids sharing a hash are compared, with `sameId(sourceA, sourceB)`.
	 */
	dropRepeated(
		sameId: (sourceA: number, sourceB: number) => boolean,
		length: number,
		columns: ReadonlyArray<Int32Array | Uint8Array | Float64Array>,
	): { length: number; duplicates: number; ofDroppedRows: number } {
		const { positions: order, sortedKeys: hashes } = sortByKey(this.hashes, this.count);
		const repeated: number[] = [];
		let duplicates = 0;
		let ofDroppedRows = 0;
		let runStart = 0;
		for (let i = 1; i <= this.count; i++) {
			if (i < this.count && hashes[i] === hashes[runStart]) continue;
			for (let a = runStart + 1; a < i; a++) {
				const source = this.sources[order[a]];
				for (let b = runStart; b < a; b++) {
					if (!sameId(this.sources[order[b]], source)) continue;
					duplicates++;
					const row = this.rows[order[a]];
					if (row < 0) ofDroppedRows++;
					else repeated.push(row);
					break;
				}
			}
			runStart = i;
		}
		if (repeated.length > 0) {
			const rows = Int32Array.from(repeated).sort();
			for (const column of columns) compactColumn(column, rows, length);
			length -= rows.length;
		}
		return { length, duplicates, ofDroppedRows };
	}
}

/** Removes `rows` (ascending) from the first `length` entries of `column`. */
function compactColumn(
	column: Int32Array | Uint8Array | Float64Array,
	rows: Int32Array,
	length: number,
): void {
	let write = rows[0];
	let next = 0;
	for (let read = rows[0]; read < length; read++) {
		if (next < rows.length && rows[next] === read) next++;
		else column[write++] = column[read];
	}
}
