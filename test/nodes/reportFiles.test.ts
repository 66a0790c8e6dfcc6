import { parse } from 'csv-parse/sync';
import type { IDataObject, INodeExecutionData, INodeParameters } from 'n8n-workflow';

import { parseStrict, findAll, byClass } from '../lib/files/html';
import { readXlsxWithExcelJs, readZipWithZipJs } from '../lib/files/readers';
import { PACKAGE, createHarness, loadFixture, sourceThenNode } from './harness';
import type { Harness, WorkflowFixture, WorkflowResult } from './harness';

const PASSWORD = 'correct-horse-battery';
let harness: Harness;
let result: WorkflowResult;
beforeAll(async () => {
	harness = createHarness();
	result = await harness.run(loadFixture('report-files.workflow.json'), {
		credentials: { engagementReportPasswordApi: { password: PASSWORD } },
	});
}, 60_000);
afterAll(() => harness.close());

function file(items: INodeExecutionData[], fileName: string): Buffer {
	const item = items.find((entry) => entry.json.fileName === fileName);
	if (item === undefined)
		throw new Error(`no file ${fileName} among ${items.map((i) => i.json.fileName).join(', ')}`);
	return Buffer.from(item.binary!.data.data, 'base64');
}

describe('Build Report › Export Files through the n8n engine', () => {
	it('runs without a workflow error', () => {
		expect(result.error).toBeUndefined();
	});

	it('campaign download: workbook, one CSV per sheet and the HTML report, with file names and MIME types', () => {
		const items = result.output('Campaign Files', 0);
		const files = items.filter((item) => item.binary !== undefined);
		expect(
			files.map((item) => [
				item.json.fileName,
				item.binary!.data.fileName,
				item.binary!.data.mimeType,
			]),
		).toEqual([
			[
				'june-campaigns.xlsx',
				'june-campaigns.xlsx',
				'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
			],
			['june-campaigns-Campaign.csv', 'june-campaigns-Campaign.csv', 'text/csv'],
			['june-campaigns-CampaignStat.csv', 'june-campaigns-CampaignStat.csv', 'text/csv'],
			['june-campaigns-CampaignUser.csv', 'june-campaigns-CampaignUser.csv', 'text/csv'],
			['june-campaigns-User.csv', 'june-campaigns-User.csv', 'text/csv'],
			['june-campaigns.html', 'june-campaigns.html', 'text/html'],
		]);
		expect(
			files.every(
				(item) => item.json.fileSize === file(items, item.json.fileName as string).length,
			),
		).toBe(true);
	});

	it('campaign download: the workbook opens in ExcelJS with the seed sheets, campaign names and user fields', async () => {
		const book = await readXlsxWithExcelJs(
			file(result.output('Campaign Files', 0), 'june-campaigns.xlsx'),
		);
		expect(book.worksheets.map((sheet) => sheet.name)).toEqual([
			'Campaign',
			'CampaignStat',
			'CampaignUser',
			'User',
		]);
		const campaign = book.getWorksheet('Campaign')!;
		expect(campaign.getRow(2).values).toEqual(
			expect.arrayContaining(['c1', 'June news', 'done', 3, 2, 1, 1]),
		);
		expect(campaign.getCell('B3').value).toBe('Summer sale');
		// dates in the chosen zone (Europe/Paris, UTC+2 in June)
		expect((campaign.getCell('H2').value as Date).toISOString()).toBe('2024-06-01T02:00:00.000Z');
		const user = book.getWorksheet('User')!;
		expect(user.getRow(1).values).toEqual([undefined, 'id', 'name']);
		expect(user.getCell('B2').value).toBe('Ann');
		expect(user.getCell('B3').value).toBe(`'=HYPERLINK("http://evil")`);
	});

	it('campaign download: the CSVs parse and neutralise formulas', () => {
		const users = parse(file(result.output('Campaign Files', 0), 'june-campaigns-User.csv'), {
			bom: true,
		}) as string[][];
		expect(users[0]).toEqual(['id', 'name']);
		expect(users.find((row) => row[0] === 'b@x.io')![1]).toBe(`'=HYPERLINK("http://evil")`);
	});

	it('campaign download: the HTML report is well-formed with the funnel and daily charts', () => {
		const root = parseStrict(
			file(result.output('Campaign Files', 0), 'june-campaigns.html').toString('utf8'),
		);
		const charts = findAll(root, byClass('svg', 'chart')).map((svg) => svg.attributes.id);
		expect(charts).toEqual(['campaign-funnel', 'daily-results', 'engagement-rates']);
		expect(findAll(root, byClass('rect', 'bar')).length).toBe(4 * 2 + 3);
	});

	it('routes the unreadable event to the output as an error item under Continue On Fail', () => {
		const errors = result
			.output('Campaign Files', 0)
			.filter((item) => item.json.error !== undefined);
		expect(errors).toHaveLength(1);
	});

	it('emits the audit record on the second output: when, which report, reason, row counts, execution id', () => {
		const [audit] = result.json('Campaign Files', 1);
		expect(audit).toMatchObject({
			action: 'engagementReport.export',
			executionId: expect.any(String),
			workflowName: 'report-files',
			node: 'Campaign Files',
			report: 'campaign',
			reason: 'Monthly review',
			protected: false,
			rowCounts: { Campaign: 2, CampaignUser: 5, User: 3 },
			campaignIds: ['c1', 'c2'],
			period: { preset: 'custom', timezone: 'Europe/Paris' },
		});
		expect(Date.parse(audit.at as string)).toBeGreaterThan(Date.now() - 60_000);
		expect(String((audit.period as { from: string }).from)).toMatch(/^2024-06-01T00:00:00/);
		expect(result.outputCount('Campaign Files')).toBe(2);
	});

	it('protected download: one AES-256 ZIP that zip.js opens with the credential password only', async () => {
		const items = result
			.output('Protected Download', 0)
			.filter((item) => item.binary !== undefined);
		expect(items.map((item) => [item.json.fileName, item.binary!.data.mimeType])).toEqual([
			['june-messages.zip', 'application/zip'],
		]);
		const archive = file(items, 'june-messages.zip');
		const entries = await readZipWithZipJs(archive, PASSWORD);
		expect(entries.map((entry) => entry.name)).toEqual([
			'june-messages.xlsx',
			'june-messages-OneTimeMsg.csv',
			'june-messages-OneTimeMsgUser.csv',
			'june-messages-User.csv',
			'june-messages.html',
		]);
		expect(entries.every((entry) => entry.encrypted)).toBe(true);
		const book = await readXlsxWithExcelJs(entries[0].data);
		expect(book.worksheets.map((sheet) => sheet.name)).toEqual([
			'OneTimeMsg',
			'OneTimeMsgUser',
			'User',
		]);
		expect(book.getWorksheet('OneTimeMsg')!.rowCount).toBe(2); // only c1, as asked
		await expect(readZipWithZipJs(archive, 'not-the-password')).rejects.toThrow(/password/i);
		const [audit] = result.json('Protected Download', 1);
		expect(audit).toMatchObject({
			report: 'oneTimeMessage',
			reason: 'Audit request #42',
			protected: true,
			encryption: 'AES-256 (WinZip AE-2)',
			campaignIds: ['c1'],
			contents: entries.map((entry) => entry.name),
			rowCounts: { OneTimeMsg: 1, OneTimeMsgUser: 3, User: 3 },
		});
		expect(JSON.stringify(result.run.data.resultData.runData)).not.toContain(PASSWORD);
	});

	it('scores files: a workbook of scores and bands, and an HTML band chart, from Score Contacts output', async () => {
		const items = result.output('Scores Files', 0);
		expect(items.map((item) => item.json.fileName)).toEqual([
			'scores.xlsx',
			'scores.html',
			undefined,
		]);
		// Score Contacts passed its error item (the unreadable event) on; it comes back out as an error item
		expect(String(items[2].json.error)).toMatch(/contactId/);
		const book = await readXlsxWithExcelJs(file(items, 'scores.xlsx'));
		expect(book.worksheets.map((sheet) => sheet.name)).toEqual(['Scores', 'Bands']);
		const scored = result.json('Score Contacts', 0).filter((row) => row.contactId !== undefined);
		expect(book.getWorksheet('Scores')!.rowCount).toBe(scored.length + 1);
		const root = parseStrict(file(items, 'scores.html').toString('utf8'));
		const bars = findAll(root, byClass('rect', 'bar'));
		expect(bars.length).toBe(book.getWorksheet('Bands')!.rowCount - 1);
		expect(result.json('Scores Files', 1)[0]).toMatchObject({
			report: 'scores',
			reason: 'Weekly scoring',
		});
	});
});

