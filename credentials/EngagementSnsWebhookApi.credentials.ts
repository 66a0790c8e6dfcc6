import type { ICredentialType, Icon, INodeProperties } from 'n8n-workflow';

export class EngagementSnsWebhookApi implements ICredentialType {
	name = 'engagementSnsWebhookApi';

	displayName = 'Engagement Amazon SNS Topic Allowlist API';

	icon: Icon = { light: 'file:engagementWebhook.svg', dark: 'file:engagementWebhook.dark.svg' };

	documentationUrl =
		'https://github.com/engagement-scoring/n8n-nodes-engagement-scoring/blob/main/docs/webhook-trigger.md#amazon-ses-via-sns';

	properties: INodeProperties[] = [
		{
			displayName: 'Allowed Topic ARNs',
			name: 'topicArns',
			type: 'string',
			typeOptions: { rows: 3 },
			default: '',
			required: true,
			placeholder: 'arn:aws:sns:us-east-1:123456789012:ses-events',
			description:
				'SNS topics allowed to post, separated by commas or new lines. Messages are also checked against the SNS signing certificate.',
		},
	];
}
