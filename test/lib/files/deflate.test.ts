import { deflateRawSync, inflateRawSync } from 'node:zlib';

import { deflateRaw } from '../../../lib/files/deflate';

/** zlib (Node's, independent of our code) must inflate exactly what went in. */
function roundTrip(data: Uint8Array): Uint8Array {
	const compressed = deflateRaw(data);
	expect(Buffer.from(inflateRawSync(compressed)).equals(Buffer.from(data))).toBe(true);
	return compressed;
}

function pseudoRandom(length: number, seed = 7): Uint8Array {
	const bytes = new Uint8Array(length);
	let state = seed;
	for (let i = 0; i < length; i++) {
		state = (state * 1_103_515_245 + 12_345) >>> 0;
		bytes[i] = state >>> 24;
	}
	return bytes;
}

describe('deflateRaw (read back by zlib)', () => {
	it('handles empty and tiny inputs', () => {
		for (const text of ['', 'a', 'ab', 'abc', 'aaaa']) roundTrip(Buffer.from(text));
	});

	it('handles runs longer than the longest match (258) and overlapping copies', () => {
		roundTrip(new Uint8Array(100_000).fill(120));
		roundTrip(Buffer.from('ab'.repeat(5000)));
	});

	it('handles matches at every distance up to the 32 KiB window', () => {
		const block = pseudoRandom(32_768);
		const data = Buffer.concat([block, block, pseudoRandom(1000, 3), block.subarray(0, 300)]);
		const compressed = roundTrip(data);
		expect(compressed.length).toBeLessThan(data.length * 0.7);
	});

	it('keeps incompressible data about its size', () => {
		const data = pseudoRandom(200_000);
		expect(roundTrip(data).length).toBeLessThan(data.length * 1.13);
	});

	it('compresses spreadsheet XML close to zlib', () => {
		const rows = Array.from(
			{ length: 5000 },
			(_, i) =>
				`<row r="${i + 2}"><c r="A${i + 2}" t="s"><v>${i}</v></c><c r="B${i + 2}" s="2"><v>${45352 + i / 1440}</v></c></row>`,
		).join('');
		const xml = Buffer.from(
			`<?xml version="1.0"?><worksheet><sheetData>${rows}</sheetData></worksheet>`,
		);
		const ours = roundTrip(xml).length;
		const zlib = deflateRawSync(xml).length;
		expect(ours).toBeLessThan(xml.length / 4);
		expect(ours).toBeLessThan(zlib * 1.6);
	});

	it('round-trips mixed text of every byte value', () => {
		const mixed = Buffer.concat(
			Array.from({ length: 50 }, (_, i) =>
				Buffer.concat([Buffer.from(`line ${i % 7} é한✓\r\n`), pseudoRandom(i * 13, i)]),
			),
		);
		roundTrip(mixed);
		roundTrip(Uint8Array.from({ length: 256 * 4 }, (_, i) => i % 256));
	});
});
