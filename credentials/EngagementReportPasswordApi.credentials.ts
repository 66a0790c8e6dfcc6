import type { ICredentialType, Icon, INodeProperties } from 'n8n-workflow';

/**
 * The password of Build Report's protected downloads (Channel Talk: "When downloading the data, a data password must
 * be set"). Kept in a credential so that only people who may use it can produce an archive, and so it never appears
 * in the workflow or its executions.
 */
export class EngagementReportPasswordApi implements ICredentialType {
	name = 'engagementReportPasswordApi';

	displayName = 'Engagement Report Password API';

	icon: Icon = { light: 'file:engagementReport.svg', dark: 'file:engagementReport.dark.svg' };

	documentationUrl =
		'https://github.com/engagement-scoring/n8n-nodes-engagement-scoring/blob/main/docs/report-files.md#protected-downloads';

	properties: INodeProperties[] = [
		{
			displayName: 'Archive Password',
			name: 'password',
			type: 'string',
			typeOptions: { password: true },
			required: true,
			default: '',
			description:
				'Password of the AES-256 encrypted ZIP archives (at least 8 characters). Share it with the recipients separately from the files.',
		},
	];
}
