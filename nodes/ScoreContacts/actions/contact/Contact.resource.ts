import type { INodeProperties } from 'n8n-workflow';

import * as mergeStatistics from './mergeStatistics.operation';
import * as score from './score.operation';

export { mergeStatistics, score };

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
			{
				name: 'Merge Statistics',
				value: 'mergeStatistics',
				description:
					'Partitioned run: merge the partial statistics of every partition into account statistics to band with',
				action: 'Merge partial statistics',
			},
		],
		default: 'score',
	},
	...score.description,
	...mergeStatistics.description,
];
