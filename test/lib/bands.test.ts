import fc from 'fast-check';

import {
	assignBand,
	assignBands,
	bandLabels,
	CLICK_SHARE_BANDS,
	DECAY_BANDS,
	LIFECYCLE_BANDS,
	MODEL_BANDS,
	RECENCY5_BANDS,
	RECENCY_BANDS,
} from '../../lib/bands';
import type { BandMethod } from '../../lib/bands';

const rows = (...scores: Array<number | null>) =>
	scores.map((score, i) => ({ contactId: `c${i}`, score }));

describe('relativeToAverage — Ometria (seed 004): Low below 0.5 × average, High above 1.5 × average, else Medium', () => {
	const method: BandMethod = { method: 'relativeToAverage', average: 0.4 };

	test('with an average of 0.4: 0.19 Low, 0.2 Medium (edge), 0.6 Medium (edge), 0.61 High', () => {
		expect(assignBands(rows(0.19, 0.2, 0.4, 0.6, 0.61), method).map((r) => r.band)).toEqual([
			'Low',
			'Medium',
			'Medium',
			'Medium',
			'High',
		]);
	});

	test('no score is Null, a score of 0 is No engagement', () => {
		expect(assignBands(rows(null, 0), method).map((r) => r.band)).toEqual([
			'Null',
			'No engagement',
		]);
	});

	test('the average is the mean of the scored rows when not given (nulls left out, zeros in)', () => {
		// mean of 0, 0.2, 0.4, 1.0 = 0.4 → edges 0.2 and 0.6
		const banded = assignBands(rows(0, 0.2, 0.4, 1.0, null, 0.19 + 0.01), {
			method: 'relativeToAverage',
		});
		expect(banded.map((r) => r.band)).toEqual([
			'No engagement',
			'Medium',
			'Medium',
			'High',
			'Null',
			'Medium',
		]);
		const lowered = assignBands(rows(0.1, 0.3, 0.8), { method: 'relativeToAverage' });
		expect(lowered.map((r) => r.band)).toEqual(['Low', 'Medium', 'High']);
	});

	test('multipliers and labels are configurable', () => {
		const banded = assignBands(rows(0.3, 0.5, null, 0), {
			method: 'relativeToAverage',
			average: 0.5,
			lowMultiplier: 0.8,
			highMultiplier: 1.2,
			labels: { low: 'Cold', high: 'Hot', null: 'Unknown', zero: 'Silent' },
		});
		expect(banded.map((r) => r.band)).toEqual(['Cold', 'Medium', 'Unknown', 'Silent']);
		expect(
			bandLabels({ method: 'relativeToAverage', labels: { low: 'Cold', high: 'Hot' } }),
		).toEqual(['Null', 'No engagement', 'Cold', 'Medium', 'Hot']);
	});

	test('bad settings name the field', () => {
		expect(() => assignBands(rows(1), { method: 'relativeToAverage', lowMultiplier: 2 })).toThrow(
			'lowMultiplier',
		);
		expect(() => assignBands(rows(1), { method: 'relativeToAverage', highMultiplier: -1 })).toThrow(
			'highMultiplier',
		);
		expect(() =>
			assignBands([{ score: 'high' as never }], { method: 'relativeToAverage' }),
		).toThrow('event 0, field "score"');
	});
});

