import fc from 'fast-check';
import { DateTime } from 'luxon';

import { instantOfWallClock, zoneOffsetMinutes } from '../../lib/zoneOffset';

/**
 * Wall-clock times without an offset (`2026-05-01 10:30:00` in a CSV, an As Of without a zone) are read as PostgreSQL
 * reads them: one instant when there is one; the later when the time occurs twice; shifted by the gap when it never
 * occurs. Zone offsets come from luxon, cached.
 */
const ZONES = [
	'Europe/Berlin',
	'America/New_York',
	'Australia/Lord_Howe', // 30-minute daylight saving
	'America/Santiago',
	'Pacific/Chatham', // UTC+12:45 / +13:45
	'Asia/Kolkata',
	'UTC',
	'UTC+8',
];

/** The wall-clock time of an instant in a zone, as epoch-style ms (the local date and time read as UTC). */
const wallClockOf = (instant: number, zone: string) => {
	const local = DateTime.fromMillis(instant, { zone });
	return instant + local.offset * 60_000;
};

const HOUR = 3_600_000;
const instants = fc.integer({ min: Date.UTC(1990, 0, 1), max: Date.UTC(2040, 0, 1) });
/** Instants within two hours of a daylight-saving change in Berlin or New York (2020–2030), where the rules bite. */
const nearChanges = fc
	.tuple(
		fc.integer({ min: 2020, max: 2030 }),
		fc.constantFrom('Europe/Berlin', 'America/New_York'),
		fc.boolean(),
		fc.integer({ min: -2 * HOUR, max: 2 * HOUR }),
	)
	.map(([year, zone, spring, delta]) => ({ zone, instant: changeOf(year, zone, spring) + delta }));

const changes = new Map<string, number>();
/** The instant of a zone's spring or autumn change in a year, found through luxon's offsets (in March / October–November). */
function changeOf(year: number, zone: string, spring: boolean): number {
	const key = `${year} ${zone} ${spring}`;
	let at = changes.get(key);
	if (at === undefined) {
		at = Date.UTC(year, spring ? 2 : 9, 1);
		const start = DateTime.fromMillis(at, { zone }).offset;
		while (DateTime.fromMillis(at, { zone }).offset === start) at += HOUR / 4;
		changes.set(key, at);
	}
	return at;
}

describe('zoneOffsetMinutes', () => {
	it("equals luxon's offset, at any instant and near the changes", () => {
		fc.assert(
			fc.property(instants, fc.constantFrom(...ZONES), (instant, zone) => {
				expect(zoneOffsetMinutes(instant, zone)).toBe(
					DateTime.fromMillis(instant, { zone }).offset,
				);
			}),
			{ numRuns: 1000 },
		);
		fc.assert(
			fc.property(nearChanges, ({ zone, instant }) => {
				expect(zoneOffsetMinutes(instant, zone)).toBe(
					DateTime.fromMillis(instant, { zone }).offset,
				);
			}),
			{ numRuns: 500 },
		);
	});

	it('is NaN for a zone luxon does not know', () => {
		expect(zoneOffsetMinutes(0, 'Mars/Olympus_Mons')).toBeNaN();
		expect(instantOfWallClock(0, 'Mars/Olympus_Mons')).toBeNaN();
	});
});

describe('instantOfWallClock (wall-clock times without an offset)', () => {
	it('gives back the instant whose wall-clock time it is; of two, the later', () => {
		const check = (instant: number, zone: string) => {
			const wall = wallClockOf(instant, zone);
			// every instant within three hours with the same wall-clock time (a time that occurs twice)
			const same = [-3, -2, -1, -0.5, 0, 0.5, 1, 2, 3]
				.map((hours) => instant + hours * HOUR)
				.filter((other) => wallClockOf(other, zone) === wall);
			expect(instantOfWallClock(wall, zone)).toBe(Math.max(...same));
		};
		fc.assert(fc.property(instants, fc.constantFrom(...ZONES), check), { numRuns: 1000 });
		fc.assert(
			fc.property(nearChanges, ({ zone, instant }) => check(instant, zone)),
			{ numRuns: 500 },
		);
	});

	it('a time that occurs twice (clocks go back) is the later, as PostgreSQL reads it', () => {
		// Berlin, 25 Oct 2026: 03:00 CEST → 02:00 CET; 02:30 is 00:30Z and 01:30Z
		expect(instantOfWallClock(Date.UTC(2026, 9, 25, 2, 30), 'Europe/Berlin')).toBe(
			Date.UTC(2026, 9, 25, 1, 30),
		);
		// New York, 1 Nov 2026: 02:00 EDT → 01:00 EST; 01:30 is 05:30Z and 06:30Z
		expect(instantOfWallClock(Date.UTC(2026, 10, 1, 1, 30), 'America/New_York')).toBe(
			Date.UTC(2026, 10, 1, 6, 30),
		);
	});

	it('a time that never occurs (clocks go forward) takes the offset before the change', () => {
		// Berlin, 29 Mar 2026: 02:00 CET → 03:00 CEST; 02:30 is read at +01:00 → 01:30Z (03:30 CEST)
		expect(instantOfWallClock(Date.UTC(2026, 2, 29, 2, 30), 'Europe/Berlin')).toBe(
			Date.UTC(2026, 2, 29, 1, 30),
		);
		// New York, 8 Mar 2026: 02:00 EST → 03:00 EDT; 02:30 is read at −05:00 → 07:30Z (03:30 EDT)
		expect(instantOfWallClock(Date.UTC(2026, 2, 8, 2, 30), 'America/New_York')).toBe(
			Date.UTC(2026, 2, 8, 7, 30),
		);
	});

	it('fixed-offset zones subtract their offset', () => {
		expect(instantOfWallClock(Date.UTC(2026, 4, 1, 8), 'UTC+8')).toBe(Date.UTC(2026, 4, 1));
		expect(instantOfWallClock(Date.UTC(2026, 4, 1, 8), 'UTC')).toBe(Date.UTC(2026, 4, 1, 8));
	});
});
