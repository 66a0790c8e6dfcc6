import fc from 'fast-check';
import { parse } from 'csv-parse/sync';

import { readCsvRecords, CsvRecordReader } from '../../lib/events/csvRecords';
import {
	CsvEventParser,
	NdjsonEventParser,
	parseEventsCsv,
	parseEventsNdjson,
} from '../../lib/events/parseEvents';
import { EngagementInputError } from '../../lib/errors';

/** The reference reader: csv-parse, told the same leniencies we document. */
function reference(text: string, delimiter = ','): string[][] {
	return parse(text, { delimiter, relax_column_count: true, skip_empty_lines: true, bom: true });
}

/** Our reader fed in pieces split at the given positions. */
function chunked(text: string, cuts: number[]): string[][] {
	const reader = new CsvRecordReader();
	const records: string[][] = [];
	const collect = (fields: string[]) => records.push([...fields]);
	let from = 0;
	for (const cut of [...cuts].sort((a, b) => a - b)) {
		reader.push(text.slice(from, cut), collect);
		from = cut;
	}
	reader.push(text.slice(from), collect);
	reader.end(collect);
	return records;
}

describe('CSV reader (RFC 4180), checked against csv-parse', () => {
	const tricky = [
		'contactId,type,timestamp,url',
		'a@x.com,open,2026-03-01T10:00:00Z,',
		'"b@x.com",click,2026-03-01T10:05:00Z,"https://shop.example/?a=1,b=2"',
		'"c ""the"" contact",click,1772359500000,"line one',
		'line two"',
		',,,',
		'"",open,2026-03-01T10:00:00Z,"ends with quote"""',
		'last,open,2026-03-01T10:00:00Z,no newline at end',
	];

	test.each([
		['LF', tricky.join('\n')],
		['CRLF', tricky.join('\r\n')],
		['CRLF with trailing line break', `${tricky.join('\r\n')}\r\n`],
		['byte-order mark', `\ufeff${tricky.join('\n')}\n`],
		['blank lines', `${tricky.slice(0, 3).join('\n\n')}\n\n`],
		['CR only (old Mac)', tricky.join('\r')],
	])(
		'quoted delimiters, doubled quotes, line breaks inside quotes, empty fields — %s',
		(_name, text) => {
			expect(readCsvRecords(text)).toEqual(reference(text));
		},
	);

	test('any delimiter', () => {
		const text = 'a;b;c\n"1;2";3;"x""y"\n';
		expect(readCsvRecords(text, { delimiter: ';' })).toEqual(reference(text, ';'));
	});

	test('chunk boundaries anywhere give the same records, CRLF and "" split across chunks included', () => {
		const text = `${tricky.join('\r\n')}\r\n`;
		const whole = readCsvRecords(text);
		for (let cut = 0; cut <= text.length; cut++) expect(chunked(text, [cut])).toEqual(whole);
	});

	test('property: any table written with RFC 4180 quoting reads back the same, as csv-parse reads it', () => {
		const field = fc.oneof(
			fc.string({ maxLength: 6 }),
			fc.stringMatching(/^[a-z0-9 ,"\r\n]{0,8}$/),
		);
		const table = fc.array(fc.array(field, { minLength: 2, maxLength: 4 }), {
			minLength: 1,
			maxLength: 6,
		});
		const quote = (value: string) =>
			/[",\r\n]/.test(value) || value === '' ? `"${value.replace(/"/g, '""')}"` : value;
		fc.assert(
			fc.property(
				table,
				fc.constantFrom('\n', '\r\n'),
				fc.array(fc.nat(), { maxLength: 3 }),
				(rows, eol, cuts) => {
					const text = rows.map((row) => row.map(quote).join(',')).join(eol) + eol;
					const ours = readCsvRecords(text);
					expect(ours).toEqual(rows);
					expect(ours).toEqual(reference(text));
					expect(
						chunked(
							text,
							cuts.map((cut) => cut % (text.length + 1)),
						),
					).toEqual(rows);
				},
			),
			{ numRuns: 300 },
		);
	});

	test('errors: an unterminated quote, text after a closing quote', () => {
		expect(() => readCsvRecords('a,b\n"open,1\n')).toThrow(/record 2: unterminated quoted field/);
		expect(() => readCsvRecords('a,b\n"x"y,1\n')).toThrow(
			/record 2: unexpected "y" after a closing quote/,
		);
	});
});

describe('parseEventsCsv / parseEventsNdjson', () => {
	const csv = [
		'Email,Event,Time,Campaign,Kind,Bot',
		'ana@x.com,opened,1772359200,nl-1,newsletter,',
		'bo@x.com,Clicked,2026-03-01T10:05:00Z,nl-1,,true',
		'ana@x.com,delivered,"1772359100000",flow-1,flow,',
	].join('\n');
	const mapping = {
		fields: {
			contactId: 'Email',
			type: 'Event',
			timestamp: 'Time',
			campaignId: 'Campaign',
			campaignKind: 'kind',
			machine: 'Bot',
		},
	};

	test('header names map to fields (case-insensitive fallback); values normalised as in normalizeEvent', () => {
		expect(parseEventsCsv(csv, mapping)).toEqual([
			{
				contactId: 'ana@x.com',
				type: 'open',
				timestamp: 1_772_359_200_000,
				campaignId: 'nl-1',
				campaignKind: 'broadcast',
			},
			{
				contactId: 'bo@x.com',
				type: 'click',
				timestamp: Date.UTC(2026, 2, 1, 10, 5),
				campaignId: 'nl-1',
				machine: true,
			},
			{
				contactId: 'ana@x.com',
				type: 'delivered',
				timestamp: 1_772_359_100_000,
				campaignId: 'flow-1',
				campaignKind: 'automation',
			},
		]);
	});

	test('default mapping: columns named like the schema', () => {
		const events = parseEventsCsv(
			'contactId,type,timestamp,value\na,purchase,2026-03-01T00:00:00Z,19.90\n',
		);
		expect(events).toEqual([
			{ contactId: 'a', type: 'purchase', timestamp: Date.UTC(2026, 2, 1), value: 19.9 },
		]);
	});

	test('a mapped column missing from the header is an error naming it; a bad row names its data index', () => {
		expect(() => parseEventsCsv('a,b\n1,2\n', { fields: { contactId: 'email' } })).toThrow(
			/column "email" is not in the header/,
		);
		const bad = 'contactId,type,timestamp\na,open,2026-03-01T00:00:00Z\nb,open,whenever\n';
		expect(() => parseEventsCsv(bad)).toThrow(
			new EngagementInputError(
				'cannot read timestamp "whenever" (expected ISO-8601 or epoch seconds/milliseconds)',
				{ index: 1, field: 'timestamp' },
			),
		);
	});

	test('a function source gets the row as an object keyed by header', () => {
		const events = parseEventsCsv('first,last,type,timestamp\nAna,Lee,open,1772359200\n', {
			fields: { contactId: (row) => `${row.first}.${row.last}@x.com` },
		});
		expect(events[0].contactId).toBe('Ana.Lee@x.com');
	});

	test('the streaming parser gives the same events for any chunking', () => {
		const whole = parseEventsCsv(csv, mapping);
		for (let cut = 0; cut <= csv.length; cut += 3) {
			const parser = new CsvEventParser(mapping);
			const events = [
				...parser.push(csv.slice(0, cut)),
				...parser.push(csv.slice(cut)),
				...parser.end(),
			];
			expect(events).toEqual(whole);
		}
	});

	test('NDJSON lines with nested fields, blank lines skipped, chunked the same as whole', () => {
		const text = [
			'{"recipient":"ana@x.com","event":"opened","timestamp":1772359200,"tags":{"campaign":"nl-1"}}',
			'',
			'{"recipient":"bo@x.com","event":"clicked","timestamp":"2026-03-01T10:05:00Z","tags":{"campaign":"nl-1"}}',
		].join('\n');
		const ndjsonMapping = {
			fields: { contactId: 'recipient', type: 'event', campaignId: 'tags.campaign' },
		};
		const whole = parseEventsNdjson(text, ndjsonMapping);
		expect(whole).toEqual([
			{ contactId: 'ana@x.com', type: 'open', timestamp: 1_772_359_200_000, campaignId: 'nl-1' },
			{
				contactId: 'bo@x.com',
				type: 'click',
				timestamp: Date.UTC(2026, 2, 1, 10, 5),
				campaignId: 'nl-1',
			},
		]);
		for (let cut = 0; cut <= text.length; cut += 7) {
			const parser = new NdjsonEventParser(ndjsonMapping);
			expect([
				...parser.push(text.slice(0, cut)),
				...parser.push(text.slice(cut)),
				...parser.end(),
			]).toEqual(whole);
		}
		expect(() =>
			parseEventsNdjson('{"contactId":"a","type":"open","timestamp":1}\n{oops\n'),
		).toThrow(/event 1: line is not valid JSON/);
	});
});
