import type { INodeProperties } from 'n8n-workflow';

import * as score from './score.operation';

export { score };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		options: [
			{
				name: 'Score',
				value: 'score',
				description: 'Score every contact found in the events and put it in a band',
				action: 'Score contacts',
			},
		],
		default: 'score',
	},
	...score.description,
];
