import type { IDisplayOptions, INodeProperties } from 'n8n-workflow';

import { EVENT_TYPES } from '../../lib/events/types';
import { PROVIDERS, type CredentialScheme } from '../../lib/providers';
import { scannerRuleFields } from '../shared/botRules';
import {
	campaignKindValuesProperty,
	eventTypeValuesProperty,
	numericTimestampsProperty,
	timestampFormatProperty,
} from '../shared/eventInput';

/** n8n credential type for each signing scheme (one credential per scheme). */
export const CREDENTIAL_TYPE: Record<CredentialScheme, string> = {
	sendgrid: 'engagementSendGridWebhookApi',
	hmac: 'engagementHmacWebhookApi',
	sharedSecret: 'engagementSharedSecretWebhookApi',
	mandrill: 'engagementMandrillWebhookApi',
	sns: 'engagementSnsWebhookApi',
	standardWebhooks: 'engagementStandardWebhooksApi',
};

const mappedProviders = ['customJson', 'standardWebhooks'];

/**
 * Where a mapping parameter shows: for the providers that read the body with the field mapping, in every version,
 * only in version 1 (its own names, kept so saved workflows run unchanged) or from version 2 on (Score Contacts'
 * names: Contact ID Field, Event Type Field, Numeric Timestamps Are, Event Type Values, …).
 */
const mappingShown = (versions: 'all' | 'v1' | 'v2' = 'all'): IDisplayOptions => ({
	show: {
		provider: mappedProviders,
		...(versions === 'v1' ? { '@version': [1] } : {}),
	},
	...(versions === 'v2' ? { hide: { '@version': [1] } } : {}),
});

const mappingField = (
	displayName: string,
	name: string,
	defaultPath: string,
	description: string,
	versions: 'all' | 'v1' | 'v2' = 'all',
): INodeProperties => ({
	displayName,
	name,
	type: 'string',
	default: defaultPath,
	description,
	displayOptions: mappingShown(versions),
});

const mappingProperties: INodeProperties[] = [
	mappingField(
		'Events Path',
		'eventsPath',
		'',
		'Dot path to the list of events in the body; empty means the body itself (an array or one event)',
	),
	mappingField(
		'Contact Field',
		'contactField',
		'contactId',
		'Dot path of the email address or contact ID inside one event',
		'v1',
	),
	mappingField(
		'Contact ID Field',
		'contactIdField',
		'contactId',
		'Name of the event field holding the contact: email address or provider ID. Dots reach nested fields, e.g. <code>data.email</code>.',
		'v2',
	),
	mappingField('Event Type Field', 'typeField', 'type', 'Dot path of the event type', 'v1'),
	mappingField(
		'Event Type Field',
		'eventTypeField',
		'type',
		'Name of the event field holding the event type. Values other than the standard types can be translated under Event Type Values.',
		'v2',
	),
	mappingField(
		'Timestamp Field',
		'timestampField',
		'timestamp',
		'Dot path of the event time (ISO-8601, unix seconds or milliseconds)',
		'v1',
	),
	mappingField(
		'Timestamp Field',
		'timestampField',
		'timestamp',
		'Name of the event field holding when the event happened: ISO-8601 or an epoch number',
		'v2',
	),
	{
		displayName: 'Timestamp Unit',
		name: 'timestampUnit',
		type: 'options',
		options: [
			{ name: 'Auto (Numbers Above 1e11 Are Milliseconds)', value: 'auto' },
			{ name: 'Seconds', value: 'seconds' },
			{ name: 'Milliseconds', value: 'milliseconds' },
		],
		default: 'auto',
		description: 'How numeric timestamps are read; ISO-8601 strings are always understood',
		displayOptions: mappingShown('v1'),
	},
	numericTimestampsProperty(mappingShown('v2')),
	timestampFormatProperty(mappingShown('v2')),
	{
		displayName: 'Time Zone',
		name: 'timezone',
		type: 'string',
		default: 'UTC',
		placeholder: 'e.g. Europe/Berlin',
		description:
			'IANA time zone of times written without an offset: ISO-8601 without Z or ±hh:mm, a Timestamp Format without an offset token, spreadsheet serial days. Providers send UTC; change it only for a source that writes local times.',
		displayOptions: mappingShown('v2'),
	},
	mappingField(
		'Campaign ID Field',
		'campaignIdField',
		'campaignId',
		'Dot path of the campaign ID (optional)',
	),
	mappingField(
		'Campaign Kind Field',
		'campaignKindField',
		'campaignKind',
		'Name of the event field holding the campaign kind: broadcast, automation or transactional (optional). Other values can be translated under Campaign Kind Values.',
		'v2',
	),
	mappingField(
		'Message ID Field',
		'messageIdField',
		'messageId',
		'Dot path of the message ID (optional)',
	),
	mappingField(
		'Event ID Field',
		'eventIdField',
		'eventId',
		'Dot path of a unique event ID used for de-duplication; without one a key is hashed from the event',
	),
	mappingField('URL Field', 'urlField', 'url', 'Dot path of the clicked URL (optional)'),
	mappingField(
		'Machine Flag Field',
		'machineField',
		'machine',
		'Dot path of a true/false flag for machine opens or bot clicks (optional)',
	),
	{
		displayName: 'Event Type Mapping',
		name: 'typeMap',
		type: 'string',
		default: '',
		placeholder: 'opened=open, clicked=click, unsubscribed=unsubscribe',
		description: `Source event names to our types, comma-separated. Types: ${EVENT_TYPES.join(', ')}. Values already equal to a type, and common names (opened, clicked, bounced, unsubscribed, …), need no mapping.`,
		displayOptions: mappingShown('v1'),
	},
	eventTypeValuesProperty(mappingShown('v2')),
	campaignKindValuesProperty(mappingShown('v2')),
];

