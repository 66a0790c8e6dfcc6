/**
 * Score Contacts' output items (actions/contact/outputs.ts): with a single input item every contact and the account
 * summary pair with item 0 without a pass over the events, on the columnar file path and on the object path (here
 * forced by Include Raw Figures) alike, and Keep Contact Fields copies the item's fields; several input items still pair each contact with the items it came from.
 */
import type { INodeParameters } from 'n8n-workflow';

import { createHarness, csvFileItem, sourceThenNode } from './harness';
import type { Harness } from './harness';

let harness: Harness;
beforeAll(() => {
	harness = createHarness();
});
afterAll(() => harness.close());

const AS_OF = '2024-06-30T12:00:00.000Z';
const CSV = [
	'eventId,contactId,type,timestamp,campaignId,campaignKind',
	'e1,a@x.io,sent,2024-06-01T09:00:00Z,c1,broadcast',
	'e2,a@x.io,open,2024-06-01T10:00:00Z,c1,broadcast',
	'e3,b@x.io,sent,2024-06-10T09:00:00Z,c2,automation',
	'e4,c@x.io,sent,2024-06-10T09:00:00Z,c2,automation',
	'',
].join('\n');

/** CSV's rows as event items. */
const CSV_EVENTS = [
	{
		eventId: 'e1',
		contactId: 'a@x.io',
		type: 'sent',
		timestamp: '2024-06-01T09:00:00Z',
		campaignId: 'c1',
		campaignKind: 'broadcast',
	},
	{
		eventId: 'e2',
		contactId: 'a@x.io',
		type: 'open',
		timestamp: '2024-06-01T10:00:00Z',
		campaignId: 'c1',
		campaignKind: 'broadcast',
	},
	{
		eventId: 'e3',
		contactId: 'b@x.io',
		type: 'sent',
		timestamp: '2024-06-10T09:00:00Z',
		campaignId: 'c2',
		campaignKind: 'automation',
	},
	{
		eventId: 'e4',
		contactId: 'c@x.io',
		type: 'sent',
		timestamp: '2024-06-10T09:00:00Z',
		campaignId: 'c2',
		campaignKind: 'automation',
	},
];

const fileItem = (text: string) => csvFileItem(text, { crmId: 'crm-1' });

const scoreParameters = {
	operation: 'score',
	model: 'decay',
	asOf: AS_OF,
	timezone: 'UTC',
};

