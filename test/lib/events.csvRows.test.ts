import { execFileSync } from 'node:child_process';
import path from 'node:path';

import fc from 'fast-check';

import { EngagementInputError } from '../../lib/errors';
import { CsvRows, useCsvRows } from '../../lib/events/csvRows';
import type { EventColumns } from '../../lib/events/eventColumns';
import { readEventColumns } from '../../lib/events/eventColumnsReader';
import type { EventColumnsReaderOptions } from '../../lib/events/eventColumnsReader';
import { readEventFile } from '../../lib/events/eventFileReader';
import { scoreContacts, scoreEventColumns } from '../../lib/scoreContacts';

import { chunksAt } from './byteChunks';

/**
 * The WebAssembly rows (assembly/csvRows.ts) read a CSV's plain rows for `CsvColumnsParser` and leave every other
 * record to it. Files of mostly plain rows with odd ones mixed in, cut anywhere, must give the very columns (and
 * errors) the JavaScript reader gives alone, and the scores of the object path.
 */

const AS_OF = Date.UTC(2026, 10, 1);
const DAY = 86_400_000;
const HEADER = [
	'eventId',
	'contactId',
	'type',
	'timestamp',
	'campaignId',
	'campaignKind',
	'channel',
	'machine',
	'value',
	'tracked',
] as const;
type Row = Record<(typeof HEADER)[number], string>;

/**
 * ISO-8601 in the machine form and near it: every year (0099 included), days past the month's end, fractions of any
 * length, offsets with and without a colon, lower-case z, a space for T, no offset (UTC, or the zone's).
 */
function isoArbitrary(): fc.Arbitrary<string> {
	const two = (n: number) => String(n).padStart(2, '0');
	return fc
		.record({
			year: fc.oneof(fc.integer({ min: 2020, max: 2026 }), fc.integer({ min: 0, max: 9999 })),
			month: fc.integer({ min: 1, max: 12 }),
			// past the 28th rarely: a day a month lacks makes the file fail (at the same row either way)
			day: fc.oneof(
				{ weight: 200, arbitrary: fc.integer({ min: 1, max: 28 }) },
				{ weight: 1, arbitrary: fc.integer({ min: 29, max: 31 }) },
			),
			hour: fc.integer({ min: 0, max: 23 }),
			minute: fc.integer({ min: 0, max: 59 }),
			second: fc.option(fc.integer({ min: 0, max: 59 })),
			fraction: fc.option(fc.stringMatching(/^[0-9]{1,12}$/)),
			separator: fc.constantFrom('T', ' '),
			offset: fc.constantFrom('Z', 'z', '', '+02:00', '-0530', '+14:00', '-12'),
		})
		.map((t) => {
			let text = `${String(t.year).padStart(4, '0')}-${two(t.month)}-${two(t.day)}${t.separator}${two(t.hour)}:${two(t.minute)}`;
			if (t.second !== null) text += `:${two(t.second)}${t.fraction === null ? '' : `.${t.fraction}`}`;
			return text + t.offset;
		});
}

/** Per field, values a plain row has (the rows read in WebAssembly) and odd ones (left to the JavaScript reader). */
const VALUES: Record<(typeof HEADER)[number], { plain: fc.Arbitrary<string>; odd: string[] }> = {
	eventId: {
		plain: fc.constantFrom('', 'e1', 'e2', 'e3', 'e4', 'e5', 'e6', 'e7', 'E7'),
		odd: [' e1 ', 'é2', '"e3"'],
	},
	// ' c1 ' and 'c1' are one contact: whichever comes first, the other's bytes must reach the same index
	contactId: {
		plain: fc.constantFrom('c1', 'c2', 'c3', 'C3', 'someone@example.com', 'x'),
		odd: [' c1 ', 'zoë@x.io', '"c2"', '', 'someone@example.com ', 'C1'],
	},
	type: {
		plain: fc.constantFrom('sent', 'delivered', 'open', 'click', 'opened', 'subscribe', 'conversion'),
		odd: [' open ', 'bogus', '', '"click"'],
	},
	timestamp: {
		plain: fc.oneof(
			{
				weight: 3,
				arbitrary: fc
					.record({ day: fc.integer({ min: 0, max: 200 }), ms: fc.integer({ min: 0, max: DAY - 1 }) })
					.map(({ day, ms }) => String(AS_OF - (day + 1) * DAY + ms)),
			},
			{ weight: 2, arbitrary: isoArbitrary() },
		),
		odd: ['1790000000', ' 1790000000000', 'x', '2026-02-29T10:00:00Z', '1234567890123456'],
	},
	campaignId: { plain: fc.constantFrom('', 'k1', 'k2', 'k3'), odd: [' k1 ', '  ', 'ü'] },
	campaignKind: {
		plain: fc.constantFrom('', '', 'broadcast', 'automation', 'flow'),
		odd: ['weekly', 'Transactional'],
	},
	channel: { plain: fc.constantFrom('', 'email', '"e,mail"', '"line\nbreak"'), odd: ['a "b"'] },
	machine: { plain: fc.constantFrom('', '', 'true', 'false'), odd: ['yes', 'TRUE'] },
	value: { plain: fc.constantFrom('', '', '3', '2.5', '1234567.891'), odd: [' 4 ', '1e2', '.5'] },
	tracked: { plain: fc.constantFrom('', '', 'false', 'true'), odd: ['no'] },
};

