import { campaignSheets } from '../../../lib/files/channelTalkSheets';
import { createXlsx } from '../../../lib/files/xlsx';
import { buildCampaignReport } from '../../../lib/reports/campaignReport';
import { CAMPAIGN_SHEET_HEADER, CAMPAIGN_TABS, campaignEvents, userProfiles } from './fixtures';
import { hasCommand, readXlsxWithLibreOffice } from './readers';

// LibreOffice Calc is the spreadsheet most users without Excel have: when it is installed (apt-get install
// libreoffice-calc-nogui), the campaign workbook must open in it with the values, dates and texts we meant.
(hasCommand('soffice') ? describe : describe.skip)(
	'campaign workbook opened in LibreOffice Calc',
	() => {
		const timezone = 'Asia/Seoul';
		const report = buildCampaignReport(campaignEvents, { timezone });
		let sheets: Record<string, string[][]>;
		beforeAll(() => {
			sheets = readXlsxWithLibreOffice(
				createXlsx(
					campaignSheets({ report, users: userProfiles, details: { c1: { state: 'done' } } }),
					{ timezone },
				),
			);
		}, 180_000);

		it('has every sheet', () => {
			expect(Object.keys(sheets).sort()).toEqual(CAMPAIGN_TABS);
		});

		it('shows counts, names and dates in the chosen zone as formatted', () => {
			expect(sheets.Campaign[0]).toEqual(CAMPAIGN_SHEET_HEADER);
			expect(sheets.Campaign[1].slice(0, 9)).toEqual([
				'c1',
				'Spring sale',
				'done',
				'3',
				'2',
				'1',
				'1',
				'2024-03-01 10:00:00',
				'2024-03-02 01:00:00',
			]);
			expect(sheets.CampaignStat.slice(1).map((row) => row.slice(0, 2))).toEqual(
				report.daily.map((row) => [row.campaignId, row.date]),
			);
		});

		it('keeps neutralised formula text as text', () => {
			const u2 = sheets.User.find((row) => row[0] === 'u2')!;
			expect(u2[1]).toBe("'=cmd|/C calc");
		});
	},
);
