import fc from 'fast-check';

import { EventColumnsReader } from '../../lib/events/eventColumnsReader';
import { EventFileReader } from '../../lib/events/eventFileReader';
import { LatestContactFields } from '../../lib/events/latestContactFields';
import type { LatestFields } from '../../lib/events/latestContactFields';

/**
 * Keep Contact Fields from a file: per contact, the named fields of its latest row by event time (the later row on a
 * tie), whether the file is read into columns (CsvColumnsParser, from bytes) or into event objects (CsvEventParser,
 * NdjsonEventParser).
 */

const NAMES = ['firstName', 'crmId', 'missing'];

function keptByColumns(text: string, chunkSize = 1 << 16, names = NAMES) {
	const kept = new LatestContactFields(names, 7);
	const reader = new EventColumnsReader({ format: 'csv', keepFields: kept });
	const bytes = Buffer.from(text);
	for (let at = 0; at < bytes.length; at += chunkSize)
		reader.push(bytes.subarray(at, at + chunkSize));
	reader.end();
	return kept;
}

function keptByObjects(text: string, format: 'csv' | 'ndjson', names = NAMES) {
	const kept = new LatestContactFields(names, 7);
	const reader = new EventFileReader({ format, keepFields: kept });
	reader.push(Buffer.from(text));
	reader.end();
	return kept;
}

function table(kept: LatestContactFields, contacts: string[]) {
	return Object.fromEntries(contacts.map((id) => [id, kept.of(id)]));
}

const CSV = [
	'eventId,contactId,type,timestamp,campaignId,machine,FirstName,crmId',
	'e1,a@x.io,sent,2024-06-01T09:00:00Z,c1,,Ann,1',
	'e2,a@x.io,open,2024-06-03T09:00:00Z,c1,,"Ann ""A""",2',
	'e3,a@x.io,click,2024-06-02T09:00:00Z,c1,,Old,3',
	'e4,b@x.io,sent,2024-06-01T09:00:00Z,c1,,Bob,10',
	'e5,b@x.io,open,2024-06-01T09:00:00Z,c1,,Bobby,',
	'e6,c@x.io,sent,2024-06-01T09:00:00Z,c1,,Cy,20',
	'e7,c@x.io,click,2024-06-05T09:00:00Z,c1,true,Bot,21',
	'e8,c@x.io,processed,2024-06-09T09:00:00Z,c1,,Skipped,22',
	'',
].join('\n');

const EXPECTED: Record<string, LatestFields> = {
	// the latest by time, not the last row
	'a@x.io': {
		time: Date.parse('2024-06-03T09:00:00Z'),
		source: 7,
		values: { firstName: 'Ann "A"', crmId: '2' },
		lacking: ['missing'],
	},
	// a tie: the later row; its empty cell is its value
	'b@x.io': {
		time: Date.parse('2024-06-01T09:00:00Z'),
		source: 7,
		values: { firstName: 'Bobby', crmId: '' },
		lacking: ['missing'],
	},
	// a machine event counts (as an item does); a row whose type is skipped does not
	'c@x.io': {
		time: Date.parse('2024-06-05T09:00:00Z'),
		source: 7,
		values: { firstName: 'Bot', crmId: '21' },
		lacking: ['missing'],
	},
};

