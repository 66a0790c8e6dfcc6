/**
 * Reusable scratch memory for temporaries that never leave one synchronous call (de-duplication tables, radix-sort
 * buffers). Allocating tens of megabytes of typed arrays on every call counts as external memory and pushes V8 into a
 * full mark-compact of the caller's whole heap (a million input events); reusing the buffers avoids that. Each `slot`
 * names one temporary; a view's contents are undefined until written. Buffers above MAX_BYTES are not kept.
 */
const MAX_BYTES = 128 * 1024 * 1024;
const buffers = new Map<string, ArrayBuffer>();

function buffer(slot: string, bytes: number): ArrayBuffer {
	const kept = buffers.get(slot);
	if (kept !== undefined && kept.byteLength >= bytes) return kept;
	const fresh = new ArrayBuffer(Math.max(bytes, 64));
	if (bytes <= MAX_BYTES) buffers.set(slot, fresh);
	return fresh;
}

export function scratchInt32(slot: string, length: number): Int32Array {
	return new Int32Array(buffer(slot, length * 4), 0, length);
}

export function scratchUint32(slot: string, length: number): Uint32Array {
	return new Uint32Array(buffer(slot, length * 4), 0, length);
}

export function scratchUint16(slot: string, length: number): Uint16Array {
	return new Uint16Array(buffer(slot, length * 2), 0, length);
}

export function scratchFloat64(slot: string, length: number): Float64Array {
	return new Float64Array(buffer(slot, length * 8), 0, length);
}

export function scratchUint8(slot: string, length: number): Uint8Array {
	return new Uint8Array(buffer(slot, length), 0, length);
}

let columnsLent = false;

/**
 * Event columns may live in scratch memory only while one caller holds them: `scoreContacts` borrows them for the
 * duration of a scoring run (a nested run gets fresh arrays) and gives them back before returning.
 */
export function borrowColumnScratch(): boolean {
	if (columnsLent) return false;
	columnsLent = true;
	return true;
}

export function returnColumnScratch(): void {
	columnsLent = false;
}
