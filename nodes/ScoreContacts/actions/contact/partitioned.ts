import { NodeOperationError } from 'n8n-workflow';
import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { AccountStatistics } from '../../../../lib/partition/types';
import { readJsonObject } from '../../../shared/context';

/**
 * Partitioned runs (docs/partitioned-scoring.md): each partition of the contacts first outputs its partial statistics,
 * the Merge Statistics operation merges them, and each partition is then scored with the merged account statistics.
 * These two entries join the Score operation's Options.
 */
export const partitionedRunOptions: INodeProperties[] = [
	{
		displayName: 'Account Statistics (From Merge)',
		name: 'accountStatistics',
		type: 'json',
		default: '',
		placeholder: "e.g. {{ $('Merge Statistics').first().json.accountStatistics }}",
		description:
			'Partitioned run: the merged statistics of every partition (Merge Statistics operation). Scores and bands then use the account figures of all partitions — the decay average, the campaign total, the lifecycle thresholds — exactly as one run over every contact. As Of defaults to theirs.',
	},
	{
		displayName: 'Output',
		name: 'output',
		type: 'options',
		options: [
			{ name: 'Scored Contacts', value: 'contacts', description: 'One item per contact' },
			{
				name: 'Partial Statistics (Partitioned Run)',
				value: 'partialStatistics',
				description:
					'One item with the account statistics of this partition of the contacts, for Merge Statistics. Needs a fixed As Of.',
			},
		],
		default: 'contacts',
		description: 'What the node outputs',
	},
];

/** The Account Statistics option as an object, or undefined when empty. */
export function readAccountStatisticsOption(
	this: IExecuteFunctions,
	value: unknown,
): AccountStatistics | undefined {
	if (value === undefined || value === null || value === '') return undefined;
	return readJsonObject.call(
		this,
		value,
		'Account Statistics',
		'Use the accountStatistics field of the Merge Statistics output',
	) as unknown as AccountStatistics;
}

/** As Of of a partitioned step: the parameter, else the merged statistics' instant; partials need a fixed one. */
export function partitionedAsOf(
	this: IExecuteFunctions,
	output: string,
	statistics: AccountStatistics | undefined,
): string | undefined {
	const asOf = this.getNodeParameter('asOf', 0, '') as unknown;
	if (asOf !== '' && asOf !== null && asOf !== undefined) return undefined;
	if (statistics !== undefined && typeof statistics.asOf === 'string') return statistics.asOf;
	if (output === 'partialStatistics') {
		throw new NodeOperationError(this.getNode(), 'Partial statistics need a fixed As Of', {
			description:
				'Every partition and the banding run must score the same instant: set As Of (e.g. to an expression the parent workflow passes down)',
		});
	}
	return undefined;
}