describe('Keep Contact Fields from a file', () => {
	test("each contact keeps its latest row's columns, read from bytes as from objects", () => {
		const contacts = Object.keys(EXPECTED);
		const options = { unknownTypes: 'skip' as const };
		const columns = new LatestContactFields(NAMES, 7);
		const reader = new EventColumnsReader({ format: 'csv', keepFields: columns, ...options });
		reader.push(Buffer.from(CSV));
		reader.end();
		const objects = new LatestContactFields(NAMES, 7);
		const fileReader = new EventFileReader({ format: 'csv', keepFields: objects, ...options });
		fileReader.push(Buffer.from(CSV));
		fileReader.end();
		expect(table(columns, contacts)).toEqual(EXPECTED);
		expect(table(objects, contacts)).toEqual(EXPECTED);
	});

	test('rows split across chunks anywhere, and rows on the slow path, give the same fields', () => {
		const contacts = ['a@x.io', 'b@x.io', 'c@x.io'];
		const text = CSV.replace(',processed,', ',sent,');
		const whole = table(keptByColumns(text), contacts);
		expect(table(keptByColumns(text, 1), contacts)).toEqual(whole);
		expect(table(keptByColumns(text, 5), contacts)).toEqual(whole);
		// a padded contact id sends its row to the slow path (CsvEventParser), which offers it the same way
		const padded = text.replace('e2,a@x.io,', 'e2, a@x.io ,');
		expect(table(keptByColumns(padded), contacts)).toEqual(whole);
		expect(table(keptByObjects(padded, 'csv'), contacts)).toEqual(whole);
	});

	test('NDJSON: the fields of the latest line, dotted paths reaching nested ones, JSON values kept', () => {
		const ndjson = [
			'{"contactId":"a","type":"sent","timestamp":"2024-06-01T09:00:00Z","crm":{"id":7},"tags":["x"]}',
			'{"contactId":"a","type":"open","timestamp":"2024-06-02T09:00:00Z","crm":{"id":8},"tags":["y"]}',
			'{"contactId":"a","type":"click","timestamp":"2024-06-01T10:00:00Z","crm":{"id":9}}',
		].join('\n');
		const kept = keptByObjects(ndjson, 'ndjson', ['crm.id', 'tags', 'none']);
		expect(kept.of('a')).toEqual({
			time: Date.parse('2024-06-02T09:00:00Z'),
			source: 7,
			values: { 'crm.id': 8, tags: ['y'] },
			lacking: ['none'],
		});
	});

	test('a field the latest row lacks is absent, not lacking: only a field its file has nowhere is lacking', () => {
		// a CSV short row: the header has the column, the row has no cell for it
		const csv = [
			'contactId,type,timestamp,crmId',
			'a,sent,2024-06-01T00:00:00Z,A-1',
			'a,open,2024-06-02T00:00:00Z',
			'',
		].join('\n');
		for (const kept of [
			keptByColumns(csv, 1 << 16, ['crmId', 'name']),
			keptByObjects(csv, 'csv', ['crmId', 'name']),
		]) {
			expect(kept.of('a')).toMatchObject({ values: {}, lacking: ['name'] });
		}
		// NDJSON: a later line without the field; another field no line has
		const ndjson = [
			'{"contactId":"a","type":"sent","timestamp":"2024-06-01T00:00:00Z","crmId":"A-1"}',
			'{"contactId":"a","type":"open","timestamp":"2024-06-02T00:00:00Z"}',
		].join('\n');
		expect(keptByObjects(ndjson, 'ndjson', ['crmId', 'name']).of('a')).toMatchObject({
			values: {},
			lacking: ['name'],
		});
	});

	test("names that are Object.prototype's own never read the prototype, and __proto__ is kept as a field", () => {
		const ndjson = '{"contactId":"a","type":"sent","timestamp":"2024-06-01T00:00:00Z","x":{"y":1}}';
		const kept = keptByObjects(ndjson, 'ndjson', [
			'constructor',
			'toString',
			'x.constructor',
			'x.y',
		]);
		expect(kept.of('a')).toMatchObject({
			values: { 'x.y': 1 },
			lacking: ['constructor', 'toString', 'x.constructor'],
		});
		const csv = 'contactId,type,timestamp,__proto__\na,sent,2024-06-01T00:00:00Z,p\n';
		const values = keptByColumns(csv, 1 << 16, ['__proto__']).of('a')?.values ?? {};
		expect(Object.keys(values)).toEqual(['__proto__']);
		expect(Object.getPrototypeOf(values)).toBe(Object.prototype);
		expect(JSON.stringify(values)).toBe('{"__proto__":"p"}');
	});

	test('merge: a later file wins a tie and a later time; an earlier time does not', () => {
		const first = new LatestContactFields(['f'], 0);
		first.offer('a', 10, () => 'first');
		first.offer('b', 10, () => 'first');
		first.offer('c', 10, () => 'first');
		const second = new LatestContactFields(['f'], 1);
		second.offer('a', 10, () => 'second');
		second.offer('b', 9, () => 'second');
		second.offer('c', 11, () => 'second');
		second.offer('d', 1, () => 'second');
		first.merge(second);
		expect(
			['a', 'b', 'c', 'd'].map((id) => [first.of(id)?.values.f, first.of(id)?.source]),
		).toEqual([
			['second', 1],
			['first', 0],
			['second', 1],
			['second', 1],
		]);
	});

	test('property: columns and objects keep the fields of the latest row, the later row on a tie', () => {
		const row = fc.record({
			contact: fc.constantFrom('a', 'b', 'c', 'A'),
			day: fc.integer({ min: 1, max: 4 }),
			type: fc.constantFrom('sent', 'open', 'click', 'processed'),
			name: fc.string({ maxLength: 6 }).map((text) => text.replace(/[\r\n]/g, '')),
		});
		fc.assert(
			fc.property(
				fc.array(row, { maxLength: 30 }),
				fc.integer({ min: 1, max: 64 }),
				(rows, chunk) => {
					const quote = (text: string) => `"${text.replaceAll('"', '""')}"`;
					const csv = [
						'contactId,type,timestamp,name',
						...rows.map(
							(r) => `${r.contact},${r.type},2024-06-0${r.day}T00:00:00Z,${quote(r.name)}`,
						),
					].join('\n');
					const expected = new Map<string, { day: number; name: string }>();
					for (const r of rows) {
						if (r.type === 'processed') continue;
						const known = expected.get(r.contact);
						if (known === undefined || r.day >= known.day) expected.set(r.contact, r);
					}
					const options = { unknownTypes: 'skip' as const };
					const columns = new LatestContactFields(['name'], 0);
					const reader = new EventColumnsReader({ format: 'csv', keepFields: columns, ...options });
					const bytes = Buffer.from(csv);
					for (let at = 0; at < bytes.length; at += chunk)
						reader.push(bytes.subarray(at, at + chunk));
					reader.end();
					const objects = new LatestContactFields(['name'], 0);
					const fileReader = new EventFileReader({
						format: 'csv',
						keepFields: objects,
						...options,
					});
					fileReader.push(csv);
					fileReader.end();
					for (const id of ['a', 'b', 'c', 'A']) {
						const want = expected.get(id);
						const wanted = want && {
							time: Date.parse(`2024-06-0${want.day}T00:00:00Z`),
							source: 0,
							values: { name: want.name },
							lacking: [],
						};
						expect(columns.of(id)).toEqual(wanted);
						expect(objects.of(id)).toEqual(wanted);
					}
				},
			),
		);
	});
});
