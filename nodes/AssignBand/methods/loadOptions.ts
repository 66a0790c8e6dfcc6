import type { ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';

import { BAND_LABEL_DEFAULTS, bandNamesFromParameters } from '../actions/band/bandOutputs';

/** The bands the current settings can produce (a model's labels, the renamed average bands, your ranges). */
export async function getBandNames(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const parameters = this.getCurrentNodeParameters() ?? {};
	return bandNamesFromParameters(parameters, BAND_LABEL_DEFAULTS).map((name) => ({
		name,
		value: name,
	}));
}
