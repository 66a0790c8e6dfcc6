import type { INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import * as band from './band/Band.resource';
import { outputsExpression } from './band/bandOutputs';

export const versionDescription: INodeTypeDescription = {
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