describe('thresholds: named ranges, min inclusive, max exclusive (the top band includes its max)', () => {
	const method: BandMethod = {
		method: 'thresholds',
		bands: [
			{ name: 'High', min: 70, max: 100 },
			{ name: 'Low', min: 0, max: 30 },
			{ name: 'Medium', min: 30, max: 70 },
		],
	};

	test('edges: 0 Low, 29.99 Low, 30 Medium, 69.99 Medium, 70 High, 100 High; no score is Null', () => {
		expect(
			assignBands(rows(0, 29.99, 30, 69.99, 70, 100, null), method).map((r) => r.band),
		).toEqual(['Low', 'Low', 'Medium', 'Medium', 'High', 'High', 'Null']);
	});

	test('a score outside every band is an error naming the row, unless a fallback band is set', () => {
		expect(() => assignBands(rows(50, 101), method)).toThrow(
			/event 1, field "score": 101 is outside every band/,
		);
		expect(() => assignBands(rows(-1), method)).toThrow('from 0 to 100');
		const withFallback = assignBands(rows(101, -1), { ...method, fallback: 'Out of range' });
		expect(withFallback.map((r) => r.band)).toEqual(['Out of range', 'Out of range']);
	});

	test('open-ended bands', () => {
		const open: BandMethod = {
			method: 'thresholds',
			bands: [
				{ name: 'Below', max: 0.5 },
				{ name: 'Above', min: 0.5 },
			],
			nullBand: 'Never scored',
		};
		expect(assignBands(rows(-1e9, 0.49, 0.5, 1e9, null), open).map((r) => r.band)).toEqual([
			'Below',
			'Below',
			'Above',
			'Above',
			'Never scored',
		]);
	});

	test('overlapping bands are reported with both bands and the overlap', () => {
		expect(() =>
			assignBands(rows(1), {
				method: 'thresholds',
				bands: [
					{ name: 'A', min: 0, max: 10 },
					{ name: 'B', min: 5, max: 20 },
				],
			}),
		).toThrow('bands "A" [0, 10) and "B" [5, 20) overlap from 5 to 10');
	});

	test('a gap between bands is reported, and allowed with a fallback band', () => {
		const gapped: BandMethod = {
			method: 'thresholds',
			bands: [
				{ name: 'A', min: 0, max: 10 },
				{ name: 'B', min: 12, max: 20 },
			],
		};
		expect(() => assignBands(rows(1), gapped)).toThrow(
			'no band covers scores from 10 up to 12 (between "A" and "B")',
		);
		expect(assignBands(rows(11, 12), { ...gapped, fallback: 'Other' }).map((r) => r.band)).toEqual([
			'Other',
			'B',
		]);
	});

	test('a band whose min is not below its max, or without a name, is reported', () => {
		expect(() =>
			assignBands(rows(1), { method: 'thresholds', bands: [{ name: 'A', min: 5, max: 5 }] }),
		).toThrow('band "A": min (5) must be below max (5)');
		expect(() =>
			assignBands(rows(1), { method: 'thresholds', bands: [{ name: '', min: 0 }] }),
		).toThrow('bands[0].name');
		expect(() => assignBands(rows(1), { method: 'thresholds', bands: [] })).toThrow(
			'at least one band',
		);
	});

	test('labels in the given order, then fallback and the null band', () => {
		expect(bandLabels({ ...method, fallback: 'Other' })).toEqual([
			'High',
			'Low',
			'Medium',
			'Other',
			'Null',
		]);
	});
});

