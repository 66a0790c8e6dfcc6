import fc from 'fast-check';

import { ByteKeyMap, hashBytes, quickHashBytes } from '../../lib/events/byteKeyMap';

/**
 * ByteKeyMap (byte-string keys → int32 values, no string per key) agrees with a Map keyed by the same text whichever
 * hash it is given, and quickHashBytes spreads few short values of one length over a table's slots.
 */

const encoder = new TextEncoder();

describe('ByteKeyMap', () => {
	it.each([
		['hashBytes', hashBytes],
		['quickHashBytes', quickHashBytes],
	])('interns keys read from a buffer as a Map does (%s)', (_, hash) => {
		// short keys over a tiny alphabet: many equal, many sharing length and end bytes (equal quick hashes)
		const key = fc.stringMatching(/^[ab-]{0,6}$/);
		fc.assert(
			fc.property(fc.array(key, { maxLength: 300 }), (keys) => {
				const bytes = encoder.encode(keys.join(''));
				const map = new ByteKeyMap();
				const expected = new Map<string, number>();
				let start = 0;
				for (const [index, text] of keys.entries()) {
					const end = start + text.length;
					const slot = map.find(bytes, start, end, hash(bytes, start, end));
					if (expected.has(text)) expect(map.value(slot)).toBe(expected.get(text));
					else {
						expect(slot).toBe(-1);
						map.add(bytes, start, end, hash(bytes, start, end), index);
						expected.set(text, index);
					}
					start = end;
				}
				expect(map.size).toBe(expected.size);
			}),
			{ numRuns: 200 },
		);
	});

	it('quickHashBytes sets the low bits from every byte it reads, not from the length alone', () => {
		const ids = [
			'tx-01',
			'tx-02',
			'tx-03',
			'tx-04',
			'au-01',
			'au-02',
			'au-03',
			'au-04',
			'au-05',
			'au-06',
		];
		const slots = new Set(
			ids.map((id) => {
				const bytes = encoder.encode(id);
				return quickHashBytes(bytes, 0, bytes.length) & 127;
			}),
		);
		// unmixed, all ten started probing from slot 5 (their length)
		expect(slots.size).toBeGreaterThanOrEqual(9);
		for (const id of ids) {
			const bytes = encoder.encode(id);
			const hash = quickHashBytes(bytes, 0, bytes.length);
			expect(hash).toBeGreaterThanOrEqual(0);
			expect(hash).toBeLessThan(2 ** 32);
		}
	});
});
