import type {
	ICredentialTestFunctions,
	ICredentialsDecrypted,
	IHookFunctions,
	INodeCredentialTestResult,
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { credentialProblem, type CredentialScheme } from '../../lib/providers';
import { CREDENTIAL_TYPE, triggerProperties } from './properties';
import { handleWebhook } from './webhook';

export class EngagementWebhookTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Engagement Webhook Trigger',
		name: 'engagementWebhookTrigger',
		icon: {
			light: 'file:engagementWebhookTrigger.svg',
			dark: 'file:engagementWebhookTrigger.dark.svg',
		},
		group: ['trigger'],
		// Version 2 names the event mapping as Score Contacts does (docs/webhook-trigger.md, "Versions"); version 1 keeps
		// its own names so saved workflows run unchanged.
		version: [1, 2],
		defaultVersion: 2,
		subtitle: '={{ $parameter["provider"] }}',
		description:
			'Starts the workflow when an email service posts engagement events; verifies the signature and outputs normalised events',
		defaults: { name: 'Engagement Webhook Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [
			{
				name: 'engagementSendGridWebhookApi',
				required: true,
				testedBy: 'engagementWebhookCredentialTest',
				displayOptions: { show: { provider: ['sendgrid'] } },
			},
			{
				name: 'engagementHmacWebhookApi',
				required: true,
				testedBy: 'engagementWebhookCredentialTest',
				displayOptions: { show: { provider: ['mailgun', 'customerIo'] } },
			},
			{
				name: 'engagementSharedSecretWebhookApi',
				required: true,
				testedBy: 'engagementWebhookCredentialTest',
				displayOptions: {
					show: { provider: ['postmark', 'brevo', 'sparkpost', 'mailchimp', 'customJson'] },
				},
			},
			{
				name: 'engagementMandrillWebhookApi',
				required: true,
				testedBy: 'engagementWebhookCredentialTest',
				displayOptions: { show: { provider: ['mandrill'] } },
			},
			{
				name: 'engagementSnsWebhookApi',
				required: true,
				testedBy: 'engagementWebhookCredentialTest',
				displayOptions: { show: { provider: ['amazonSes'] } },
			},
			{
				name: 'engagementStandardWebhooksApi',
				required: true,
				testedBy: 'engagementWebhookCredentialTest',
				displayOptions: { show: { provider: ['resend', 'standardWebhooks'] } },
			},
		],
		webhooks: [
			{
				name: 'default',
				httpMethod: 'POST',
				responseMode: 'onReceived',
				// Empty, not left out: n8n (checked 1.123) answers an onReceived webhook that starts a run with responseData
				// when it is set, and an unset one defaults to the literal text "firstEntryJson". Empty lets the node's own
				// summary ({received, accepted, duplicates, ignored}) through.
				responseData: '',
				path: 'webhook',
			},
			// Mailchimp Transactional checks a new webhook URL with an unsigned HEAD request.
			{ name: 'setup', httpMethod: 'HEAD', responseMode: 'onReceived', path: 'webhook' },
			// Mailchimp's audience webhooks check a new URL with a GET (with the URL's secret).
			{ name: 'setup', httpMethod: 'GET', responseMode: 'onReceived', path: 'webhook' },
		],
		properties: triggerProperties,
	};

	methods = {
		credentialTest: {
			/** These credentials have no API to call: check that each one is well-formed instead. */
			async engagementWebhookCredentialTest(
				this: ICredentialTestFunctions,
				credential: ICredentialsDecrypted,
			): Promise<INodeCredentialTestResult> {
				const scheme = (Object.keys(CREDENTIAL_TYPE) as CredentialScheme[]).find(
					(candidate) => CREDENTIAL_TYPE[candidate] === credential.type,
				);
				const problem = scheme
					? credentialProblem(scheme, credential.data ?? {})
					: `unknown credential type ${credential.type}`;
				return problem
					? { status: 'Error', message: problem }
					: { status: 'OK', message: 'Looks valid' };
			},
		},
	};

	/** The user registers the URL in the provider's dashboard, so there is nothing to create or delete remotely. */
	webhookMethods = {
		default: {
			async checkExists(this: IHookFunctions): Promise<boolean> {
				return true;
			},
			async create(this: IHookFunctions): Promise<boolean> {
				return true;
			},
			async delete(this: IHookFunctions): Promise<boolean> {
				return true;
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		return await handleWebhook.call(this);
	}
}
