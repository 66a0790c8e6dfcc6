import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { mergeStatistics } from '../../../../lib/partition/mergeStatistics';
import type { AccountStatistics, PartialStatistics } from '../../../../lib/partition/types';
import { EngagementInputError } from '../../../../lib/errors';
import { pairedWith, toNodeError } from '../../../shared/errors';

const show = { operation: ['mergeStatistics'] };

export const description: INodeProperties[] = [
	{
		displayName: 'Statistics Field',
		name: 'statisticsField',
		type: 'string',
		displayOptions: { show },
		default: 'statistics',
		description:
			'The field of each input item holding partial statistics (the Partial Statistics output of Score Contacts). Items that are the statistics themselves are read whole.',
	},
];

/** All input items' partial statistics → one item `{ accountStatistics }` to band every partition with. */
export async function execute(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[][]> {
	const node = this.getNode();
	const field = this.getNodeParameter('statisticsField', 0, 'statistics') as string;
	const parts = items.map((item, index) => {
		const json = item.json;
		const value = typeof json.type === 'string' ? json : json[field];
		if (typeof value !== 'object' || value === null) {
			throw new NodeOperationError(node, `Item ${index} has no statistics in "${field}"`, {
				itemIndex: index,
				description:
					'Feed the Partial Statistics output of Score Contacts (one item per partition)',
			});
		}
		return value as unknown as PartialStatistics | AccountStatistics;
	});
	let merged: AccountStatistics;
	try {
		merged = mergeStatistics(parts);
	} catch (error) {
		const index = error instanceof EngagementInputError ? (error.index ?? 0) : 0;
		throw toNodeError(node, error as Error, index);
	}
	// A summary to read at a glance beside the full statistics (whose figures can be long lists).
	const summary: IDataObject = {
		model: merged.model,
		asOf: merged.asOf,
		timezone: merged.timezone,
		contacts: merged.contacts,
		partitions: merged.partitions,
	};
	return [
		[
			{
				json: { ...summary, accountStatistics: merged as unknown as IDataObject },
				pairedItem: pairedWith(items.keys()),
			},
		],
	];
}
