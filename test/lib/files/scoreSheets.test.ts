import { scoreSheets } from '../../../lib/files/scoreSheets';
import { createXlsx } from '../../../lib/files/xlsx';
import { bandDistribution, bandDistributionOverTime } from '../../../lib/reports/bandDistribution';

import { readXlsxWithExcelJs } from './readers';

const contacts = [
	{ contactId: 'a@x.io', score: 0.8125, band: 'High', explanation: 'opened 5 of 6 sends' },
	{
		contactId: 'b@x.io',
		score: 0,
		band: 'No engagement',
		explanation: 'no open or click in 180 days',
	},
	{ contactId: 'c@x.io', score: null, band: 'Null', explanation: '=no sends' },
];

async function rows(buffer: Buffer, name: string): Promise<unknown[][]> {
	const workbook = await readXlsxWithExcelJs(buffer);
	const result: unknown[][] = [];
	workbook
		.getWorksheet(name)!
		.eachRow({ includeEmpty: false }, (row) => result.push((row.values as unknown[]).slice(1)));
	return result;
}

describe('scoreSheets', () => {
	const distribution = bandDistribution(contacts, { model: 'decay' });
	const trend = bandDistributionOverTime({
		'2024-01-01': contacts.slice(0, 1),
		'2024-02-01': contacts,
	});
	const buffer = createXlsx(scoreSheets({ contacts, distribution, trend }));

	it('Scores: one row per contact with score (number or empty), band and explanation', async () => {
		expect(await rows(buffer, 'Scores')).toEqual([
			['contactId', 'score', 'band', 'explanation'],
			['a@x.io', 0.8125, 'High', 'opened 5 of 6 sends'],
			['b@x.io', 0, 'No engagement', 'no open or click in 180 days'],
			['c@x.io', undefined, 'Null', "'=no sends"],
		]);
	});

	it('Bands: every band of the model with its count and share', async () => {
		const bands = await rows(buffer, 'Bands');
		expect(bands[0]).toEqual(['band', 'contacts', 'share']);
		expect(bands.slice(1)).toEqual(distribution.map((row) => [row.band, row.count, row.share]));
		expect(bands.slice(1).find((row) => row[0] === 'High')).toEqual(['High', 1, 1 / 3]);
	});

	it('BandTrend: one row per scoring date, one column per band', async () => {
		const trendRows = await rows(buffer, 'BandTrend');
		const bands = [...new Set(trend.map((row) => row.band))];
		expect(trendRows[0]).toEqual(['date', ...bands]);
		expect(trendRows[1][0]).toEqual(new Date('2024-01-01T00:00:00Z'));
		expect(trendRows[2].slice(1)).toEqual(
			bands.map(
				(band) => trend.find((row) => row.date === '2024-02-01' && row.band === band)!.count,
			),
		);
	});

	it('adds previousBand and changed when the rows were banded', async () => {
		const banded = contacts.map((row, i) => ({
			...row,
			previousBand: i === 0 ? 'Medium' : row.band,
			changed: i === 0,
		}));
		const scores = await rows(createXlsx(scoreSheets({ contacts: banded })), 'Scores');
		expect(scores[0]).toEqual([
			'contactId',
			'score',
			'band',
			'previousBand',
			'changed',
			'explanation',
		]);
		expect(scores[1]).toEqual(['a@x.io', 0.8125, 'High', 'Medium', true, 'opened 5 of 6 sends']);
	});
});
