/**
 * Assign Band's methods through the engine: Contacts (scored items) → Assign Band, with Continue On Fail to the error
 * output. Fixture: workflows/assign-band.workflow.json (fixed thresholds Cold < 0.2 ≤ Warm < 0.6 ≤ Hot ≤ 1, one output
 * per band); each test sets the items and overrides parameters.
 */
import type {
	IDataObject,
	ILoadOptionsFunctions,
	INodeParameters,
	NodeOperationError,
} from 'n8n-workflow';

import { bandLabels } from '../../lib/bands';
import type { BandMethod } from '../../lib/bands';
import { AssignBand } from '../../nodes/AssignBand/AssignBand.node';
import { createHarness, loadFixture } from './harness';
import type { Harness, RunOverrides, WorkflowResult } from './harness';

const fixture = loadFixture('assign-band.workflow.json');
let harness: Harness;

beforeAll(() => {
	harness = createHarness();
});
afterAll(() => harness.close());

async function assign(
	items: IDataObject[],
	parameters: INodeParameters = {},
	nodes: RunOverrides['nodes'] = {},
): Promise<WorkflowResult> {
	return await harness.run(fixture, {
		parameters: { Contacts: { items: JSON.stringify(items) }, 'Assign Band': parameters },
		nodes,
	});
}

/** Scores as a Score Contacts item may carry them: a number, empty (null) or bad text. */
const scored = (...scores: Array<number | string | null>) =>
	scores.map((score, k) => ({ contactId: `c${k}`, score }));

/** Per output name, the contact ids routed there. */
function routed(result: WorkflowResult, node = 'Assign Band'): Record<string, unknown[]> {
	const byName: Record<string, unknown[]> = {};
	result.outputNames(node).forEach((name, output) => {
		byName[name] = result.json(node, output).map((item) => item.contactId ?? item.error);
	});
	return byName;
}

describe('fixed thresholds', () => {
	test('each score goes to the output of its range; the top band includes its max; empty scores are Null; bad ones go to the error output', async () => {
		const result = await assign(scored(0.1, 0.2, 0.59, 0.6, 1, null, 'abc', 1.5));
		expect(result.outputNames('Assign Band')).toEqual(['Cold', 'Warm', 'Hot', 'Null', 'Error']);
		const byOutput = routed(result);
		expect(byOutput.Cold).toEqual(['c0']);
		expect(byOutput.Warm).toEqual(['c1', 'c2']);
		expect(byOutput.Hot).toEqual(['c3', 'c4']);
		expect(byOutput.Null).toEqual(['c5']);
		const errors = result.output('Assign Band', 4);
		expect(errors.map((item) => item.pairedItem)).toEqual([{ item: 6 }, { item: 7 }]);
		expect(errors[0].json.error).toMatch(/abc/);
		expect(errors[1].json.error).toMatch(/1\.5 is outside every band/);
		expect(result.output('Assign Band', 2).map((item) => item.pairedItem)).toEqual([
			{ item: 3 },
			{ item: 4 },
		]);
	});

	test('the output names are the labels the library gives the same method', async () => {
		const method: BandMethod = {
			method: 'thresholds',
			bands: [
				{ name: 'Cold', max: 0.2 },
				{ name: 'Warm', min: 0.2, max: 0.6 },
				{ name: 'Hot', min: 0.6, max: 1 },
			],
			fallback: 'Other',
			nullBand: 'Unknown',
		};
		const result = await assign(scored(0.3), { fallbackBand: 'Other', nullBand: 'Unknown' });
		expect(result.outputNames('Assign Band')).toEqual([...bandLabels(method), 'Error']);
		expect(result.outputNames('Assign Band')).toEqual([
			'Cold',
			'Warm',
			'Hot',
			'Other',
			'Unknown',
			'Error',
		]);
	});

	test('with a fallback band, scores outside every range go there instead of failing', async () => {
		// Cold has no lower limit, so -1 is Cold; 1.5 is above Hot's max.
		const result = await assign(scored(1.5, -1), { fallbackBand: 'Other' });
		expect(routed(result)).toMatchObject({ Other: ['c0'], Cold: ['c1'], Error: [] });
	});

	test('without Continue On Fail a bad score stops the node, naming the item and the score field', async () => {
		const result = await assign(
			scored(0.1, 'abc'),
			{},
			{ 'Assign Band': { onError: 'stopWorkflow' } },
		);
		const error = result.error as NodeOperationError;
		expect(error.context.itemIndex).toBe(1);
		expect(error.description).toMatch(/field "score" of item 1/);
	});

	test('overlapping ranges are a setting error that names the bands', async () => {
		const result = await assign(scored(0.1), {
			thresholdBands: {
				bands: [
					{ name: 'A', min: '0', max: '0.5' },
					{ name: 'B', min: '0.4', max: '1' },
				],
			},
		});
		expect(result.error?.message).toMatch(/"A".*"B".*overlap/);
	});
});

