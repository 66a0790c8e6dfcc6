import fc from 'fast-check';

import { stringOrder } from '../../lib/events/stringOrder';

/** Rows come out sorted by contactId; the fast sort must agree with Array.prototype.sort on any strings. */
function sortedWith(strings: string[]): string[] {
	return Array.from(stringOrder(strings), (position) => strings[position]);
}

/** The order of Array.prototype.sort, equal strings in their input order. */
function expectSortedStably(strings: string[]): void {
	const order = Array.from(stringOrder(strings));
	expect(order.map((position) => strings[position])).toEqual([...strings].sort());
	for (let i = 1; i < order.length; i++) {
		if (strings[order[i - 1]] === strings[order[i]]) expect(order[i - 1]).toBeLessThan(order[i]);
	}
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

	test('property: Latin-1 and beyond at any depth (the fast ranking gives way to the alphabet), grouped levels', () => {
		// 'ÿ' (255) and 'Ā' (256) are the first code units outside the fixed Latin-1 ranks; deep ones are met mid-sort.
		const unit = fc.constantFrom(
			'a',
			'b',
			'.',
			'\u0000',
			'é',
			'\u00fe',
			'\u00ff',
			'\u0100',
			'😀',
			'\ud800',
			'\uffff',
		);
		const text = fc
			.tuple(
				fc.constantFrom('', 'a', 'aaaaa', 'aaaab', 'user.name.', 'user.name.\u00fe', 'ÿ'.repeat(7)),
				fc.string({ unit, maxLength: 10 }),
				fc.constantFrom('', '', '', '@x', '\u0100'),
			)
			.map(([prefix, rest, suffix]) => prefix + rest + suffix);
		fc.assert(
			fc.property(fc.array(text, { minLength: 64, maxLength: 2000 }), (strings) => {
				expectSortedStably(strings);
			}),
			{ numRuns: 60 },
		);
	});

	test('large levels: mostly distinct keys (radix sort), keys over 32 bits, distinct keys late in a range', () => {
		let seed = 12345;
		const random = (below: number): number => {
			seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
			return (seed >>> 8) % below;
		};
		const digits = (length: number): string =>
			Array.from({ length }, () => String.fromCharCode(48 + random(10))).join('');
		const latin1 = (length: number): string =>
			Array.from({ length }, () => String.fromCharCode(160 + random(95))).join('');
		const lists = [
			// Short strings (ranked by their alphabet at once) and long ones (Latin-1 ranks), mostly distinct.
			Array.from({ length: 20_000 }, () => digits(4 + random(8))),
			Array.from({ length: 20_000 }, () => digits(12 + random(8))),
			Array.from({ length: 12_000 }, () => latin1(1 + random(9))),
			Array.from({ length: 12_000 }, () => latin1(13 + random(9))),
			// Keys with the same low 32 bits on both sides of a change of the high bits ('a1999…' then 'b1999…').
			[
				...Array.from({ length: 2_000 }, (_, i) => `a${String(i).padStart(4, '0')}zzzzzzzzzz`),
				...Array.from(
					{ length: 2_000 },
					(_, i) => `b${String(i + 1_999).padStart(4, '0')}aaaaaaaaaa`,
				),
			],
			// Few distinct keys at first (grouping looks worthwhile), then mostly distinct ones.
			Array.from({ length: 10_000 }, (_, i) => (i < 2_000 ? `same.${random(3)}` : digits(9))),
			// A code unit beyond Latin-1 deep inside some strings: the sort starts over with the alphabet mid-way.
			Array.from(
				{ length: 10_000 },
				(_, i) => digits(10) + (i % 97 === 0 ? '\u0100' : '') + digits(5),
			),
		];
		for (const strings of lists) expectSortedStably(strings);
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
