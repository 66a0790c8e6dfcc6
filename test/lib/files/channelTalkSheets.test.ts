import ExcelJS from 'exceljs';

import {
	campaignSheets,
	oneTimeMessageSheets,
	userState,
} from '../../../lib/files/channelTalkSheets';
import { createXlsx } from '../../../lib/files/xlsx';
import { buildCampaignReport } from '../../../lib/reports/campaignReport';
import { CAMPAIGN_SHEET_HEADER, CAMPAIGN_TABS, campaignEvents, userProfiles } from './fixtures';
import { readXlsxWithExcelJs } from './readers';

const timezone = 'Asia/Seoul';
const report = buildCampaignReport(campaignEvents, { timezone });
const details = {
	c1: { state: 'done', createdAt: '2024-02-20T00:00:00Z', updatedAt: '2024-02-28T00:00:00Z' },
	c2: { name: 'Follow-up', state: 'active' },
};

function rowsOf(sheet: ExcelJS.Worksheet): unknown[][] {
	const rows: unknown[][] = [];
	sheet.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
	return rows;
}

/** The wall-clock time an ISO instant shows in Seoul, as ExcelJS returns a zone-less date (UTC). */
function seoul(iso: string): Date {
	return new Date(new Date(iso).getTime() + 9 * 3_600_000);
}

describe('Channel Talk campaign download (seed 001: Campaign, CampaignStat, CampaignUser, User)', () => {
	let workbook: ExcelJS.Workbook;
	beforeAll(async () => {
		workbook = await readXlsxWithExcelJs(
			createXlsx(campaignSheets({ report, details, users: userProfiles }), { timezone }),
		);
	});

	it('has the four tabs of the seed, in order', () => {
		expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual(CAMPAIGN_TABS);
	});

	it('Campaign data sheet: id, name, state, sent, view, goal, click, startAt, endAt, createdAt, updatedAt', () => {
		const rows = rowsOf(workbook.getWorksheet('Campaign')!);
		expect(rows[0]).toEqual(CAMPAIGN_SHEET_HEADER);
		const c1 = report.campaigns.find((row) => row.campaignId === 'c1')!;
		expect(rows[1]).toEqual([
			'c1',
			'Spring sale',
			'done',
			c1.sent,
			c1.view,
			c1.goal,
			c1.click,
			seoul(c1.startAt!),
			seoul(c1.endAt!),
			seoul('2024-02-20T00:00:00Z'),
			seoul('2024-02-28T00:00:00Z'),
		]);
		expect(rows[1].slice(3, 7)).toEqual([3, 2, 1, 1]);
		expect(rows[2].slice(0, 7)).toEqual(['c2', 'Follow-up', 'active', 2, 1, 0, 0]);
	});

	it('CampaignStat data sheet: one row per day of the campaign, dates as dates, counts as numbers', () => {
		const rows = rowsOf(workbook.getWorksheet('CampaignStat')!);
		expect(rows[0]).toEqual(['campaignId', 'date', 'sent', 'view', 'goal', 'click']);
		expect(rows.slice(1)).toEqual(
			report.daily.map((row) => [
				row.campaignId,
				new Date(`${row.date}T00:00:00Z`),
				row.sent,
				row.view,
				row.goal,
				row.click,
			]),
		);
		// c1 runs from 1 March to 3 March in Seoul (the goal), day 2 included
		expect(
			rows
				.slice(1)
				.filter((row) => row[0] === 'c1')
				.map((row) => (row[1] as Date).toISOString().slice(0, 10)),
		).toEqual(['2024-03-01', '2024-03-02', '2024-03-03']);
	});

	it('CampaignUser data sheet: times of send, view, goal and click per contact, empty when it did not happen', () => {
		const sheet = workbook.getWorksheet('CampaignUser')!;
		const rows = rowsOf(sheet);
		expect(rows[0]).toEqual(['campaignId', 'userId', 'sent', 'view', 'goal', 'click']);
		const u1 = rows.find((row) => row[0] === 'c1' && row[1] === 'u1')!;
		expect(u1).toEqual([
			'c1',
			'u1',
			seoul('2024-03-01T01:00:00Z'),
			seoul('2024-03-01T02:00:00Z'),
			seoul('2024-03-03T03:00:00Z'),
			seoul('2024-03-01T02:05:00Z'),
		]);
		const u3 = rows.findIndex((row) => row[0] === 'c1' && row[1] === 'u3');
		expect(sheet.getRow(u3 + 1).getCell(4).type).toBe(ExcelJS.ValueType.Null);
		expect(rows).toHaveLength(report.users.length + 1);
	});

	it('User data sheet: the target audience with the profile fields passed in, formula text neutralised', () => {
		const rows = rowsOf(workbook.getWorksheet('User')!);
		expect(rows[0]).toEqual(['id', 'name', 'email', 'tags', 'phone']);
		expect(rows.slice(1).map((row) => row[0])).toEqual(['u1', 'u2', 'u3', 'u4']);
		expect(rows[1]).toEqual(['u1', 'Kim', 'kim@example.com', '["vip"]']);
		expect(rows[2]).toEqual(['u2', "'=cmd|/C calc", undefined, undefined, "'+82 10 1234"]);
		expect(rows[3]).toEqual(['u3']);
	});
});

