import type { ICredentialType, Icon, INodeProperties } from 'n8n-workflow';

export class EngagementStandardWebhooksApi implements ICredentialType {
	name = 'engagementStandardWebhooksApi';

	displayName = 'Engagement Standard Webhooks Secret API';

	icon: Icon = { light: 'file:engagementWebhook.svg', dark: 'file:engagementWebhook.dark.svg' };

	documentationUrl =
		'https://github.com/engagement-scoring/n8n-nodes-engagement-scoring/blob/main/docs/webhook-trigger.md#resend--svix';

	properties: INodeProperties[] = [
		{
			displayName: 'Signing Secret',
			name: 'secret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			placeholder: 'whsec_…',
			description:
				'The signing secret of the webhook endpoint (Resend, Svix or any Standard Webhooks sender)',
		},
	];
}
