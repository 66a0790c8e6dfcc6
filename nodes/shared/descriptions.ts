import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

/** The scoring models, as users pick them in Score Contacts, Assign Band and Build Report. */
export const MODEL_OPTIONS: INodePropertyOptions[] = [
	{
		name: 'Click Share (Stars)',
		value: 'clickShare',
		description:
			"0–5 stars from the share of broadcast campaigns each contact clicked (theMarketer's engagement rating)",
	},
	{
		name: 'Decay (Low / Medium / High)',
		value: 'decay',
		description:
			"Time-decayed open and click rate over 180 days compared with the account average (Ometria's engagement score)",
	},
	{
		name: 'Lifecycle (Clusters)',
		value: 'lifecycle',
		description:
			'Engaged, Active new, Interested, Dormant, Disengaged, Inactive new, Inactive or Off, with thresholds derived from your data (Contactlab)',
	},
	{
		name: 'Recency (3 Levels)',
		value: 'recency',
		description:
			"Level 3 / 2 / 1 by days since the last active interaction: ≤ 30, 31–90, none in 90 or blocked (Crescendo Lab's engagement level)",
	},
	{
		name: 'Recency With Web Behaviour (5 Levels)',
		value: 'recency5',
		description:
			'Recency levels plus web visits and purchases within 60 days: Level 5 deep browse or purchase, Level 4 repeat visits (Crescendo Lab)',
	},
];

export const timezoneProperty: INodeProperties = {
	displayName: 'Time Zone',
	name: 'timezone',
	type: 'string',
	default: '',
	placeholder: 'e.g. Europe/Berlin',
	description:
		"IANA time zone used to count calendar days and to read timestamps without an offset. Leave empty to use the workflow's time zone (workflow settings).",
};

/** Resolves the Time Zone parameter: empty means the workflow's time zone. */
export function resolveTimezone(value: unknown, workflowTimezone: string): string {
	return typeof value === 'string' && value.trim() !== '' ? value.trim() : workflowTimezone;
}
