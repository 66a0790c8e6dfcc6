/**
 * Score Contacts → Sunset through the engine (issue 9): a workflow produces a sunset list with a reason per contact,
 * or only the dry-run summary, paired with the input items. Fixture: workflows/sunset.workflow.json.
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { ScoreContacts } from '../../nodes/ScoreContacts/ScoreContacts.node';
import { createHarness, loadFixture } from './harness';
import type { Harness } from './harness';

const fixture = loadFixture('sunset.workflow.json');
let harness: Harness;

beforeAll(() => {
	harness = createHarness();
});
afterAll(() => harness.close());

function sends(contactId: string, count: number): IDataObject[] {
	return Array.from({ length: count }, (_, i) => ({
		contactId,
		type: 'sent',
		timestamp: `2024-05-${String(i + 1).padStart(2, '0')}T09:00:00Z`,
		campaignId: `k${i + 1}`,
	}));
}

const events: IDataObject[] = [
	...sends('never11', 11),
	...sends('never10', 10),
	...sends('dark', 12).map((event) => ({ ...event, tracked: false })),
	...sends('spam', 2),
	{ contactId: 'spam', type: 'complaint', timestamp: '2024-06-01T09:00:00Z' },
];

test('HubSpot graymail preset: one decision per contact with its reason, paired with its events', async () => {
	const result = await harness.run(fixture, {
		parameters: { Events: { items: JSON.stringify(events) } },
	});
	expect(result.error).toBeUndefined();
	const rows = result.json('Sunset');
	expect(rows.map((row) => [row.contactId, row.suppress, row.reason])).toEqual([
		['dark', false, null],
		['never10', false, null],
		['never11', true, 'graymailNeverEngaged'],
		['spam', true, 'complaint'],
	]);
	expect(rows[2].explanation).toBe(
		'Never engaged with any of 11 sends; never engaged limit 11 → Graymail; suppress (graymailNeverEngaged)',
	);
	const pairedOfNever11 = result.output('Sunset')[2].pairedItem as Array<{ item: number }>;
	expect(pairedOfNever11.map((paired) => paired.item)).toEqual([...Array(11).keys()]);
});

test('a misspelt name in Additional Parameters fails before any input is read, listing the parameters', async () => {
	const result = await harness.run(fixture, {
		parameters: {
			Events: { items: JSON.stringify(events) },
			Sunset: { sunsetOptions: { parameters: '{"neverEngagedSend": 5}' } },
		},
	});
	expect(result.error?.message).toMatch(
		/^Additional Parameters: field "neverEngagedSend": is not a parameter of the hubspotGraymail preset.*neverEngagedSends/,
	);
});

test('dry-run summary only, and only the contacts to suppress', async () => {
	const summary = await harness.run(fixture, {
		parameters: {
			Events: { items: JSON.stringify(events) },
			Sunset: { sunsetOptions: { output: 'summary' } },
		},
	});
	expect(summary.json('Sunset')).toEqual([
		expect.objectContaining({
			preset: 'hubspotGraymail',
			dryRun: true,
			contacts: 4,
			suppress: 2,
			keep: 2,
			byReason: {
				graymailNeverEngaged: 1,
				graymailPreviouslyEngaged: 0,
				complaint: 1,
				unsubscribed: 0,
			},
			unknownKept: 1,
		}),
	]);
	const onlySuppressed = await harness.run(fixture, {
		parameters: {
			Events: { items: JSON.stringify(events) },
			Sunset: { sunsetOptions: { output: 'suppress' } },
		},
	});
	expect(onlySuppressed.json('Sunset').map((row) => row.contactId)).toEqual(['never11', 'spam']);
});

test('model bands preset: decay "No engagement"', async () => {
	const result = await harness.run(fixture, {
		parameters: {
			Events: { items: JSON.stringify(sends('cold', 6)) },
			Sunset: { preset: 'bands', sunsetModel: 'decay', suppressBands: 'No engagement, Low' },
		},
	});
	expect(result.error).toBeUndefined();
	expect(result.json('Sunset')).toEqual([
		expect.objectContaining({
			contactId: 'cold',
			suppress: true,
			reason: 'band',
			band: 'No engagement',
		}),
	]);
});

test('model bands preset: a band the model never gives fails before any input is read, naming it and listing the bands', async () => {
	const result = await harness.run(fixture, {
		parameters: {
			// an unreadable event: the band list is checked first
			Events: { items: JSON.stringify([{ contactId: 'x', type: 'processed' }]) },
			Sunset: { preset: 'bands', sunsetModel: 'decay', suppressBands: 'Low, No engagment' },
		},
	});
	expect(result.error?.message).toBe(
		'Bands to Suppress: "No engagment" is not a band of the decay model; its bands: Null, New, No engagement, Low, Medium, High',
	);
	const wrongCase = await harness.run(fixture, {
		parameters: {
			Events: { items: JSON.stringify(sends('cold', 6)) },
			Sunset: { preset: 'bands', sunsetModel: 'recency', suppressBands: 'level 1' },
		},
	});
	expect(wrongCase.error?.message).toMatch(
		/^Bands to Suppress: "level 1" is not a band of the recency model \(did you mean "Level 1"\?\); its bands: Level 3, Level 2, Level 1$/,
	);
});

test('Score: Include Raw Figures, Include Evidence and Machine-Only Opens Are Unknown options', async () => {
	const apple: IDataObject[] = [
		...sends('apple', 6),
		...sends('apple', 6).map((send) => ({ ...send, type: 'open', machine: true })),
	];
	const result = await harness.run(fixture, {
		parameters: {
			Events: { items: JSON.stringify(apple) },
			Sunset: {
				operation: 'score',
				model: 'klaviyoEngagement',
				options: { includeRawFigures: true, includeEvidence: true, machineOpensAsUnknown: true },
			},
		},
	});
	expect(result.error).toBeUndefined();
	const [row] = result.json('Sunset');
	expect(row).toMatchObject({ contactId: 'apple', band: 'Unknown', score: null });
	expect(row.details).toMatchObject({
		raw: { band: 'Neither', opens: 6 },
		filtered: { band: 'Unknown', opens: 0 },
		evidence: { used: { total: 6 }, filteredOut: { total: 6, byReason: { flagged: 6 } } },
	});
});

/** A click 1 s after the delivery from an IP on no list: near the send is its only bot signal. */
const fastClick: IDataObject[] = [
	{ contactId: 'bo', type: 'delivered', timestamp: '2024-06-20T09:00:00Z', campaignId: 'k1' },
	{
		contactId: 'bo',
		type: 'click',
		timestamp: '2024-06-20T09:00:01Z',
		campaignId: 'k1',
		ip: '81.2.69.160',
	},
];

