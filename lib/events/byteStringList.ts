import { grown } from './byteKeyMap';

/** Strings per chunk. */
const CHUNK = 1 << 14;
const CHUNK_BITS = 14;

/**
 * Byte strings appended one after another and numbered 0, 1, … in that order, compared by number: the eventIds' bytes
 * kept until de-duplication decides. Stored in chunks of CHUNK strings, each with its own byte arena (sized like the
 * previous chunk's), so no byte is copied as the list grows but within a chunk whose strings outgrow its arena, and
 * chunks freed by one reading are memory the allocator can hand out again to the next.
 */
export class ByteStringList {
	count = 0;
	/** The full chunks: bytes, and where each string ends in them. */
	private readonly arenas: Uint8Array[] = [];
	private readonly ends: Uint32Array[] = [];
	/** The current chunk. */
	private arena = new Uint8Array(CHUNK * 8);
	private chunkEnds = new Uint32Array(CHUNK);
	private arenaLength = 0;

	/** Appends the string `bytes[start, end)`. */
	add(bytes: Uint8Array, start: number, end: number): void {
		const at = this.count & (CHUNK - 1);
		if (at === 0 && this.count > 0) this.nextChunk();
		const from = this.arenaLength;
		const to = from + (end - start);
		if (to > this.arena.length) this.arena = grown(this.arena, to);
		const arena = this.arena;
		for (let read = start, write = from; read < end; ) arena[write++] = bytes[read++];
		this.chunkEnds[at] = to;
		this.arenaLength = to;
		this.count++;
	}

	/** Whether strings `a` and `b` have the same bytes. */
	equal(a: number, b: number): boolean {
		const chunkA = a >> CHUNK_BITS;
		const chunkB = b >> CHUNK_BITS;
		const endsA = chunkA < this.ends.length ? this.ends[chunkA] : this.chunkEnds;
		const endsB = chunkB < this.ends.length ? this.ends[chunkB] : this.chunkEnds;
		const atA = a & (CHUNK - 1);
		const atB = b & (CHUNK - 1);
		const startA = atA === 0 ? 0 : endsA[atA - 1];
		const startB = atB === 0 ? 0 : endsB[atB - 1];
		const length = endsA[atA] - startA;
		if (endsB[atB] - startB !== length) return false;
		const bytesA = chunkA < this.arenas.length ? this.arenas[chunkA] : this.arena;
		const bytesB = chunkB < this.arenas.length ? this.arenas[chunkB] : this.arena;
		for (let k = 0; k < length; k++) if (bytesA[startA + k] !== bytesB[startB + k]) return false;
		return true;
	}

	private nextChunk(): void {
		this.arenas.push(this.arena);
		this.ends.push(this.chunkEnds);
		this.arena = new Uint8Array(Math.max(this.arenaLength, CHUNK * 8));
		this.chunkEnds = new Uint32Array(CHUNK);
		this.arenaLength = 0;
	}
}