describe('Build Report › Export Files refusals', () => {
	it('refuses to export without a reason', async () => {
		const run = await harness.run(loadFixture('report-files.workflow.json'), {
			parameters: { 'Scores Files': { reason: '  ' } },
			credentials: { engagementReportPasswordApi: { password: PASSWORD } },
		});
		expect(run.error?.message).toMatch(/reason is required/i);
	});

	it('refuses a password shorter than 8 characters', async () => {
		const run = await harness.run(loadFixture('report-files.workflow.json'), {
			credentials: { engagementReportPasswordApi: { password: 'short' } },
		});
		// Continue On Fail passes the input on; the node's error is on its run
		const task = run.run.data.resultData.runData['Protected Download'][0];
		expect(task.error?.message).toMatch(/at least 8 characters/);
		expect(run.output('Protected Download', 0).some((item) => item.binary !== undefined)).toBe(
			false,
		);
	});
});

describe('Build Report › Export Files (Scores) reads the band and contact fields it is told to', () => {
	/** Scored contacts (Source) → Assign Band (writing its band to `segment`) → Export Files (Scores), CSV only. */
	const segmentWorkflow = (
		items: IDataObject[],
		exportParameters: INodeParameters,
	): WorkflowFixture => {
		const workflow = sourceThenNode(items, 'Assign Band', 'assignBand', {
			operation: 'assign',
			method: 'thresholds',
			routing: 'singleOutput',
			thresholdBands: {
				bands: [
					{ name: 'Cold', min: '', max: '0.2' },
					{ name: 'Warm', min: '0.2', max: '0.6' },
					{ name: 'Hot', min: '0.6', max: '1' },
				],
			},
			options: { bandField: 'segment' },
		});
		workflow.nodes.push({
			...workflow.nodes[1],
			id: '3',
			name: 'Scores Files',
			type: `${PACKAGE}.buildReport`,
			position: [400, 0],
			parameters: {
				operation: 'exportFiles',
				content: 'scores',
				formats: ['csv'],
				fileName: 'segments',
				reason: 'Segment review',
				...exportParameters,
			},
		});
		workflow.connections['Assign Band'] = {
			main: [[{ node: 'Scores Files', type: 'main', index: 0 }]],
		};
		return workflow;
	};
	const csv = (run: WorkflowResult, fileName: string) =>
		parse(file(run.output('Scores Files', 0), fileName), { bom: true }) as string[][];
	// Score Contacts' model band (`band`) disagrees with the band Assign Band writes to `segment`.
	const scored: IDataObject[] = [
		{ contactId: 'a', score: 0.1, band: 'High', asOf: '2024-06-30' },
		{ contactId: 'b', score: 0.7, band: 'Low', asOf: '2024-06-30' },
		{ contactId: 'c', score: 0.9, band: 'Low', asOf: '2024-06-30' },
	];

	it("after Assign Band with Band Field segment, Band Field segment exports Assign Band's bands, not the model's", async () => {
		const run = await harness.run(segmentWorkflow(scored, { bandField: 'segment' }));
		expect(run.error).toBeUndefined();
		const scores = csv(run, 'segments-Scores.csv');
		const column = scores[0].indexOf('band');
		expect(scores.slice(1).map((row) => [row[0], row[column]])).toEqual([
			['a', 'Cold'],
			['b', 'Hot'],
			['c', 'Hot'],
		]);
		expect(
			csv(run, 'segments-Bands.csv')
				.slice(1)
				.map((row) => row.slice(0, 2)),
		).toEqual([
			['Cold', '1'],
			['Hot', '2'],
		]);
	});

	it("the defaults are unchanged: without Band Field the model's band field `band` is exported", async () => {
		const run = await harness.run(segmentWorkflow(scored, {}));
		const scores = csv(run, 'segments-Scores.csv');
		const column = scores[0].indexOf('band');
		expect(scores.slice(1).map((row) => row[column])).toEqual(['High', 'Low', 'Low']);
	});

	it('Contact ID Field reads the contact from another (nested) field; a missing band names the Band Field', async () => {
		const items: IDataObject[] = [
			{ user: { email: 'a@x.io' }, score: 0.1, asOf: '2024-06-30' },
			{ user: { email: 'b@x.io' }, score: 0.7, asOf: '2024-06-30' },
		];
		const run = await harness.run(
			segmentWorkflow(items, { contactIdField: 'user.email', bandField: 'segment' }),
		);
		expect(
			csv(run, 'segments-Scores.csv')
				.slice(1)
				.map((row) => row[0]),
		).toEqual(['a@x.io', 'b@x.io']);
		const missing = await harness.run(
			segmentWorkflow(items, { contactIdField: 'user.email', bandField: 'tier' }),
		);
		expect(missing.error?.message).toMatch(/tier/);
		const noContact = await harness.run(segmentWorkflow(items, { bandField: 'segment' }));
		expect(noContact.error?.message).toMatch(/contactId/);
	});
});

