/**
 * The event input shared by Score Contacts and Build Report, through the engine: CSV and NDJSON files on the input
 * (workflows/file-input.workflow.json: a CSV, an NDJSON file, and an NDJSON file whose second line has an unreadable
 * timestamp) and incoming items mapped with expressions.
 */
import type { IDataObject, NodeOperationError } from 'n8n-workflow';

import { createHarness, csvFileItem, loadFixture, sourceThenNode } from './harness';
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

describe('Campaign Kind Values', () => {
	const score = {
		operation: 'score',
		model: 'decay',
		asOf: '2024-06-30T12:00:00Z',
		timezone: 'UTC',
	};
	const events = [
		{
			contactId: 'a@x.io',
			type: 'sent',
			timestamp: '2024-06-01T09:00:00Z',
			campaignId: 'r1',
			campaignKind: 'Receipt',
		},
		{
			contactId: 'b@x.io',
			type: 'sent',
			timestamp: '2024-06-01T09:00:00Z',
			campaignId: 'n1',
			campaignKind: 'newsletter',
		},
	];
	const csv = [
		'contactId,type,timestamp,campaignId,campaignKind',
		...events.map((event) =>
			[event.contactId, event.type, event.timestamp, event.campaignId, event.campaignKind].join(
				',',
			),
		),
		'',
	].join('\n');
	const receipt = { campaignKindValues: { values: [{ from: 'receipt', to: 'transactional' }] } };
	const run = (source: string, parameters: Record<string, unknown>) =>
		harness.run(
			source === 'binaryFile'
				? sourceThenNode([csvFileItem(csv)], 'Score Contacts', 'scoreContacts', {
						...score,
						eventSource: 'binaryFile',
						binaryPropertyName: 'data',
						...parameters,
					})
				: sourceThenNode(events, 'Score Contacts', 'scoreContacts', { ...score, ...parameters }),
		);

	test.each([
		['event items', 'items'],
		['a file straight into columns', 'binaryFile'],
	])(
		'%s: a translated kind is read as that kind, beside the built-in names',
		async (_path, source) => {
			const result = await run(source, receipt);
			expect(result.error).toBeUndefined();
			// a transactional send is no send for decay: no score; the newsletter is a broadcast, sent and never opened
			expect(result.json('Score Contacts').map((json) => [json.contactId, json.band])).toEqual([
				['a@x.io', 'Null'],
				['b@x.io', 'No engagement'],
			]);
		},
	);

	test.each([
		['event items', 'items', /^campaignKind: unknown campaignKind "Receipt"; /],
		[
			'a file',
			'binaryFile',
			/^file "data", row 1, field "campaignKind": unknown campaignKind "Receipt"; /,
		],
	])('%s: an unknown kind names the node field that maps it', async (_path, source, start) => {
		const result = await run(source, {});
		expect(result.error?.message).toMatch(start);
		expect(result.error?.message).toMatch(
			/expected broadcast, automation, transactional or map it under Campaign Kind Values$/,
		);
	});

	test('an unknown event type names Event Type Values and Unknown Event Types', async () => {
		const result = await harness.run(
			sourceThenNode(
				[{ contactId: 'a@x.io', type: 'processed', timestamp: '2024-06-01T09:00:00Z' }],
				'Score Contacts',
				'scoreContacts',
				score,
			),
		);
		expect(result.error?.message).toBe(
			'type: unknown event type "processed"; map it under Event Type Values, or set Unknown Event Types to Skip the Event',
		);
	});
});

/**
 * Runs Score Contacts (decay, as of 1 Oct 2026, in Berlin, the time in `when`) on `rows` (contactId, type, when,
 * campaignId) given as event items or as a CSV file, with `parameters`.
 */
function scoreRowsOf(rows: Array<[string, string, string | number, string]>, parameters: IDataObject) {
	const csv = ['contactId,type,when,campaignId', ...rows.map((row) => row.join(','))].join('\n');
	const items = rows.map(([contactId, type, when, campaignId]) => ({
		contactId,
		type,
		when,
		campaignId,
	}));
	const score = {
		model: 'decay',
		asOf: '2026-10-01T00:00:00Z',
		timezone: 'Europe/Berlin',
		timestampField: 'when',
		...parameters,
	};
	return (source: string, more: IDataObject = {}) =>
		harness.run(
			source === 'binaryFile'
				? sourceThenNode([csvFileItem(csv)], 'Score Contacts', 'scoreContacts', {
						...score,
						eventSource: 'binaryFile',
						...more,
					})
				: sourceThenNode(items, 'Score Contacts', 'scoreContacts', { ...score, ...more }),
		);
}

