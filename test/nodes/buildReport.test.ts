/**
 * Build Report's JSON operations through the engine, beyond the pipeline in decayPipeline.test.ts: band counts over
 * several scoring dates (workflows/band-trend.workflow.json), campaign rows per day and per contact, period presets.
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { PACKAGE, createHarness, loadFixture, sourceThenNode } from './harness';
import type { Harness, WorkflowResult } from './harness';

let harness: Harness;
beforeAll(() => {
	harness = createHarness();
});
afterAll(() => harness.close());

describe('band distribution', () => {
	const fixture = loadFixture('band-trend.workflow.json');
	const contact = (contactId: string, band: string, asOf: string) => ({ contactId, band, asOf });

	test('over time: one row per scoring date and band, dates ascending, every band of the model at every date', async () => {
		const items = [
			contact('a', 'Level 3', '2024-06-30'),
			contact('b', 'Level 1', '2024-06-30'),
			contact('c', 'Level 1', '2024-06-30'),
			contact('a', 'Level 2', '2024-05-31'),
			contact('b', 'Level 2', '2024-05-31'),
			contact('c', 'Level 1', '2024-05-31'),
		];
		const result = await harness.run(fixture, {
			parameters: { 'Scored Contacts': { items: JSON.stringify(items) } },
		});
		const rows = result.output('Band Distribution');
		expect(rows.map((row) => [row.json.date, row.json.band, row.json.count])).toEqual([
			['2024-05-31', 'Level 3', 0],
			['2024-05-31', 'Level 2', 2],
			['2024-05-31', 'Level 1', 1],
			['2024-06-30', 'Level 3', 1],
			['2024-06-30', 'Level 2', 0],
			['2024-06-30', 'Level 1', 2],
		]);
		expect(rows[1].pairedItem).toEqual([{ item: 3 }, { item: 4 }]);
		expect(rows[5].pairedItem).toEqual([{ item: 1 }, { item: 2 }]);
		expect(rows[5].json.share).toBeCloseTo(2 / 3, 12);
	});

	test("over time: an empty band pairs with the items of its own date only, not with the other dates' items", async () => {
		const items = [
			contact('a', 'Level 3', '2024-06-30'),
			contact('b', 'Level 1', '2024-06-30'),
			contact('a', 'Level 2', '2024-05-31'),
			contact('b', 'Level 2', '2024-05-31'),
		];
		const result = await harness.run(fixture, {
			parameters: { 'Scored Contacts': { items: JSON.stringify(items) } },
		});
		const rows = result.output('Band Distribution');
		const row = (date: string, band: string) =>
			rows.find((entry) => entry.json.date === date && entry.json.band === band);
		expect(row('2024-05-31', 'Level 3')?.json.count).toBe(0);
		expect(row('2024-05-31', 'Level 3')?.pairedItem).toEqual([{ item: 2 }, { item: 3 }]);
		expect(row('2024-05-31', 'Level 1')?.pairedItem).toEqual([{ item: 2 }, { item: 3 }]);
		expect(row('2024-06-30', 'Level 2')?.json.count).toBe(0);
		expect(row('2024-06-30', 'Level 2')?.pairedItem).toEqual([{ item: 0 }, { item: 1 }]);
	});

	test("Score Contacts' account summary as the last item (accountSummary: true) is left out: not counted, no error", async () => {
		const items: IDataObject[] = [
			contact('a', 'Level 3', '2024-06-30'),
			contact('b', 'Level 1', '2024-06-30'),
			// the item Score Contacts appends with Account Summary: As the Last Item
			{ accountSummary: true, model: 'recency', asOf: '2024-06-30', contacts: 2 },
		];
		const result = await harness.run(fixture, {
			parameters: { 'Scored Contacts': { items: JSON.stringify(items) } },
		});
		const rows = result.output('Band Distribution');
		expect(rows.map((row) => [row.json.date, row.json.band, row.json.count])).toEqual([
			['2024-06-30', 'Level 3', 1],
			['2024-06-30', 'Level 2', 0],
			['2024-06-30', 'Level 1', 1],
		]);
		expect(rows[0].json.share).toBe(0.5);
		expect(rows[1].pairedItem).toEqual([{ item: 0 }, { item: 1 }]);
		expect(result.output('Band Distribution', 1)).toEqual([]);
	});

	test('through Score Contacts with Account Summary As the Last Item: its contacts are counted, its summary is not', async () => {
		const events = [
			{ contactId: 'a', type: 'click', timestamp: '2024-06-20T10:00:00Z' },
			{ contactId: 'b', type: 'interaction', timestamp: '2024-05-01T10:00:00Z' },
			{ contactId: 'c', type: 'open', timestamp: '2024-06-20T10:00:00Z' },
		];
		const workflow = sourceThenNode(events, 'Score Contacts', 'scoreContacts', {
			operation: 'score',
			model: 'recency',
			asOf: '2024-06-30T00:00:00Z',
			timezone: 'UTC',
			options: { accountSummary: 'lastItem' },
		});
		workflow.nodes.push({
			...workflow.nodes[1],
			id: '3',
			name: 'Band Distribution',
			type: `${PACKAGE}.buildReport`,
			position: [400, 0],
			parameters: { operation: 'bandDistribution', model: 'recency' },
		});
		workflow.connections['Score Contacts'] = {
			main: [[{ node: 'Band Distribution', type: 'main', index: 0 }]],
		};
		const result = await harness.run(workflow);
		expect(result.error).toBeUndefined();
		expect(result.json('Score Contacts').at(-1)).toMatchObject({ accountSummary: true });
		expect(result.json('Band Distribution').map((row) => [row.date, row.band, row.count])).toEqual([
			['2024-06-30T00:00:00.000Z', 'Level 3', 1],
			['2024-06-30T00:00:00.000Z', 'Level 2', 1],
			['2024-06-30T00:00:00.000Z', 'Level 1', 1],
		]);
	});

	test('with Over Time off all items count together; a missing band goes to the error output', async () => {
		const items: IDataObject[] = [
			contact('a', 'Level 3', '2024-06-30'),
			contact('a', 'Level 2', '2024-05-31'),
			{ contactId: 'x', asOf: '2024-06-30' },
		];
		const result = await harness.run(fixture, {
			parameters: {
				'Scored Contacts': { items: JSON.stringify(items) },
				'Band Distribution': { overTime: false },
			},
		});
		expect(result.json('Band Distribution').map((row) => [row.band, row.count])).toEqual([
			['Level 3', 1],
			['Level 2', 1],
			['Level 1', 0],
		]);
		const errors = result.output('Band Distribution', 1);
		expect(errors.map((item) => item.pairedItem)).toEqual([{ item: 2 }]);
		expect(errors[0].json.error).toMatch(/band/);
	});

	test('bands found in the items, sorted, when no model is chosen', async () => {
		const items = [contact('a', 'Warm', 'd'), contact('b', 'Cold', 'd'), contact('c', 'Warm', 'd')];
		const result = await harness.run(fixture, {
			parameters: {
				'Scored Contacts': { items: JSON.stringify(items) },
				'Band Distribution': { model: '' },
			},
		});
		expect(result.json('Band Distribution').map((row) => [row.band, row.count])).toEqual([
			['Cold', 1],
			['Warm', 2],
		]);
	});
});

describe('campaign analytics', () => {
	const fixture = loadFixture('decay-pipeline.workflow.json');

	test('per contact: when each contact was sent, viewed, clicked and reached the goal, paired with its events', async () => {
		const result = await harness.run(fixture, {
			parameters: { 'Campaign Report': { rows: 'users' } },
		});
		const rows = result.output('Campaign Report');
		expect(rows).toHaveLength(10); // 3 + 3 + 4 sends
		const aC3 = rows.find((row) => row.json.campaignId === 'c3' && row.json.userId === 'a@x.io');
		expect(aC3?.json).toMatchObject({
			sent: '2024-06-20T00:00:00.000Z',
			view: '2024-06-20T01:00:00.000Z',
			click: '2024-06-20T01:05:00.000Z',
			goal: '2024-06-20T02:00:00.000Z',
		});
		expect(aC3?.pairedItem).toEqual([{ item: 12 }, { item: 16 }, { item: 17 }, { item: 18 }]);
		const cC1 = rows.find((row) => row.json.campaignId === 'c1' && row.json.userId === 'c@x.io');
		expect(cC1?.json).toMatchObject({ view: null, click: null, goal: null });
	});

	test('per day: the daily rows add up to the campaign totals', async () => {
		const daily = await harness.run(fixture, {
			parameters: { 'Campaign Report': { rows: 'daily' } },
		});
		const totals = await harness.run(fixture);
		const sum: Record<string, number[]> = {};
		for (const row of daily.json('Campaign Report')) {
			const campaign = (sum[row.campaignId as string] ??= [0, 0, 0, 0]);
			['sent', 'view', 'click', 'goal'].forEach((key, k) => (campaign[k] += row[key] as number));
		}
		expect(sum).toEqual(
			Object.fromEntries(
				totals
					.json('Campaign Report')
					.map((row) => [row.campaignId, [row.sent, row.view, row.click, row.goal]]),
			),
		);
		expect(
			daily
				.json('Campaign Report')
				.find((row) => row.campaignId === 'c1' && row.date === '2024-06-02'),
		).toMatchObject({
			view: 1,
		});
	});

	test('the "last 7 days" preset counts the 7 calendar days ending on the chosen day', async () => {
		const result = await harness.run(fixture, {
			parameters: {
				'Campaign Report': { period: 'last7Days', asOf: '2024-06-21T10:00:00' },
				'Engagement Rates': { period: 'last7Days', asOf: '2024-06-21T10:00:00' },
			},
		});
		// 15–21 June: only the third campaign happened then.
		expect(
			result
				.json('Campaign Report')
				.map((row) => [row.campaignId, row.sent, row.view, row.click, row.goal]),
		).toEqual([['c3', 4, 1, 1, 1]]);
		const [rates] = result.json('Engagement Rates');
		expect(rates).toMatchObject({
			recipients: 4,
			opened: 1,
			periodFrom: '2024-06-15T00:00:00.000Z',
			periodTo: '2024-06-22T00:00:00.000Z',
		});
	});

	test('an unknown time zone is a setting error', async () => {
		const result = await harness.run(fixture, {
			parameters: { 'Engagement Rates': { timezone: 'Mars/Olympus' } },
		});
		expect(result.error?.message).toMatch(/Unknown time zone "Mars\/Olympus"/);
	});
});

describe('bot rules in the reports', () => {
	// ana's open and click come 1–2 s after the send (a link scanner on delivery); bo's an hour later.
	const at = (seconds: number) =>
		new Date(Date.UTC(2026, 10, 1, 10) + seconds * 1000).toISOString();
	const events = [
		{ contactId: 'ana', type: 'sent', timestamp: at(0), campaignId: 'c1' },
		{ contactId: 'ana', type: 'open', timestamp: at(1), campaignId: 'c1' },
		{ contactId: 'ana', type: 'click', timestamp: at(2), campaignId: 'c1' },
		{ contactId: 'bo', type: 'sent', timestamp: at(0), campaignId: 'c1' },
		{ contactId: 'bo', type: 'open', timestamp: at(3600), campaignId: 'c1' },
		{ contactId: 'bo', type: 'click', timestamp: at(3601), campaignId: 'c1' },
	];
	const botRules = { sendProximitySeconds: 5 };
	const report = async (operation: string, parameters: INodeParameters) => {
		const result = await harness.run(
			sourceThenNode(events, 'Report', 'buildReport', {
				operation,
				period: 'all',
				...parameters,
			}),
		);
		if (result.error) throw result.error;
		return result.json('Report');
	};

	test('Engagement Rates: opens and clicks near the send leave the rates when the rule is added', async () => {
		expect((await report('engagementRates', {}))[0]).toMatchObject({ opened: 2, clicked: 2 });
		expect((await report('engagementRates', { botRules }))[0]).toMatchObject({
			recipients: 2,
			opened: 1,
			clicked: 1,
		});
	});

	test('Campaign Analytics: the campaign row counts only the human view and click', async () => {
		expect((await report('campaignAnalytics', { rows: 'campaigns' }))[0]).toMatchObject({
			view: 2,
			click: 2,
		});
		expect((await report('campaignAnalytics', { rows: 'campaigns', botRules }))[0]).toMatchObject({
			sent: 2,
			view: 1,
			click: 1,
		});
	});
});

describe('a period that leaves out every event of the input', () => {
	const fixture = loadFixture('decay-pipeline.workflow.json');
	const hints = (result: WorkflowResult, node: string) =>
		result.run.data.resultData.runData[node][0].hints ?? [];

	test('Campaign Analytics and Engagement Rates say so in an output-pane warning naming both date ranges', async () => {
		// The fixture's events run from 1 to 25 June 2024; the default period, Last 30 Days, ends on Today Is.
		const result = await harness.run(fixture, {
			parameters: {
				'Campaign Report': { period: 'last30Days', asOf: '2024-09-30T10:00:00' },
				'Engagement Rates': { period: 'last30Days', asOf: '2024-09-30T10:00:00' },
			},
		});
		expect(result.error).toBeUndefined();
		expect(result.json('Campaign Report')).toEqual([]);
		expect(result.json('Engagement Rates')[0]).toMatchObject({ recipients: 0, openRate: 0 });
		for (const node of ['Campaign Report', 'Engagement Rates']) {
			const [hint, ...more] = hints(result, node);
			expect(more).toEqual([]);
			expect(hint).toMatchObject({ type: 'warning', location: 'outputPane' });
			expect(hint.message).toContain(
				'No event falls in the period Last 30 Days (2024-09-01 to 2024-09-30, UTC)',
			);
			expect(hint.message).toMatch(/The \d+ events are from 2024-06-01 to 2024-06-25/);
			expect(hint.message).toContain('All Time');
		}
	});

	test('no warning when the period keeps an event, or when it is All Time', async () => {
		const result = await harness.run(fixture, {
			parameters: { 'Campaign Report': { period: 'last7Days', asOf: '2024-06-21T10:00:00' } },
		});
		expect(result.json('Campaign Report').map((row) => row.campaignId)).toEqual(['c3']);
		expect(hints(result, 'Campaign Report')).toEqual([]);
		expect(hints(result, 'Engagement Rates')).toEqual([]); // All Time in the fixture
	});

	test('Export Files (Campaign) warns too; its empty files are still made', async () => {
		const at = '2026-11-01T10:00:00Z';
		const result = await harness.run(
			sourceThenNode(
				[
					{ contactId: 'a', type: 'sent', timestamp: at, campaignId: 'c1' },
					{ contactId: 'a', type: 'open', timestamp: at, campaignId: 'c1' },
				],
				'Report',
				'buildReport',
				{
					operation: 'exportFiles',
					content: 'campaign',
					formats: ['csv'],
					reason: 'Review',
					period: 'custom',
					from: '2026-10-01',
					to: '2026-10-31',
				},
			),
		);
		expect(result.error).toBeUndefined();
		expect(result.json('Report').map((item) => item.fileName)).toContain(
			'engagement-report-Campaign.csv',
		);
		const [hint] = hints(result, 'Report');
		expect(hint?.message).toContain(
			'No event falls in the period Custom (2026-10-01 to 2026-10-31, UTC)',
		);
		expect(hint?.message).toContain('The 2 events are from 2026-11-01 to 2026-11-01');
	});
});
