/**
 * The partition (0 .. partitions − 1) of a contact: FNV-1a (32-bit) over the UTF-16 code units of the contactId, modulo
 * `partitions`. Stable across runs and machines, and short enough to copy into an n8n Code node or SQL:
 * every event of a contact lands in the same partition, which is what partitioned scoring needs.
 */
export function partitionOfContact(contactId: string, partitions: number): number {
	if (!Number.isInteger(partitions) || partitions < 1) {
		throw new RangeError(`partitions must be a whole number ≥ 1, got ${partitions}`);
	}
	let hash = 0x811c9dc5;
	for (let i = 0; i < contactId.length; i++) {
		hash ^= contactId.charCodeAt(i);
		hash = Math.imul(hash, 0x01000193) >>> 0;
	}
	return hash % partitions;
}
