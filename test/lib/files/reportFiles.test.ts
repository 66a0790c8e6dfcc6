import { parse } from 'csv-parse/sync';

import { campaignSheets } from '../../../lib/files/channelTalkSheets';
import { archiveFile, csvFiles, safeFileName, workbookFile } from '../../../lib/files/reportFiles';
import { buildCampaignReport } from '../../../lib/reports/campaignReport';
import { CAMPAIGN_SHEET_HEADER, CAMPAIGN_TABS, campaignEvents } from './fixtures';
import { extract7z, hasCommand, readXlsxWithExcelJs, readZipWithZipJs, test7z } from './readers';

const tables = campaignSheets({ report: buildCampaignReport(campaignEvents, { timezone: 'UTC' }) });

describe('report files', () => {
	it('names the workbook and one CSV per sheet, with their MIME types', () => {
		const workbook = workbookFile(tables, 'campaign c1: March/2024');
		expect(workbook.fileName).toBe('campaign c1_ March_2024.xlsx');
		expect(workbook.mimeType).toBe(
			'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
		);
		const csvs = csvFiles(tables, 'campaign');
		expect(csvs.map((file) => file.fileName)).toEqual([
			'campaign-Campaign.csv',
			'campaign-CampaignStat.csv',
			'campaign-CampaignUser.csv',
			'campaign-User.csv',
		]);
		expect(csvs.every((file) => file.mimeType === 'text/csv')).toBe(true);
	});

	it('makes file names safe on every OS', () => {
		expect(safeFileName('../a\\b:c*?"<>|d')).toBe('_a_b_c_d');
		expect(safeFileName('...')).toBe('report');
	});

	describe('protected archive', () => {
		const password = 'S3cret-pässword';
		const files = [workbookFile(tables, 'campaign'), ...csvFiles(tables, 'campaign')];
		const archive = archiveFile(files, {
			baseName: 'campaign',
			password,
			modifiedAt: Date.UTC(2024, 3, 1),
		});

		it('holds every file, readable after decryption with zip.js', async () => {
			expect(archive.fileName).toBe('campaign.zip');
			expect(archive.mimeType).toBe('application/zip');
			const entries = await readZipWithZipJs(archive.data, password);
			expect(entries.map((entry) => entry.name)).toEqual(files.map((file) => file.fileName));
			const workbook = await readXlsxWithExcelJs(entries[0].data);
			expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual(CAMPAIGN_TABS);
			const campaign = parse(entries[1].data, { bom: true }) as string[][];
			expect(campaign[0]).toEqual(CAMPAIGN_SHEET_HEADER);
		});

		it('is refused with a wrong password', async () => {
			await expect(readZipWithZipJs(archive.data, 'S3cret-password')).rejects.toThrow(/password/i);
		});

		(hasCommand('7z') ? it : it.skip)('opens in 7-Zip with the password, not without', () => {
			expect(test7z(archive.data, password).status).toBe(0);
			expect(test7z(archive.data, 'wrong').status).not.toBe(0);
			expect(extract7z(archive.data, password, 'campaign.xlsx').equals(files[0].data)).toBe(true);
		});
	});
});