describe('quantiles', () => {
	test('the top 20 % are VIP, the next 30 % Regular, the rest fall back; ties never split', async () => {
		const result = await assign(scored(10, 9, 8, 7, 6, 5, 4, 3, 2, 1), {
			method: 'quantiles',
			routing: 'singleOutput',
			quantileBands: {
				bands: [
					{ name: 'VIP', topPercent: 20 },
					{ name: 'Regular', topPercent: 30 },
				],
			},
			fallbackBand: 'Rest',
		});
		expect(result.json('Assign Band').map((item) => item.band)).toEqual([
			'VIP',
			'VIP',
			'Regular',
			'Regular',
			'Regular',
			'Rest',
			'Rest',
			'Rest',
			'Rest',
			'Rest',
		]);
	});
});

describe('relative to average', () => {
	test('Low below 0.5 × the average of the items, High above 1.5 ×, the edges Medium', async () => {
		// Average (0.5 + 2 + 3.5 + 2) / 4 = 2: Low < 1, High > 3.
		const result = await assign(scored(0.5, 2, 3.5, 2, 0, null), { method: 'relativeToAverage' });
		// 0 and null count in neither the average nor Low: 0 is "No engagement", null "Null".
		expect(result.outputNames('Assign Band')).toEqual([
			'Null',
			'No engagement',
			'Low',
			'Medium',
			'High',
			'Error',
		]);
		expect(routed(result)).toMatchObject({
			Null: ['c5'],
			'No engagement': ['c4'],
			Low: ['c0'],
			Medium: ['c1', 'c3'],
			High: ['c2'],
		});
	});

	test('a fixed average and renamed bands name the outputs', async () => {
		const result = await assign(scored(0.1, 0.2, 0.6, 0.61, null), {
			method: 'relativeToAverage',
			averageFrom: 'value',
			average: 0.4,
			labels: { null: 'Unknown', high: 'Champions' },
		});
		expect(result.outputNames('Assign Band')).toEqual([
			'Unknown',
			'No engagement',
			'Low',
			'Medium',
			'Champions',
			'Error',
		]);
		expect(routed(result)).toMatchObject({
			Low: ['c0'],
			Medium: ['c1', 'c2'],
			Champions: ['c3'],
			Unknown: ['c4'],
		});
	});
});

describe('relative to average: a fixed average that is missing or 0', () => {
	test('an empty fixed average (an expression that found nothing) stops the run, naming Average', async () => {
		const result = await assign(scored(0.1, 0.5), {
			method: 'relativeToAverage',
			averageFrom: 'value',
			average: '={{ $json.nothing }}',
		});
		expect(result.error?.message).toMatch(/Average.*is empty/);
	});

	test('a fixed average of 0 while an item scores above 0 stops the run (every score would be High)', async () => {
		const result = await assign(scored(0, 0.5), {
			method: 'relativeToAverage',
			averageFrom: 'value',
			average: 0,
		});
		expect(result.error?.message).toMatch(/is 0 while item 1 scores 0.5/);
		const allZero = await assign(scored(0, null), {
			method: 'relativeToAverage',
			averageFrom: 'value',
			average: 0,
		});
		expect(routed(allZero)).toMatchObject({ 'No engagement': ['c0'], Null: ['c1'] });
	});

	test('errors name an expression Score Field as such, not its value for item 0', async () => {
		const result = await assign(
			[
				{ contactId: 'a', p: { s: 0.4 } },
				{ contactId: 'b', p: { s: 'high' } },
			],
			{ method: 'relativeToAverage', scoreField: '={{ $json.p.s }}' },
		);
		const errors = result.output('Assign Band', result.outputNames('Assign Band').indexOf('Error'));
		expect(errors).toHaveLength(1);
		expect(String(errors[0].json.error)).toMatch(/Score Field \(expression\)/);
		expect(String(errors[0].json.error)).not.toMatch(/"0.4"/);
	});
});

describe('Ometria (seed 004): unengaged contacts that start engaging are transferred to the low engagement band', () => {
	const contacts = [
		{ contactId: 'woke up', score: 0.9, crm: 'No engagement' },
		{ contactId: 'still asleep', score: 0, crm: 'No engagement' },
		{ contactId: 'regular', score: 0.9, crm: 'Medium' },
	];

	test('relative to average, with the previous band from the CRM: Low for this run', async () => {
		const result = await assign(contacts, {
			method: 'relativeToAverage',
			averageFrom: 'value',
			average: 0.4,
			previousBandField: 'crm',
		});
		expect(routed(result)).toMatchObject({
			Low: ['woke up'],
			'No engagement': ['still asleep'],
			High: ['regular'],
		});
	});

	test("the decay model's bands alike, and the option turns it off", async () => {
		const decayContacts = [
			{ contactId: 'woke up', band: 'High', previousBand: 'No engagement' },
			{ contactId: 'regular', band: 'High', previousBand: 'Medium' },
		];
		const on = await assign(decayContacts, { method: 'model', model: 'decay' });
		expect(routed(on)).toMatchObject({ Low: ['woke up'], High: ['regular'] });
		const off = await assign(decayContacts, {
			method: 'model',
			model: 'decay',
			options: { reengagedToLow: false },
		});
		expect(routed(off)).toMatchObject({ Low: [], High: ['woke up', 'regular'] });
	});
});

