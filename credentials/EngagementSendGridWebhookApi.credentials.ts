import type { ICredentialType, Icon, INodeProperties } from 'n8n-workflow';

export class EngagementSendGridWebhookApi implements ICredentialType {
	name = 'engagementSendGridWebhookApi';

	displayName = 'Engagement SendGrid Signed Webhook API';

	icon: Icon = { light: 'file:engagementWebhook.svg', dark: 'file:engagementWebhook.dark.svg' };

	documentationUrl =
		'https://github.com/engagement-scoring/n8n-nodes-engagement-scoring/blob/main/docs/webhook-trigger.md#sendgrid';

	properties: INodeProperties[] = [
		{
			displayName: 'Verification Key',
			name: 'publicKey',
			type: 'string',
			typeOptions: { rows: 3 },
			default: '',
			required: true,
			description:
				'The public key SendGrid shows under Settings → Mail Settings → Event Webhook → Signed Event Webhook (base64, or PEM)',
		},
	];
}