const plainRow = fc.record(
	Object.fromEntries(HEADER.map((column) => [column, VALUES[column].plain])) as Record<
		(typeof HEADER)[number],
		fc.Arbitrary<string>
	>,
);

/** A plain row with one field odd. */
const oddRow = fc
	.tuple(plainRow, fc.constantFrom(...HEADER), fc.nat())
	.map(([row, column, pick]) => {
		const odd = VALUES[column].odd;
		return { ...row, [column]: odd[pick % odd.length] };
	});

const rowArbitrary: fc.Arbitrary<Row> = fc.oneof(
	{ arbitrary: plainRow, weight: 40 },
	{ arbitrary: oddRow, weight: 1 },
);

const fileArbitrary = fc.record({
	rows: fc.array(rowArbitrary, { minLength: 100, maxLength: 400 }),
	lineBreak: fc.constantFrom('\n', '\n', '\r\n', '\r'),
	/** Every field quoted, as many tools write CSV. */
	quoteAll: fc.boolean(),
	trailingBreak: fc.boolean(),
	blankLines: fc.array(fc.nat(400), { maxLength: 3 }),
	cuts: fc.array(fc.nat(40_000), { maxLength: 12 }),
	options: fc.record({
		excludeMachine: fc.boolean(),
		dedupe: fc.boolean(),
		lowercaseContactId: fc.boolean(),
		unknownTypes: fc.constantFrom('error', 'skip') as fc.Arbitrary<'error' | 'skip'>,
		timestampUnit: fc.constantFrom('auto', 'auto', 'seconds', 'milliseconds') as fc.Arbitrary<
			'auto' | 'seconds' | 'milliseconds'
		>,
		timezone: fc.constantFrom('UTC', 'UTC', 'Asia/Kolkata', 'Europe/Berlin', 'America/St_Johns'),
	}),
});

type File = typeof fileArbitrary extends fc.Arbitrary<infer T> ? T : never;

