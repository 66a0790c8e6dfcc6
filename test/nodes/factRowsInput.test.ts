/**
 * Score Contacts › Events From "Fact Rows" (issue 8 item 1) through n8n's engine: the fact rows a database builds
 * (examples/sql/, here `factsToRows(eventsToFacts(events))`) score exactly like the raw events, every contact pairs
 * with all of its rows, and a bad row goes to the error output naming its item while the others are scored.
 */
import type { IDataObject, INodeExecutionData, INodeParameters } from 'n8n-workflow';

import { eventsToFacts, factsToRows, scoreContacts } from '../../lib';
import type { EngagementEvent } from '../../lib';
import { createHarness, sourceThenNode } from './harness';
import type { Harness } from './harness';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { generateDataset } = require('../../scripts/data/generator') as {
	generateDataset(options: object): { events: EngagementEvent[] };
};

const AS_OF = '2026-11-01T00:00:00.000Z';
const TIMEZONE = 'Europe/Rome';
const { events } = generateDataset({ seed: 21, contacts: 120, campaigns: 16 });
const rows = factsToRows(eventsToFacts(events, { timezone: TIMEZONE })) as unknown as IDataObject[];

let harness: Harness;
beforeAll(() => (harness = createHarness()));
afterAll(() => harness.close());

const workflow = (items: unknown[], parameters: INodeParameters) =>
	sourceThenNode(items, 'Score Contacts', 'scoreContacts', parameters);

const pairedItems = (item: INodeExecutionData) =>
	([] as Array<{ item: number }>).concat(item.pairedItem as { item: number }).map((p) => p.item);

describe('Score Contacts: fact rows input', () => {
	for (const model of ['decay', 'clickShare', 'recency', 'recency5', 'lifecycle']) {
		test(`${model}: fact rows score exactly like the raw events they summarise`, async () => {
			const parameters = {
				operation: 'score',
				model,
				asOf: AS_OF,
				timezone: TIMEZONE,
				eventSource: 'factRows',
			};
			const result = await harness.run(workflow(rows, parameters));
			expect(result.error).toBeUndefined();
			const expected = scoreContacts(events, { model, asOf: AS_OF, timezone: TIMEZONE }).contacts;
			const got = result.json('Score Contacts');
			expect(got.map(({ contactId, score, band }) => ({ contactId, score, band }))).toEqual(
				expected.map(({ contactId, score, band }) => ({ contactId, score, band })),
			);
		});
	}

	test('every contact pairs with all of its fact rows, and only those', async () => {
		const parameters = {
			operation: 'score',
			model: 'decay',
			asOf: AS_OF,
			timezone: TIMEZONE,
			eventSource: 'factRows',
		};
		const result = await harness.run(workflow(rows, parameters));
		const rowsOf = new Map<string, number[]>();
		rows.forEach((row, i) =>
			rowsOf.set(String(row.contactId), [...(rowsOf.get(String(row.contactId)) ?? []), i]),
		);
		for (const item of result.output('Score Contacts')) {
			expect(pairedItems(item).sort((a, b) => a - b)).toEqual(
				rowsOf.get(String(item.json.contactId)),
			);
		}
	});

	test('a bad fact row goes to the error output naming its item and field; the other contacts are scored', async () => {
		const bad = rows.findIndex((row) => row.factType === 'send');
		const broken = rows.map((row, i) => (i === bad ? { ...row, sentAt: 'not a date' } : row));
		const parameters = {
			operation: 'score',
			model: 'decay',
			asOf: AS_OF,
			timezone: TIMEZONE,
			eventSource: 'factRows',
		};
		const result = await harness.run(workflow(broken, parameters), {
			nodes: { 'Score Contacts': { onError: 'continueErrorOutput' } },
		});
		expect(result.error).toBeUndefined();
		const errors = result.output('Score Contacts', 1);
		expect(errors).toHaveLength(1);
		expect(pairedItems(errors[0])).toEqual([bad]);
		expect(String(errors[0].json.error)).toMatch(/sentAt/);
		expect(result.json('Score Contacts').length).toBeGreaterThan(100);

		const stopped = await harness.run(workflow(broken, parameters), {
			nodes: { 'Score Contacts': { onError: 'stopWorkflow' } },
		});
		expect(stopped.error?.message).toMatch(/sentAt/);
	});
});
