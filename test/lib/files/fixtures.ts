import type { ReportEvent } from '../../../lib/reports/types';

/** Two campaigns over three days in Seoul, with views, clicks and goals (and one goal outside the view window). */
export const campaignEvents: ReportEvent[] = [
	{
		contactId: 'u1',
		type: 'sent',
		timestamp: '2024-03-01T01:00:00Z',
		campaignId: 'c1',
		campaignName: 'Spring sale',
	},
	{
		contactId: 'u2',
		type: 'sent',
		timestamp: '2024-03-01T01:00:00Z',
		campaignId: 'c1',
		campaignName: 'Spring sale',
	},
	{
		contactId: 'u3',
		type: 'sent',
		timestamp: '2024-03-01T16:00:00Z',
		campaignId: 'c1',
		campaignName: 'Spring sale',
	},
	{ contactId: 'u1', type: 'open', timestamp: '2024-03-01T02:00:00Z', campaignId: 'c1' },
	{ contactId: 'u1', type: 'click', timestamp: '2024-03-01T02:05:00Z', campaignId: 'c1' },
	{ contactId: 'u1', type: 'conversion', timestamp: '2024-03-03T03:00:00Z', campaignId: 'c1' },
	{ contactId: 'u2', type: 'open', timestamp: '2024-03-02T05:00:00Z', campaignId: 'c1' },
	{ contactId: 'u1', type: 'sent', timestamp: '2024-03-02T00:00:00Z', campaignId: 'c2' },
	{ contactId: 'u4', type: 'sent', timestamp: '2024-03-02T00:00:00Z', campaignId: 'c2' },
	{ contactId: 'u4', type: 'open', timestamp: '2024-03-02T00:30:00Z', campaignId: 'c2' },
];

export const userProfiles = [
	{ id: 'u1', name: 'Kim', email: 'kim@example.com', tags: ['vip'] },
	{ id: 'u2', name: '=cmd|/C calc', phone: '+82 10 1234' },
	{ id: 'u9', name: 'Not in the report' },
];

/** Seed 001's campaign download: its tabs in order, and the header row of its Campaign sheet. */
export const CAMPAIGN_TABS = ['Campaign', 'CampaignStat', 'CampaignUser', 'User'];
export const CAMPAIGN_SHEET_HEADER = [
	'id',
	'name',
	'state',
	'sent',
	'view',
	'goal',
	'click',
	'startAt',
	'endAt',
	'createdAt',
	'updatedAt',
];
