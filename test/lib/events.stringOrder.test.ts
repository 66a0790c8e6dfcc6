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

	test('property: surrogate pairs, lone surrogates and code units across the whole 16-bit range', () => {
		const text = fc.oneof(
			fc.string({ unit: 'grapheme', maxLength: 6 }),
			fc.string({ unit: 'binary', maxLength: 4 }),
			fc
				.array(fc.integer({ min: 0, max: 0xffff }), { maxLength: 5 })
				.map((codes) => String.fromCharCode(...codes)),
			fc.constantFrom('\ud800', '\udfff', '\ud83d\ude00', '\uffff', '\u0000', 'a\u0000b'),
		);
		fc.assert(
			fc.property(fc.array(text, { maxLength: 600 }), (strings) => {
				expect(sortedWith(strings)).toEqual([...strings].sort());
			}),
			{ numRuns: 200 },
		);
	});

	test('property: large lists over a small alphabet (radix passes), long shared prefixes, keeps equal strings stable', () => {
		const text = fc
			.tuple(
				fc.constantFrom('', 'user', 'user.name.', 'x'.repeat(40)),
				fc.string({ unit: fc.constantFrom('a', 'b', '.', '@', 'é', '😀'), maxLength: 8 }),
			)
			.map(([prefix, rest]) => prefix + rest);
		fc.assert(
			fc.property(fc.array(text, { minLength: 200, maxLength: 3000 }), (strings) => {
				const order = Array.from(stringOrder(strings));
				expect(order.map((position) => strings[position])).toEqual([...strings].sort());
				for (let i = 1; i < order.length; i++) {
					if (strings[order[i - 1]] === strings[order[i]])
						expect(order[i - 1]).toBeLessThan(order[i]);
				}
			}),
			{ numRuns: 40 },
		);
	});

	test('a permutation of every position, also for no strings and one', () => {
		expect(Array.from(stringOrder([]))).toEqual([]);
		expect(Array.from(stringOrder(['only']))).toEqual([0]);
		expect(Array.from(stringOrder(['b', 'a', 'b', '']))).toEqual([3, 1, 0, 2]);
		const empty = Array.from({ length: 40 }, () => '');
		expect(Array.from(stringOrder(empty))).toEqual(empty.map((_, i) => i));
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