describe('quantiles: top x % of the scored contacts', () => {
	const topTenPercent: BandMethod = {
		method: 'quantiles',
		bands: [
			{ name: 'Top 10 %', topPercent: 10 },
			{ name: 'Next 40 %', topPercent: 40 },
		],
		fallback: 'Rest',
	};

	test('10 contacts: 1 in the top 10 %, 4 in the next 40 %, 5 in the rest; no score is Null', () => {
		const scores = [5, 9, 1, 7, 3, 10, 2, 8, 4, 6];
		const banded = assignBands([...rows(...scores), { score: null }], topTenPercent);
		const bandOf = (score: number) => banded[scores.indexOf(score)].band;
		expect(bandOf(10)).toBe('Top 10 %');
		expect([9, 8, 7, 6].map(bandOf)).toEqual(Array(4).fill('Next 40 %'));
		expect([5, 4, 3, 2, 1].map(bandOf)).toEqual(Array(5).fill('Rest'));
		expect(banded[10].band).toBe('Null');
	});

	test('ties stay together: a tie on the boundary goes up', () => {
		const banded = assignBands(rows(10, 9, 9, 1, 1, 1, 1, 1, 1, 1), topTenPercent);
		expect(banded.map((r) => r.band)).toEqual([
			'Top 10 %',
			'Next 40 %',
			'Next 40 %',
			'Next 40 %',
			'Next 40 %',
			'Next 40 %',
			'Next 40 %',
			'Next 40 %',
			'Next 40 %',
			'Next 40 %',
		]);
		const tiedTop = assignBands(rows(10, 10, 5, 4, 3, 2, 1, 0, 0, 0), topTenPercent);
		expect(tiedTop.slice(0, 2).map((r) => r.band)).toEqual(['Top 10 %', 'Top 10 %']);
	});

	test('shares are rounded to whole contacts: 25 contacts, top 10 % (2.5) = 3; 24 contacts (2.4) = 2', () => {
		const top = (count: number) =>
			assignBands(rows(...Array.from({ length: count }, (_, i) => i)), topTenPercent)
				.filter((r) => r.band === 'Top 10 %')
				.map((r) => r.score);
		expect(top(25)).toEqual([22, 23, 24]);
		expect(top(24)).toEqual([22, 23]);
		expect(top(4)).toEqual([]);
	});

	test('percentages must fit in 100 % and, below 100 %, need a fallback band', () => {
		expect(() =>
			assignBands(rows(1), {
				method: 'quantiles',
				bands: [
					{ name: 'A', topPercent: 60 },
					{ name: 'B', topPercent: 50 },
				],
			}),
		).toThrow('110 %, more than 100 %');
		expect(() =>
			assignBands(rows(1), { method: 'quantiles', bands: [{ name: 'A', topPercent: 20 }] }),
		).toThrow('remaining 80 %');
		expect(() =>
			assignBands(rows(1), { method: 'quantiles', bands: [{ name: 'A', topPercent: 0 }] }),
		).toThrow('bands[0].topPercent');
		const thirds = assignBands(rows(3, 2, 1), {
			method: 'quantiles',
			bands: [
				{ name: 'A', topPercent: 33.3 },
				{ name: 'B', topPercent: 33.3 },
				{ name: 'C', topPercent: 33.4 },
			],
		});
		expect(thirds.map((r) => r.band)).toEqual(['A', 'B', 'C']);
	});

	test('a single row cannot be banded by quantiles', () => {
		expect(() => assignBand({ score: 1 }, topTenPercent)).toThrow('assignBands');
	});
});

