/**
 * Independent readers used to check our writers: zip.js for archives (incl. WinZip AES), the system `7z`, `unzip` and
 * LibreOffice (`soffice`) when installed. Never our own code.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { configure, Uint8ArrayReader, Uint8ArrayWriter, ZipReader } from '@zip.js/zip.js';
import { parse as parseCsv } from 'csv-parse/sync';
import ExcelJS from 'exceljs';

configure({ useWebWorkers: false });

export interface ReadEntry {
	name: string;
	data: Buffer;
	encrypted: boolean;
	lastModDate: Date;
}

/** Reads every entry of an archive with zip.js (decrypting with `password` when given). */
/** An xlsx file as ExcelJS reads it. */
export async function readXlsxWithExcelJs(buffer: Buffer): Promise<ExcelJS.Workbook> {
	const workbook = new ExcelJS.Workbook();
	await workbook.xlsx.load(buffer as unknown as ArrayBuffer);
	return workbook;
}

export async function readZipWithZipJs(archive: Buffer, password?: string): Promise<ReadEntry[]> {
	const reader = new ZipReader(new Uint8ArrayReader(new Uint8Array(archive)), {
		password,
		checkSignature: true,
	});
	try {
		const entries = await reader.getEntries();
		const result: ReadEntry[] = [];
		for (const entry of entries) {
			if (entry.directory) continue;
			const data = await entry.getData!(new Uint8ArrayWriter(), { password, checkSignature: true });
			result.push({
				name: entry.filename,
				data: Buffer.from(data),
				encrypted: entry.encrypted,
				lastModDate: entry.lastModDate,
			});
		}
		return result;
	} finally {
		await reader.close();
	}
}

export function hasCommand(command: string): boolean {
	return spawnSync('sh', ['-c', `command -v ${command}`]).status === 0;
}

export interface ExternalResult {
	status: number | null;
	output: string;
}

/** Runs `7z t` (test integrity, decrypting with `password`) on the archive. */
export function test7z(archive: Buffer, password: string | undefined): ExternalResult {
	return withTempFile(archive, 'zip', (path) => {
		const result = spawnSync('7z', ['t', `-p${password ?? ''}`, path], { encoding: 'utf8' });
		return { status: result.status, output: `${result.stdout}${result.stderr}` };
	});
}

/** Technical listing (`7z l -slt`): one `Method = …` line per entry among others. */
export function list7z(archive: Buffer): string {
	return withTempFile(archive, 'zip', (path) =>
		execFileSync('7z', ['l', '-slt', path], { encoding: 'utf8' }),
	);
}

/** Extracts one entry with `7z e -so`. */
export function extract7z(archive: Buffer, password: string, name: string): Buffer {
	return withTempFile(archive, 'zip', (path) =>
		execFileSync('7z', ['e', '-so', `-p${password}`, path, name], { maxBuffer: 1 << 28 }),
	);
}

/** Runs `unzip -t` on the archive. */
export function testUnzip(archive: Buffer): ExternalResult {
	return withTempFile(archive, 'zip', (path) => {
		const result = spawnSync('unzip', ['-t', path], { encoding: 'utf8' });
		return { status: result.status, output: `${result.stdout}${result.stderr}` };
	});
}

function withTempFile<T>(content: Buffer, extension: string, use: (path: string) => T): T {
	const dir = mkdtempSync(join(tmpdir(), 'engagement-files-'));
	const path = join(dir, `file.${extension}`);
	try {
		writeFileSync(path, content);
		return use(path);
	} finally {
		rmSync(dir, { recursive: true, force: true });
	}
}

/**
 * Opens a workbook in LibreOffice Calc (headless) and saves every sheet as CSV, values as displayed:
 * `{ sheetName: rows }`. Slow (a Calc start, ~10 s): use once per suite.
 */
export function readXlsxWithLibreOffice(workbook: Buffer): Record<string, string[][]> {
	const dir = mkdtempSync(join(tmpdir(), 'engagement-lo-'));
	try {
		writeFileSync(join(dir, 'book.xlsx'), workbook);
		// filter options: comma, double quote, UTF-8, from row 1, …, formatted text as shown, every sheet (-1)
		execFileSync(
			'soffice',
			[
				'--headless',
				'--norestore',
				`-env:UserInstallation=file://${join(dir, 'profile')}`,
				'--convert-to',
				'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true,false,false,-1',
				'--outdir',
				dir,
				join(dir, 'book.xlsx'),
			],
			{ stdio: 'pipe', timeout: 120_000 },
		);
		const sheets: Record<string, string[][]> = {};
		for (const file of readdirSync(dir)) {
			const match = /^book-(.+)\.csv$/.exec(file);
			if (match) sheets[match[1]] = parseCsv(readFileSync(join(dir, file), 'utf8'));
		}
		return sheets;
	} finally {
		rmSync(dir, { recursive: true, force: true });
	}
}
