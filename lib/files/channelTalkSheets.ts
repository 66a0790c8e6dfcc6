import omit from 'lodash/omit';

import type { Timestamp } from '../events/types';
import type { CampaignReport, CampaignRow, CampaignUserRow } from '../reports/types';
import type { Column, Table } from './table';

/**
 * Channel Talk's "Download data" workbooks (seed 001), sheet by sheet and column by column:
 * - a campaign: `Campaign`, `CampaignStat` ("Daily achievement information during the campaign period"), `CampaignUser`,
 *   `User` ("Target audience's information");
 * - one-time messages: `OneTimeMsg`, `OneTimeMsgUser`, `User`.
 * Counts are integers; the per-user `sent`/`view`/`goal`/`click` are the times those happened, as dates.
 * The seed lists `startAt` twice on the Campaign sheet, the second as "Campaign update date": that column is `updatedAt`.
 */

/** What the report rows do not carry about a campaign or message: from the workflow (e.g. the ESP's campaign list). */
export interface CampaignDetails {
	name?: string;
	state?: string;
	createdAt?: Timestamp | null;
	updatedAt?: Timestamp | null;
}

export interface ChannelTalkSheetsInput {
	report: CampaignReport;
	/** Campaign / message id → details; a row's own `name`/`state` win over nothing, details win over the row. */
	details?: Readonly<Record<string, CampaignDetails>>;
	/** The target audience's profile fields; one object per contact, its id under `userIdField`. */
	users?: readonly Record<string, unknown>[];
	/** Property of `users` that holds the contact id (the report's `userId`); default 'id'. */
	userIdField?: string;
}

const COUNT = 'integer' as const;
const TIME = 'dateTime' as const;

/** The four steps every sheet reports, in the seed's column order: counts on the campaign sheets, times per user. */
function stepColumns(type: typeof COUNT | typeof TIME): Column[] {
	return (['sent', 'view', 'goal', 'click'] as const).map((key) => ({ key, type }));
}

const CAMPAIGN_COLUMNS: Column[] = [
	{ key: 'id', type: 'text' },
	{ key: 'name', type: 'text' },
	{ key: 'state', type: 'text' },
	...stepColumns(COUNT),
	{ key: 'startAt', type: TIME },
	{ key: 'endAt', type: TIME },
	{ key: 'createdAt', type: TIME },
	{ key: 'updatedAt', type: TIME },
];

const CAMPAIGN_STAT_COLUMNS: Column[] = [
	{ key: 'campaignId', type: 'text' },
	{ key: 'date', type: 'date' },
	...stepColumns(COUNT),
];

const CAMPAIGN_USER_COLUMNS: Column[] = [
	{ key: 'campaignId', type: 'text' },
	{ key: 'userId', type: 'text' },
	...stepColumns(TIME),
];

const ONE_TIME_MSG_COLUMNS: Column[] = [
	{ key: 'id', type: 'text' },
	{ key: 'name', type: 'text' },
	{ key: 'state', type: 'text' },
	...stepColumns(COUNT),
	{ key: 'createdAt', type: TIME },
	{ key: 'startAt', type: TIME },
];

const ONE_TIME_MSG_USER_COLUMNS: Column[] = [
	{ key: 'oneTimeMsgId', type: 'text' },
	{ key: 'userId', type: 'text' },
	{ key: 'state', type: 'text' },
	...stepColumns(TIME),
];

/** `Campaign`, `CampaignStat`, `CampaignUser`, `User`. */
export function campaignSheets(input: ChannelTalkSheetsInput): Table[] {
	const { report } = input;
	return [
		{
			name: 'Campaign',
			columns: CAMPAIGN_COLUMNS,
			rows: report.campaigns.map((row) => {
				const details = detailsOf(input, row);
				return { ...campaignRow(row, details), updatedAt: details.updatedAt };
			}),
		},
		{ name: 'CampaignStat', columns: CAMPAIGN_STAT_COLUMNS, rows: report.daily },
		{ name: 'CampaignUser', columns: CAMPAIGN_USER_COLUMNS, rows: report.users },
		userSheet(input),
	];
}

/** `OneTimeMsg`, `OneTimeMsgUser`, `User`: each campaign of the report is one message. */
export function oneTimeMessageSheets(input: ChannelTalkSheetsInput): Table[] {
	const { report } = input;
	return [
		{
			name: 'OneTimeMsg',
			columns: ONE_TIME_MSG_COLUMNS,
			rows: report.campaigns.map((row) => campaignRow(row, detailsOf(input, row))),
		},
		{
			name: 'OneTimeMsgUser',
			columns: ONE_TIME_MSG_USER_COLUMNS,
			rows: report.users.map((row) => ({
				...row,
				oneTimeMsgId: row.campaignId,
				state: userState(row),
			})),
		},
		userSheet(input),
	];
}

function detailsOf(input: ChannelTalkSheetsInput, row: CampaignRow): CampaignDetails {
	return input.details?.[row.campaignId] ?? {};
}

/** A report row under the sheet's `id`, with the workflow's name, state and creation time. */
function campaignRow(row: CampaignRow, details: CampaignDetails) {
	return {
		...row,
		id: row.campaignId,
		name: details.name ?? row.name,
		state: details.state ?? row.state,
		createdAt: details.createdAt,
	};
}

/**
 * A contact's message status, our reading of the seed's per-user `state`: the furthest step reached —
 * `goal`, `clicked`, `viewed`, else `sent`.
 */
export function userState(row: CampaignUserRow): string {
	if (row.goal !== null) return 'goal';
	if (row.click !== null) return 'clicked';
	if (row.view !== null) return 'viewed';
	return 'sent';
}

/**
 * One row per contact of the report, in order of first appearance, with the profile fields passed in (`id` first,
 * then every other field in the order first seen). Contacts without a profile get their id alone.
 */
export function userSheet(input: ChannelTalkSheetsInput): Table {
	const idField = input.userIdField ?? 'id';
	const profiles = new Map<string, Record<string, unknown>>();
	for (const profile of input.users ?? []) {
		const id = profile[idField];
		if (id !== undefined && id !== null && !profiles.has(String(id)))
			profiles.set(String(id), profile);
	}
	const ids = [...new Set(input.report.users.map((row) => row.userId))];
	const keys = new Set<string>();
	const rows = ids.map((id) => {
		const fields = omit(profiles.get(id) ?? {}, idField);
		for (const key of Object.keys(fields)) keys.add(key);
		return { ...fields, id };
	});
	keys.delete('id');
	return {
		name: 'User',
		columns: [{ key: 'id', type: 'text' }, ...[...keys].map((key) => ({ key }))],
		rows,
	};
}
