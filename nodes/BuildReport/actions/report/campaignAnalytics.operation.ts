import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import { buildCampaignReport, resolvePeriod } from '../../../../lib/reports';
import type { CampaignKind } from '../../../../lib/events/types';
import { botRulesProperty, readBotRules } from '../../../shared/botRules';
import { excludeMachineOption } from '../../../shared/descriptions';
import { itemOfLibraryError, pairedWith, toNodeError } from '../../../shared/errors';
import { eventInputProperties, readEventInput } from '../../../shared/eventInput';
import { hintWhenPeriodLeavesOutAll, periodProperties, readPeriod } from './period';

const show = { operation: ['campaignAnalytics'] };

const properties: INodeProperties[] = [
	{
		displayName: 'Rows',
		name: 'rows',
		type: 'options',
		displayOptions: { show },
		options: [
			{
				name: 'Campaigns',
				value: 'campaigns',
				description:
					'One row per campaign: sent, view, click, goal, start and end (Campaign data sheet)',
			},
			{
				name: 'Campaigns per Day',
				value: 'daily',
				description: 'One row per campaign and calendar day (CampaignStat data sheet)',
			},
			{
				name: 'Campaigns per Contact',
				value: 'users',
				description:
					'One row per campaign and contact with when they were sent, viewed, clicked, converted (CampaignUser data sheet)',
			},
		],
		default: 'campaigns',
	},
	...periodProperties(['campaignAnalytics']),
	...eventInputProperties(show),
	botRulesProperty(show),
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		displayOptions: { show },
		default: {},
		options: [
			{
				displayName: 'Click Counts as View',
				name: 'clickCountsAsView',
				type: 'boolean',
				default: false,
				description:
					'Whether a click within the view window counts as a view when no open was recorded',
			},
			excludeMachineOption,
			{
				displayName: 'Goal After View (Days)',
				name: 'goalAfterViewDays',
				type: 'number',
				typeOptions: { minValue: 0 },
				default: 7,
				description:
					'A goal counts only within this many days after the contact viewed the message',
			},
			{
				displayName: 'Goal Event Types',
				name: 'goalTypes',
				type: 'multiOptions',
				options: [
					{ name: 'Conversion', value: 'conversion' },
					{ name: 'Purchase', value: 'purchase' },
					{ name: 'Subscribe', value: 'subscribe' },
				],
				default: ['conversion'],
				description: 'Event types that count as reaching the goal',
			},
			{
				displayName: 'Goal Window (Days)',
				name: 'goalWindowDays',
				type: 'number',
				typeOptions: { minValue: 0 },
				default: 30,
				description: 'A goal counts only within this many days after the send',
			},
			{
				displayName: 'Include Raw Figures',
				name: 'includeRawFigures',
				type: 'boolean',
				default: false,
				description:
					'Whether to add raw (sent, view, click, goal counted with machine events included) to each Campaigns row, next to the filtered figures',
			},
			{
				displayName: 'View Window (Days)',
				name: 'viewWindowDays',
				type: 'number',
				typeOptions: { minValue: 0 },
				default: 7,
				description: 'An open counts as a view only within this many days after the send',
			},
			{
				displayName: 'Whole-Campaign Kinds',
				name: 'wholeCampaignKinds',
				type: 'multiOptions',
				options: [
					{ name: 'Automation', value: 'automation' },
					{ name: 'Broadcast', value: 'broadcast' },
					{ name: 'Transactional', value: 'transactional' },
				],
				default: [],
				description:
					'Campaigns of these kinds are reported over their entire duration whatever the period (as Channel Talk downloads automated campaigns)',
			},
		],
	},
];

export const description = properties;

type RowsKind = 'campaigns' | 'daily' | 'users';

export async function execute(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[][]> {
	const node = this.getNode();
	const rowsKind = this.getNodeParameter('rows', 0) as RowsKind;
	const period = readPeriod.call(this);
	const options = this.getNodeParameter('options', 0, {}) as IDataObject;
	const input = await readEventInput.call(this, items, period.timezone);

	let report: ReturnType<typeof buildCampaignReport>;
	let bounds: ReturnType<typeof resolvePeriod>;
	try {
		bounds = resolvePeriod(period);
		report = buildCampaignReport(input.events, {
			...period,
			viewWindowDays: options.viewWindowDays as number | undefined,
			goalWindowDays: options.goalWindowDays as number | undefined,
			goalAfterViewDays: options.goalAfterViewDays as number | undefined,
			goalTypes: options.goalTypes as string[] | undefined,
			excludeMachine: options.excludeMachine !== false,
			machineFilter: readBotRules(this.getNodeParameter('botRules', 0, {}) as IDataObject),
			clickCountsAsView: options.clickCountsAsView === true,
			wholeCampaignKinds: options.wholeCampaignKinds as CampaignKind[] | undefined,
			includeRawFigures: options.includeRawFigures === true,
		});
	} catch (error) {
		throw toNodeError(node, error as Error, itemOfLibraryError(error, input.itemOfEvent));
	}
	hintWhenPeriodLeavesOutAll.call(this, input.events, bounds, period);

	// Each row pairs with the input items it was counted from: its campaign's events, and goal events that name no
	// campaign (they count for every campaign the contact qualifies for).
	const byCampaign = new Map<string, Set<number>>();
	const byCampaignContact = new Map<string, Set<number>>();
	const uncampaignedByContact = new Map<string, Set<number>>();
	const add = <T>(map: Map<string, Set<T>>, key: string, value: T) => {
		const set = map.get(key);
		if (set === undefined) map.set(key, new Set([value]));
		else set.add(value);
	};
	input.events.forEach((event, k) => {
		const item = input.itemOfEvent[k];
		if (event.campaignId === undefined) {
			add(uncampaignedByContact, event.contactId, item);
			return;
		}
		add(byCampaign, event.campaignId, item);
		add(byCampaignContact, `${event.campaignId}\u0000${event.contactId}`, item);
	});
	const campaignContacts = new Map<string, Set<string>>();
	for (const row of report.users) add(campaignContacts, row.campaignId, row.userId);
	const campaignItems = (campaignId: string) => {
		const paired = new Set(byCampaign.get(campaignId));
		for (const contact of campaignContacts.get(campaignId) ?? []) {
			for (const item of uncampaignedByContact.get(contact) ?? []) paired.add(item);
		}
		return pairedWith([...paired].sort((a, b) => a - b));
	};
	const userItems = (campaignId: string, contactId: string) =>
		pairedWith(
			[
				...(byCampaignContact.get(`${campaignId}\u0000${contactId}`) ?? []),
				...(uncampaignedByContact.get(contactId) ?? []),
			].sort((a, b) => a - b),
		);

	let rows: INodeExecutionData[];
	if (rowsKind === 'campaigns') {
		rows = report.campaigns.map((row) => ({
			json: { ...row },
			pairedItem: campaignItems(row.campaignId),
		}));
	} else if (rowsKind === 'daily') {
		rows = report.daily.map((row) => ({
			json: { ...row },
			pairedItem: campaignItems(row.campaignId),
		}));
	} else {
		rows = report.users.map((row) => ({
			json: { ...row },
			pairedItem: userItems(row.campaignId, row.userId),
		}));
	}
	return [[...rows, ...input.errorItems]];
}