describe('Score Contacts output items', () => {
	test.each([
		['columns (no option that needs event objects)', { keepContactFields: 'crmId' }],
		[
			'event objects (Include Raw Figures)',
			{ keepContactFields: 'crmId', includeRawFigures: true },
		],
	])(
		'one file, %s: every contact and the account summary pair with item 0',
		async (_path, options) => {
			const result = await harness.run(
				sourceThenNode([fileItem(CSV)], 'Score Contacts', 'scoreContacts', {
					...scoreParameters,
					eventSource: 'binaryFile',
					binaryPropertyName: 'data',
					options: { ...options, accountSummary: 'lastItem' },
				}),
			);
			expect(result.error).toBeUndefined();
			const items = result.output('Score Contacts');
			expect(items.map((item) => [item.json.contactId, item.pairedItem])).toEqual([
				['a@x.io', [{ item: 0 }]],
				['b@x.io', [{ item: 0 }]],
				['c@x.io', [{ item: 0 }]],
				[undefined, [{ item: 0 }]],
			]);
			expect(items.slice(0, 3).map((item) => item.json.crmId)).toEqual(['crm-1', 'crm-1', 'crm-1']);
		},
	);

	test('one item whose only event is skipped: no contacts, and the account summary pairs with no item', async () => {
		const result = await harness.run(
			sourceThenNode(
				[{ contactId: 'a@x.io', type: 'processed', timestamp: '2024-06-01T09:00:00Z' }],
				'Score Contacts',
				'scoreContacts',
				{
					...scoreParameters,
					unknownEventTypes: 'skip',
					options: { accountSummary: 'lastItem' },
				},
			),
		);
		expect(result.error).toBeUndefined();
		const items = result.output('Score Contacts');
		expect(items).toHaveLength(1);
		expect(items[0].json.contacts).toBe(0);
		expect(items[0].pairedItem).toEqual([]);
	});

	test('several items: each contact pairs with the items its events came from, the summary with every item that held one', async () => {
		const result = await harness.run(
			sourceThenNode(
				[
					{
						contactId: 'a@x.io',
						type: 'sent',
						timestamp: '2024-06-01T09:00:00Z',
						campaignId: 'c1',
					},
					{
						contactId: 'b@x.io',
						type: 'sent',
						timestamp: '2024-06-01T09:00:00Z',
						campaignId: 'c1',
					},
					{
						contactId: 'a@x.io',
						type: 'open',
						timestamp: '2024-06-01T10:00:00Z',
						campaignId: 'c1',
					},
				],
				'Score Contacts',
				'scoreContacts',
				{ ...scoreParameters, options: { accountSummary: 'lastItem' } },
			),
		);
		expect(result.error).toBeUndefined();
		expect(result.output('Score Contacts').map((item) => item.pairedItem)).toEqual([
			[{ item: 0 }, { item: 2 }],
			[{ item: 1 }],
			[{ item: 0 }, { item: 1 }, { item: 2 }],
		]);
	});

	describe('Account Summary', () => {
		const scoreItems = (options: INodeParameters) =>
			harness.run(
				sourceThenNode(CSV_EVENTS, 'Score Contacts', 'scoreContacts', {
					...scoreParameters,
					options,
				}),
			);

		test.each([
			['As the Last Item', 'lastItem', 0],
			['On a Second Output', 'secondOutput', 1],
		])(
			'%s: the summary item is marked accountSummary: true, the contact items are not',
			async (_label, accountSummary, summaryOutput) => {
				const result = await scoreItems({ accountSummary });
				expect(result.error).toBeUndefined();
				const summaries = result
					.json('Score Contacts', summaryOutput)
					.filter((json) => json.accountSummary === true);
				expect(summaries).toHaveLength(1);
				expect(summaries[0]).toMatchObject({ accountSummary: true, model: 'decay', contacts: 3 });
				const contacts = result
					.json('Score Contacts')
					.filter((json) => json.accountSummary !== true);
				expect(contacts.map((json) => json.contactId)).toEqual(['a@x.io', 'b@x.io', 'c@x.io']);
				expect(contacts.every((json) => !('accountSummary' in json))).toBe(true);
			},
		);

		test.each([
			['event items', 'items'],
			['the file straight into columns', 'binaryFile'],
		])(
			'%s: the summary states asOf in the time zone, as the contact items do',
			async (_path, source) => {
				const parameters = {
					...scoreParameters,
					timezone: 'Europe/Paris',
					options: { accountSummary: 'lastItem' },
				};
				const result = await harness.run(
					source === 'binaryFile'
						? sourceThenNode([fileItem(CSV)], 'Score Contacts', 'scoreContacts', {
								...parameters,
								eventSource: 'binaryFile',
								binaryPropertyName: 'data',
							})
						: sourceThenNode(CSV_EVENTS, 'Score Contacts', 'scoreContacts', parameters),
				);
				expect(result.error).toBeUndefined();
				const items = result.json('Score Contacts');
				expect(items.map((json) => json.asOf)).toEqual(
					Array(4).fill('2024-06-30T14:00:00.000+02:00'),
				);
				expect(items[3].accountSummary).toBe(true);
			},
		);
	});

	test("Keep Contact Fields names an item's own fields only: constructor or toString is no field", async () => {
		const result = await harness.run(
			sourceThenNode(CSV_EVENTS, 'Score Contacts', 'scoreContacts', {
				...scoreParameters,
				options: { keepContactFields: 'constructor, toString, __proto__' },
			}),
		);
		expect(result.error).toBeUndefined();
		for (const json of result.json('Score Contacts')) {
			expect(Object.keys(json)).not.toEqual(expect.arrayContaining(['constructor']));
			expect(Object.keys(json).some((key) => ['toString', '__proto__'].includes(key))).toBe(false);
		}
	});

	test.each([
		[2, 'its column, before the same field of the item that carried the file', 'row-crm'],
		[1, 'the fields of the item that carried the file, not its columns', 'crm-1'],
	])('Keep Contact Fields with a file (version %i): %s', async (typeVersion, _, crmId) => {
		const withColumn = CSV.replace('campaignKind\n', 'campaignKind,crmId\n').replace(
			/broadcast\n|automation\n/g,
			(kind) => `${kind.trim()},row-crm\n`,
		);
		const result = await harness.run(
			sourceThenNode(
				[fileItem(withColumn)],
				'Score Contacts',
				'scoreContacts',
				{
					...scoreParameters,
					eventSource: 'binaryFile',
					binaryPropertyName: 'data',
					options: { keepContactFields: 'crmId, email' },
				},
				typeVersion,
			),
		);
		expect(result.error).toBeUndefined();
		expect(result.json('Score Contacts').map((json) => [json.crmId, 'email' in json])).toEqual(
			Array(3).fill([crmId, false]),
		);
	});

	describe('Include Explanations off: compact contact items', () => {
		const compactOf = (item: { json: Record<string, unknown> }) => {
			const { contactId, crmId, score, band, model, asOf } = item.json;
			return { contactId, crmId, score, band, model, asOf };
		};

		test.each([
			['the file straight into columns', 'binaryFile'],
			['event items', 'items'],
		])(
			'%s: the same contactId, score and band, no explanation nor details',
			async (_path, source) => {
				const run = (options: Record<string, unknown>) =>
					harness.run(
						source === 'binaryFile'
							? sourceThenNode([fileItem(CSV)], 'Score Contacts', 'scoreContacts', {
									...scoreParameters,
									eventSource: 'binaryFile',
									binaryPropertyName: 'data',
									options: { keepContactFields: 'crmId', accountSummary: 'lastItem', ...options },
								})
							: sourceThenNode(
									CSV_EVENTS.map((event) => ({ ...event, crmId: 'crm-1' })),
									'Score Contacts',
									'scoreContacts',
									{
										...scoreParameters,
										options: { keepContactFields: 'crmId', accountSummary: 'lastItem', ...options },
									},
								),
					);
				const full = await run({});
				const compact = await run({ includeExplanations: false });
				expect(compact.error).toBeUndefined();
				const fullItems = full.output('Score Contacts');
				const compactItems = compact.output('Score Contacts');
				const contacts = compactItems.slice(0, 3);
				expect(contacts.map((item) => Object.keys(item.json))).toEqual(
					Array(3).fill(['contactId', 'crmId', 'score', 'band', 'model', 'asOf']),
				);
				expect(contacts.map(compactOf)).toEqual(fullItems.slice(0, 3).map(compactOf));
				expect(contacts.map((item) => item.pairedItem)).toEqual(
					fullItems.slice(0, 3).map((item) => item.pairedItem),
				);
				// the account summary is the same
				expect(compactItems[3].json).toEqual(fullItems[3].json);
			},
		);

		test.each([
			['includeEvidence', 'Include Evidence'],
			['includeRawFigures', 'Include Raw Figures'],
		])('with %s: an error naming both settings', async (option, label) => {
			const result = await harness.run(
				sourceThenNode([fileItem(CSV)], 'Score Contacts', 'scoreContacts', {
					...scoreParameters,
					eventSource: 'binaryFile',
					binaryPropertyName: 'data',
					options: { includeExplanations: false, [option]: true },
				}),
			);
			expect(result.error?.message).toBe(
				`${label} adds to each contact's details, which Include Explanations off leaves out`,
			);
		});
	});
});
