import ExcelJS from 'exceljs';

import type { Table } from '../../../lib/files/table';
import { columnLetters, createXlsx } from '../../../lib/files/xlsx';
import { XMLValidator } from 'fast-xml-parser';

import { hasCommand, readXlsxWithExcelJs, readZipWithZipJs, testUnzip } from './readers';

const campaign: Table = {
	name: 'Campaign',
	columns: [
		{ key: 'id', type: 'text' },
		{ key: 'sent', type: 'integer' },
		{ key: 'rate', header: 'view rate', type: 'percent' },
		{ key: 'startAt', type: 'dateTime' },
		{ key: 'date', type: 'date' },
		{ key: 'vip', type: 'boolean' },
		{ key: 'note' },
	],
	rows: [
		{
			id: 'c-001',
			sent: 1200,
			rate: 0.25,
			startAt: '2024-03-01T00:30:00Z',
			date: '2024-03-01',
			vip: true,
			note: 'spring sale, "big" one\nsecond line',
		},
		{
			id: '00042',
			sent: 0,
			rate: null,
			startAt: 1709251200000,
			date: null,
			vip: false,
			note: '=HYPERLINK("x")',
		},
		{
			id: '+82-10',
			sent: '7',
			rate: 1,
			startAt: 'not a date',
			date: '2024-02-29',
			vip: 'yes',
			note: -3.5,
		},
	],
};
const users: Table = {
	name: "Users & 'friends' list",
	columns: [{ key: 'userId', width: 30 }, { key: 'name' }],
	rows: [
		{ userId: 'u1', name: 'Ünïcödé 한국어 ✓' },
		{ userId: 'u2', name: 'bad\u0001control' },
	],
};

