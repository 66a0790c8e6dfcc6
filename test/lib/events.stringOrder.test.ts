import fc from 'fast-check';

import { stringOrder } from '../../lib/events/stringOrder';

/** Rows come out sorted by contactId; the fast sort must agree with Array.prototype.sort on any strings. */
function sortedWith(strings: string[]): string[] {
	return Array.from(stringOrder(strings), (position) => strings[position]);
}

describe('stringOrder: the order of Array.prototype.sort (UTF-16 code units), faster', () => {
	test('property: any strings, ASCII or not, with shared prefixes and duplicates', () => {
		const text = fc.oneof(
			fc.string({ maxLength: 12 }),
			fc.string({ unit: 'binary', maxLength: 6 }),
			fc.constantFrom(
				'',
				'aaaa',
				'aaaaaaaaaaaaaaaaaaaa',
				'aaaaaaaaaaaaaaaaaaab',
				'a\u007f',
				'a\u0080b',
				'é',
			),
		);
		fc.assert(
			fc.property(fc.array(text, { maxLength: 300 }), (strings) => {
				expect(sortedWith(strings)).toEqual([...strings].sort());
			}),
			{ numRuns: 500 },
		);
	});

	test('many e-mail addresses sharing first names (runs sorted on later characters)', () => {
		const names = ['aiko', 'ben', 'chloe'];
		const strings = Array.from(
			{ length: 20_000 },
			(_, i) =>
				`${names[i % 3]}.${'x'.repeat(i % 5)}.${(i * 7919) % 10_000}@globex.example${i % 17 ? '' : 'é'}`,
		);
		expect(sortedWith(strings)).toEqual([...strings].sort());
	});
});
