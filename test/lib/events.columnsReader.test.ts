import fc from 'fast-check';

import { EngagementInputError } from '../../lib/errors';
import { EventColumnsReader, readEventColumns } from '../../lib/events/eventColumnsReader';
import type { EventColumnsReaderOptions } from '../../lib/events/eventColumnsReader';
import { readEventFile } from '../../lib/events/eventFileReader';
import { parseEventsCsv, parseEventsNdjson } from '../../lib/events/parseEvents';
import type { CsvEventOptions } from '../../lib/events/parseEvents';
import { EVENT_TYPES } from '../../lib/events/types';
import type { ScoreOptions, ScoreResult } from '../../lib/models/types';
import { scoreContacts, scoreEventColumns } from '../../lib/scoreContacts';

import { chunksAt } from './byteChunks';

/**
 * Event files read straight into columns (issue 8 item 2): for any file, split into chunks anywhere, the columns
 * score exactly as the object path (`readEventFile` / `parseEventsCsv` + `scoreContacts`), for every columnar model,
 * and a bad row fails with the same error (row and field).
 */

const AS_OF = Date.UTC(2026, 10, 1);
const DAY = 86_400_000;
const MODELS = ['decay', 'clickShare', 'recency', 'recency5', 'lifecycle'];
const COLUMNS = [
	'eventId',
	'contactId',
	'type',
	'timestamp',
	'campaignId',
	'campaignKind',
	'machine',
	'value',
	'tracked',
	'url',
] as const;
type Row = Record<(typeof COLUMNS)[number], string>;

const rare = <T>(common: fc.Arbitrary<T>, odd: fc.Arbitrary<T>) =>
	fc.oneof({ arbitrary: common, weight: 30 }, { arbitrary: odd, weight: 1 });

const isoOf = (millis: number, offsetMinutes: number) => {
	const local = new Date(millis + offsetMinutes * 60_000).toISOString().slice(0, 23);
	if (offsetMinutes === 0) return `${local}Z`;
	const sign = offsetMinutes < 0 ? '-' : '+';
	const hours = String(Math.floor(Math.abs(offsetMinutes) / 60)).padStart(2, '0');
	return `${local}${sign}${hours}:${String(Math.abs(offsetMinutes) % 60).padStart(2, '0')}`;
};

const timestampArbitrary = fc
	.record({
		day: fc.integer({ min: 0, max: 200 }),
		millisOfDay: fc.integer({ min: 0, max: DAY - 1 }),
		form: fc.constantFrom('ms', 'ms', 'iso', 'offset', 'local', 'sql', 'seconds', 'spaced'),
		offset: fc.constantFrom(-300, 330, 60, 540),
	})
	.map(({ day, millisOfDay, form, offset }) => {
		const millis = AS_OF - (day + 1) * DAY + millisOfDay;
		switch (form) {
			case 'ms':
				return String(millis);
			case 'iso':
				return isoOf(millis, 0);
			case 'offset':
				return isoOf(millis, offset);
			case 'local':
				return isoOf(millis, 0).slice(0, 19);
			case 'sql':
				return isoOf(millis, 0).slice(0, 19).replace('T', ' ');
			case 'seconds':
				return String(Math.floor(millis / 1000));
			default:
				return ` ${millis} `;
		}
	});

const rowArbitrary: fc.Arbitrary<Row> = fc.record({
	eventId: fc.constantFrom('', '', 'e1', 'e2', 'e3', 'e4', 'é5', ' e1 ', 'e"6'),
	contactId: rare(
		fc.constantFrom(
			'c1',
			'c2',
			'C2',
			'zoë@exämple.com',
			'李@例子.中国',
			'a,b',
			'two\nlines',
			' c1 ',
			'😀',
		),
		fc.constantFrom('', '  '),
	),
	type: rare(
		fc.constantFrom(
			...EVENT_TYPES,
			'sent',
			'delivered',
			'open',
			'click',
			'opened',
			'Click',
			' open ',
		),
		fc.constantFrom('bogus', ''),
	),
	timestamp: rare(timestampArbitrary, fc.constantFrom('not a time', '', '2026-02-31T00:00:00Z')),
	campaignId: fc.constantFrom('', 'b1', 'b2', 'a1', 'kampagne-ü', ' b1 ', 'x"y'),
	campaignKind: rare(
		fc.constantFrom('', 'broadcast', 'automation', 'transactional', 'newsletter'),
		fc.constantFrom('weekly'),
	),
	machine: rare(
		fc.constantFrom('', '', '', 'true', 'false', 'yes', 'TRUE'),
		fc.constantFrom('maybe'),
	),
	value: rare(fc.constantFrom('', '', '3', '12', '2.5', ' 4 ', '1e2'), fc.constantFrom('abc')),
	tracked: fc.constantFrom('', '', '', 'false', 'true', 'no'),
	url: fc.constantFrom('', 'https://x.io/?a=1,b=2', 'say "hi"'),
});

