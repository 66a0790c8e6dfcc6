import type { ICredentialType, Icon, INodeProperties } from 'n8n-workflow';

export class EngagementHmacWebhookApi implements ICredentialType {
	name = 'engagementHmacWebhookApi';

	displayName = 'Engagement HMAC Webhook Signing Key API';

	icon: Icon = { light: 'file:engagementWebhook.svg', dark: 'file:engagementWebhook.dark.svg' };

	documentationUrl =
		'https://github.com/engagement-scoring/n8n-nodes-engagement-scoring/blob/main/docs/webhook-trigger.md#mailgun';

	properties: INodeProperties[] = [
		{
			displayName: 'Signing Key',
			name: 'signingSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description:
				'Mailgun: Sending → Webhooks → HTTP webhook signing key. Customer.io: the reporting webhook signing key.',
		},
		{
			displayName: 'Parent Account Signing Key',
			name: 'parentSigningSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description:
				"Mailgun subaccounts only (optional): the primary account's HTTP webhook signing key. A subaccount's events carry a second signature made with it, and either signature verifying is enough.",
		},
	];
}
