/** The bytes of a file cut at the given positions (so rows and multi-byte characters split anywhere). */
export function chunksAt(bytes: Uint8Array, cuts: number[]): Uint8Array[] {
	const positions = [...new Set(cuts.map((cut) => cut % (bytes.length + 1)))].sort((a, b) => a - b);
	const chunks: Uint8Array[] = [];
	let from = 0;
	for (const to of positions) {
		chunks.push(bytes.subarray(from, to));
		from = to;
	}
	chunks.push(bytes.subarray(from));
	return chunks;
}
