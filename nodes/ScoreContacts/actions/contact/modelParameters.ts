import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { EngagementInputError } from '../../../../lib/errors';
import type { ModelName } from '../../../../lib/models/types';

interface ModelParameter {
	property: INodeProperties;
	models: ModelName[];
}

const number = (
	name: string,
	displayName: string,
	defaultValue: number,
	description: string,
	models: ModelName[],
	numberPrecision = 0,
): ModelParameter => ({
	models,
	property: {
		displayName,
		name,
		type: 'number',
		default: defaultValue,
		typeOptions: { minValue: 0, numberPrecision },
		description,
	},
});

/** Each model's parameters with the seed defaults (DESIGN.md "Models and exact band labels"). */
const MODEL_PARAMETERS: ModelParameter[] = [
	number(
		'windowDays',
		'Window (Days)',
		180,
		'Sends older than this many days are ignored; newer ones count less the older they are (linear decay to zero at the window edge)',
		['decay'],
	),
	number(
		'interactionWindowDays',
		'Interaction Window (Days)',
		7,
		'An open or click counts for a send only if it happens within this many days after the send',
		['decay'],
	),
	number('openWeight', 'Open Weight', 1, 'Weight of an open in the score', ['decay'], 2),
	number(
		'clickWeight',
		'Click Weight',
		2,
		'Weight of a click in the score (a counted click also counts as an open)',
		['decay'],
		2,
	),
	number(
		'minEvents',
		'Minimum Sends',
		6,
		'Contacts with fewer sends in the window are pulled towards the account average (protection against small samples)',
		['decay'],
	),
	number(
		'newContactDays',
		'New Contact Period (Days)',
		28,
		"Contacts who subscribed (or got their first send) less than this many days ago and haven't interacted are 'New'",
		['decay'],
	),
	number(
		'lowMultiplier',
		'Low Band Below × Average',
		0.5,
		"Scores below this multiple of the account average are 'Low'",
		['decay'],
		2,
	),
	number(
		'highMultiplier',
		'High Band Above × Average',
		1.5,
		"Scores above this multiple of the account average are 'High'",
		['decay'],
		2,
	),
	number(
		'totalCampaigns',
		'Total Campaigns',
		0,
		'Denominator of the click share. 0 counts the distinct broadcast campaigns sent in the data (automation and transactional messages excluded).',
		['clickShare'],
	),
	{
		models: ['recency', 'recency5'],
		property: {
			displayName: 'Active Interaction Types',
			name: 'activeTypes',
			type: 'multiOptions',
			options: [
				{ name: 'Click', value: 'click' },
				{ name: 'Conversion', value: 'conversion' },
				{ name: 'Interaction (Message, Keyword, Menu Tap)', value: 'interaction' },
				{ name: 'Open', value: 'open' },
				{ name: 'Purchase', value: 'purchase' },
				{ name: 'Subscribe (Joined, Added as Friend)', value: 'subscribe' },
				{ name: 'Unblock', value: 'unblock' },
				{ name: 'Web Visit', value: 'web_visit' },
			],
			default: ['interaction', 'subscribe', 'unblock', 'click'],
			description:
				'Event types that count as an active interaction started by the contact. Opens are not active by default.',
		},
	},
	number(
		'level3Days',
		'Level 3 Within (Days)',
		30,
		'Last active interaction at most this many calendar days ago: Level 3',
		['recency', 'recency5'],
	),
	number(
		'level2Days',
		'Level 2 Within (Days)',
		90,
		'Last active interaction at most this many days ago (and more than the Level 3 limit): Level 2; older or none: Level 1',
		['recency', 'recency5'],
	),
	number(
		'webWindowDays',
		'Web Behaviour Window (Days)',
		60,
		'Web visits, clicks and purchases count for Levels 3–5 only within this many days',
		['recency5'],
	),
	number(
		'deepBrowsePages',
		'Deep Browse Pages',
		5,
		'A web visit with at least this many pages viewed is a deep browse (Level 5)',
		['recency5'],
	),
	number(
		'multipleClicks',
		'Multiple Clicks',
		2,
		'At least this many clicks within the web window: Level 4',
		['recency5'],
	),
	number(
		'frequentVisitDays',
		'Frequent Visit Days',
		3,
		'Web visits on at least this many distinct days within the web window: Level 4',
		['recency5'],
	),
	{
		models: ['lifecycle'],
		property: {
			displayName: 'Thresholds',
			name: 'lifecycleSettings',
			type: 'collection',
			placeholder: 'Fix a Threshold or Tune a Derivation',
			default: {},
			description:
				'Every threshold is derived from your data on each run and reported in the details and the account summary. Add one here to fix it instead.',
			options: [
				{
					displayName: 'Activity Quantile',
					name: 'activityQuantile',
					type: 'number',
					typeOptions: { minValue: 0, maxValue: 1, numberPrecision: 2 },
					default: 0.5,
					description:
						'Quantile of open/click counts that separates "a few times" from "many times" (0.5 = median)',
				},
				{
					displayName: 'Cadence Sample Gaps',
					name: 'cadenceSampleGaps',
					type: 'number',
					typeOptions: { minValue: 1 },
					default: 12,
					description:
						'How many recent gaps between campaign days give the send interval (their median)',
				},
				{
					displayName: 'Contacted Within (Days)',
					name: 'contactedWithinDays',
					type: 'number',
					typeOptions: { minValue: 0 },
					default: 21,
					description:
						'Fixed: contacts without a send in this many days are Off. Derived by default: 3 send intervals.',
				},
				{
					displayName: 'Contacted Within (Sends)',
					name: 'contactedWithinSends',
					type: 'number',
					typeOptions: { minValue: 1 },
					default: 3,
					description:
						'"Received regular communications" means a send within this many send intervals',
				},
				{
					displayName: 'Few Max Activities',
					name: 'fewMaxActivities',
					type: 'number',
					typeOptions: { minValue: 0 },
					default: 3,
					description:
						'Fixed: at most this many emails opened or clicked is "a few times", more is "many times"',
				},
				{
					displayName: 'New Contact (Days)',
					name: 'newContactDays',
					type: 'number',
					typeOptions: { minValue: 0 },
					default: 21,
					description:
						'Fixed: contacts with less tenure than this are new (Active new, Inactive new)',
				},
				{
					displayName: 'New Contact Quantile',
					name: 'newContactQuantile',
					type: 'number',
					typeOptions: { minValue: 0, maxValue: 1, numberPrecision: 2 },
					default: 0.5,
					description:
						'The new-contact tenure is capped at this quantile of all tenures (0.5 = median)',
				},
				{
					displayName: 'New Contact Sends',
					name: 'newContactSends',
					type: 'number',
					typeOptions: { minValue: 0 },
					default: 3,
					description: 'A contact is new until it had time for this many sends (× send interval)',
				},
				{
					displayName: 'Recent (Days)',
					name: 'recentDays',
					type: 'number',
					typeOptions: { minValue: 0 },
					default: 14,
					description: 'Fixed: an open or click at most this many days ago is "recent"',
				},
				{
					displayName: 'Recent Quantile',
					name: 'recentQuantile',
					type: 'number',
					typeOptions: { minValue: 0, maxValue: 1, numberPrecision: 2 },
					default: 0.5,
					description:
						'Quantile of days since the last open/click that counts as "recent" (0.5 = median)',
				},
				{
					displayName: 'Send Interval (Days)',
					name: 'sendIntervalDays',
					type: 'number',
					typeOptions: { minValue: 1 },
					default: 7,
					description:
						"Fixed: the account's send cadence. Derived by default from the gaps between campaign days.",
				},
			],
		},
	},
];

