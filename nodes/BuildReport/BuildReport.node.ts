import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import * as report from './actions/report/Report.resource';
import { reportPasswordCredentialTest } from './actions/report/exportFiles.operation';
import { router } from './actions/router';

export class BuildReport implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Build Report',
		name: 'buildReport',
		icon: { light: 'file:buildReport.svg', dark: 'file:buildReport.dark.svg' },
		group: ['transform'],
		version: [1],
		subtitle: '={{ $parameter["operation"] }}',
		description:
			'Campaign analytics, engagement rates and band distribution from engagement events or scored contacts, and report files (XLSX, CSV, HTML, protected ZIP)',
		defaults: { name: 'Build Report' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		// Export Files adds a second output for its audit record.
		outputs: `={{ $parameter["operation"] === "exportFiles" ? [{ "type": "${NodeConnectionTypes.Main}", "displayName": "Files" }, { "type": "${NodeConnectionTypes.Main}", "displayName": "Audit" }] : ["${NodeConnectionTypes.Main}"] }}`,
		credentials: [
			{
				name: 'engagementReportPasswordApi',
				required: true,
				testedBy: 'engagementReportPasswordTest',
				displayOptions: { show: { operation: ['exportFiles'], protect: [true] } },
			},
		],
		properties: [...report.description],
	};

	methods = { credentialTest: { engagementReportPasswordTest: reportPasswordCredentialTest } };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
