import fc from 'fast-check';

import { createIsoInstantFormatter } from '../../lib/reports/isoInstantFormatter';

describe('ISO instant formatter of the report rows', () => {
	test('writes exactly what Date.prototype.toISOString writes', () => {
		const iso = createIsoInstantFormatter();
		fc.assert(
			fc.property(fc.integer({ min: -62_000_000_000_000, max: 250_000_000_000_000 }), (millis) => {
				expect(iso(millis)).toBe(new Date(millis).toISOString());
			}),
			{ numRuns: 2000 },
		);
		expect(iso(Date.parse('2024-02-29T23:59:59.999Z'))).toBe('2024-02-29T23:59:59.999Z');
	});

	test('"did not happen" (NaN, ±Infinity) is null', () => {
		const iso = createIsoInstantFormatter();
		expect([iso(NaN), iso(Infinity), iso(-Infinity)]).toEqual([null, null, null]);
	});
});