describe("model: the scoring model's own band", () => {
	test('keeps the band and reports a missing one', () => {
		expect(assignBands([{ score: 3, band: 'Level 3' }], { method: 'model' })[0].band).toBe(
			'Level 3',
		);
		expect(() => assignBands([{ score: 3 }], { method: 'model' })).toThrow('event 0, field "band"');
	});

	test("a band that is not the named model's is an error naming the row and the model's bands", () => {
		expect(() =>
			assignBands(
				[
					{ score: 0.5, band: 'High' },
					{ score: 3, band: '3 stars' },
				],
				{
					method: 'model',
					model: 'decay',
				},
			),
		).toThrow(/event 1, field "band".*"3 stars" is not a band of the decay model \(Null, New/);
		expect(assignBands([{ score: 3, band: 'Custom' }], { method: 'model' })[0].band).toBe('Custom');
	});

	test('labels of each model, one source of truth', () => {
		expect(bandLabels({ method: 'model', model: 'decay' })).toEqual([
			'Null',
			'New',
			'No engagement',
			'Low',
			'Medium',
			'High',
		]);
		expect(MODEL_BANDS).toEqual({
			decay: DECAY_BANDS,
			clickShare: CLICK_SHARE_BANDS,
			recency: RECENCY_BANDS,
			recency5: RECENCY5_BANDS,
			lifecycle: LIFECYCLE_BANDS,
			klaviyoEngagement: ['Engaged', 'Neither', 'Unengaged', 'Unknown'],
			hubspotGraymail: ['Not graymail', 'Graymail', 'Unknown'],
			mailchimpStars: ['1 star', '2 stars', '3 stars', '4 stars', '5 stars', 'Unknown'],
			mailpoet: ['Scored', 'Unknown'],
			rfm: expect.arrayContaining(['Champions', "Can't Lose Them", 'Others', 'No purchases']),
		});
		expect(CLICK_SHARE_BANDS).toEqual([
			'0 stars',
			'1 star',
			'2 stars',
			'3 stars',
			'4 stars',
			'5 stars',
		]);
		expect(RECENCY5_BANDS).toEqual(['Level 5', 'Level 4', 'Level 3', 'Level 2', 'Level 1']);
		expect(LIFECYCLE_BANDS).toHaveLength(8);
		expect(bandLabels({ method: 'model', model: 'custom' })).toEqual([]);
	});
});

describe('previousBand and changed', () => {
	test('changed when the band differs or there was none; not when the same', () => {
		const banded = assignBands(
			[
				{ score: 0.9, previousBand: 'High' },
				{ score: 0.9, previousBand: 'Low' },
				{ score: 0.9, previousBand: '' },
				{ score: 0.9 },
			],
			{ method: 'relativeToAverage', average: 0.5 },
		);
		expect(banded.map(({ band, previousBand, changed }) => [band, previousBand, changed])).toEqual([
			['High', 'High', false],
			['High', 'Low', true],
			['High', null, true],
			['High', null, true],
		]);
	});

	test('assignBand bands one row; relative to average needs the average then', () => {
		expect(
			assignBand({ score: 0.1, previousBand: 'Low' }, { method: 'relativeToAverage', average: 1 }),
		).toEqual({
			band: 'Low',
			previousBand: 'Low',
			changed: false,
		});
		expect(() => assignBand({ score: 0.1 }, { method: 'relativeToAverage' })).toThrow('average');
		expect(() => assignBand({ score: 0.1 }, { method: 'nope' } as never)).toThrow(
			'unknown band method',
		);
	});
});

describe('Ometria (seed 004): "Unengaged contacts that start engaging with emails are automatically transferred to the low engagement band"', () => {
	// Average 0.4: Low < 0.2, High > 0.6.
	const unengagedBefore = [
		{ contactId: 'high now', score: 0.9, previousBand: 'No engagement' },
		{ contactId: 'medium now', score: 0.4, previousBand: 'No engagement' },
		{ contactId: 'low now', score: 0.1, previousBand: 'No engagement' },
		{ contactId: 'still unengaged', score: 0, previousBand: 'No engagement' },
		{ contactId: 'was low', score: 0.9, previousBand: 'Low' },
		{ contactId: 'first run', score: 0.9 },
	];
	const bands = (banded: Array<{ band: string }>) => banded.map(({ band }) => band);

	test('relative to average: Medium or High after No engagement is Low for this run', () => {
		const banded = assignBands(unengagedBefore, { method: 'relativeToAverage', average: 0.4 });
		expect(bands(banded)).toEqual(['Low', 'Low', 'Low', 'No engagement', 'High', 'High']);
		expect(banded[0]).toMatchObject({ previousBand: 'No engagement', changed: true });
	});

	test('the next run, with Low as the previous band, the score decides', () => {
		expect(
			assignBand({ score: 0.9, previousBand: 'Low' }, { method: 'relativeToAverage', average: 0.4 })
				.band,
		).toBe('High');
	});

	test("renamed bands: the transfer follows the method's labels", () => {
		const banded = assignBands(
			[
				{ score: 0.9, previousBand: 'Asleep' },
				{ score: 0.9, previousBand: 'No engagement' },
			],
			{ method: 'relativeToAverage', average: 0.4, labels: { zero: 'Asleep', low: 'Warming' } },
		);
		expect(bands(banded)).toEqual(['Warming', 'High']);
	});

	test("the decay model's own bands transfer alike; other models' bands do not", () => {
		const decay = assignBands(
			[
				{ score: 0.5, band: 'High', previousBand: 'No engagement' },
				{ score: 0.3, band: 'Medium', previousBand: 'No engagement' },
				{ score: 0, band: 'No engagement', previousBand: 'No engagement' },
				{ score: 0.5, band: 'High', previousBand: 'Medium' },
			],
			{ method: 'model', model: 'decay' },
		);
		expect(bands(decay)).toEqual(['Low', 'Low', 'No engagement', 'High']);
		expect(
			bands(
				assignBands([{ score: 3, band: 'Level 3', previousBand: 'No engagement' }], {
					method: 'model',
					model: 'recency',
				}),
			),
		).toEqual(['Level 3']);
	});

	test('reengagedToLow: false turns the transfer off', () => {
		expect(
			bands(
				assignBands(unengagedBefore, {
					method: 'relativeToAverage',
					average: 0.4,
					reengagedToLow: false,
				}),
			),
		).toEqual(['High', 'Medium', 'Low', 'No engagement', 'High', 'High']);
		expect(
			assignBands([{ score: 0.5, band: 'High', previousBand: 'No engagement' }], {
				method: 'model',
				model: 'decay',
				reengagedToLow: false,
			})[0].band,
		).toBe('High');
		expect(() =>
			assignBands(unengagedBefore, {
				method: 'relativeToAverage',
				reengagedToLow: 'yes' as never,
			}),
		).toThrow('reengagedToLow');
	});
});

describe('every contact is in exactly one band (property-based)', () => {
	const score = fc.oneof(
		fc.constant(null),
		fc.constant(0),
		fc.double({ min: -5, max: 105, noNaN: true }),
	);
	const methods: BandMethod[] = [
		{ method: 'relativeToAverage' },
		{
			method: 'thresholds',
			bands: [
				{ name: 'Low', max: 30 },
				{ name: 'Medium', min: 30, max: 70 },
				{ name: 'High', min: 70 },
			],
		},
		{
			method: 'quantiles',
			bands: [
				{ name: 'Top', topPercent: 20 },
				{ name: 'Middle', topPercent: 30 },
			],
			fallback: 'Bottom',
		},
	];

	test.each(methods.map((method) => [method.method, method] as const))(
		'%s: one band per row, from the labels, and the same whatever the row order',
		(_name, method) => {
			const labels = new Set(bandLabels(method));
			fc.assert(
				fc.property(fc.array(score, { maxLength: 60 }), fc.integer(), (scores, seed) => {
					const input = rows(...scores);
					const banded = assignBands(input, method);
					expect(banded).toHaveLength(input.length);
					for (const row of banded) expect(labels.has(row.band)).toBe(true);
					const shuffled = [...input].sort(
						(a, b) =>
							((Number(a.contactId.slice(1)) * 7919 + seed) % 101) -
							((Number(b.contactId.slice(1)) * 7919 + seed) % 101),
					);
					const byContact = new Map(
						assignBands(shuffled, method).map((row) => [row.contactId, row.band]),
					);
					for (const row of banded) expect(byContact.get(row.contactId)).toBe(row.band);
				}),
				{ numRuns: 150 },
			);
		},
	);

	test('quantile bands hold their share of the scored rows, or more only to keep a tie together', () => {
		fc.assert(
			fc.property(
				fc.array(fc.integer({ min: 0, max: 20 }), { minLength: 1, maxLength: 80 }),
				(scores) => {
					const banded = assignBands(rows(...scores), methods[2]);
					const top = banded.filter((r) => r.band === 'Top');
					const lowestTop = Math.min(...top.map((r) => r.score as number));
					const withoutLowestTie = top.filter((r) => r.score !== lowestTop).length;
					expect(withoutLowestTie).toBeLessThanOrEqual(Math.round(0.2 * scores.length));
					for (const row of banded) {
						if (row.band !== 'Top')
							expect(row.score as number).toBeLessThan(top.length ? lowestTop : Infinity);
					}
				},
			),
			{ numRuns: 200 },
		);
	});
});
