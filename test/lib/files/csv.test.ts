import { parse } from 'csv-parse/sync';

import { createCsv, createCsvText } from '../../../lib/files/csv';
import type { Table } from '../../../lib/files/table';

const table: Table = {
	name: 'CampaignUser',
	columns: [
		{ key: 'userId', type: 'text' },
		{ key: 'sent', type: 'dateTime' },
		{ key: 'count', type: 'integer' },
		{ key: 'note' },
	],
	rows: [
		{ userId: 'u1', sent: '2024-03-01T15:10:00Z', count: 3, note: 'plain' },
		{ userId: 'u,2', sent: null, count: -4, note: 'quote " and\r\nnew line' },
		{ userId: '=1+2', sent: undefined, count: 0, note: '@SUM(A1)' },
		{ userId: '-5', sent: 'x', count: 1, note: '\tTAB' },
		{ userId: '+1', sent: 0, count: 2, note: '\rCR' },
		{ userId: 'safe=1', sent: 0, count: 2, note: ' =space first' },
		{ userId: 'Ünïcödé 한국어', sent: 0, count: 2, note: '' },
	],
};

function parsed(text: string, delimiter = ','): string[][] {
	return parse(text, { bom: true, delimiter, relax_column_count: false });
}

describe('createCsv read back by csv-parse', () => {
	const text = createCsvText(table, { timezone: 'Europe/Paris' });
	const rows = parsed(text);

	it('writes a header line and one record per row, CRLF line ends', () => {
		expect(rows[0]).toEqual(['userId', 'sent', 'count', 'note']);
		expect(rows).toHaveLength(table.rows.length + 1);
		expect(text.endsWith('\r\n')).toBe(true);
		expect(
			text
				.replace(/"[^"]*"/g, '')
				.split('\n')
				.every((line) => line === '' || line.endsWith('\r')),
		).toBe(true);
	});

	it('starts with a UTF-8 byte-order mark by default and can leave it out', () => {
		expect(
			createCsv(table)
				.subarray(0, 3)
				.equals(Buffer.from([0xef, 0xbb, 0xbf])),
		).toBe(true);
		expect(createCsvText(table, { bom: false }).startsWith('userId')).toBe(true);
	});

	it('quotes delimiters, quotes and line breaks (RFC 4180)', () => {
		expect(rows[2][0]).toBe('u,2');
		expect(rows[2][3]).toBe('quote " and\r\nnew line');
		expect(text).toContain('"quote "" and\r\nnew line"');
	});

	it('writes dates as wall-clock time in the chosen zone and unreadable ones as they came', () => {
		expect(rows[1][1]).toBe('2024-03-01 16:10:00');
		expect(rows[2][1]).toBe('');
		expect(rows[4][1]).toBe('x');
		expect(rows[5][1]).toBe('1970-01-01 01:00:00');
	});

	it('neutralises cells starting with =, +, -, @, tab or CR, and only those', () => {
		expect(rows[3][0]).toBe("'=1+2");
		expect(rows[3][3]).toBe("'@SUM(A1)");
		expect(rows[4][0]).toBe("'-5");
		expect(rows[4][3]).toBe("'\tTAB");
		expect(rows[5][0]).toBe("'+1");
		expect(rows[5][3]).toBe("'\rCR");
		expect(rows[6][0]).toBe('safe=1');
		expect(rows[6][3]).toBe(' =space first');
	});

	it('neutralises formula-like headers too (headers can come from data: band names, profile keys)', () => {
		const fromData: Table = {
			name: 'BandTrend',
			columns: [
				{ key: 'date' },
				{ key: '@SUM(1+1)*cmd|" /C calc"!A0' },
				{ key: '=HYPERLINK("x")' },
			],
			rows: [],
		};
		expect(parsed(createCsvText(fromData))[0]).toEqual([
			'date',
			`'@SUM(1+1)*cmd|" /C calc"!A0`,
			`'=HYPERLINK("x")`,
		]);
		expect(parsed(createCsvText(fromData, { neutraliseFormulas: false }))[0][2]).toBe(
			'=HYPERLINK("x")',
		);
	});

	it('leaves numbers as numbers, negative ones included', () => {
		expect(rows[2][2]).toBe('-4');
	});

	it('can turn neutralising off', () => {
		expect(parsed(createCsvText(table, { neutraliseFormulas: false }))[3][0]).toBe('=1+2');
	});

	it('keeps Unicode', () => {
		expect(rows[7][0]).toBe('Ünïcödé 한국어');
	});

	it('supports semicolon and tab delimiters', () => {
		const semicolon = parsed(
			createCsvText({ ...table, rows: [{ userId: 'a;b', note: 'c,d' }] }, { delimiter: ';' }),
			';',
		);
		expect(semicolon[1]).toEqual(['a;b', '', '', 'c,d']);
		const tab = parsed(
			createCsvText({ ...table, rows: [{ userId: 'a\tb' }] }, { delimiter: '\t' }),
			'\t',
		);
		expect(tab[1][0]).toBe('a\tb');
	});
});
