import type { ICredentialType, Icon, INodeProperties } from 'n8n-workflow';

export class EngagementMandrillWebhookApi implements ICredentialType {
	name = 'engagementMandrillWebhookApi';

	displayName = 'Engagement Mailchimp Transactional Webhook API';

	icon: Icon = { light: 'file:engagementWebhook.svg', dark: 'file:engagementWebhook.dark.svg' };

	documentationUrl =
		'https://github.com/engagement-scoring/n8n-nodes-engagement-scoring/blob/main/docs/webhook-trigger.md#mailchimp-transactional-mandrill';

	properties: INodeProperties[] = [
		{
			displayName: 'Webhook Key',
			name: 'webhookSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description: 'The key Mandrill shows next to the webhook under Settings → Webhooks',
		},
		{
			displayName: 'Registered Webhook URL',
			name: 'webhookUrl',
			type: 'string',
			default: '',
			placeholder: 'https://n8n.example.com/webhook/…/webhook',
			description:
				"The URL exactly as entered in Mandrill (it is part of the signature). Leave empty to use the node's production URL.",
		},
	];
}
