import fc from 'fast-check';

import { isoBytesToMillis } from '../../lib/events/isoBytes';
import { parseIsoWithOffset } from '../../lib/events/timestamps';

/** The byte reader of ISO timestamps gives exactly what parseIsoWithOffset gives on the text, valid or not. */

const two = (min: number, max: number) =>
	fc.integer({ min, max }).map((n) => String(n).padStart(2, '0'));

const isoLike = fc
	.tuple(
		fc.integer({ min: 0, max: 9999 }).map((n) => String(n).padStart(4, '0')),
		two(0, 13),
		two(0, 32),
		fc.constantFrom('T', ' ', 't', 'X'),
		two(0, 24),
		two(0, 60),
		fc.option(two(0, 60), { nil: undefined }),
		fc.option(fc.stringMatching(/^[0-9]{0,7}$/), { nil: undefined }),
		fc.constantFrom('Z', 'z', '', '+05:30', '-08:00', '+0100', '+5', '+05:', '-1', 'ZZ', '+05:300'),
	)
	.map(
		([year, month, day, separator, hour, minute, second, fraction, zone]) =>
			`${year}-${month}-${day}${separator}${hour}:${minute}` +
			(second === undefined ? '' : `:${second}${fraction === undefined ? '' : `.${fraction}`}`) +
			zone,
	);

describe('isoBytesToMillis', () => {
	it('agrees with parseIsoWithOffset on ISO-like text, cut anywhere, with bytes after the end', () => {
		fc.assert(
			fc.property(fc.oneof(isoLike, fc.string({ maxLength: 30 })), fc.nat(30), (text, cut) => {
				const value = text.slice(0, Math.min(cut, text.length) || text.length);
				// the bytes after the field (the rest of the row) must not be read as part of it
				const bytes = Buffer.from(`${value}12345:+`, 'utf8');
				const length = Buffer.byteLength(value, 'utf8');
				expect(isoBytesToMillis(bytes, 0, length)).toBe(parseIsoWithOffset(value));
				expect(isoBytesToMillis(Buffer.from(`,${value}`), 1, length + 1)).toBe(
					parseIsoWithOffset(value),
				);
			}),
			{ numRuns: 5000 },
		);
		expect(isoBytesToMillis(Buffer.from('2026-02-29T10:00:00Z'), 0, 20)).toBeNaN();
		expect(isoBytesToMillis(Buffer.from('2024-02-29T10:00:00.1239Z'), 0, 25)).toBe(
			Date.UTC(2024, 1, 29, 10, 0, 0, 123),
		);
	});
});