const fileArbitrary = fc.record({
	rows: fc.array(rowArbitrary, { maxLength: 40 }),
	lineBreak: fc.constantFrom('\n', '\r\n', '\r'),
	quoteAll: fc.boolean(),
	/** Byte-order marks: the UTF-8 decoder drops one, the CSV reader another. */
	boms: fc.nat(2),
	blankLines: fc.array(fc.nat(45), { maxLength: 3 }),
	trailingBreak: fc.boolean(),
	cuts: fc.array(fc.nat(4000), { maxLength: 8 }),
});

function csvField(text: string, quoteAll: boolean): string {
	return quoteAll || /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

type File = typeof fileArbitrary extends fc.Arbitrary<infer T> ? T : never;

function csvOf(file: File): string {
	const lines = [COLUMNS.join(',')];
	for (const row of file.rows) {
		lines.push(COLUMNS.map((column) => csvField(row[column], file.quoteAll)).join(','));
	}
	for (const at of file.blankLines) lines.splice(1 + (at % lines.length), 0, '');
	const text = lines.join(file.lineBreak) + (file.trailingBreak ? file.lineBreak : '');
	return '\uFEFF'.repeat(file.boms) + text;
}

type Outcome =
	| { result: ScoreResult }
	| { error: { message: string; index?: number; field?: string } };

function outcome(run: () => ScoreResult): Outcome {
	try {
		return { result: run() };
	} catch (error) {
		if (!(error instanceof EngagementInputError)) throw error;
		return { error: { message: error.message, index: error.index, field: error.field } };
	}
}

async function asyncOutcome(run: () => Promise<ScoreResult>): Promise<Outcome> {
	try {
		return { result: await run() };
	} catch (error) {
		if (!(error instanceof EngagementInputError)) throw error;
		return { error: { message: error.message, index: error.index, field: error.field } };
	}
}

/** Object path and columns path on the same chunks, for every model. */
async function expectSameScores(
	chunks: Uint8Array[],
	readOptions: EventColumnsReaderOptions,
	// Not Omit<ScoreOptions, 'model'>: Omit over ScoreOptions' index signature drops its named options (excludeMachine).
	scoreOptions: Partial<ScoreOptions> & { model?: never } = {},
): Promise<Outcome[]> {
	const outcomes: Outcome[] = [];
	const excludeMachine = scoreOptions.excludeMachine;
	for (const model of MODELS) {
		const options = { asOf: AS_OF, ...scoreOptions, model };
		const expected = await asyncOutcome(async () =>
			scoreContacts(await readEventFile(chunks, readOptions), options),
		);
		const actual = await asyncOutcome(async () =>
			scoreEventColumns(
				await readEventColumns(chunks, { ...readOptions, excludeMachine }),
				options,
			),
		);
		expect(actual).toEqual(expected);
		outcomes.push(actual);
	}
	return outcomes;
}

describe('EventColumnsReader', () => {
	it('scores random CSV files, cut anywhere, exactly as parseEventsCsv + scoreContacts (every columnar model)', async () => {
		let errors = 0;
		let scored = 0;
		await fc.assert(
			fc.asyncProperty(fileArbitrary, fc.boolean(), async (file, excludeMachine) => {
				const text = csvOf(file);
				const bytes = Buffer.from(text, 'utf8');
				const chunks = chunksAt(bytes, file.cuts);
				const [decay] = await expectSameScores(chunks, { format: 'csv' }, { excludeMachine });
				// the whole text through parseEventsCsv agrees too
				const whole = outcome(() =>
					scoreContacts(parseEventsCsv(new TextDecoder().decode(bytes)), {
						model: 'decay',
						asOf: AS_OF,
						excludeMachine,
					}),
				);
				expect(decay).toEqual(whole);
				if ('error' in decay) errors++;
				else scored++;
			}),
			{ numRuns: 300 },
		);
		// both kinds of outcome were exercised
		expect(errors).toBeGreaterThan(10);
		expect(scored).toBeGreaterThan(10);
	});

	it('reads NDJSON into the same columns as the object path', async () => {
		await fc.assert(
			fc.asyncProperty(fileArbitrary, fc.boolean(), async (file, excludeMachine) => {
				const lines = file.rows.map((row) => {
					const object: Record<string, unknown> = {};
					for (const column of COLUMNS) {
						if (row[column] === '') continue;
						object[column] =
							column === 'timestamp' && /^\d+$/.test(row[column])
								? Number(row[column])
								: row[column];
					}
					return JSON.stringify(object);
				});
				const bytes = Buffer.from(
					lines.join(file.lineBreak === '\r' ? '\n' : file.lineBreak),
					'utf8',
				);
				const chunks = chunksAt(bytes, file.cuts);
				const [decay] = await expectSameScores(chunks, {}, { excludeMachine });
				if (lines.length > 0) {
					const whole = outcome(() =>
						scoreContacts(parseEventsNdjson(bytes.toString('utf8')), {
							model: 'decay',
							asOf: AS_OF,
							excludeMachine,
						}),
					);
					expect(decay).toEqual(whole);
				}
			}),
			{ numRuns: 100 },
		);
	});

	it('follows the field mapping, value maps, delimiter and options of parseEventsCsv', async () => {
		const text = [
			'Email;Kind;When;Camp;Id',
			'A@X.io;Opened;1790000000000;k1;1',
			'a@x.io;send;2026-09-01T10:00:00+02:00;k1;2',
			'b@x.io;ignored;1790000000000;k1;3',
			'b@x.io;mystery;1790000000000;k1;4',
			'b@x.io;click;1790000000;k1;1',
		].join('\n');
		const mapping: CsvEventOptions = {
			delimiter: ';',
			fields: {
				contactId: 'Email',
				type: 'Kind',
				timestamp: 'When',
				campaignId: 'Camp',
				eventId: 'Id',
			},
			typeValues: { ignored: null },
			unknownTypes: 'skip',
			lowercaseContactId: true,
		};
		const bytes = Buffer.from(text);
		const outcomes = await expectSameScores(chunksAt(bytes, [5, 40, 41, 90]), {
			...mapping,
			format: 'csv',
		});
		expect(outcomes.every((each) => 'result' in each)).toBe(true);
		const columns = await readEventColumns([bytes], mapping);
		// the repeated eventId 1 is dropped, though its contact is interned, as prepareEventColumns does
		expect(columns.contactIds).toEqual(['a@x.io', 'b@x.io']);
		expect(columns).toMatchObject({ length: 2, eventsRead: 3, duplicates: 1 });
	});

	it('reads a Timestamp Format as the object path does, and fails on the same row', async () => {
		const rows = [
			'contactId,type,timestamp,campaignId',
			'a@x.io,sent,01.09.2026 10:00,k1',
			'a@x.io,open,"02.09.2026 08:30",k1',
			'b@x.io,sent,25.10.2026 02:30,k1',
			'b@x.io,click,29.03.2026 02:30,k1',
		];
		const options = { timestampFormat: 'dd.MM.yyyy HH:mm', timezone: 'Europe/Berlin' };
		const good = Buffer.from(rows.join('\n'));
		const outcomes = await expectSameScores(
			chunksAt(good, [7, 50, 51]),
			{ ...options, format: 'csv' },
			{
				timezone: 'Europe/Berlin',
			},
		);
		expect(outcomes.every((each) => 'result' in each)).toBe(true);
		const columns = await readEventColumns([good], options);
		expect([...columns.time]).toEqual([
			Date.UTC(2026, 8, 1, 8),
			Date.UTC(2026, 8, 2, 6, 30),
			Date.UTC(2026, 9, 25, 1, 30), // occurs twice: the later
			Date.UTC(2026, 2, 29, 1, 30), // never occurs: the offset before the change
		]);
		const bad = Buffer.from([...rows, 'c@x.io,open,2026-09-02T08:30:00Z,k1'].join('\n'));
		const [decay] = await expectSameScores(
			[bad],
			{ ...options, format: 'csv' },
			{ timezone: 'Europe/Berlin' },
		);
		expect(decay).toEqual({
			error: {
				message: expect.stringContaining('(expected the format "dd.MM.yyyy HH:mm")'),
				index: 4,
				field: 'timestamp',
			},
		});
	});

	it('reads spreadsheet serial days as the object path does, in the zone, and fails on the same row', async () => {
		const serial = (utc: number) => String(utc / DAY + 25569);
		const rows = [
			'contactId,type,timestamp,campaignId',
			`a@x.io,sent,${serial(Date.UTC(2026, 8, 1, 10))},k1`,
			`a@x.io,open,"${serial(Date.UTC(2026, 8, 2, 10, 30))}",k1`, // 46267.4375
			`b@x.io,sent,${serial(Date.UTC(2026, 9, 25))},k1`,
			`b@x.io,click, ${serial(Date.UTC(2026, 9, 26, 2, 30))},k1`,
			'c@x.io,open,2026-09-02T08:30:00Z,k1',
		];
		const options = { timestampUnit: 'spreadsheetDays', timezone: 'Europe/Berlin' } as const;
		const good = Buffer.from(rows.join('\n'));
		const outcomes = await expectSameScores(
			chunksAt(good, [7, 50, 51]),
			{ ...options, format: 'csv' },
			{ timezone: 'Europe/Berlin' },
		);
		expect(outcomes.every((each) => 'result' in each)).toBe(true);
		const columns = await readEventColumns([good], options);
		expect([...columns.time]).toEqual([
			Date.UTC(2026, 8, 1, 8),
			Date.UTC(2026, 8, 2, 8, 30),
			Date.UTC(2026, 9, 24, 22),
			Date.UTC(2026, 9, 26, 1, 30), // CET again: 2:30 is UTC+1
			Date.UTC(2026, 8, 2, 8, 30), // ISO text stays ISO
		]);
		const bad = Buffer.from([...rows, 'c@x.io,open,12.5,k1'].join('\n'));
		const [decay] = await expectSameScores(
			[bad],
			{ ...options, format: 'csv' },
			{ timezone: 'Europe/Berlin' },
		);
		expect(decay).toEqual({
			error: { message: expect.stringContaining('"12.5"'), index: 5, field: 'timestamp' },
		});
	});

	it('computes fields with function sources and a non-ASCII delimiter through the object parser', async () => {
		const text = 'who§what§when\nc1§open§1790000000000\nc2§sent§1790000000000\n';
		const mapping: CsvEventOptions = {
			delimiter: '§',
			fields: { contactId: (row) => `id-${String(row.who)}`, type: 'what', timestamp: 'when' },
		};
		await expectSameScores(chunksAt(Buffer.from(text), [3, 17]), { ...mapping, format: 'csv' });
		expect((await readEventColumns([Buffer.from(text)], mapping)).contactIds).toEqual([
			'id-c1',
			'id-c2',
		]);
	});

	it('fails like the object path on structural errors and a missing header', async () => {
		for (const text of [
			'contactId,type,timestamp\nc1,open,"1790000000000',
			'contactId,type,timestamp\nc1,open,"1790000000000"x\n',
			'contactId,type,timestamp\nc1,open,"1790000000000"é\n',
			'\n\n',
			'',
			'contactId,type\nc1,open\n',
		]) {
			await expectSameScores(chunksAt(Buffer.from(text), [1, 30, 33]), { format: 'csv' });
		}
		await expect(
			readEventColumns([Buffer.from('a,b\n')], { fields: { type: 'kind' } }),
		).rejects.toThrow('column "kind" is not in the header');
	});

	it('drops byte-order marks as the decoder and the CSV reader do, whatever the chunks', async () => {
		const bom = Buffer.from('\uFEFF');
		const csv = Buffer.from(
			'eventId,contactId,type,timestamp\ne1,c1,open,1790000000000\ne1,c1,open,1\n',
		);
		for (const chunks of [
			[new Uint8Array(0), bom, bom, csv],
			[bom.subarray(0, 1), bom.subarray(1), Buffer.concat([bom, csv])],
			[Buffer.concat([bom, bom, csv])],
		]) {
			const [decay] = await expectSameScores(chunks, { format: 'csv' });
			expect(decay).toMatchObject({ result: { account: { duplicateEvents: 1 } } });
			await expectSameScores(chunks, {});
		}
	});

	it('reads the file as it arrives and refuses what needs event objects', async () => {
		const reader = new EventColumnsReader({ fileName: 'events.csv' });
		reader.push(Buffer.from('contactId,type,timestamp,machine\nc1,op'));
		reader.push(Buffer.from('en,1790000000000,true\nc1,open,1790000000001,\n'));
		const columns = reader.end();
		expect(columns).toMatchObject({ length: 1, machineExcluded: 1, excludeMachine: true });
		expect(() => scoreEventColumns(columns, { model: 'decay', includeEvidence: true })).toThrow(
			'needs event objects',
		);
		expect(() => scoreEventColumns(columns, { model: 'rfm' })).toThrow('needs event objects');
		expect(() => scoreEventColumns(columns, { model: 'decay', excludeMachine: false })).toThrow(
			'prepared with excludeMachine true',
		);
	});
});
