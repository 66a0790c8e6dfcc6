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
		name: 'HubSpot Graymail (Graymail / Not Graymail)',
		value: 'hubspotGraymail',
		description:
			"Graymail when never engaged with the last 11 sends, or previously engaged but not with the last 16 (HubSpot's graymail suppression)",
	},
	{
		name: 'Klaviyo Engagement (Engaged / Neither / Unengaged)',
		value: 'klaviyoEngagement',
		description:
			"Engaged: opened or clicked in 30 days or subscribed in 15; Unengaged: 5+ emails received and no open or click in 90 days (Klaviyo's segments)",
	},
	{
		name: 'Lifecycle (Clusters)',
		value: 'lifecycle',
		description:
			'Engaged, Active new, Interested, Dormant, Disengaged, Inactive new, Inactive or Off, with thresholds derived from your data (Contactlab)',
	},
	{
		name: 'Mailchimp Stars (1–5 Stars)',
		value: 'mailchimpStars',
		description:
			"1–5 stars from clicks against send frequency on Mailchimp's 16-point contact rating scale; complaints and bounces rate lowest",
	},
	{
		name: 'MailPoet Score (0–100)',
		value: 'mailpoet',
		description:
			"Opens ÷ emails sent over 12 months × 100, no score below 3 sends (MailPoet's engagement score)",
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
	{
		name: 'RFM (Segments From Purchases)',
		value: 'rfm',
		description:
			'Recency, frequency and monetary scores 1–5 by quintile from purchases, named segments such as Champions, At Risk, Lost',
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

/** The Options entry of the operations that read events: drop opens and clicks the provider or bot rules flagged. */
export const excludeMachineOption: INodeProperties = {
	displayName: 'Exclude Machine Events',
	name: 'excludeMachine',
	type: 'boolean',
	default: true,
	description: 'Whether to ignore opens and clicks flagged as machine-generated',
};

/** Resolves the Time Zone parameter: empty means the workflow's time zone. */
export function resolveTimezone(value: unknown, workflowTimezone: string): string {
	return typeof value === 'string' && value.trim() !== '' ? value.trim() : workflowTimezone;
}
