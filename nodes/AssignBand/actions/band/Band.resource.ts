import type { INodeProperties } from 'n8n-workflow';

import * as assign from './assign.operation';

export { assign };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		options: [
			{
				name: 'Assign',
				value: 'assign',
				description: 'Put each scored contact in a band, flag band changes and route by band',
				action: 'Assign bands',
			},
		],
		default: 'assign',
	},
	...assign.description,
];
