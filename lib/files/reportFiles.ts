import { createCsv, CSV_MIME_TYPE, type CsvOptions } from './csv';
import type { Table } from './table';
import { createXlsx, XLSX_MIME_TYPE, type XlsxOptions } from './xlsx';
import { createZip } from './zip';

/** A finished file, ready for `this.helpers.prepareBinaryData(data, fileName, mimeType)`. */
export interface ReportFile {
	fileName: string;
	mimeType: string;
	data: Buffer;
}

export const ZIP_MIME_TYPE = 'application/zip';

// eslint-disable-next-line no-control-regex
const UNSAFE_FILE_NAME = /[\\/:*?"<>|\u0000-\u001F\u007F]+/g;

/** A file name safe on Windows, macOS and Linux: path separators and reserved characters become `_`. */
export function safeFileName(name: string): string {
	const cleaned = name.replace(UNSAFE_FILE_NAME, '_').replace(/^[.\s]+|[.\s]+$/g, '');
	return cleaned.length > 0 ? cleaned.slice(0, 120) : 'report';
}

/** The tables as one workbook, `<baseName>.xlsx`. */
export function workbookFile(
	tables: readonly Table[],
	baseName: string,
	options: XlsxOptions = {},
): ReportFile {
	return {
		fileName: `${safeFileName(baseName)}.xlsx`,
		mimeType: XLSX_MIME_TYPE,
		data: createXlsx(tables, options),
	};
}

/** One CSV per table, `<baseName>-<sheet>.csv`. */
export function csvFiles(
	tables: readonly Table[],
	baseName: string,
	options: CsvOptions = {},
): ReportFile[] {
	return tables.map((table) => ({
		fileName: `${safeFileName(baseName)}-${safeFileName(table.name)}.csv`,
		mimeType: CSV_MIME_TYPE,
		data: createCsv(table, options),
	}));
}

export interface ArchiveOptions {
	/** Archive file name without `.zip`. */
	baseName: string;
	/** Encrypt with WinZip AES-256; required for a protected download. */
	password?: string;
	/** Modification time of the entries (epoch ms) and the zone it is written in. */
	modifiedAt?: number;
	timezone?: string;
}

/** The files inside one ZIP archive, AES-256 encrypted when a password is given. */
export function archiveFile(files: readonly ReportFile[], options: ArchiveOptions): ReportFile {
	return {
		fileName: `${safeFileName(options.baseName)}.zip`,
		mimeType: ZIP_MIME_TYPE,
		data: createZip(
			files.map((file) => ({ name: file.fileName, data: file.data })),
			{ password: options.password, modifiedAt: options.modifiedAt, timezone: options.timezone },
		),
	};
}
