import fc from 'fast-check';

import { DECAY_DEFAULTS } from '../../lib/models/decay';
import type { DecayParameters } from '../../lib/models/decay';
import { decayExplanations, formatScore } from '../../lib/models/decayText';
import { capitalise } from '../../lib/models/explanationText';
import { createIsoFormatter } from '../../lib/models/isoFormatter';
import { createDayDateFormatter, createLocalDateFormatter } from '../../lib/models/localDates';
import { calendarDate, calendarDayCounter } from '../../lib/time';

const DAY = 86_400_000;

/** Result rows share cached strings; the cache must never change a string. */
describe('createDayDateFormatter: the ISO date of a day number, cached', () => {
	test('property: any day sequence, near the first day (array) and far from it (map), negative days too', () => {
		const day = fc.oneof(
			fc.integer({ min: 20_000, max: 20_400 }),
			fc.integer({ min: -100_000, max: 100_000 }),
		);
		fc.assert(
			fc.property(fc.array(day, { minLength: 1, maxLength: 200 }), (days) => {
				const dateOf = createDayDateFormatter();
				for (const d of [...days, ...days]) {
					expect(dateOf(d)).toBe(new Date(d * DAY).toISOString().slice(0, 10));
				}
			}),
		);
	});

	test('createLocalDateFormatter: the calendar date in the zone, null for "never"', () => {
		const zone = 'America/New_York';
		const dateOf = createLocalDateFormatter(calendarDayCounter(zone));
		const instant = Date.UTC(2026, 2, 8, 4, 30); // 23:30 on 7 March in New York
		expect(dateOf(instant)).toBe(calendarDate(instant, zone));
		expect(dateOf(instant)).toBe('2026-03-07');
		expect(dateOf(Infinity)).toBeNull();
		expect(dateOf(-Infinity)).toBeNull();
		expect(dateOf(NaN)).toBeNull();
	});
});

describe('formatScore: score.toFixed(2), shared texts for scores in [0, 1]', () => {
	test('property: any double, scores in [0, 1], ratios of small integers and the halves between hundredths', () => {
		const score = fc.oneof(
			fc.double({ noNaN: false }),
			fc.double({ min: -0.01, max: 1.01 }),
			fc
				.tuple(fc.integer({ min: 0, max: 5000 }), fc.integer({ min: 1, max: 5000 }))
				.map(([a, b]) => Math.min(a, b) / b),
			fc.integer({ min: 0, max: 99 }).map((h) => (h + 0.5) / 100),
			fc.integer({ min: 0, max: 99 }).map((h) => (2 * h + 1) / 200 + Number.EPSILON * (h - 50)),
			fc.constantFrom(0, -0, 1, 0.005, 0.015, 0.125, 0.995, 1.005, -0.004, 1e-300, Infinity, -Infinity),
		);
		fc.assert(
			fc.property(score, (value) => {
				expect(formatScore(value)).toBe(value.toFixed(2));
			}),
			{ numRuns: 5000 },
		);
	});
});

describe('capitalise', () => {
	test('property: the first UTF-16 unit upper-cased as toUpperCase does, the rest as it is', () => {
		const text = fc.oneof(
			fc.string({ maxLength: 8 }),
			fc.string({ unit: 'binary', maxLength: 4 }),
			fc.constantFrom('', 'a', 'z', 'é', 'ß', 'ǆx', '\ud801\udc28', '1 day', '{x'),
		);
		fc.assert(
			fc.property(text, (value) => {
				expect(capitalise(value)).toBe(value.charAt(0).toUpperCase() + value.slice(1));
			}),
		);
	});
});

describe('createIsoFormatter: Date.prototype.toISOString, from cached pieces', () => {
	test('property: whole and fractional milliseconds, before and after 1970, repeated', () => {
		const instant = fc.oneof(
			fc.integer({ min: -62_135_596_800_000, max: 253_402_300_799_999 }),
			fc.double({ min: -62_135_596_800_000, max: 253_402_300_799_999, noNaN: true }),
			fc.integer({ min: 1_790_000_000_000, max: 1_790_000_100_000 }),
			fc.constantFrom(0, -0.5, -1, 0.5, 86_399_999.9, -86_400_000.25),
		);
		fc.assert(
			fc.property(fc.array(instant, { maxLength: 100 }), (instants) => {
				const iso = createIsoFormatter();
				for (const millis of [...instants, ...instants]) {
					expect(iso(millis)).toBe(new Date(millis).toISOString());
				}
			}),
		);
	});

	test('"never" is null', () => {
		const iso = createIsoFormatter();
		expect([iso(Infinity), iso(-Infinity), iso(NaN)]).toEqual([null, null, null]);
	});
});

describe('decayExplanations: the explanation texts, with shared pieces cached', () => {
	const p: DecayParameters = { ...DECAY_DEFAULTS };

	test('the texts word for word', () => {
		const explain = decayExplanations(p, 0.2249);
		expect(explain.banded('High', 3, 6, 1, 0.4125)).toBe(
			'3 of 6 sends opened within 7 days in the last 180 days, 1 clicked; score 0.41 vs account average 0.22 → High',
		);
		expect(explain.banded('Low', 1, 2, 0, 0.05)).toBe(
			'1 of 2 sends opened within 7 days in the last 180 days, 0 clicked; score 0.05 (account-average protection: 2 < 6 sends) vs account average 0.22 → Low',
		);
		expect(explain.noEngagement(0, 9)).toBe(
			'0 of 9 sends opened within 7 days in the last 180 days; score 0 → No engagement',
		);
		expect(explain.newContact(true, 3, 0.2249, 1)).toBe(
			'Subscribed 3 days ago (< 28) and no counted open or click yet; score 0.22 (account-average protection: 1 < 6 sends) → New',
		);
		expect(explain.newContact(false, 12, 0.5, 7)).toBe(
			'First email 12 days ago (< 28) and no counted open or click yet; score 0.50 → New',
		);
		expect(explain.untracked(4)).toBe(
			'All 4 sends untracked (open tracking off or privacy-protected): engagement unknown, not zero → Null',
		);
		expect(explain.noSend).toBe(
			'No email sent to this contact (transactional excluded), so no engagement data → Null',
		);
	});

	test('property: cached and uncached counts (beyond the cache key range) give the same text as writing it out', () => {
		const counts = fc
			.integer({ min: 0, max: 3000 })
			.chain((n) =>
				fc
					.integer({ min: 0, max: n })
					.chain((o) => fc.tuple(fc.constant(n), fc.constant(o), fc.integer({ min: 0, max: o }))),
			);
		const band = fc.constantFrom('Low' as const, 'Medium' as const, 'High' as const);
		fc.assert(
			fc.property(
				fc.array(fc.tuple(counts, band, fc.double({ min: 0, max: 1, noNaN: true })), {
					maxLength: 30,
				}),
				fc.integer({ min: 1, max: 40 }),
				(rows, minEvents) => {
					const parameters = { ...p, minEvents };
					const explain = decayExplanations(parameters, 0.3);
					for (const [[n, o, k], tier, score] of [...rows, ...rows]) {
						const protection =
							n < minEvents ? ` (account-average protection: ${n} < ${minEvents} sends)` : '';
						expect(explain.banded(tier, o, n, k, score)).toBe(
							`${o} of ${n} sends opened within 7 days in the last 180 days, ${k} clicked; score ${formatScore(score)}${protection} vs account average 0.30 → ${tier}`,
						);
						expect(explain.noEngagement(o, n)).toBe(
							`${o} of ${n} sends opened within 7 days in the last 180 days; score 0 → No engagement`,
						);
					}
				},
			),
		);
	});
});
