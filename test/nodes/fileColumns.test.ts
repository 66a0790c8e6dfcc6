/**
 * Score Contacts on one CSV / NDJSON file with a columnar model reads the file straight into event columns
 * (EventColumnsReader → scoreEventColumns): the items must be those the library gives on the parsed events, and a
 * broken file fails as on the object path (error output under Continue On Fail, else the node stops on item 0).
 */
import type { NodeOperationError } from 'n8n-workflow';

import { parseEventsCsv } from '../../lib/events/parseEvents';
import { scoreContacts } from '../../lib/scoreContacts';
import { createHarness, csvFileItem, sourceThenNode } from './harness';
import type { Harness } from './harness';

let harness: Harness;
beforeAll(() => {
	harness = createHarness();
});
afterAll(() => harness.close());

const AS_OF = '2024-06-30T12:00:00.000Z';
const CSV = [
	'eventId,contactId,type,timestamp,campaignId,campaignKind,machine,tracked,value',
	'e1,a@x.io,sent,2024-06-01T09:00:00Z,c1,broadcast,,,',
	'e2,a@x.io,open,2024-06-01T10:00:00+02:00,c1,broadcast,,,',
	'e2,a@x.io,open,2024-06-01T10:00:00+02:00,c1,broadcast,,,',
	'e3,a@x.io,click,1717236000000,c1,broadcast,true,,',
	'e4,"b@x.io",delivered,2024-05-01T09:00:00Z,c1,broadcast,,false,',
	'e5,b@x.io,sent,2024-06-10T09:00:00Z,c2,automation,,,',
	'e6,c@x.io,sent,2024-06-10T09:00:00Z,c2,automation,,,',
	'e7,c@x.io,click,2024-06-11T09:00:00Z,c2,automation,,,',
	'e8,c@x.io,purchase,2024-06-12T09:00:00Z,,,,,"12.5"',
	'',
].join('\r\n');

function fileWorkflow(
	text: string,
	parameters: Record<string, unknown> = {},
	{ typeVersion = 1, item = { file: 'a' } }: { typeVersion?: number; item?: object } = {},
) {
	return sourceThenNode(
		[csvFileItem(text, item as Record<string, string>)],
		'Score Contacts',
		'scoreContacts',
		{
			operation: 'score',
			asOf: AS_OF,
			timezone: 'UTC',
			eventSource: 'binaryFile',
			binaryPropertyName: 'data',
			...parameters,
		},
		typeVersion,
	);
}

