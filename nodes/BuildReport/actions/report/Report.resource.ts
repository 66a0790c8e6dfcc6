import type { INodeProperties } from 'n8n-workflow';

import * as bandDistribution from './bandDistribution.operation';
import * as campaignAnalytics from './campaignAnalytics.operation';
import * as engagementRates from './engagementRates.operation';
import * as exportFiles from './exportFiles.operation';

export { bandDistribution, campaignAnalytics, engagementRates, exportFiles };

/**
 * Operations of Build Report. To add one (e.g. a file export), write `<name>.operation.ts` exporting `description`
 * (with `displayOptions.show.operation: ['<name>']`) and `execute(this, items)`, list it here and in `router.ts`.
 */
export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		options: [
			{
				name: 'Band Distribution',
				value: 'bandDistribution',
				description: 'Count contacts per band, and per scoring date when there are several',
				action: 'Count contacts per band',
			},
			{
				name: 'Campaign Analytics',
				value: 'campaignAnalytics',
				description: 'Sent, viewed, clicked and goal per campaign, per day or per contact',
				action: 'Build campaign analytics',
			},
			{
				name: 'Engagement Rates',
				value: 'engagementRates',
				description: 'Open, click and conversion rates among contacts who received a broadcast',
				action: 'Compute engagement rates',
			},
			{
				name: 'Export Files',
				value: 'exportFiles',
				description:
					'Excel workbook, CSV and an HTML report with charts (Channel Talk data download or scores), optionally in a password-protected ZIP',
				action: 'Export report files',
			},
		],
		default: 'campaignAnalytics',
	},
	...campaignAnalytics.description,
	...engagementRates.description,
	...bandDistribution.description,
	...exportFiles.description,
];
