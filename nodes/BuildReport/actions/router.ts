import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import * as report from './report/Report.resource';

/** Every report aggregates the whole input. */
export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const operation = this.getNodeParameter('operation', 0) as string;
	switch (operation) {
		case 'campaignAnalytics':
			return await report.campaignAnalytics.execute.call(this, items);
		case 'engagementRates':
			return await report.engagementRates.execute.call(this, items);
		case 'bandDistribution':
			return await report.bandDistribution.execute.call(this, items);
		case 'exportFiles':
			return await report.exportFiles.execute.call(this, items);
		default:
			throw new NodeOperationError(this.getNode(), `The operation "${operation}" is not supported`);
	}
}