test('Score: Bot Rules fields flag scanner clicks with their reason (2 of 3 signals, before delivery)', async () => {
	const log: IDataObject[] = [
		{ contactId: 'ana', type: 'delivered', timestamp: '2024-06-20T09:00:00Z', campaignId: 'k1' },
		// scanner: 1 s after the delivery, from a listed range
		{
			contactId: 'ana',
			type: 'click',
			timestamp: '2024-06-20T09:00:01Z',
			campaignId: 'k1',
			ip: '40.94.1.1',
		},
		// one signal only (near the send): a fast human, kept
		...fastClick,
		{ contactId: 'cy', type: 'delivered', timestamp: '2024-06-20T09:00:00Z', campaignId: 'k1' },
		// before the delivery
		{ contactId: 'cy', type: 'open', timestamp: '2024-06-20T08:59:00Z', campaignId: 'k1' },
	];
	const result = await harness.run(fixture, {
		parameters: {
			Events: { items: JSON.stringify(log) },
			Sunset: {
				operation: 'score',
				model: 'klaviyoEngagement',
				botRules: {
					beforeDelivery: true,
					sendProximitySeconds: 2,
					scannerIpRanges: '40.94.0.0/15',
					signalsRequired: 2,
				},
				options: { includeEvidence: true },
			},
		},
	});
	expect(result.error).toBeUndefined();
	const rows = Object.fromEntries(result.json('Sunset').map((row) => [row.contactId, row]));
	expect([rows.ana.band, rows.bo.band, rows.cy.band]).toEqual(['Neither', 'Engaged', 'Neither']);
	expect(rows.ana.details).toMatchObject({
		evidence: { filteredOut: { byReason: { signals: 1 } } },
	});
	expect(rows.cy.details).toMatchObject({
		evidence: { filteredOut: { byReason: { beforeDelivery: 1 } } },
	});
});

test('Score: Bot Rules without Signals Required act as the field added at its default (Any One Rule)', async () => {
	const signalsField = new ScoreContacts().description.properties
		.find((property) => property.name === 'botRules')
		?.options?.find((option) => option.name === 'signalsRequired') as { default: number };
	expect(signalsField.default).toBe(1);
	// near the send only: one signal, which flags on its own under Any One Rule
	const log = fastClick;
	const bands = async (botRules: INodeParameters) => {
		const result = await harness.run(fixture, {
			parameters: {
				Events: { items: JSON.stringify(log) },
				Sunset: { operation: 'score', model: 'klaviyoEngagement', botRules },
			},
		});
		expect(result.error).toBeUndefined();
		return result.json('Sunset').map((row) => row.band);
	};
	const rules = { sendProximitySeconds: 2, scannerIpRanges: '40.94.0.0/15' };
	const withoutField = await bands(rules);
	expect(withoutField).toEqual(['Neither']);
	expect(await bands({ ...rules, signalsRequired: signalsField.default })).toEqual(withoutField);
	expect(await bands({ ...rules, signalsRequired: 2 })).toEqual(['Engaged']);
});