describe('Channel Talk one-time message download (seed 001: OneTimeMsg, OneTimeMsgUser, User)', () => {
	let workbook: ExcelJS.Workbook;
	beforeAll(async () => {
		workbook = await readXlsxWithExcelJs(
			createXlsx(oneTimeMessageSheets({ report, details }), { timezone }),
		);
	});

	it('has the three tabs of the seed', () => {
		expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual([
			'OneTimeMsg',
			'OneTimeMsgUser',
			'User',
		]);
	});

	it('OneTimeMsg data sheet: id, name, state, sent, view, goal, click, createdAt, startAt', () => {
		const rows = rowsOf(workbook.getWorksheet('OneTimeMsg')!);
		expect(rows[0]).toEqual([
			'id',
			'name',
			'state',
			'sent',
			'view',
			'goal',
			'click',
			'createdAt',
			'startAt',
		]);
		const c1 = report.campaigns[0];
		expect(rows[1]).toEqual([
			'c1',
			'Spring sale',
			'done',
			3,
			2,
			1,
			1,
			seoul('2024-02-20T00:00:00Z'),
			seoul(c1.startAt!),
		]);
	});

	it('OneTimeMsgUser data sheet: oneTimeMsgId, userId, state, sent, view, goal, click', () => {
		const rows = rowsOf(workbook.getWorksheet('OneTimeMsgUser')!);
		expect(rows[0]).toEqual(['oneTimeMsgId', 'userId', 'state', 'sent', 'view', 'goal', 'click']);
		const states = Object.fromEntries(rows.slice(1).map((row) => [`${row[0]}/${row[1]}`, row[2]]));
		expect(states).toEqual({
			'c1/u1': 'goal',
			'c1/u2': 'viewed',
			'c1/u3': 'sent',
			'c2/u1': 'sent',
			'c2/u4': 'viewed',
		});
	});

	it('User sheet without profiles lists the contacts by id', () => {
		expect(rowsOf(workbook.getWorksheet('User')!)).toEqual([
			['id'],
			['u1'],
			['u2'],
			['u3'],
			['u4'],
		]);
	});
});

describe('userState', () => {
	const row = { campaignId: 'c', userId: 'u', sent: 's', view: null, click: null, goal: null };
	it('is the furthest step reached', () => {
		expect(userState(row)).toBe('sent');
		expect(userState({ ...row, view: 'v' })).toBe('viewed');
		expect(userState({ ...row, view: 'v', click: 'c' })).toBe('clicked');
		expect(userState({ ...row, click: 'c', goal: 'g' })).toBe('goal');
	});
});
