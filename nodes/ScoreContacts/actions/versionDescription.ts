import type { INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import * as contact from './contact/Contact.resource';

/**
 * Outputs follow the Account Summary option: a second "Account" output when asked for. Evaluated by n8n as an
 * expression, so the function must be self-contained.
 */
const configuredOutputs = (parameters: { options?: { accountSummary?: string } }) =>
	parameters.options?.accountSummary === 'secondOutput'
		? [
				{ type: 'main', displayName: 'Contacts' },
				{ type: 'main', displayName: 'Account' },
			]
		: [{ type: 'main' }];

export const versionDescription: INodeTypeDescription = {
	displayName: 'Score Contacts',
	name: 'scoreContacts',
	icon: { light: 'file:scoreContacts.svg', dark: 'file:scoreContacts.dark.svg' },
	group: ['transform'],
	version: [1],
	subtitle: '={{ "model: " + $parameter["model"] }}',
	description:
		'Score contacts from engagement events (decay, click share, recency, lifecycle) and put each in a band',
	defaults: { name: 'Score Contacts' },
	usableAsTool: true,
	inputs: [NodeConnectionTypes.Main],
	outputs: `={{(${configuredOutputs})($parameter)}}`,
	properties: [...contact.description],
};
