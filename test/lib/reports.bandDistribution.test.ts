import { bandDistribution, bandDistributionOverTime } from '../../lib/reports/bandDistribution';

const banded = (...bands: string[]) => bands.map((band, i) => ({ contactId: `c${i}`, band }));

describe('band distribution', () => {
	test("every band of the model is listed in the model's order, zero-filled", () => {
		expect(bandDistribution(banded('Level 1', 'Level 3', 'Level 1'), { model: 'recency' })).toEqual(
			[
				{ band: 'Level 3', count: 1, share: 1 / 3 },
				{ band: 'Level 2', count: 0, share: 0 },
				{ band: 'Level 1', count: 2, share: 2 / 3 },
			],
		);
	});

	test('clickShare stars from 0 to 5, and a band outside the model is added after, not dropped', () => {
		const counts = bandDistribution(banded('2 stars', 'Unknown', '5 stars'), {
			model: 'clickShare',
		});
		expect(counts.map((c) => [c.band, c.count])).toEqual([
			['0 stars', 0],
			['1 star', 0],
			['2 stars', 1],
			['3 stars', 0],
			['4 stars', 0],
			['5 stars', 1],
			['Unknown', 1],
		]);
	});

	test('labels from a band method, from a given list, or else the bands seen, sorted', () => {
		const method = {
			method: 'thresholds' as const,
			bands: [
				{ name: 'Hot', min: 50 },
				{ name: 'Cold', max: 50 },
			],
		};
		expect(bandDistribution(banded('Cold'), { method }).map((c) => c.band)).toEqual([
			'Hot',
			'Cold',
			'Null',
		]);
		expect(bandDistribution(banded('b'), { labels: ['c', 'b', 'a'] }).map((c) => c.count)).toEqual([
			0, 1, 0,
		]);
		expect(bandDistribution(banded('b', 'a', 'b')).map((c) => [c.band, c.count])).toEqual([
			['a', 1],
			['b', 2],
		]);
	});

	test('no rows: every band at 0 with a share of 0, never NaN', () => {
		const counts = bandDistribution([], { model: 'decay' });
		expect(counts).toHaveLength(6);
		expect(counts.every((c) => c.count === 0 && c.share === 0)).toBe(true);
	});

	test('a row without a band names its index', () => {
		expect(() => bandDistribution([{ band: 'High' }, { band: '' }])).toThrow(
			'event 1, field "band"',
		);
	});
});

describe('band distribution over time (cluster counts at successive scoring dates)', () => {
	test('one row per date and band, dates ascending, the same bands at every date', () => {
		const trend = bandDistributionOverTime(
			{
				'2024-02-01': banded('Engaged', 'Off'),
				'2024-01-01': banded('Engaged', 'Engaged', 'Dormant'),
			},
			{ model: 'lifecycle' },
		);
		expect(trend).toHaveLength(16);
		expect(
			trend.filter((row) => row.count > 0).map(({ date, band, count }) => [date, band, count]),
		).toEqual([
			['2024-01-01', 'Engaged', 2],
			['2024-01-01', 'Dormant', 1],
			['2024-02-01', 'Engaged', 1],
			['2024-02-01', 'Off', 1],
		]);
		expect(trend[0]).toEqual({ date: '2024-01-01', band: 'Engaged', count: 2, share: 2 / 3 });
	});

	test('accepts a Map and adds bands seen at any date to every date', () => {
		const trend = bandDistributionOverTime(
			new Map([
				['d2', banded('x')],
				['d1', banded('y')],
			]),
		);
		expect(trend.map(({ date, band, count }) => [date, band, count])).toEqual([
			['d1', 'x', 0],
			['d1', 'y', 1],
			['d2', 'x', 1],
			['d2', 'y', 0],
		]);
	});
});
