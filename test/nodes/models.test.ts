/**
 * Every seed model through the engine: Events → Score Contacts → Assign Band (one output per model band) and
 * Build Report (band distribution). Fixture: workflows/model-pipeline.workflow.json; the events and the model are set
 * per test. Items use the event schema's own field names, so the mapping defaults are exercised too.
 * Expected bands follow DESIGN.md's reading of each seed, worked by hand for 30 June 2024 12:00 UTC.
 */
import type { IDataObject, INodeParameters, NodeOperationError } from 'n8n-workflow';

import { createHarness, loadFixture } from './harness';
import type { Harness, WorkflowResult } from './harness';

const fixture = loadFixture('model-pipeline.workflow.json');
let harness: Harness;

beforeAll(() => {
	harness = createHarness();
});
afterAll(() => harness.close());

type Event = IDataObject & { contactId: string; type: string; timestamp: string };

function ev(contactId: string, type: string, day: string, extra: IDataObject = {}): Event {
	return { contactId, type, timestamp: `2024-${day}T09:00:00Z`, ...extra };
}

async function runModel(
	model: string,
	events: Event[],
	parameters: INodeParameters = {},
): Promise<WorkflowResult> {
	const result = await harness.run(fixture, {
		parameters: {
			Events: { items: JSON.stringify(events) },
			'Score Contacts': { model, ...parameters },
			'Route by Band': { model },
			'Band Distribution': { model },
		},
	});
	expect(result.error).toBeUndefined();
	return result;
}

/** contactId → band, as routed: the output an item leaves on must be named after its band. */
function routedBands(result: WorkflowResult): Record<string, string> {
	const names = result.outputNames('Route by Band');
	const bands: Record<string, string> = {};
	names.forEach((name, output) => {
		for (const item of result.json('Route by Band', output)) {
			expect(item.band).toBe(name);
			bands[item.contactId as string] = name;
		}
	});
	return bands;
}

function counts(result: WorkflowResult): Array<[unknown, unknown]> {
	return result.json('Band Distribution').map((row) => [row.band, row.count]);
}

test('clickShare: stars from the share of broadcast campaigns clicked, automation excluded', async () => {
	const sends = (who: string) =>
		['b1', 'b2', 'b3'].map((c, k) => ev(who, 'sent', `06-0${k + 1}`, { campaignId: c }));
	const click = (who: string, campaignId: string, campaignKind = 'broadcast') =>
		ev(who, 'click', '06-05', { campaignId, campaignKind });
	const events = [
		...['p', 'q', 'r', 's', 't'].flatMap(sends),
		ev('t', 'sent', '06-04', { campaignId: 'a1', campaignKind: 'automation' }),
		click('p', 'b1'),
		click('p', 'b2'),
		click('p', 'b3'),
		click('q', 'b2'),
		click('s', 'b1'),
		click('s', 'b3'),
		click('t', 'b1'),
		click('t', 'a1', 'automation'),
	];
	const result = await runModel('clickShare', events);
	expect(result.outputNames('Route by Band')).toEqual([
		'0 stars',
		'1 star',
		'2 stars',
		'3 stars',
		'4 stars',
		'5 stars',
	]);
	// 3 broadcasts: 3/3 → 5, 1 → 1 star, 0 → 0, 2/3 ≥ 0.6 → 4; t's automation click does not count (else 2/4 → 3).
	expect(routedBands(result)).toEqual({
		p: '5 stars',
		q: '1 star',
		r: '0 stars',
		s: '4 stars',
		t: '1 star',
	});
	expect(result.json('Score Contacts', 1)[0].totalCampaigns).toBe(3);
	expect(counts(result)).toEqual([
		['0 stars', 1],
		['1 star', 2],
		['2 stars', 0],
		['3 stars', 0],
		['4 stars', 1],
		['5 stars', 1],
	]);
});

test('clickShare: Total Campaigns overrides the denominator', async () => {
	const events = [
		ev('p', 'sent', '06-01', { campaignId: 'b1' }),
		ev('p', 'click', '06-01', { campaignId: 'b1' }),
		ev('p', 'click', '06-02', { campaignId: 'b2' }),
	];
	// 2 of 10 → share 0.2 → 2 stars (with the data's 1 campaign it would be 5).
	const result = await runModel('clickShare', events, { totalCampaigns: 10 });
	expect(routedBands(result)).toEqual({ p: '2 stars' });
});

