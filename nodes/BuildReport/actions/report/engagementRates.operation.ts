import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import { engagementRates, resolvePeriod } from '../../../../lib/reports';
import { botRulesProperty, readBotRules } from '../../../shared/botRules';
import { excludeMachineOption } from '../../../shared/descriptions';
import { itemOfLibraryError, pairedWith, toNodeError } from '../../../shared/errors';
import { eventInputProperties, readEventInput } from '../../../shared/eventInput';
import { hintWhenPeriodLeavesOutAll, isoOrNull, periodProperties, readPeriod } from './period';

const show = { operation: ['engagementRates'] };

const properties: INodeProperties[] = [
	...periodProperties(['engagementRates']),
	...eventInputProperties(show),
	botRulesProperty(show),
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		displayOptions: { show },
		default: {},
		options: [
			{
				displayName: 'Conversion Event Types',
				name: 'conversionTypes',
				type: 'multiOptions',
				options: [
					{ name: 'Conversion', value: 'conversion' },
					{ name: 'Purchase', value: 'purchase' },
					{ name: 'Subscribe', value: 'subscribe' },
				],
				default: ['conversion'],
				description: 'Event types that count as a conversion (after a click of a broadcast)',
			},
			excludeMachineOption,
			{
				displayName: 'Include Raw Figures',
				name: 'includeRawFigures',
				type: 'boolean',
				default: false,
				description:
					'Whether to add raw (recipients, opened, clicked, converted and the rates with machine events included) next to the filtered figures',
			},
		],
	},
];

export const description = properties;

export async function execute(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[][]> {
	const node = this.getNode();
	const period = readPeriod.call(this);
	const options = this.getNodeParameter('options', 0, {}) as IDataObject;
	const input = await readEventInput.call(this, items, period.timezone);
	let rates: ReturnType<typeof engagementRates>;
	let bounds: ReturnType<typeof resolvePeriod>;
	try {
		bounds = resolvePeriod(period);
		rates = engagementRates(input.events, {
			...period,
			excludeMachine: options.excludeMachine !== false,
			machineFilter: readBotRules(this.getNodeParameter('botRules', 0, {}) as IDataObject),
			conversionTypes: options.conversionTypes as string[] | undefined,
			includeRawFigures: options.includeRawFigures === true,
		});
	} catch (error) {
		throw toNodeError(node, error as Error, itemOfLibraryError(error, input.itemOfEvent));
	}
	hintWhenPeriodLeavesOutAll.call(this, input.events, bounds, period);
	const summary: INodeExecutionData = {
		json: {
			...rates,
			periodFrom: isoOrNull(bounds.from, period.timezone),
			periodTo: isoOrNull(bounds.to, period.timezone),
		},
		pairedItem: pairedWith(new Set(input.itemOfEvent)),
	};
	return [[summary, ...input.errorItems]];
}
