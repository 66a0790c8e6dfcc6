import fc from 'fast-check';

import { isoBytesToMillis, isoTextToMillis } from '../../lib/events/isoBytes';
import { instantOfWallClock } from '../../lib/zoneOffset';

/**
 * The ISO reader (bytes: isoBytesToMillis; text: isoTextToMillis, which goes through it) against the rule written
 * out plainly: a regular expression for the form, setUTCFullYear / setUTCHours for the instant (so years below 100
 * are those years, not 19xx), the day checked against its month, the fraction truncated to milliseconds.
 */
const FORM =
	/^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?(?:[Zz]|([+-])(\d{2}):?(\d{2}))$/;

function reference(text: string): number {
	const match = FORM.exec(text);
	if (match === null) return NaN;
	const [year, month, day, hour, minute, second] = match
		.slice(1, 7)
		.map((part) => Number(part ?? 0));
	if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 59)
		return NaN;
	const millis = Number(`${match[7] ?? ''}000`.slice(0, 3));
	const date = new Date(0);
	date.setUTCFullYear(year, month - 1, day);
	if (date.getUTCDate() !== day) return NaN;
	date.setUTCHours(hour, minute, second, millis);
	const offset = match[8] === undefined ? 0 : (Number(match[9]) * 60 + Number(match[10])) * 60_000;
	return date.getTime() - (match[8] === '-' ? -offset : offset);
}

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
	it('reads ISO-like text as the rule does, cut anywhere, with bytes after the end; text reads the same', () => {
		fc.assert(
			fc.property(fc.oneof(isoLike, fc.string({ maxLength: 30 })), fc.nat(30), (text, cut) => {
				const value = text.slice(0, Math.min(cut, text.length) || text.length);
				// the bytes after the field (the rest of the row) must not be read as part of it
				const bytes = Buffer.from(`${value}12345:+`, 'utf8');
				const length = Buffer.byteLength(value, 'utf8');
				const expected = reference(value);
				expect(isoBytesToMillis(bytes, 0, length)).toBe(expected);
				expect(isoBytesToMillis(Buffer.from(`,${value}`), 1, length + 1)).toBe(expected);
				expect(isoTextToMillis(value)).toBe(expected);
			}),
			{ numRuns: 5000 },
		);
		expect(isoBytesToMillis(Buffer.from('2026-02-29T10:00:00Z'), 0, 20)).toBeNaN();
		expect(isoBytesToMillis(Buffer.from('2024-02-29T10:00:00.1239Z'), 0, 25)).toBe(
			Date.UTC(2024, 1, 29, 10, 0, 0, 123),
		);
		expect(isoTextToMillis('2024-06-01T10:00:00+02:00')).toBe(Date.UTC(2024, 5, 1, 8));
		expect(isoTextToMillis('２024-06-01T10:00:00Z')).toBeNaN();
		// a fraction longer than the reader's scratch bytes
		expect(isoTextToMillis(`2024-01-01T00:00:00.${'1'.repeat(100)}Z`)).toBe(
			Date.UTC(2024, 0, 1, 0, 0, 0, 111),
		);
	});

	it('with a zone, reads the form without an offset as a wall-clock time there; with an offset, as without a zone', () => {
		fc.assert(
			fc.property(
				fc.oneof(isoLike, fc.string({ maxLength: 30 })),
				fc.nat(30),
				fc.constantFrom('Europe/Berlin', 'America/New_York', 'UTC', 'UTC+8'),
				(text, cut, zone) => {
					const value = text.slice(0, Math.min(cut, text.length) || text.length);
					const withOffset = reference(value);
					const wallClock = reference(`${value}Z`);
					const expected =
						withOffset === withOffset
							? withOffset
							: wallClock === wallClock && !/[Zz]$/.test(value)
								? instantOfWallClock(wallClock, zone)
								: NaN;
					const bytes = Buffer.from(`${value}:12:+`, 'utf8');
					expect(isoBytesToMillis(bytes, 0, Buffer.byteLength(value, 'utf8'), zone)).toBe(expected);
					expect(isoTextToMillis(value, zone)).toBe(expected);
				},
			),
			{ numRuns: 5000 },
		);
		expect(isoTextToMillis('2026-05-01 10:30', 'Europe/Berlin')).toBe(Date.UTC(2026, 4, 1, 8, 30));
		expect(isoTextToMillis('2026-05-01T10:30:00.250', 'UTC')).toBe(
			Date.UTC(2026, 4, 1, 10, 30, 0, 250),
		);
		expect(isoTextToMillis('2026-05-01 10:30')).toBeNaN();
	});

	it('reads years below 100 as those years (Date.UTC would read 0050 as 1950)', () => {
		expect(new Date(isoTextToMillis('0050-03-01T00:00:00Z')).getUTCFullYear()).toBe(50);
		expect(new Date(isoTextToMillis('0000-02-29T12:00:00Z')).toISOString()).toBe(
			'0000-02-29T12:00:00.000Z',
		);
		expect(isoTextToMillis('0001-02-29T12:00:00Z')).toBeNaN();
	});
});