test('recency: levels by calendar days since the last active interaction; opens are not active; blocked is Level 1', async () => {
	const events = [
		ev('x', 'interaction', '06-20'),
		ev('u', 'interaction', '05-31'), // 30 days before 30 June: Level 3
		ev('t', 'interaction', '05-30'), // 31 days: Level 2
		ev('y', 'click', '05-15', { campaignId: 'b1' }),
		ev('z', 'subscribe', '01-01'),
		ev('w', 'interaction', '06-25'),
		ev('w', 'block', '06-26'),
		ev('v', 'open', '06-29', { campaignId: 'b1' }),
	];
	const result = await runModel('recency', events);
	expect(result.outputNames('Route by Band')).toEqual(['Level 3', 'Level 2', 'Level 1']);
	expect(routedBands(result)).toEqual({
		x: 'Level 3',
		u: 'Level 3',
		t: 'Level 2',
		y: 'Level 2',
		z: 'Level 1',
		w: 'Level 1',
		v: 'Level 1',
	});
	expect(result.json('Score Contacts').find((c) => c.contactId === 'x')?.score).toBe(3);
});

test('recency: the Level 3 limit is a node parameter', async () => {
	const result = await runModel('recency', [ev('x', 'interaction', '06-20')], { level3Days: 7 });
	expect(routedBands(result)).toEqual({ x: 'Level 2' });
});

test('recency5: purchases and deep browses are Level 5, frequent visits Level 4, active with a click Level 3', async () => {
	const events = [
		ev('a', 'purchase', '06-20', { value: 30 }),
		ev('b', 'web_visit', '06-15', { value: 7 }),
		ev('c', 'web_visit', '06-01', { value: 1 }),
		ev('c', 'web_visit', '06-05', { value: 1 }),
		ev('c', 'web_visit', '06-10', { value: 1 }),
		ev('d', 'interaction', '06-25'),
		ev('d', 'click', '06-25', { campaignId: 'b1' }),
		ev('e', 'interaction', '06-25'),
		ev('f', 'subscribe', '01-01'),
	];
	const result = await runModel('recency5', events);
	expect(result.outputNames('Route by Band')).toEqual([
		'Level 5',
		'Level 4',
		'Level 3',
		'Level 2',
		'Level 1',
	]);
	expect(routedBands(result)).toEqual({
		a: 'Level 5',
		b: 'Level 5',
		c: 'Level 4',
		d: 'Level 3',
		e: 'Level 2',
		f: 'Level 1',
	});
});

test('lifecycle: clusters from thresholds derived from the data, reported in the account summary', async () => {
	const weeks = [...Array(12).keys()];
	const day = (week: number) => {
		const date = new Date(Date.UTC(2024, 3, 7 + 7 * week)); // Sundays from 7 April to 23 June
		return date.toISOString().slice(5, 10);
	};
	const events: Event[] = [];
	for (const who of ['k1', 'k2', 'k3', 'k4']) {
		for (const week of weeks) events.push(ev(who, 'sent', day(week), { campaignId: `w${week}` }));
	}
	for (const week of weeks) events.push(ev('k1', 'open', day(week), { campaignId: `w${week}` }));
	events.push(ev('k2', 'open', day(0), { campaignId: 'w0' }));
	events.push(
		ev('k5', 'sent', day(0), { campaignId: 'w0' }),
		ev('k5', 'sent', day(1), { campaignId: 'w1' }),
	);
	const result = await runModel('lifecycle', events);
	expect(result.outputNames('Route by Band')).toEqual([
		'Engaged',
		'Active new',
		'Interested',
		'Dormant',
		'Disengaged',
		'Inactive new',
		'Inactive',
		'Off',
	]);
	const bands = routedBands(result);
	expect(Object.keys(bands).sort()).toEqual(['k1', 'k2', 'k3', 'k4', 'k5']);
	// k5 got nothing after the second week: "not been contacted recently".
	expect(bands.k5).toBe('Off');
	// k1 opened every weekly send, the latest a week ago.
	expect(bands.k1).toBe('Engaged');
	const [account] = result.json('Score Contacts', 1);
	expect(JSON.stringify(account)).toMatch(/sendIntervalDays/);
	expect(JSON.stringify(account)).toMatch(/"value":7\b/);
});

test('lifecycle: a threshold fixed in the node replaces the derived one', async () => {
	const events = [
		ev('k1', 'sent', '06-23', { campaignId: 'w1' }),
		ev('k1', 'sent', '06-16', { campaignId: 'w0' }),
		ev('k1', 'open', '06-23', { campaignId: 'w1' }),
	];
	const result = await runModel('lifecycle', events, {
		lifecycleSettings: { contactedWithinDays: 2 },
	});
	// The last send was 7 days ago; contacted within 2 days only → Off.
	expect(routedBands(result)).toEqual({ k1: 'Off' });
});

