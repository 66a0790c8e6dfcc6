import { DateTime } from 'luxon';

import { formatWallClock, wallClockMillis } from '../../../lib/files/wallClock';

const shown = (iso: string, zone: string) =>
	formatWallClock(wallClockMillis(Date.parse(iso), zone), false);

describe('wallClockMillis', () => {
	it('follows daylight saving changes to the second', () => {
		expect(shown('2024-03-31T00:59:59Z', 'Europe/Paris')).toBe('2024-03-31 01:59:59');
		expect(shown('2024-03-31T01:00:00Z', 'Europe/Paris')).toBe('2024-03-31 03:00:00');
		expect(shown('2024-10-27T00:59:59Z', 'Europe/Paris')).toBe('2024-10-27 02:59:59');
		expect(shown('2024-10-27T01:00:00Z', 'Europe/Paris')).toBe('2024-10-27 02:00:00');
		// Lord Howe Island moves by half an hour
		expect(shown('2024-04-06T14:59:59Z', 'Australia/Lord_Howe')).toBe('2024-04-07 01:59:59');
		expect(shown('2024-04-06T15:00:00Z', 'Australia/Lord_Howe')).toBe('2024-04-07 01:30:00');
	});

	it('agrees with luxon over a year of random instants in several zones', () => {
		let seed = 42;
		const random = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
		for (const zone of [
			'America/New_York',
			'Asia/Kathmandu',
			'Asia/Seoul',
			'Europe/London',
			'UTC',
		]) {
			for (let i = 0; i < 500; i++) {
				const millis = Date.UTC(2024, 0, 1) + Math.floor(random() * 366 * 86_400_000);
				expect(formatWallClock(wallClockMillis(millis, zone), false)).toBe(
					DateTime.fromMillis(millis, { zone }).toFormat('yyyy-MM-dd HH:mm:ss'),
				);
			}
		}
	});

	it('rejects an unknown zone', () => {
		expect(() => wallClockMillis(0, 'Mars/Olympus')).toThrow(/not a valid IANA zone/);
	});
});
