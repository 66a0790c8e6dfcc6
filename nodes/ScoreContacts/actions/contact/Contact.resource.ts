import type { INodeProperties } from 'n8n-workflow';

import * as mergeStatistics from './mergeStatistics.operation';
import * as score from './score.operation';
import * as sunset from './sunset.operation';

export { mergeStatistics, score, sunset };

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
			{
				name: 'Sunset',
				value: 'sunset',
				description:
					'Mark the contacts to stop mailing under a published sunset rule (HubSpot, Klaviyo, MailPoet), with a reason each and a dry-run summary',
				action: 'Mark contacts to sunset',
			},
		],
		default: 'score',
	},
	...score.description,
	...mergeStatistics.description,
	...sunset.description,
];