function csvOf(file: File): Uint8Array {
	const field = (text: string) =>
		/^".*"$/.test(text) || !(file.quoteAll || /[",\r\n]/.test(text))
			? text
			: `"${text.replaceAll('"', '""')}"`;
	const lines = [HEADER.join(',')];
	for (const row of file.rows) lines.push(HEADER.map((column) => field(row[column])).join(','));
	for (const at of file.blankLines) lines.splice(1 + (at % lines.length), 0, '');
	return Buffer.from(lines.join(file.lineBreak) + (file.trailingBreak ? file.lineBreak : ''));
}

type Read = { columns: EventColumns } | { error: { message: string; index?: number; field?: string } };

async function read(
	chunks: Uint8Array[],
	options: EventColumnsReaderOptions,
	withRows: boolean,
): Promise<Read> {
	useCsvRows(withRows);
	try {
		return { columns: await readEventColumns(chunks, { format: 'csv', ...options }) };
	} catch (error) {
		if (!(error instanceof EngagementInputError)) throw error;
		return { error: { message: error.message, index: error.index, field: error.field } };
	} finally {
		useCsvRows(true);
	}
}

describe('WebAssembly rows of the CSV columns reader', () => {
	it('read mostly plain files, cut anywhere, into the columns the JavaScript reader gives alone', async () => {
		const output = jest.spyOn(CsvRows.prototype, 'output');
		let compared = 0;
		let rows = 0;
		await fc.assert(
			fc.asyncProperty(fileArbitrary, async (file) => {
				const chunks = chunksAt(csvOf(file), file.cuts);
				const withRows = await read(chunks, file.options, true);
				expect(withRows).toEqual(await read(chunks, file.options, false));
				if ('columns' in withRows) compared++;
				rows += file.rows.length;
			}),
			{ numRuns: 150 },
		);
		// most files have no bad row at all, and most rows were read in WebAssembly
		expect(compared).toBeGreaterThan(50);
		const rowsRead = output.mock.results.reduce(
			(sum, result) => sum + (result.value as { rows: number }).rows,
			0,
		);
		output.mockRestore();
		// (a file stops going to WebAssembly once it has left more than one row in 16 to JavaScript, so not all)
		expect(rowsRead).toBeGreaterThan(rows / 4);
	});

	it('score as the object path does', async () => {
		await fc.assert(
			fc.asyncProperty(fileArbitrary, async (file) => {
				const chunks = chunksAt(csvOf(file), file.cuts);
				// scoreContacts always de-duplicates
				const options = { ...file.options, dedupe: true, format: 'csv' as const };
				const score = { model: 'decay', asOf: AS_OF, excludeMachine: file.options.excludeMachine };
				const outcome = async (run: () => Promise<unknown>) => {
					try {
						return { result: await run() };
					} catch (error) {
						if (!(error instanceof EngagementInputError)) throw error;
						return { error: error.message };
					}
				};
				const expected = await outcome(async () =>
					scoreContacts(await readEventFile(chunks, options), score),
				);
				const actual = await outcome(async () =>
					scoreEventColumns(await readEventColumns(chunks, options), score),
				);
				expect(actual).toEqual(expected);
			}),
			{ numRuns: 60 },
		);
	});

	it('give a contact id first met in other bytes (to trim) the index it has', async () => {
		const lines = ['contactId,type,timestamp', ' c1 ,open,1790000000000'];
		for (let i = 0; i < 20; i++) lines.push(`c${2 + (i % 3)},open,${1790000000001 + i}`, `c1,open,${1790000000100 + i}`);
		const chunks = chunksAt(Buffer.from(lines.join('\n')), [300]);
		const withRows = await read(chunks, {}, true);
		expect(withRows).toEqual(await read(chunks, {}, false));
		const { columns } = withRows as { columns: EventColumns };
		expect(columns.contactIds).toEqual(['c1', 'c2', 'c3', 'c4']);
		expect([...columns.contact.subarray(0, 5)]).toEqual([0, 1, 0, 2, 0]);
	});

	it('read times without an offset in the zone, as the JavaScript reader does, around its changes of offset', async () => {
		// every 20 minutes from 27 March to 1 April and from 23 to 27 October 2026: Berlin's clocks go forward on 29
		// March at 02:00 (02:00–02:59 never occurs) and back on 25 October at 03:00 (02:00–02:59 occurs twice)
		const lines = ['contactId,type,timestamp'];
		for (const [from, to] of [
			[Date.UTC(2026, 2, 27), Date.UTC(2026, 3, 1)],
			[Date.UTC(2026, 9, 23), Date.UTC(2026, 9, 27)],
			[Date.UTC(2024, 0, 1), Date.UTC(2024, 0, 2)],
		]) {
			for (let at = from; at < to; at += 20 * 60_000) {
				lines.push(`c${(at / 60_000) % 7},open,${new Date(at).toISOString().slice(0, 19).replace('T', ' ')}`);
			}
		}
		// and old local mean times, offsets of no whole number of minutes (Berlin +00:53:28, Kolkata +05:53:28)
		// (twice each: the first teaches its days, the second is read with them)
		for (const old of ['0009-01-01 00:00', '1800-06-01 12:00', '1890-01-01 00:00']) {
			lines.push(`c1,open,${old}`, `c2,open,${old}`);
		}
		const chunks = chunksAt(Buffer.from(lines.join('\n')), [5000, 9000]);
		const output = jest.spyOn(CsvRows.prototype, 'output');
		for (const timezone of ['Europe/Berlin', 'America/St_Johns', 'Asia/Kolkata']) {
			const withRows = await read(chunks, { timezone }, true);
			expect(withRows).toEqual(await read(chunks, { timezone }, false));
		}
		const rowsRead = output.mock.results.reduce(
			(sum, result) => sum + (result.value as { rows: number }).rows,
			0,
		);
		output.mockRestore();
		// all but the rows near a change of offset (and those that taught a day) were read in WebAssembly
		expect(rowsRead).toBeGreaterThan(3 * (lines.length - 1) * 0.4);
	});

	it('leave a file whose rows they cannot read (doubled quotes, padded times) to the JavaScript reader', async () => {
		for (const [contact, timestamp] of [
			['c', ' 1790000000000'],
			['"c""', '1790000000000'],
		]) {
			const lines = ['contactId,type,timestamp'];
			for (let i = 0; i < 3000; i++) lines.push(`${contact}${i % 70}${contact.startsWith('"') ? '"' : ''},open,${timestamp}`);
			const bytes = Buffer.from(lines.join('\n'));
			const chunks = chunksAt(bytes, [100, 20_000, 40_000]);
			const options = { timezone: 'Europe/Berlin' };
			const withRows = await read(chunks, options, true);
			expect(withRows).toEqual(await read(chunks, options, false));
			expect(withRows).toMatchObject({ columns: { length: 3000 } });
		}
	});

	it('is the module assembly/csvRows.ts compiles to (npm run build:wasm)', () => {
		const script = path.join(__dirname, '..', '..', 'scripts', 'wasm', 'build.js');
		expect(() => execFileSync(process.execPath, [script, '--check'], { stdio: 'pipe' })).not.toThrow();
	});
});