test("Score Contacts' account summary item (accountSummary: true, As the Last Item) is left out: no band, not in the average", async () => {
	const summary = { accountSummary: true, model: 'decay', averageScore: 0.3, contacts: 2 };
	const byModel = await assign([{ contactId: 'a', band: 'High' }, summary], {
		method: 'model',
		model: 'decay',
		routing: 'singleOutput',
	});
	expect(byModel.error).toBeUndefined();
	expect(byModel.json('Assign Band').map((item) => item.contactId)).toEqual(['a']);
	const byAverage = await assign([...scored(0.1, 0.5), { ...summary, score: 100 }], {
		method: 'relativeToAverage',
	});
	expect(routed(byAverage)).toMatchObject({ Low: ['c0'], High: ['c1'], Null: [] });
});

describe("the model's band, previous band and changes", () => {
	const contacts = [
		{ contactId: 'a', band: 'High', crm: { band: 'High' } },
		{ contactId: 'b', band: 'Low', crm: { band: 'Medium' } },
		{ contactId: 'c', band: 'Medium', crm: {} },
	];

	test('previousBand read with an expression per item; changed set; Only Changed Contacts drops the unchanged', async () => {
		const result = await assign(contacts, {
			method: 'model',
			model: 'decay',
			routing: 'singleOutput',
			previousBandField: '={{ $json.crm.band }}',
			options: { onlyChanged: true },
		});
		expect(
			result.json('Assign Band').map((c) => [c.contactId, c.band, c.previousBand, c.changed]),
		).toEqual([
			['b', 'Low', 'Medium', true],
			['c', 'Medium', null, true],
		]);
		expect(result.output('Assign Band').map((item) => item.pairedItem)).toEqual([
			{ item: 1 },
			{ item: 2 },
		]);
	});

	test('a nested previous band field path and a custom output field', async () => {
		const result = await assign(contacts, {
			method: 'model',
			model: 'decay',
			routing: 'singleOutput',
			previousBandField: 'crm.band',
			options: { bandField: 'engagementBand' },
		});
		expect(result.json('Assign Band').map((c) => [c.engagementBand, c.changed])).toEqual([
			['High', false],
			['Low', true],
			['Medium', true],
		]);
	});

	test('Only Bands keeps the chosen bands', async () => {
		const result = await assign(contacts, {
			method: 'model',
			model: 'decay',
			routing: 'singleOutput',
			options: { onlyBands: ['Low', 'Medium'] },
		});
		expect(result.json('Assign Band').map((c) => c.contactId)).toEqual(['b', 'c']);
	});

	test("a band that is not the model's goes to the error output", async () => {
		const result = await assign([{ contactId: 'x', band: '5 stars' }], {
			method: 'model',
			model: 'decay',
			routing: 'outputPerBand',
		});
		const errors = result.output('Assign Band', result.outputNames('Assign Band').indexOf('Error'));
		expect(errors).toHaveLength(1);
		expect(errors[0].json.error).toMatch(/"5 stars" is not a band of the decay model/);
	});

	test("with a single output too, a band that is not the model's goes to the error output", async () => {
		const result = await assign(
			[
				{ contactId: 'x', band: '5 stars' },
				{ contactId: 'y', band: 'High' },
			],
			{ method: 'model', model: 'decay', routing: 'singleOutput' },
		);
		expect(result.json('Assign Band').map((item) => item.contactId)).toEqual(['y']);
		const errors = result.output('Assign Band', result.outputNames('Assign Band').indexOf('Error'));
		expect(errors.map((item) => item.json.error)).toEqual([
			expect.stringMatching(/"5 stars" is not a band of the decay model/),
		]);
	});
});

test('the band names offered under Only Bands follow the current settings', async () => {
	const node = new AssignBand();
	const context = (parameters: INodeParameters) =>
		({ getCurrentNodeParameters: () => parameters }) as unknown as ILoadOptionsFunctions;
	const names = async (parameters: INodeParameters) =>
		(await node.methods.loadOptions.getBandNames.call(context(parameters))).map(
			(option) => option.value,
		);
	expect(await names({ method: 'model', model: 'recency' })).toEqual([
		'Level 3',
		'Level 2',
		'Level 1',
	]);
	expect(
		await names({
			method: 'quantiles',
			quantileBands: { bands: [{ name: 'VIP', topPercent: 10 }] },
			fallbackBand: 'Rest',
		}),
	).toEqual(['VIP', 'Rest', 'Null']);
});