describe("Build Report › Export Files (Scores) leaves out Score Contacts' account summary item", () => {
	it('the item marked accountSummary: true is no contact: not in the files, not an error', async () => {
		const items: IDataObject[] = [
			{ contactId: 'a', score: 0.4, band: 'Medium', asOf: '2024-06-30' },
			{ contactId: 'b', score: 0, band: 'No engagement', asOf: '2024-06-30' },
			{ accountSummary: true, model: 'decay', asOf: '2024-06-30', contacts: 2, averageScore: 0.2 },
		];
		const run = await harness.run(
			sourceThenNode(items, 'Scores Files', 'buildReport', {
				operation: 'exportFiles',
				content: 'scores',
				formats: ['csv'],
				fileName: 'scores',
				reason: 'Weekly scoring',
			}),
		);
		expect(run.error).toBeUndefined();
		const files = run.output('Scores Files', 0);
		expect(files.every((item) => item.json.error === undefined)).toBe(true);
		const scores = parse(file(files, 'scores-Scores.csv'), { bom: true }) as string[][];
		expect(scores.slice(1).map((row) => row[0])).toEqual(['a', 'b']);
		const bands = parse(file(files, 'scores-Bands.csv'), { bom: true }) as string[][];
		expect(bands.slice(1).map((row) => row.slice(0, 2))).toEqual([
			['Medium', '1'],
			['No engagement', '1'],
		]);
		expect(files[0].pairedItem).toEqual([{ item: 0 }, { item: 1 }]);
	});
});