describe('createXlsx read back by ExcelJS', () => {
	const buffer = createXlsx([campaign, users], { timezone: 'Asia/Seoul' });
	let workbook: ExcelJS.Workbook;
	beforeAll(async () => {
		workbook = await readXlsxWithExcelJs(buffer);
	});

	it('has the sheets in order with their names', () => {
		expect(workbook.worksheets.map((s) => s.name)).toEqual(['Campaign', "Users & 'friends' list"]);
	});

	it('writes the header row from the column headers, bold', () => {
		const header = workbook.getWorksheet('Campaign')!.getRow(1);
		expect(header.values).toEqual([
			undefined,
			'id',
			'sent',
			'view rate',
			'startAt',
			'date',
			'vip',
			'note',
		]);
		expect(header.getCell(1).font?.bold).toBe(true);
	});

	it('keeps text as text (leading zeros), numbers as numbers, booleans as booleans', () => {
		const sheet = workbook.getWorksheet('Campaign')!;
		expect(sheet.getCell('A3').value).toBe('00042');
		expect(sheet.getCell('A3').type).toBe(ExcelJS.ValueType.String);
		expect(sheet.getCell('B2').value).toBe(1200);
		expect(sheet.getCell('B2').type).toBe(ExcelJS.ValueType.Number);
		expect(sheet.getCell('B2').numFmt).toBe('#,##0');
		expect(sheet.getCell('B4').value).toBe(7);
		expect(sheet.getCell('C2').value).toBe(0.25);
		expect(sheet.getCell('C2').numFmt).toBe('0.00%');
		expect(sheet.getCell('C3').type).toBe(ExcelJS.ValueType.Null);
		expect(sheet.getCell('F2').value).toBe(true);
		expect(sheet.getCell('F3').value).toBe(false);
		expect(sheet.getCell('F4').value).toBe('yes');
		expect(sheet.getCell('G2').value).toBe('spring sale, "big" one\nsecond line');
		expect(sheet.getCell('G4').value).toBe(-3.5);
	});

	it('writes dates as real dates showing the wall-clock time of the chosen zone', () => {
		const sheet = workbook.getWorksheet('Campaign')!;
		// ExcelJS turns the zone-less serial into a Date at that wall-clock time in UTC
		expect(sheet.getCell('D2').type).toBe(ExcelJS.ValueType.Date);
		expect((sheet.getCell('D2').value as Date).toISOString()).toBe('2024-03-01T09:30:00.000Z');
		expect(sheet.getCell('D2').numFmt).toBe('yyyy-mm-dd hh:mm:ss');
		expect((sheet.getCell('D3').value as Date).toISOString()).toBe('2024-03-01T09:00:00.000Z');
		expect((sheet.getCell('E2').value as Date).toISOString()).toBe('2024-03-01T00:00:00.000Z');
		expect(sheet.getCell('E2').numFmt).toBe('yyyy-mm-dd');
		expect((sheet.getCell('E4').value as Date).toISOString()).toBe('2024-02-29T00:00:00.000Z');
	});

	it('writes an unreadable date as text instead of failing', () => {
		expect(workbook.getWorksheet('Campaign')!.getCell('D4').value).toBe('not a date');
	});

	it('neutralises formula-like text with an apostrophe and never writes a formula', () => {
		const sheet = workbook.getWorksheet('Campaign')!;
		expect(sheet.getCell('G3').value).toBe(`'=HYPERLINK("x")`);
		expect(sheet.getCell('G3').type).toBe(ExcelJS.ValueType.String);
		expect(sheet.getCell('A4').value).toBe(`'+82-10`);
	});

	it('freezes the header row', () => {
		for (const sheet of workbook.worksheets) {
			expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1, topLeftCell: 'A2' });
		}
	});

	it('sets column widths from the content, or as given', () => {
		const sheet = workbook.getWorksheet('Campaign')!;
		expect(sheet.getColumn(1).width).toBe("'+82-10".length + 2); // widest value, neutralised
		expect(sheet.getColumn(4).width).toBe(21); // yyyy-mm-dd hh:mm:ss + 2
		expect(sheet.getColumn(7).width).toBe('spring sale, "big" one'.length + 2);
		expect(workbook.getWorksheet("Users & 'friends' list")!.getColumn(1).width).toBe(30);
	});

	it('keeps Unicode and drops characters XML cannot hold', () => {
		const sheet = workbook.getWorksheet("Users & 'friends' list")!;
		expect(sheet.getCell('B2').value).toBe('Ünïcödé 한국어 ✓');
		expect(sheet.getCell('B3').value).toBe('badcontrol');
	});

	it('adds filter buttons over the header', () => {
		expect(workbook.getWorksheet('Campaign')!.autoFilter).toBe('A1:G4');
	});

	it('holds the OOXML parts, each well-formed XML', async () => {
		const entries = await readZipWithZipJs(buffer);
		expect(entries.map((e) => e.name).sort()).toEqual([
			'[Content_Types].xml',
			'_rels/.rels',
			'xl/_rels/workbook.xml.rels',
			'xl/sharedStrings.xml',
			'xl/styles.xml',
			'xl/workbook.xml',
			'xl/worksheets/sheet1.xml',
			'xl/worksheets/sheet2.xml',
		]);
		for (const entry of entries)
			expect([entry.name, XMLValidator.validate(entry.data.toString('utf8'))]).toEqual([
				entry.name,
				true,
			]);
	});

	(hasCommand('unzip') ? it : it.skip)('is a sound ZIP for `unzip -t`', () => {
		expect(testUnzip(buffer).status).toBe(0);
	});
});

describe('createXlsx limits', () => {
	it('rejects invalid and duplicate sheet names', () => {
		const sheet = (name: string): Table => ({ name, columns: [{ key: 'a' }], rows: [] });
		expect(() => createXlsx([sheet('a/b')])).toThrow(/sheet name "a\/b"/);
		expect(() => createXlsx([sheet('x'.repeat(32))])).toThrow(/1–31 characters/);
		expect(() => createXlsx([sheet('Data'), sheet('data')])).toThrow(/used twice/);
		expect(() => createXlsx([])).toThrow(/at least one sheet/);
	});

	it('writes an empty sheet with only the header', async () => {
		const workbook = await readXlsxWithExcelJs(
			createXlsx([{ name: 'Empty', columns: [{ key: 'a' }, { key: 'b' }], rows: [] }]),
		);
		const sheet = workbook.getWorksheet('Empty')!;
		expect(sheet.rowCount).toBe(1);
		expect(sheet.getRow(1).values).toEqual([undefined, 'a', 'b']);
	});

	it('names columns past Z like a spreadsheet', () => {
		expect([0, 25, 26, 51, 52, 701, 702, 16383].map(columnLetters)).toEqual([
			'A',
			'Z',
			'AA',
			'AZ',
			'BA',
			'ZZ',
			'AAA',
			'XFD',
		]);
	});
});
