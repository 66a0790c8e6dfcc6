import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import * as contact from './contact/Contact.resource';

/** Score Contacts aggregates: every operation sees all input items at once. */
export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const operation = this.getNodeParameter('operation', 0) as string;
	switch (operation) {
		case 'score':
			return await contact.score.execute.call(this, items);
		case 'mergeStatistics':
			return await contact.mergeStatistics.execute.call(this, items);
		case 'sunset':
			return await contact.sunset.execute.call(this, items);
		default:
			throw new NodeOperationError(this.getNode(), `The operation "${operation}" is not supported`);
	}
}