describe('Timestamp Format', () => {
	// day.month.year times in Berlin: the open is 2 days after the send, the click 9 days after
	const rows: Array<[string, string, string, string]> = [
		['a@x.io', 'sent', '01.09.2026 10:00', 'k1'],
		['a@x.io', 'open', '03.09.2026 09:00', 'k1'],
		['b@x.io', 'sent', '01.09.2026 10:00', 'k1'],
		['b@x.io', 'click', '10.09.2026 23:30', 'k1'],
	];
	const run = scoreRowsOf(rows, { timestampFormat: 'dd.MM.yyyy HH:mm' });

	test.each([
		['event items', 'items'],
		['a file straight into columns', 'binaryFile'],
	])('%s: text timestamps are read in the format, in the Time Zone', async (_path, source) => {
		const result = await run(source);
		expect(result.error).toBeUndefined();
		const details = result
			.json('Score Contacts')
			.map((json) => [json.contactId, (json.details as { openedSends: number }).openedSends]);
		// a opened within 7 days of the send; b's click came on day 9, outside the window
		expect(details).toEqual([
			['a@x.io', 1],
			['b@x.io', 0],
		]);
	});

	test.each([
		['event items', 'items'],
		['a file straight into columns', 'binaryFile'],
	])('%s: a timestamp in another form names the format', async (_path, source) => {
		const result = await run(source, { timestampFormat: 'MM/dd/yyyy HH:mm' });
		expect(result.error?.message).toMatch(
			/cannot read timestamp "01\.09\.2026 10:00" \(expected the format "MM\/dd\/yyyy HH:mm"\)/,
		);
	});
});

describe('Numeric Timestamps Are: Spreadsheet Serial Days', () => {
	// Serial date-times as Excel and Google Sheets keep them (days since 1899-12-30), wall-clock times in Berlin: b's
	// click at 23:30 on 8 Sep (46273.979…) is day 7 after the send, inside the 7-day window; read as UTC it would be
	// 01:30 on 9 Sep in Berlin, day 8, outside
	const serial = (utc: number) => utc / 86_400_000 + 25569;
	const rows: Array<[string, string, number, string]> = [
		['a@x.io', 'sent', serial(Date.UTC(2026, 8, 1, 10)), 'k1'],
		['a@x.io', 'open', serial(Date.UTC(2026, 8, 3, 9)), 'k1'],
		['b@x.io', 'sent', serial(Date.UTC(2026, 8, 1, 10)), 'k1'],
		['b@x.io', 'click', serial(Date.UTC(2026, 8, 8, 23, 30)), 'k1'],
	];
	const run = scoreRowsOf(rows, { timestampUnit: 'spreadsheetDays' });
	const sendsOf = (json: Record<string, unknown>) => {
		const { openedSends, clickedSends, lastClickDate } = json.details as Record<string, unknown>;
		return [json.contactId, openedSends, clickedSends, lastClickDate];
	};

	test.each([
		['event items', 'items'],
		['a file straight into columns', 'binaryFile'],
	])('%s: serial days are read as wall-clock times in the Time Zone', async (_path, source) => {
		const result = await run(source);
		expect(result.error).toBeUndefined();
		expect(result.json('Score Contacts').map(sendsOf)).toEqual([
			['a@x.io', 1, 0, null],
			['b@x.io', 1, 1, '2026-09-08'],
		]);
	});

	test.each([
		['event items', 'items'],
		['a file straight into columns', 'binaryFile'],
	])('%s: read as epoch seconds instead, the same numbers are January 1970', async (_path, source) => {
		const result = await run(source, { timestampUnit: 'auto' });
		expect(result.error).toBeUndefined();
		// every send is older than the 180-day window: none counted
		expect(result.json('Score Contacts').map(sendsOf)).toEqual([
			['a@x.io', 0, 0, null],
			['b@x.io', 0, 0, '1970-01-01'],
		]);
	});
});
