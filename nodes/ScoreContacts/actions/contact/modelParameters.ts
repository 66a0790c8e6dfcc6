import type { IDataObject, INodeProperties } from 'n8n-workflow';

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
	number('windowDays', 'Window (Days)', 180, 'Sends older than this many days are ignored; newer ones count less the older they are (linear decay to zero at the window edge)', ['decay']),
	number('interactionWindowDays', 'Interaction Window (Days)', 7, 'An open or click counts for a send only if it happens within this many days after the send', ['decay']),
	number('openWeight', 'Open Weight', 1, 'Weight of an open in the score', ['decay'], 2),
	number('clickWeight', 'Click Weight', 2, 'Weight of a click in the score (a counted click also counts as an open)', ['decay'], 2),
	number('minEvents', 'Minimum Sends', 6, 'Contacts with fewer sends in the window are pulled towards the account average (protection against small samples)', ['decay']),
	number('newContactDays', 'New Contact Period (Days)', 28, "Contacts who subscribed (or got their first send) less than this many days ago and haven't interacted are 'New'", ['decay']),
	number('lowMultiplier', 'Low Band Below × Average', 0.5, "Scores below this multiple of the account average are 'Low'", ['decay'], 2),
	number('highMultiplier', 'High Band Above × Average', 1.5, "Scores above this multiple of the account average are 'High'", ['decay'], 2),
	number('totalCampaigns', 'Total Campaigns', 0, 'Denominator of the click share. 0 counts the distinct broadcast campaigns sent in the data (automation and transactional messages excluded).', ['clickShare']),
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
	number('deepBrowsePages', 'Deep Browse Pages', 5, "A web visit with at least this many pages viewed is a deep browse (Level 5)", ['recency5']),
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
		parameters[property.name] = value as IDataObject[string];
	}
	return parameters;
}