/** The model parameters for the node panel, each shown only for its models. */
export function modelParameterProperties(show: Record<string, string[]>): INodeProperties[] {
	return MODEL_PARAMETERS.map(({ property, models }) => ({
		...property,
		displayOptions: { show: { ...show, model: models } },
	}));
}

/** Reads the chosen model's parameters (once per execution) into the options `scoreContacts` expects. */
export function readModelParameters(
	model: string,
	getParameter: (name: string) => unknown,
): IDataObject {
	const parameters: IDataObject = {};
	for (const { property, models } of MODEL_PARAMETERS) {
		if (!models.includes(model as ModelName)) continue;
		const value = getParameter(property.name);
		if (property.name === 'totalCampaigns' && value === 0) continue;
		if (property.type === 'collection') Object.assign(parameters, value as IDataObject);
		else parameters[property.name] = value as IDataObject[string];
	}
	return parameters;
}

/**
 * A library error about a model parameter set on the panel, naming the field as the panel shows it ("Window (Days)",
 * not windowDays); any other error as it is.
 */
export function inPanelTerms(error: unknown): unknown {
	if (!(error instanceof EngagementInputError) || error.index !== undefined) return error;
	const parameter = MODEL_PARAMETERS.find(({ property }) => property.name === error.field);
	if (parameter === undefined) return error;
	return new EngagementInputError(error.message.replace(/^field "[^"]*": /, ''), {
		field: parameter.property.displayName,
	});
}
