import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import * as band from './actions/band/Band.resource';
import { outputsExpression } from './actions/band/bandOutputs';
import { router } from './actions/router';
import { loadOptions } from './methods';

export class AssignBand implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Assign Band',
		name: 'assignBand',
		icon: { light: 'file:assignBand.svg', dark: 'file:assignBand.dark.svg' },
		group: ['transform'],
		version: [1],
		subtitle: '={{ "method: " + $parameter["method"] }}',
		description:
			'Put scored contacts in bands (model band, relative to average, thresholds, quantiles), flag changes, route by band',
		defaults: { name: 'Assign Band' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: outputsExpression,
		properties: [...band.description],
	};

	methods = { loadOptions };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
