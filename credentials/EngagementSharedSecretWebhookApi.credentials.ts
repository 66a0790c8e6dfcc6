import type { ICredentialType, Icon, INodeProperties } from 'n8n-workflow';

export class EngagementSharedSecretWebhookApi implements ICredentialType {
	name = 'engagementSharedSecretWebhookApi';

	displayName = 'Engagement Webhook Basic Auth or Token API';

	icon: Icon = { light: 'file:engagementWebhook.svg', dark: 'file:engagementWebhook.dark.svg' };

	documentationUrl =
		'https://github.com/engagement-scoring/n8n-nodes-engagement-scoring/blob/main/docs/webhook-trigger.md#postmark';

	properties: INodeProperties[] = [
		{
			displayName: 'Authentication',
			name: 'authType',
			type: 'options',
			options: [
				{
					name: 'Basic Auth',
					value: 'basicAuth',
					description: 'User and password in the webhook URL',
				},
				{
					name: 'Header Token',
					value: 'headerToken',
					description: 'A secret token sent in a header',
				},
				{
					name: 'Query Parameter Token',
					value: 'queryToken',
					description:
						'A secret token in the webhook URL, e.g. …/webhook?key=&lt;token&gt; (Mailchimp audience webhooks, senders that set no header)',
				},
			],
			default: 'basicAuth',
		},
		{
			displayName: 'User',
			name: 'username',
			type: 'string',
			default: '',
			displayOptions: { show: { authType: ['basicAuth'] } },
		},
		{
			displayName: 'Password',
			name: 'password',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			displayOptions: { show: { authType: ['basicAuth'] } },
		},
		{
			displayName: 'Header Name',
			name: 'headerName',
			type: 'string',
			default: 'Authorization',
			description:
				'With Authorization, both "Bearer &lt;token&gt;" and the bare token are accepted',
			displayOptions: { show: { authType: ['headerToken'] } },
		},
		{
			displayName: 'Query Parameter Name',
			name: 'queryParameter',
			type: 'string',
			default: 'key',
			description: 'The webhook URL ends with ?&lt;name&gt;=&lt;token&gt;',
			displayOptions: { show: { authType: ['queryToken'] } },
		},
		{
			displayName: 'Token',
			name: 'token',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			displayOptions: { show: { authType: ['headerToken', 'queryToken'] } },
		},
	];
}
