import { sortByKey } from './radixSort';
import { scratchInt32, scratchUint32 } from './scratch';

/** Ids per chunk of a growing list. */
const CHUNK = 1 << 14;
const CHUNK_BITS = 14;

/**
 * The eventIds met while preparing event columns, as hashes, each with its source (whatever lets the caller compare
 * two ids exactly: an event's index, an id's place in a byte arena) and the row its event went to (-1 when it was
 * dropped as a machine event). De-duplication is decided once all are in: the first event of each eventId stays.
 */
export class EventIdList {
	count = 0;
	/** A scratch list's ids; a growing list's current chunk (its full chunks are in `hashChunks` and `rowChunks`). */
	private hashes: Uint32Array;
	private readonly sources: Int32Array | undefined;
	private rows: Int32Array;
	private readonly hashChunks: Uint32Array[] = [];
	private readonly rowChunks: Int32Array[] = [];
	/** Ids before the current chunk (0 for a scratch list). */
	private chunkStart = 0;

	/**
	 * `scratch`: the lists live in the shared scratch memory (`scratch.ts`) and hold at most `capacity` ids, each with
	 * its source — only for a list used within one synchronous call. Otherwise the list grows as ids come, in chunks
	 * of CHUNK ids, none copied (a million ids write their 8 bytes once, in memory the allocator can hand out again),
	 * and an id's source is its number: 0, 1, … in order of `add`.
	 */
	constructor(
		capacity: number,
		private readonly scratch: boolean,
	) {
		this.hashes = scratch ? scratchUint32('eventIds.hashes', capacity) : new Uint32Array(CHUNK);
		this.sources = scratch ? scratchInt32('eventIds.sources', capacity) : undefined;
		this.rows = scratch ? scratchInt32('eventIds.rows', capacity) : new Int32Array(CHUNK);
	}

	/** Adds an id: its hash, its source (a growing list numbers its ids instead) and its row (-1: dropped). */
	add(hash: number, source: number, row: number): void {
		let at = this.count - this.chunkStart;
		if (at === CHUNK && !this.scratch) {
			this.nextChunk();
			at = 0;
		}
		this.hashes[at] = hash;
		if (this.sources !== undefined) this.sources[at] = source;
		this.rows[at] = row;
		this.count++;
	}

	/**
	 * Drops every occurrence of an eventId after its first from the first `length` rows of `columns`; returns the new
	 * length, how many occurrences were repeats, and how many of those were dropped machine events (counted as machine
	 * by the caller, they are duplicates).
	 */
	dropRepeated(
		sameId: (sourceA: number, sourceB: number) => boolean,
		length: number,
		columns: ReadonlyArray<Int32Array | Uint8Array | Float64Array>,
	): { length: number; duplicates: number; ofDroppedRows: number } {
		const { rows, duplicates, ofDroppedRows } = this.repeats(sameId);
		if (rows.length > 0) {
			for (const column of columns) compactColumn(column, rows, length);
		}
		return { length: length - rows.length, duplicates, ofDroppedRows };
	}

	/**
	 * Every occurrence of an eventId after its first: the rows they went to (ascending), how many there were, and how
	 * many of them were dropped machine events (no row; counted as machine by the caller, they are duplicates).
	 * Grouping by hash with a radix sort (stable, so the first occurrence leads its group) keeps a million ids
	 * cache-friendly; only ids sharing a hash are compared, with `sameId(sourceA, sourceB)`.
	 */
	repeats(sameId: (sourceA: number, sourceB: number) => boolean): {
		rows: Int32Array;
		duplicates: number;
		ofDroppedRows: number;
	} {
		const { positions: order, sortedKeys: hashes } = sortByKey(this.allHashes(), this.count);
		const repeated: number[] = [];
		let duplicates = 0;
		let ofDroppedRows = 0;
		let runStart = 0;
		for (let i = 1; i <= this.count; i++) {
			if (i < this.count && hashes[i] === hashes[runStart]) continue;
			for (let a = runStart + 1; a < i; a++) {
				const source = this.sourceOf(order[a]);
				for (let b = runStart; b < a; b++) {
					if (!sameId(this.sourceOf(order[b]), source)) continue;
					duplicates++;
					const row = this.rowOf(order[a]);
					if (row < 0) ofDroppedRows++;
					else repeated.push(row);
					break;
				}
			}
			runStart = i;
		}
		return { rows: Int32Array.from(repeated).sort(), duplicates, ofDroppedRows };
	}

	private nextChunk(): void {
		this.hashChunks.push(this.hashes);
		this.rowChunks.push(this.rows);
		this.hashes = new Uint32Array(CHUNK);
		this.rows = new Int32Array(CHUNK);
		this.chunkStart += CHUNK;
	}

	/** The hashes in one array: the list's own when it is not chunked, else joined in scratch memory. */
	private allHashes(): Uint32Array {
		if (this.chunkStart === 0) return this.hashes;
		const all = scratchUint32('eventIds.hashes', this.count);
		this.hashChunks.forEach((chunk, index) => all.set(chunk, index * CHUNK));
		all.set(this.hashes.subarray(0, this.count - this.chunkStart), this.chunkStart);
		return all;
	}

	private sourceOf(id: number): number {
		return this.sources === undefined ? id : this.sources[id];
	}

	private rowOf(id: number): number {
		const chunk = id >> CHUNK_BITS;
		return chunk < this.rowChunks.length
			? this.rowChunks[chunk][id & (CHUNK - 1)]
			: this.rows[id - this.chunkStart];
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
