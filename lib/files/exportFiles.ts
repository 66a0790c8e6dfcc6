import type { CsvOptions } from './csv';
import { createHtmlReport, HTML_MIME_TYPE, type HtmlReportInput } from './htmlReport';
import { archiveFile, csvFiles, safeFileName, workbookFile, type ReportFile } from './reportFiles';
import type { Table } from './table';

export type ExportFormat = 'xlsx' | 'csv' | 'html';

export const EXPORT_FORMATS: readonly ExportFormat[] = ['xlsx', 'csv', 'html'];

export interface ExportRequest {
	/** File names start with this (made safe for every OS). */
	baseName: string;
	formats: readonly ExportFormat[];
	/** The sheets: the workbook's tabs and one CSV each. */
	tables: readonly Table[];
	/** The HTML report's content; needed when `formats` has 'html'. */
	html?: HtmlReportInput;
	/** IANA zone for dates in the files and the archive's timestamps; default 'UTC'. */
	timezone?: string;
	/** When the files are made (epoch ms): stamped on the archive entries. */
	createdAt?: number;
	neutraliseFormulas?: boolean;
	csv?: Pick<CsvOptions, 'delimiter' | 'bom'>;
	/** When given, the files are delivered inside one WinZip AES-256 encrypted ZIP. */
	password?: string;
}

export interface ExportResult {
	/** The files, or the single protected archive. */
	files: ReportFile[];
	/** The files inside the archive (same as `files` without a password). */
	contents: ReportFile[];
	/** Data rows per sheet. */
	rowCounts: Record<string, number>;
}

/** Renders the requested formats and, with a password, wraps them in an encrypted archive. */
export function exportFiles(request: ExportRequest): ExportResult {
	if (request.formats.length === 0)
		throw new RangeError('formats: choose at least one of xlsx, csv, html');
	const unknown = request.formats.filter((format) => !EXPORT_FORMATS.includes(format));
	if (unknown.length > 0) throw new RangeError(`formats: unknown format ${unknown.join(', ')}`);
	const timezone = request.timezone ?? 'UTC';
	const cellOptions = { timezone, neutraliseFormulas: request.neutraliseFormulas };
	const contents: ReportFile[] = [];
	if (request.formats.includes('xlsx')) {
		contents.push(
			workbookFile(request.tables, request.baseName, {
				...cellOptions,
				modifiedAt: request.createdAt,
			}),
		);
	}
	if (request.formats.includes('csv')) {
		contents.push(
			...csvFiles(request.tables, request.baseName, { ...cellOptions, ...request.csv }),
		);
	}
	if (request.formats.includes('html')) {
		if (request.html === undefined) throw new RangeError('html: the HTML report needs its content');
		contents.push({
			fileName: `${safeFileName(request.baseName)}.html`,
			mimeType: HTML_MIME_TYPE,
			data: Buffer.from(createHtmlReport({ timezone, ...request.html }), 'utf8'),
		});
	}
	const rowCounts = Object.fromEntries(
		request.tables.map((table) => [table.name, table.rows.length]),
	);
	const files =
		request.password === undefined
			? contents
			: [
					archiveFile(contents, {
						baseName: request.baseName,
						password: request.password,
						modifiedAt: request.createdAt,
						timezone,
					}),
				];
	return { files, contents, rowCounts };
}