export const triggerProperties: INodeProperties[] = [
	{
		displayName:
			"Copy the Production URL above into your email service's event webhook settings and activate this workflow. See the docs link for each provider's steps. Requests that fail the signature or auth check get 401 and start nothing.",
		name: 'notice',
		type: 'notice',
		default: '',
	},
	{
		displayName: 'Provider',
		name: 'provider',
		type: 'options',
		noDataExpression: true,
		options: PROVIDERS.map((provider) => ({ name: provider.displayName, value: provider.id })),
		default: 'sendgrid',
		description:
			'The service that posts the events; decides the signature check and the payload format',
	},
	...mappingProperties,
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Auto-Confirm SNS Subscription',
				name: 'confirmSubscription',
				type: 'boolean',
				default: true,
				description:
					'Whether to confirm a verified SNS SubscriptionConfirmation from an allowed topic by visiting its SubscribeURL',
			},
			{
				displayName: 'De-Duplicate Events',
				name: 'deduplicate',
				type: 'boolean',
				default: true,
				description:
					"Whether to drop events whose ID was already seen (provider retries, replayed requests); IDs are kept in this n8n process and in the workflow's static data",
			},
			{
				displayName: 'De-Duplication Memory',
				name: 'dedupeCapacity',
				type: 'number',
				typeOptions: { minValue: 1 },
				default: 10000,
				description:
					'How many event IDs to remember at most; the least recently seen are forgotten first. For providers that sign a timestamp, an ID is also forgotten twice the replay window after it was last seen.',
			},
			{
				displayName: 'Event Types',
				name: 'eventTypes',
				type: 'multiOptions',
				options: EVENT_TYPES.map((type) => ({ name: type, value: type })),
				default: [],
				description: 'Only pass these event types; none selected passes all',
			},
			{
				displayName: 'Lowercase Contact IDs',
				name: 'lowercaseContactId',
				type: 'boolean',
				default: false,
				description:
					'Whether to lower-case contact IDs, so email addresses that differ only in case are one contact (as Score Contacts does with the same option)',
			},
			{
				displayName: 'Machine Opens and Bot Clicks',
				name: 'machineEvents',
				type: 'options',
				options: [
					{
						name: 'Flag Them',
						value: 'flag',
						description:
							'Keep them with machine: true (and machineReason when a scanner rule caught them)',
					},
					{ name: 'Drop Them', value: 'drop', description: 'Leave them out of the output' },
				],
				default: 'flag',
				description:
					'Events the provider flagged, and those the Scanner IP Ranges and Scanner User Agents options catch',
			},
			{
				displayName: 'Output',
				name: 'output',
				type: 'options',
				options: [
					{ name: 'One Item per Event', value: 'perEvent' },
					{
						name: 'One Item per Request',
						value: 'perRequest',
						description: 'Events in an "events" list',
					},
				],
				default: 'perEvent',
			},
			{
				displayName: 'Replay Window (Seconds)',
				name: 'toleranceSeconds',
				type: 'number',
				typeOptions: { minValue: 1 },
				default: 300,
				description: 'How far a signed timestamp may be from now, for providers that sign one',
			},
			...scannerRuleFields({
				ipRanges: ': opens and clicks from them get machine: true and machineReason "scannerIp"',
				userAgents:
					': matching opens and clicks get machine: true and machineReason "scannerUserAgent"',
			}),
		],
	},
];
