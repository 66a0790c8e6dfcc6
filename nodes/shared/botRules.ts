import type { IDataObject, IDisplayOptions, INodeProperties } from 'n8n-workflow';

import type { MachineFilterOptions } from '../../lib/events/filterMachineEvents';
import { commaSeparated } from './context';

/** Signals Required when the field is not added, and the field's default: Any One Rule (each rule flags alone). */
export const SIGNALS_REQUIRED_DEFAULT = 1;

/**
 * The "Bot Rules" collection of Score Contacts (issue 9): the machine and scanner rules of `filterMachineEvents` /
 * `scannerRules.ts` as node fields. A rule is on when its field is added.
 */
export function botRulesProperty(show: IDisplayOptions['show']): INodeProperties {
	return {
		displayName: 'Bot Rules',
		name: 'botRules',
		type: 'collection',
		placeholder: 'Add Rule',
		displayOptions: { show },
		default: {},
		description:
			'Extra rules that flag opens and clicks as machine-made (link scanners, privacy proxies), each with its reason',
		options: [
			{
				displayName: 'Click Upgrades Machine Open',
				name: 'clickUpgradesOpen',
				type: 'boolean',
				default: true,
				description:
					'Whether a human click of a campaign turns that contact’s machine opens of the same campaign back into real opens',
			},
			{
				displayName: 'Event Before Delivery',
				name: 'beforeDelivery',
				type: 'boolean',
				default: true,
				description:
					'Whether an open or click earlier than the contact’s delivery (or send) of the campaign is machine-made',
			},
			{
				displayName: 'Every Link Clicked Within (Seconds)',
				name: 'allLinksClickedSeconds',
				type: 'number',
				typeOptions: { minValue: 0 },
				default: 10,
				description:
					'Clicks on every link of a message (3 or more links) within this many seconds are a scanner following each link',
			},
			{
				displayName: 'Near the Send (Seconds)',
				name: 'sendProximitySeconds',
				type: 'number',
				typeOptions: { minValue: 0 },
				default: 2,
				description: 'Opens and clicks at most this many seconds after the send are machine-made',
			},
			...scannerRuleFields({
				ipRanges: '; needs the IP Address field mapped',
				userAgents: '',
			}),
			{
				displayName: 'Signals Required',
				name: 'signalsRequired',
				type: 'options',
				options: [
					{ name: 'Any One Rule', value: 1, description: 'Each rule flags on its own' },
					{
						name: '2 of 3 Signals',
						value: 2,
						description:
							'Near the send, scanner IP and scanner user agent flag an event only when two of them agree',
					},
					{ name: 'All 3 Signals', value: 3 },
				],
				// what a Bot Rules collection without this field does, so adding the field changes nothing by itself
				default: SIGNALS_REQUIRED_DEFAULT,
				description:
					'How Near the Send, Scanner IP Ranges and Scanner User Agents combine; without this option each flags on its own. Choose 2 of 3 Signals so one weak signal alone never discards a human click. The other rules always act alone.',
			},
		],
	};
}

/**
 * The Scanner IP Ranges and Scanner User Agents fields, shared by Score Contacts' Bot Rules and the Engagement Webhook
 * Trigger's options; `notes` end each description with what the rule does there.
 */
export function scannerRuleFields(notes: {
	ipRanges: string;
	userAgents: string;
}): INodeProperties[] {
	return [
		{
			displayName: 'Scanner IP Ranges',
			name: 'scannerIpRanges',
			type: 'string',
			default: '',
			placeholder: 'e.g. 40.94.0.0/15, 2a01:111::/32',
			description: `Comma-separated IP addresses or CIDR ranges (IPv4 or IPv6) of known link scanners${notes.ipRanges}`,
		},
		{
			displayName: 'Scanner User Agents',
			name: 'scannerUserAgents',
			type: 'string',
			default: 'known',
			description: `"known" for the built-in list (Mimecast, Proofpoint, Barracuda, Safe Links, HTTP libraries…), or comma-separated fragments of your own${notes.userAgents}`,
		},
	];
}

/** Scanner User Agents as the rule takes it: `true` for "known", the fragments, or undefined when empty. */
export function readScannerUserAgents(value: unknown): true | string[] | undefined {
	if (value === undefined || value === null) return undefined;
	return String(value).trim().toLowerCase() === 'known' ? true : splitList(value);
}

/** The Bot Rules collection as `machineFilter` options for scoreContacts; undefined when no rule was added. */
export function readBotRules(rules: IDataObject | undefined): MachineFilterOptions | undefined {
	if (rules === undefined || Object.keys(rules).length === 0) return undefined;
	const filter: MachineFilterOptions = {};
	if (rules.clickUpgradesOpen === true) filter.clickUpgradesOpen = true;
	if (rules.beforeDelivery === true) filter.beforeDelivery = true;
	if (typeof rules.allLinksClickedSeconds === 'number') {
		filter.allLinksClicked = { withinSeconds: rules.allLinksClickedSeconds };
	}
	const proximity =
		typeof rules.sendProximitySeconds === 'number' ? rules.sendProximitySeconds : undefined;
	const ipRanges = splitList(rules.scannerIpRanges);
	const userAgents = readScannerUserAgents(rules.scannerUserAgents);
	// not added: Any One Rule, the field's default
	const required = Number(rules.signalsRequired ?? SIGNALS_REQUIRED_DEFAULT);
	if (required > 1) {
		filter.signals = {
			required,
			sendProximitySeconds: proximity,
			scannerIpRanges: ipRanges,
			scannerUserAgents: userAgents,
		};
	} else {
		if (proximity !== undefined) filter.sendProximitySeconds = proximity;
		if (ipRanges !== undefined) filter.scannerIpRanges = ipRanges;
		if (userAgents !== undefined) filter.scannerUserAgents = userAgents;
	}
	return filter;
}

function splitList(value: unknown): string[] | undefined {
	if (value === undefined || value === null) return undefined;
	const list = commaSeparated(String(value));
	return list.length > 0 ? list : undefined;
}
