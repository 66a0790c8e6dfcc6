import { DateTime } from 'luxon';
import { NodeOperationError } from 'n8n-workflow';
import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import { checkSunsetOptionNames, checkSuppressBands, sunsetContacts } from '../../../../lib/sunset';
import type { SunsetOptions, SunsetPreset, SunsetResult } from '../../../../lib/sunset';
import type { EngagementInputError } from '../../../../lib/errors';
import { commaSeparated, readAsOf, readJsonObject, readTimezone } from '../../../shared/context';
import {
	excludeMachineOption,
	MODEL_OPTIONS,
	timezoneProperty,
} from '../../../shared/descriptions';
import { itemOfLibraryError, libraryReason, pairedWith, toNodeError } from '../../../shared/errors';
import { eventInputProperties, readEventInput } from '../../../shared/eventInput';

const show = { operation: ['sunset'] };

const properties: INodeProperties[] = [
	{
		displayName: 'Preset',
		name: 'preset',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show },
		options: [
			{
				name: 'HubSpot Graymail',
				value: 'hubspotGraymail',
				description:
					'Never engaged with the last 11 sends, or previously engaged but not with the last 16',
			},
			{
				name: 'Klaviyo Sunset',
				value: 'klaviyoSunset',
				description: '10+ emails received in 180 days and no open, click or order ever',
			},
			{
				name: 'Klaviyo Unengaged',
				value: 'klaviyoUnengaged',
				description: '5+ emails received and no open or click in 90 days',
			},
			{
				name: 'MailPoet Inactive',
				value: 'mailpoetInactive',
				description: 'No open or click in 365 days, with 3+ emails received in them and 10+ ever',
			},
			{
				name: 'Model Bands',
				value: 'bands',
				description:
					'Contacts of a scoring model whose band you list (e.g. decay\'s "No engagement")',
			},
		],
		default: 'hubspotGraymail',
		description:
			'Which published rule decides who to stop mailing. Contacts never measured (open tracking off) are never sunset.',
	},
	{
		displayName: 'Model',
		name: 'sunsetModel',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { ...show, preset: ['bands'] } },
		options: MODEL_OPTIONS,
		default: 'decay',
		description: 'The model whose bands decide',
	},
	{
		displayName: 'Bands to Suppress',
		name: 'suppressBands',
		type: 'string',
		displayOptions: { show: { ...show, preset: ['bands'] } },
		default: '',
		placeholder: 'e.g. No engagement, Low',
		description:
			'Comma-separated band labels, exactly as the model writes them (case included); a label the model never gives is an error listing its bands',
	},
	{
		displayName: 'As Of',
		name: 'asOf',
		type: 'dateTime',
		displayOptions: { show },
		default: '',
		description: 'The moment the policy is applied at. Leave empty for now.',
	},
	{ ...timezoneProperty, displayOptions: { show } },
	...eventInputProperties(show),
	{
		displayName: 'Options',
		name: 'sunsetOptions',
		type: 'collection',
		placeholder: 'Add Option',
		displayOptions: { show },
		default: {},
		options: [
			{
				displayName: 'Output',
				name: 'output',
				type: 'options',
				options: [
					{
						name: 'All Contacts',
						value: 'all',
						description: 'One item per contact, with suppress true or false',
					},
					{
						name: 'Contacts to Suppress',
						value: 'suppress',
						description: 'Only the contacts to suppress',
					},
					{
						name: 'Dry-Run Summary Only',
						value: 'summary',
						description:
							'One item: how many contacts each reason would suppress, nothing per contact',
					},
				],
				default: 'all',
			},
			{
				displayName: 'Suppress Opt-Outs',
				name: 'suppressOptOuts',
				type: 'boolean',
				default: true,
				description:
					'Whether contacts who complained or unsubscribed (and did not resubscribe) are suppressed too',
			},
			excludeMachineOption,
			{
				displayName: 'Additional Parameters',
				name: 'parameters',
				type: 'json',
				default: '{}',
				description:
					'Further options as JSON, e.g. <code>{"untrackedCampaigns": ["c9"], "machineFilter": {"beforeDelivery": true}}</code> or the preset\'s thresholds (neverEngagedSends, minReceived, inactiveDays…)',
			},
		],
	},
];

export const description = properties;

/** All input events → one decision item per contact (or only those to suppress, or only the dry-run summary). */
export async function execute(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[][]> {
	const node = this.getNode();
	const preset = this.getNodeParameter('preset', 0) as SunsetPreset;
	const timezone = readTimezone.call(this);
	const asOf = readAsOf.call(this, timezone);
	const options = this.getNodeParameter('sunsetOptions', 0, {}) as IDataObject;
	const output = String(options.output ?? 'all');
	const sunsetOptions: SunsetOptions = {
		...readJsonObject.call(this, options.parameters, 'Additional Parameters'),
		preset,
		asOf,
		timezone,
		excludeMachine: options.excludeMachine !== false,
		suppressOptOuts: options.suppressOptOuts !== false,
	};
	if (preset === 'bands') {
		sunsetOptions.model = this.getNodeParameter('sunsetModel', 0) as string;
		sunsetOptions.suppressBands = commaSeparated(
			String(this.getNodeParameter('suppressBands', 0, '')),
		);
		// A misspelt band would suppress nobody: say so before any input is read.
		try {
			checkSuppressBands(sunsetOptions.model, sunsetOptions.suppressBands);
		} catch (error) {
			const reason = libraryReason(error as EngagementInputError);
			throw new NodeOperationError(node, `Bands to Suppress: ${reason}`, {
				description: 'Write each band exactly as the model names it, separated by commas',
			});
		}
	}

	// Only Additional Parameters can name an unknown parameter: say so before any input is read.
	try {
		checkSunsetOptionNames(sunsetOptions);
	} catch (error) {
		throw new NodeOperationError(node, `Additional Parameters: ${(error as Error).message}`);
	}

	const input = await readEventInput.call(this, items, timezone);
	let result: SunsetResult;
	try {
		result = sunsetContacts(input.events, sunsetOptions);
	} catch (error) {
		throw toNodeError(node, error as Error, itemOfLibraryError(error, input.itemOfEvent));
	}

	const asOfIso = DateTime.fromMillis(asOf, { zone: timezone }).toISO();
	if (output === 'summary') {
		const summary: INodeExecutionData = {
			json: { ...(result.summary as unknown as IDataObject), asOf: asOfIso },
			pairedItem: pairedWith(new Set(input.itemOfEvent)),
		};
		return [[summary, ...input.errorItems]];
	}
	const itemsByContact = new Map<string, Set<number>>();
	input.events.forEach((event, k) => {
		let contactItems = itemsByContact.get(event.contactId);
		if (contactItems === undefined) itemsByContact.set(event.contactId, (contactItems = new Set()));
		contactItems.add(input.itemOfEvent[k]);
	});
	const decisions =
		output === 'suppress' ? result.contacts.filter((c) => c.suppress) : result.contacts;
	const contacts = decisions.map((decision) => ({
		json: { ...(decision as unknown as IDataObject), preset, asOf: asOfIso },
		pairedItem: pairedWith(itemsByContact.get(decision.contactId) ?? []),
	}));
	return [[...contacts, ...input.errorItems]];
}
