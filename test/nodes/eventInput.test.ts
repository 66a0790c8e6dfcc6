/**
 * The event input shared by Score Contacts and Build Report, through the engine: CSV and NDJSON files on the input
 * (workflows/file-input.workflow.json: a CSV, an NDJSON file, and an NDJSON file whose second line has an unreadable
 * timestamp) and incoming items mapped with expressions.
 */
import type { NodeOperationError } from 'n8n-workflow';

import { createHarness, loadFixture } from './harness';
import type { Harness } from './harness';

let harness: Harness;
beforeAll(() => {
	harness = createHarness();
});
afterAll(() => harness.close());

describe('events from files', () => {
	const fixture = loadFixture('file-input.workflow.json');

	test('each file is read by its format; contacts pair with the file item they came from; a broken file goes to the error output whole', async () => {
		const result = await harness.run(fixture);
		expect(result.error).toBeUndefined();
		const contacts = result.output('Score Contacts');
		expect(contacts.map((item) => [item.json.contactId, item.json.band, item.pairedItem])).toEqual([
			['x@x.io', 'Level 3', [{ item: 0 }]],
			['y@x.io', 'Level 2', [{ item: 0 }]],
			['z@x.io', 'Level 1', [{ item: 1 }]],
		]);
		const errors = result.output('Score Contacts', 1);
		expect(errors).toHaveLength(1);
		expect(errors[0].pairedItem).toEqual({ item: 2 });
		expect(errors[0].json.error).toMatch(/file "data", row 2, field "timestamp"/);
	});

	test('without Continue On Fail the broken file stops the node with its item index', async () => {
		const result = await harness.run(fixture, {
			nodes: { 'Score Contacts': { onError: 'stopWorkflow' } },
		});
		const error = result.error as NodeOperationError;
		expect(error.context.itemIndex).toBe(2);
		expect(error.message).toMatch(/row 2/);
	});

	test('a missing binary field is reported on its item', async () => {
		const result = await harness.run(fixture, {
			parameters: { 'Score Contacts': { binaryPropertyName: 'attachment' } },
			nodes: { 'Score Contacts': { onError: 'stopWorkflow' } },
		});
		expect((result.error as NodeOperationError).context.itemIndex).toBe(0);
		expect(result.error?.message).toMatch(/attachment/);
	});
});

describe('events from items', () => {
	const fixture = loadFixture('model-pipeline.workflow.json');

	test('field parameters may be expressions evaluated per item; unknown types can be skipped; ids lower-cased', async () => {
		const items = [
			{ who: { mail: 'A@X.io' }, kind: 'Replied', at: 1718874000 }, // epoch seconds: 2024-06-20 09:00 UTC
			{ who: { mail: 'a@x.io' }, kind: 'processed', at: 1718874000 },
			{ who: { mail: 'B@x.io' }, kind: 'Replied', at: '2024-05-15T09:00:00Z' },
		];
		const result = await harness.run(fixture, {
			parameters: {
				Events: { items: JSON.stringify(items) },
				'Score Contacts': {
					model: 'recency',
					contactIdField: '={{ $json.who.mail }}',
					eventTypeField: 'kind',
					timestampField: 'at',
					eventTypeValues: { values: [{ from: 'Replied', to: 'interaction' }] },
					unknownEventTypes: 'skip',
					lowercaseContactId: true,
				},
				'Route by Band': { model: 'recency' },
				'Band Distribution': { model: 'recency' },
			},
		});
		expect(result.error).toBeUndefined();
		expect(
			result
				.output('Score Contacts')
				.map((item) => [item.json.contactId, item.json.band, item.pairedItem]),
		).toEqual([
			['a@x.io', 'Level 3', [{ item: 0 }]],
			['b@x.io', 'Level 2', [{ item: 2 }]],
		]);
	});

	test('an unknown type is an error by default, naming the mapped field', async () => {
		const result = await harness.run(fixture, {
			parameters: {
				Events: {
					items: JSON.stringify([
						{ contactId: 'a', kind: 'processed', timestamp: '2024-06-01T00:00:00Z' },
					]),
				},
				'Score Contacts': { model: 'recency', eventTypeField: 'kind' },
			},
		});
		const error = result.error as NodeOperationError;
		expect(error.message).toMatch(/unknown event type "processed"/);
		expect(error.description).toMatch(/field "kind" \(mapped to type\) of item 0/);
	});
});
