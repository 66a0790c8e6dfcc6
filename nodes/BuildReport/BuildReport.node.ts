import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';

import { reportPasswordCredentialTest } from './actions/report/exportFiles.operation';
import { router } from './actions/router';
import { versionDescription } from './actions/versionDescription';

export class BuildReport implements INodeType {
	description: INodeTypeDescription = versionDescription;

	methods = { credentialTest: { engagementReportPasswordTest: reportPasswordCredentialTest } };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