describe('time zone and kept fields', () => {
	// 20:00 UTC on 30 May is 05:00 on 31 May in Tokyo: 31 calendar days before 30 June in UTC, 30 in Tokyo.
	const lateEvening = [ev('x', 'interaction', '05-30', { timestamp: '2024-05-30T20:00:00Z' })];

	test('calendar days are counted in the Time Zone parameter', async () => {
		expect(routedBands(await runModel('recency', lateEvening))).toEqual({ x: 'Level 2' });
		expect(routedBands(await runModel('recency', lateEvening, { timezone: 'Asia/Tokyo' }))).toEqual(
			{
				x: 'Level 3',
			},
		);
	});

	test("an empty Time Zone means the workflow's time zone", async () => {
		const result = await harness.run(fixture, {
			parameters: {
				Events: { items: JSON.stringify(lateEvening) },
				'Score Contacts': { model: 'recency', timezone: '' },
				'Route by Band': { model: 'recency' },
				'Band Distribution': { model: 'recency' },
			},
			settings: { timezone: 'Asia/Tokyo' },
		});
		expect(routedBands(result)).toEqual({ x: 'Level 3' });
		expect(result.json('Score Contacts')[0].asOf).toBe('2024-06-30T21:00:00.000+09:00');
	});

	test("Keep Contact Fields copies from the contact's latest event by time, not by item order", async () => {
		const events = [
			ev('x', 'interaction', '06-20', { email: 'new@x.io', crmId: 7 }),
			ev('x', 'interaction', '06-01', { email: 'old@x.io', crmId: 7, note: 'only here' }),
		];
		const result = await runModel('recency', events, {
			options: { keepContactFields: 'email, crmId, note' },
		});
		expect(result.json('Score Contacts')[0]).toMatchObject({
			contactId: 'x',
			email: 'new@x.io',
			crmId: 7,
		});
		expect(result.json('Score Contacts')[0]).not.toHaveProperty('note');
		expect(result.output('Score Contacts')[0].pairedItem).toEqual([{ item: 0 }, { item: 1 }]);
	});

	test('the account summary as the last item (marked, and left out by Assign Band: not a contact)', async () => {
		const result = await harness.run(fixture, {
			parameters: {
				Events: { items: JSON.stringify(lateEvening) },
				'Score Contacts': { model: 'recency', options: { accountSummary: 'lastItem' } },
				'Route by Band': { model: 'recency' },
			},
		});
		expect(result.error).toBeUndefined();
		expect(result.outputNames('Score Contacts')).toEqual(['main']);
		const items = result.json('Score Contacts');
		expect(items.map((item) => item.contactId ?? 'summary')).toEqual(['x', 'summary']);
		expect(items[1]).toMatchObject({ accountSummary: true, model: 'recency', contacts: 1 });
		expect(Object.values(routedBands(result))).toHaveLength(1);
		expect(routedBands(result)).toHaveProperty('x');
	});
});

test('a misspelt name in Additional Model Parameters fails before any input is read, listing the parameters', async () => {
	const result = await harness.run(fixture, {
		parameters: {
			Events: { items: JSON.stringify([ev('p', 'sent', '06-01', { campaignId: 'b1' })]) },
			'Score Contacts': { model: 'decay', options: { modelParameters: '{"minEvent": 3}' } },
			'Route by Band': { model: 'decay' },
			'Band Distribution': { model: 'decay' },
		},
	});
	expect(result.error?.message).toMatch(
		/^Additional Model Parameters: field "minEvent": is not a parameter of the decay model.*minEvents/,
	);
});

test('a model parameter the model refuses is named as the panel shows it, not by its library name', async () => {
	const result = await harness.run(fixture, {
		parameters: {
			Events: { items: JSON.stringify([ev('p', 'interaction', '06-01')]) },
			'Score Contacts': { model: 'recency', level3Days: 100, level2Days: 50 },
			'Route by Band': { model: 'recency' },
			'Band Distribution': { model: 'recency' },
		},
	});
	expect(result.error?.message).toMatch(/^Level 2 Within \(Days\): must be a number ≥ 100, got 50/);
	expect((result.error as NodeOperationError | undefined)?.description).toBe(
		'Check the setting "Level 2 Within (Days)"',
	);
});