describe('one event file scored from columns', () => {
	test.each(['decay', 'clickShare', 'recency', 'recency5', 'lifecycle'])(
		'%s: the same contact items and account figures as the library on the parsed events',
		async (model) => {
			const result = await harness.run(
				fileWorkflow(CSV, { model, options: { accountSummary: 'lastItem' } }),
			);
			expect(result.error).toBeUndefined();
			const expected = scoreContacts(parseEventsCsv(CSV), {
				model,
				asOf: AS_OF,
				timezone: 'UTC',
			});
			const items = result.output('Score Contacts');
			const contacts = items.slice(0, -1);
			expect(contacts.map(({ json }) => json)).toEqual(
				expected.contacts.map((contact) => ({
					contactId: contact.contactId,
					score: contact.score,
					band: contact.band,
					explanation: contact.explanation,
					details: contact.details,
					model,
					asOf: AS_OF,
				})),
			);
			expect(contacts.every((item) => JSON.stringify(item.pairedItem) === '[{"item":0}]')).toBe(
				true,
			);
			const summary = items[items.length - 1].json;
			expect(summary).toMatchObject({ ...expected.account, contacts: expected.contacts.length });
			expect(summary).toMatchObject({
				eventsRead: 9,
				duplicateEvents: 1,
				machineEventsExcluded: 1,
			});
		},
	);

	test("Keep Contact Fields: the contact's latest row's columns, and the file item's fields the file lacks", async () => {
		// crmId changes between a@x.io's rows: its latest row by time (e3, the click at 10:00 UTC) is not its last row
		const withCrm = CSV.split('\r\n')
			.map((line, row) => (line === '' ? line : `${line},${row === 0 ? 'CRMID' : `crm-${row}`}`))
			.join('\r\n');
		const run = async (model: string) =>
			(
				await harness.run(
					fileWorkflow(
						withCrm,
						{ model, options: { keepContactFields: 'file, crmId, missing' } },
						{ typeVersion: 2 },
					),
				)
			).output('Score Contacts');
		// decay reads columns; mailpoet (no columnar path) reads objects
		for (const model of ['decay', 'mailpoet']) {
			const items = await run(model);
			expect(
				items.map(({ json }) => [json.contactId, json.file, json.crmId, 'missing' in json]),
			).toEqual([
				['a@x.io', 'a', 'crm-4', false],
				['b@x.io', 'a', 'crm-6', false],
				['c@x.io', 'a', 'crm-9', false],
			]);
		}
	});

	test('Keep Contact Fields over several files: a later file wins a tie; a file that fails gives no fields', async () => {
		const file = (crmId: string, time: string) =>
			`contactId,type,timestamp,crmId\na@x.io,sent,${time},${crmId}\n`;
		const items = [
			csvFileItem(file('first', '2024-06-01T09:00:00Z'), { file: 'one' }),
			csvFileItem(file('second', '2024-06-01T09:00:00Z'), { file: 'two' }),
			csvFileItem(`${file('broken', '2024-06-02T09:00:00Z')}a@x.io,sent,yesterday,x\n`, {
				file: 'three',
			}),
		];
		const result = await harness.run(
			sourceThenNode(
				items,
				'Score Contacts',
				'scoreContacts',
				{
					operation: 'score',
					model: 'decay',
					asOf: AS_OF,
					timezone: 'UTC',
					eventSource: 'binaryFile',
					binaryPropertyName: 'data',
					options: { keepContactFields: 'crmId, file' },
				},
				2,
			),
			{ nodes: { 'Score Contacts': { onError: 'continueErrorOutput' } } },
		);
		const [contact] = result.output('Score Contacts');
		expect(contact.json).toMatchObject({ contactId: 'a@x.io', crmId: 'second', file: 'two' });
		expect(result.output('Score Contacts', 1)).toHaveLength(1);
	});

	test("Keep Contact Fields (version 2): a cell the latest row lacks stays empty; the item's field fills only a column the file has nowhere", async () => {
		const csv = [
			'contactId,type,timestamp,crmId',
			'a@x.io,sent,2024-06-01T09:00:00Z,A-1',
			'a@x.io,open,2024-06-02T09:00:00Z',
			'',
		].join('\n');
		for (const model of ['decay', 'mailpoet']) {
			const [contact] = (
				await harness.run(
					fileWorkflow(
						csv,
						{ model, options: { keepContactFields: 'crmId, batch' } },
						{ typeVersion: 2, item: { crmId: 'ITEM', batch: 'b1' } },
					),
				)
			).output('Score Contacts');
			expect(contact.json).toMatchObject({ contactId: 'a@x.io', batch: 'b1' });
			expect(contact.json).not.toHaveProperty('crmId');
		}
	});

	test("Keep Contact Fields (version 1, saved workflows): every contact keeps the file item's fields, not the file's columns", async () => {
		const withCrm = CSV.replace('value\r\n', 'value,file\r\n');
		for (const model of ['decay', 'mailpoet']) {
			const items = (
				await harness.run(
					fileWorkflow(withCrm, { model, options: { keepContactFields: 'file, missing' } }),
				)
			).output('Score Contacts');
			expect(items.length).toBeGreaterThan(0);
			expect(items.every((item) => item.json.file === 'a' && !('missing' in item.json))).toBe(true);
		}
	});

	test('a bad row fails the file: error output under Continue On Fail, else the node stops on item 0', async () => {
		const broken = CSV.replace('1717236000000', 'yesterday');
		const failed = await harness.run(fileWorkflow(broken, { model: 'decay' }), {
			nodes: { 'Score Contacts': { onError: 'continueErrorOutput' } },
		});
		expect(failed.error).toBeUndefined();
		expect(failed.output('Score Contacts')).toEqual([]);
		const errors = failed.output('Score Contacts', 1);
		expect(errors).toHaveLength(1);
		expect(errors[0].json.error).toMatch(/file "data", row 4, field "timestamp"/);

		const stopped = await harness.run(fileWorkflow(broken, { model: 'decay' }), {
			nodes: { 'Score Contacts': { onError: 'stopWorkflow' } },
		});
		expect((stopped.error as NodeOperationError).context.itemIndex).toBe(0);
		expect(stopped.error?.message).toMatch(/row 4/);
	});
});
